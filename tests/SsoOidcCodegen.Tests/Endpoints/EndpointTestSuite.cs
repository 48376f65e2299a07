namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using SsoOidcCodegen.Tests.Infrastructure;

/// <summary>
/// The endpoint test files (<c>&lt;service&gt;.endpoint-tests-1.json</c>) beside their rule sets
/// (<c>&lt;service&gt;.endpoint-rule-set-1.json</c>) in <c>AWS_ENDPOINT_TESTS_DIR</c> (default <c>../shared/aws/endpoints</c>).
/// </summary>
internal static class EndpointTestSuite
{
    public const string DirectoryVariable = "AWS_ENDPOINT_TESTS_DIR";
    public const string DefaultUnderShared = "aws/endpoints";
    public const string NextDirectoryVariable = "AWS_NEXT_ENDPOINT_TESTS_DIR";
    public const string NextDefaultUnderShared = "aws/next/endpoints";
    public const string RuleSetSuffix = ".endpoint-rule-set-1.json";
    public const string TestsSuffix = ".endpoint-tests-1.json";

    private static readonly ConcurrentDictionary<string, IReadOnlyList<EndpointTestCase>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The reference directory, or null when it is missing.</summary>
    public static string? Directory => ReferenceData.TryGet(DirectoryVariable, DefaultUnderShared);

    /// <summary>Why data-driven tests skip when the directory is missing.</summary>
    public static string MissingMessage =>
        $"Reference data directory for endpoint tests is missing: set {DirectoryVariable} (default ../shared/{DefaultUnderShared}).";

    /// <summary>The rule sets of the services added with the query, ec2, rest-xml and CBOR protocols, or null when missing.</summary>
    public static string? NextDirectory => ReferenceData.TryGet(NextDirectoryVariable, NextDefaultUnderShared);

    /// <summary>Why data-driven tests over <see cref="NextDirectory"/> skip when it is missing.</summary>
    public static string NextMissingMessage =>
        $"Reference data directory for endpoint tests is missing: set {NextDirectoryVariable} (default ../shared/{NextDefaultUnderShared}).";

    /// <summary>Services that have both a rule set and a tests file, in ordinal order.</summary>
    public static IReadOnlyList<string> Services(string directory) =>
        System.IO.Directory.GetFiles(directory, "*" + RuleSetSuffix)
            .Select(path => Path.GetFileName(path)[..^RuleSetSuffix.Length])
            .Where(service => File.Exists(Path.Combine(directory, service + TestsSuffix)))
            .OrderBy(service => service, StringComparer.Ordinal)
            .ToList();

    public static string RuleSetPath(string directory, string service) => Path.Combine(directory, service + RuleSetSuffix);

    public static string TestsPath(string directory, string service) => Path.Combine(directory, service + TestsSuffix);

    /// <summary>The cases of a tests file, in file order (loaded once).</summary>
    public static IReadOnlyList<EndpointTestCase> Cases(string testsPath) => Loaded.GetOrAdd(Path.GetFullPath(testsPath), Load);

    /// <summary>
    /// Display names <c>&lt;label&gt;:&lt;documentation&gt;</c>; when a file repeats a documentation string, the repeats
    /// get <c> (case N)</c> so that every row can be told apart.
    /// </summary>
    public static IReadOnlyList<string> DisplayNames(string label, IReadOnlyList<EndpointTestCase> cases)
    {
        var counts = cases.GroupBy(testCase => testCase.Documentation, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        return cases
            .Select((testCase, index) => label + ":" + testCase.Documentation + (counts[testCase.Documentation] > 1 ? $" (case {index})" : string.Empty))
            .ToList();
    }

    private static IReadOnlyList<EndpointTestCase> Load(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new List<EndpointTestCase>();
        foreach (JsonElement testCase in document.RootElement.GetProperty("testCases").EnumerateArray())
        {
            var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (testCase.TryGetProperty("params", out JsonElement paramsElement))
            {
                foreach (JsonProperty parameter in paramsElement.EnumerateObject())
                {
                    parameters.Add(parameter.Name, parameter.Value.Clone());
                }
            }

            JsonElement expect = testCase.GetProperty("expect");
            bool hasOperationInputs = testCase.TryGetProperty("operationInputs", out JsonElement operationInputs) && operationInputs.GetArrayLength() > 0;
            string documentation = testCase.TryGetProperty("documentation", out JsonElement doc) ? doc.GetString() ?? string.Empty : string.Empty;
            if (expect.TryGetProperty("error", out JsonElement error))
            {
                cases.Add(new EndpointTestCase(documentation, parameters, null, null, null, error.GetString()) { HasOperationInputs = hasOperationInputs });
                continue;
            }

            JsonElement endpoint = expect.GetProperty("endpoint");
            cases.Add(new EndpointTestCase(
                documentation,
                parameters,
                endpoint.GetProperty("url").GetString(),
                endpoint.TryGetProperty("headers", out JsonElement headers) ? JsonNode.Parse(headers.GetRawText()) : new JsonObject(),
                endpoint.TryGetProperty("properties", out JsonElement properties) ? JsonNode.Parse(properties.GetRawText()) : new JsonObject(),
                null) { HasOperationInputs = hasOperationInputs });
        }

        return cases;
    }
}

/// <summary>One endpoint test case: parameters, then either the expected endpoint (URL, headers, properties) or error message.</summary>
internal sealed record EndpointTestCase(
    string Documentation,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    string? ExpectedUrl,
    JsonNode? ExpectedHeaders,
    JsonNode? ExpectedProperties,
    string? ExpectedError)
{
    /// <summary>
    /// Whether the case also lists <c>operationInputs</c> (calls through a client whose endpoint parameters come from
    /// the request and the operation's context parameters); here only the parameters given run through the resolver.
    /// </summary>
    public bool HasOperationInputs { get; init; }
}

namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using SsoOidcCodegen.Runtime.Endpoints;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The endpoint rule-set conformance suite: every reference rule set is compiled to C#, built with Roslyn and
/// loaded, and every case of its tests file runs as its own row (<c>&lt;service&gt;:&lt;documentation&gt;</c>).
/// Our own SSO OIDC rule set in <c>model/</c> must pass the reference SSO OIDC cases too.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class EndpointRuleSetConformanceTests
{
    private const string OwnSsoOidcRuleSet = "model/sso-oidc-2019-06-10.endpoint-rule-set.json";
    private const string OwnSsoOidcLabel = "model/sso-oidc";

    public static IEnumerable<TheoryDataRow<string>> ReferenceServices()
    {
        string? directory = EndpointTestSuite.Directory;
        if (directory is null)
        {
            yield return new TheoryDataRow<string>("(none)") { Skip = EndpointTestSuite.MissingMessage };
            yield break;
        }

        foreach (string service in EndpointTestSuite.Services(directory))
        {
            yield return new TheoryDataRow<string>(service) { TestDisplayName = service + ": compiles without diagnostics" };
        }
    }

    public static IEnumerable<TheoryDataRow<string, int>> ReferenceCases()
    {
        string? directory = EndpointTestSuite.Directory;
        if (directory is null)
        {
            yield return new TheoryDataRow<string, int>("(none)", -1) { Skip = EndpointTestSuite.MissingMessage };
            yield break;
        }

        foreach (string service in EndpointTestSuite.Services(directory))
        {
            IReadOnlyList<EndpointTestCase> cases = EndpointTestSuite.Cases(EndpointTestSuite.TestsPath(directory, service));
            IReadOnlyList<string> names = EndpointTestSuite.DisplayNames(service, cases);
            for (int i = 0; i < cases.Count; i++)
            {
                yield return new TheoryDataRow<string, int>(service, i) { TestDisplayName = names[i] };
            }
        }
    }

    public static IEnumerable<TheoryDataRow<int>> OwnSsoOidcCases()
    {
        string? directory = EndpointTestSuite.Directory;
        if (directory is null)
        {
            yield return new TheoryDataRow<int>(-1) { Skip = EndpointTestSuite.MissingMessage };
            yield break;
        }

        IReadOnlyList<EndpointTestCase> cases = EndpointTestSuite.Cases(EndpointTestSuite.TestsPath(directory, "sso-oidc"));
        IReadOnlyList<string> names = EndpointTestSuite.DisplayNames(OwnSsoOidcLabel, cases);
        for (int i = 0; i < cases.Count; i++)
        {
            yield return new TheoryDataRow<int>(i) { TestDisplayName = names[i] };
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceServices))]
    public void Reference_rule_set_compiles_to_csharp_that_builds_without_any_diagnostic(string service)
    {
        string directory = EndpointTestSuite.Directory!;
        CompiledEndpointResolver resolver = CompiledEndpointResolver.For(EndpointTestSuite.RuleSetPath(directory, service), service);

        Assert.True(resolver.Generation.Diagnostics.Count == 0 && resolver.CompilerDiagnostics.IsEmpty, resolver.DescribeProblems());
        Assert.True(resolver.IsLoaded);
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Compiled_reference_rule_set_resolves_the_expected_endpoint_or_error(string service, int caseIndex)
    {
        string directory = EndpointTestSuite.Directory!;
        EndpointTestCase testCase = EndpointTestSuite.Cases(EndpointTestSuite.TestsPath(directory, service))[caseIndex];
        CompiledEndpointResolver resolver = CompiledEndpointResolver.For(EndpointTestSuite.RuleSetPath(directory, service), service);

        AssertOutcome(resolver, testCase);
    }

    [Fact]
    public void Own_sso_oidc_rule_set_compiles_to_csharp_that_builds_without_any_diagnostic()
    {
        CompiledEndpointResolver resolver = CompiledEndpointResolver.For(Path.Combine(ReferenceData.RepoRoot, OwnSsoOidcRuleSet), "sso-oidc-model");

        Assert.True(resolver.Generation.Diagnostics.Count == 0 && resolver.CompilerDiagnostics.IsEmpty, resolver.DescribeProblems());
        Assert.True(resolver.IsLoaded);
    }

    [Theory]
    [MemberData(nameof(OwnSsoOidcCases))]
    public void Own_sso_oidc_rule_set_resolves_every_reference_sso_oidc_case(int caseIndex)
    {
        string directory = EndpointTestSuite.Directory!;
        EndpointTestCase testCase = EndpointTestSuite.Cases(EndpointTestSuite.TestsPath(directory, "sso-oidc"))[caseIndex];
        CompiledEndpointResolver resolver = CompiledEndpointResolver.For(Path.Combine(ReferenceData.RepoRoot, OwnSsoOidcRuleSet), "sso-oidc-model");

        AssertOutcome(resolver, testCase);
    }

    internal static void AssertOutcome(CompiledEndpointResolver resolver, EndpointTestCase testCase)
    {
        AwsEndpoint endpoint;
        try
        {
            endpoint = resolver.Resolve(testCase.Parameters);
        }
        catch (EndpointResolutionException exception)
        {
            Assert.True(testCase.ExpectedError is not null, $"Expected the endpoint {testCase.ExpectedUrl} but resolution failed: {exception.Message}");
            Assert.Equal(testCase.ExpectedError, exception.Message);
            return;
        }

        Assert.True(testCase.ExpectedError is null, $"Expected the error \"{testCase.ExpectedError}\" but resolved {endpoint}");
        Assert.Equal(testCase.ExpectedUrl, endpoint.Url);
        AssertJsonEqual(testCase.ExpectedHeaders!, HeadersAsJson(endpoint), "headers");
        AssertJsonEqual(testCase.ExpectedProperties!, PropertiesAsJson(endpoint), "properties");
    }

    private static void AssertJsonEqual(JsonNode expected, JsonNode actual, string what) =>
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"The endpoint {what} differ.{Environment.NewLine}Expected: {expected.ToJsonString()}{Environment.NewLine}Actual:   {actual.ToJsonString()}");

    private static JsonNode HeadersAsJson(AwsEndpoint endpoint)
    {
        var headers = new JsonObject();
        foreach ((string name, IReadOnlyList<string> values) in endpoint.Headers)
        {
            headers.Add(name, new JsonArray(values.Select(value => (JsonNode?)JsonValue.Create(value)).ToArray()));
        }

        return headers;
    }

    private static JsonNode PropertiesAsJson(AwsEndpoint endpoint) =>
        JsonNode.Parse(EndpointValue.ObjectOf(endpoint.Properties.Select(property => (property.Key, property.Value)).ToArray()).ToJsonString())!;
}

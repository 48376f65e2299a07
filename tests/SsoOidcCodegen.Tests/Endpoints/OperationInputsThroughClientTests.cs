namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Endpoints;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Every endpoint test case that lists <c>operationInputs</c> (S3 and STS in <c>AWS_NEXT_ENDPOINT_TESTS_DIR</c>), run
/// through a client generated from the matching model in <c>AWS_NEXT_MODELS_DIR</c> with its rule set: the built-ins
/// become options, the operation parameters a request, and a capturing handler keeps the request the client actually
/// sends (nothing reaches a network). The sent URL must sit under the expected endpoint URL, the endpoint's headers must
/// be on it, and the first listed auth scheme the client implements must have signed it: for <c>sigv4</c> the Authorization
/// header's credential scope names its signing region and name, for <c>sigv4a</c> the region-free scope and the region set in
/// <c>X-Amz-Region-Set</c>. An expected error must be the rules' error, thrown before
/// anything is sent. Each case is its own row; a case that lists only schemes the client does not implement
/// (<c>sigv4-s3express</c>) must be refused with <see cref="AwsAuthSchemeNotSupportedException"/> naming the first, before sending.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class OperationInputsThroughClientTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> Builds = new(StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, string> ModelFiles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["s3"] = "s3-2006-03-01.json",
        ["sts"] = "sts-2011-06-15.json",
    };

    public static IEnumerable<TheoryDataRow<string, int, int>> Cases()
    {
        string? endpoints = EndpointTestSuite.NextDirectory;
        string? models = ReferenceData.TryGet("AWS_NEXT_MODELS_DIR", "aws/next/models");
        if (endpoints is null || models is null)
        {
            yield return new TheoryDataRow<string, int, int>("(none)", -1, -1)
            {
                Skip = endpoints is null ? EndpointTestSuite.NextMissingMessage : "AWS_NEXT_MODELS_DIR is not set and ../shared/aws/next/models is missing",
            };
            yield break;
        }

        foreach (string service in ModelFiles.Keys)
        {
            IReadOnlyList<EndpointTestCase> cases = EndpointTestSuite.Cases(EndpointTestSuite.TestsPath(endpoints, service));
            IReadOnlyList<string> names = EndpointTestSuite.DisplayNames("next/" + service, cases);
            List<JsonElement> raw = RawCases(service);
            for (int i = 0; i < raw.Count; i++)
            {
                if (!raw[i].TryGetProperty("operationInputs", out JsonElement inputs))
                {
                    continue;
                }

                for (int j = 0; j < inputs.GetArrayLength(); j++)
                {
                    string operation = inputs[j].GetProperty("operationName").GetString()!;
                    yield return new TheoryDataRow<string, int, int>(service, i, j) { TestDisplayName = $"{names[i]} [{operation} through the client]" };
                }
            }
        }
    }

    [Fact]
    public void S3_and_STS_list_the_operationInputs_cases_this_test_runs()
    {
        // The counts the task names: a suite that lost its operationInputs would otherwise pass with no rows.
        Assert.Equal(215, RawCases("s3").Count(c => c.TryGetProperty("operationInputs", out _)));
        Assert.Equal(18, RawCases("sts").Count(c => c.TryGetProperty("operationInputs", out _)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_sent_by_the_generated_client_matches_the_expected_endpoint(string service, int caseIndex, int inputIndex)
    {
        JsonElement testCase = RawCases(service)[caseIndex];
        JsonElement input = testCase.GetProperty("operationInputs")[inputIndex];
        JsonElement expect = testCase.GetProperty("expect");
        Assembly client = Build(service);

        var capture = new CapturingHandler();
        AwsClientOptions options = Options(input, capture);
        string operation = input.GetProperty("operationName").GetString()!;
        Exception? thrown = await CallAsync(client, operation, input, options);

        if (expect.TryGetProperty("error", out JsonElement error))
        {
            Assert.Null(capture.Request);
            EndpointResolutionException refused = Assert.IsType<EndpointResolutionException>(thrown, exactMatch: false);
            Assert.Equal(error.GetString(), refused.Message);
            return;
        }

        JsonElement endpoint = expect.GetProperty("endpoint");
        List<JsonElement> schemes = AuthSchemes(endpoint);
        JsonElement? chosen = schemes.Cast<JsonElement?>().FirstOrDefault(e => SupportedSchemes.Contains(e!.Value.GetProperty("name").GetString()!));
        if (schemes.Count > 0 && chosen is null)
        {
            // Only schemes the client does not implement (sigv4-s3express needs a CreateSession token): refused before sending, by name.
            Assert.Null(capture.Request);
            AwsAuthSchemeNotSupportedException unsupported = Assert.IsType<AwsAuthSchemeNotSupportedException>(thrown);
            Assert.Equal(schemes[0].GetProperty("name").GetString(), unsupported.Scheme);
            return;
        }

        Assert.True(thrown is CapturedRequestException, $"expected the request to be sent, got {thrown}");
        HttpRequestMessage sent = capture.Request!;
        var expected = new Uri(endpoint.GetProperty("url").GetString()!);
        Assert.Equal(expected.Scheme, sent.RequestUri!.Scheme);

        // The operation's hostPrefix (S3 WriteGetObjectResponse: '{RequestRoute}.') goes before the endpoint's host, as in every SDK (host names compare without case).
        Assert.Equal(HostPrefix(service, operation, input) + expected.Authority, sent.RequestUri.Authority, ignoreCase: true);
        string expectedPath = expected.AbsolutePath.TrimEnd('/');
        Assert.True(
            sent.RequestUri.AbsolutePath == expectedPath || sent.RequestUri.AbsolutePath.StartsWith(expectedPath + "/", StringComparison.Ordinal),
            $"sent path '{sent.RequestUri.AbsolutePath}' is not under the endpoint's '{expected.AbsolutePath}'");

        if (endpoint.TryGetProperty("headers", out JsonElement headers))
        {
            foreach (JsonProperty header in headers.EnumerateObject())
            {
                Assert.True(sent.Headers.TryGetValues(header.Name, out IEnumerable<string>? values), $"header {header.Name} was not sent");
                Assert.Equal(string.Join(",", header.Value.EnumerateArray().Select(v => v.GetString())), string.Join(",", values));
            }
        }

        if (chosen is { } scheme && scheme.GetProperty("name").GetString() == "sigv4")
        {
            JsonElement schemeElement = scheme;
            string authorization = sent.Headers.NonValidated.TryGetValues("Authorization", out HeaderStringValues signed) ? signed.ToString() : string.Empty;
            string date = sent.Headers.GetValues("X-Amz-Date").Single()[..8];
            string region = schemeElement.TryGetProperty("signingRegion", out JsonElement r) ? r.GetString()! : options.Region!;
            string name = schemeElement.GetProperty("signingName").GetString()!;
            Assert.Contains($"Credential={AccessKey}/{date}/{region}/{name}/aws4_request,", authorization, StringComparison.Ordinal);
        }

        if (chosen is { } v4a && v4a.GetProperty("name").GetString() == "sigv4a")
        {
            // SigV4a: the scope has no region; the region set travels (signed) in X-Amz-Region-Set.
            string authorization = sent.Headers.NonValidated.TryGetValues("Authorization", out HeaderStringValues signed) ? signed.ToString() : string.Empty;
            string date = sent.Headers.GetValues("X-Amz-Date").Single()[..8];
            string name = v4a.GetProperty("signingName").GetString()!;
            Assert.StartsWith($"AWS4-ECDSA-P256-SHA256 Credential={AccessKey}/{date}/{name}/aws4_request,", authorization, StringComparison.Ordinal);
            string set = string.Join(",", v4a.GetProperty("signingRegionSet").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(set, string.Join(",", sent.Headers.GetValues("X-Amz-Region-Set")));
            Assert.Contains("x-amz-region-set", authorization, StringComparison.Ordinal);
        }
    }

    /// <summary>The auth schemes the client signs with; the others must be refused when the endpoint lists nothing else.</summary>
    private static readonly HashSet<string> SupportedSchemes = new(StringComparer.Ordinal) { "sigv4", "sigv4a" };

    private static List<JsonElement> AuthSchemes(JsonElement endpoint) =>
        endpoint.TryGetProperty("properties", out JsonElement properties) && properties.TryGetProperty("authSchemes", out JsonElement schemes)
            ? schemes.EnumerateArray().ToList()
            : [];

    /// <summary>The model's hostPrefix of the operation with its labels filled from the operation parameters; empty when it has none.</summary>
    private static string HostPrefix(string service, string operation, JsonElement input)
    {
        string modelPath = Path.Combine(ReferenceData.Require("AWS_NEXT_MODELS_DIR", "aws/next/models"), ModelFiles[service]);
        using JsonDocument model = JsonDocument.Parse(File.ReadAllText(modelPath));
        if (!model.RootElement.GetProperty("operations").GetProperty(operation).TryGetProperty("endpoint", out JsonElement endpoint)
            || !endpoint.TryGetProperty("hostPrefix", out JsonElement prefix))
        {
            return string.Empty;
        }

        string text = prefix.GetString()!;
        if (input.TryGetProperty("operationParams", out JsonElement parameters))
        {
            foreach (JsonProperty parameter in parameters.EnumerateObject())
            {
                text = text.Replace("{" + parameter.Name + "}", parameter.Value.GetString(), StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static AwsClientOptions Options(JsonElement input, CapturingHandler handler)
    {
        var options = new AwsClientOptions
        {
            Credentials = new StaticCredentialsProvider(AccessKey, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            HttpClient = new HttpClient(handler),
            ValidateRequests = false,
            Retry = new SsoOidcCodegen.Runtime.Retry.RetryOptions { MaxAttempts = 1 },
        };
        if (input.TryGetProperty("builtInParams", out JsonElement builtIns))
        {
            foreach (JsonProperty builtIn in builtIns.EnumerateObject())
            {
                JsonElement v = builtIn.Value;
                switch (builtIn.Name)
                {
                    case "AWS::Region": options.Region = v.GetString(); break;
                    case "AWS::UseFIPS": options.UseFips = v.GetBoolean(); break;
                    case "AWS::UseDualStack": options.UseDualStack = v.GetBoolean(); break;
                    case "SDK::Endpoint": options.ServiceUrl = new Uri(v.GetString()!); break;
                    case "AWS::S3::ForcePathStyle": options.ForcePathStyle = v.GetBoolean(); break;
                    case "AWS::S3::Accelerate": options.UseAccelerateEndpoint = v.GetBoolean(); break;
                    case "AWS::S3::UseArnRegion": options.UseArnRegion = v.GetBoolean(); break;
                    case "AWS::S3::DisableMultiRegionAccessPoints": options.DisableMultiRegionAccessPoints = v.GetBoolean(); break;
                    case "AWS::S3::UseGlobalEndpoint" or "AWS::STS::UseGlobalEndpoint": options.UseGlobalEndpoint = v.GetBoolean(); break;
                    default: throw new InvalidOperationException($"The test does not map the built-in {builtIn.Name} to an option.");
                }
            }
        }

        if (input.TryGetProperty("clientParams", out JsonElement clientParams))
        {
            foreach (JsonProperty parameter in clientParams.EnumerateObject())
            {
                options.ClientContextParameters[parameter.Name] = parameter.Value.ValueKind switch
                {
                    JsonValueKind.True or JsonValueKind.False => parameter.Value.GetBoolean(),
                    _ => parameter.Value.GetString()!,
                };
            }
        }

        return options;
    }

    /// <summary>Calls the operation; returns what it threw (the capturing handler always throws once the request is sent).</summary>
    private static async Task<Exception?> CallAsync(Assembly assembly, string operation, JsonElement input, AwsClientOptions options)
    {
        Type clientType = assembly.GetTypes().Single(t => t.IsClass && !t.IsAbstract && typeof(AwsClient).IsAssignableFrom(t));
        MethodInfo method = clientType.GetMethod(operation + "Async") ?? throw new InvalidOperationException($"{clientType.Name} has no {operation}Async.");
        Type requestType = method.GetParameters()[0].ParameterType;
        object request = Activator.CreateInstance(requestType)!;
        if (input.TryGetProperty("operationParams", out JsonElement parameters))
        {
            foreach (JsonProperty parameter in parameters.EnumerateObject())
            {
                PropertyInfo property = requestType.GetProperty(parameter.Name) ?? throw new InvalidOperationException($"{requestType.Name} has no {parameter.Name}.");
                property.SetValue(request, parameter.Value.ValueKind switch
                {
                    JsonValueKind.True or JsonValueKind.False => parameter.Value.GetBoolean(),
                    JsonValueKind.String when property.PropertyType == typeof(string) => parameter.Value.GetString(),
                    _ => throw new InvalidOperationException($"The test does not set {parameter.Name} from {parameter.Value.ValueKind}."),
                });
            }
        }

        using var client = (AwsClient)Activator.CreateInstance(clientType, options)!;
        try
        {
            await (Task)method.Invoke(client, [request, CancellationToken.None])!;
            return null;
        }
        catch (Exception exception)
        {
            return exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
        }
    }

    private static List<JsonElement> RawCases(string service)
    {
        // Skips, naming the variable, when the directory is missing (a Fact has no member data to carry the skip).
        string directory = ReferenceData.Require(EndpointTestSuite.NextDirectoryVariable, EndpointTestSuite.NextDefaultUnderShared);
        string path = EndpointTestSuite.TestsPath(directory, service);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("testCases").EnumerateArray().Select(c => c.Clone()).ToList();
    }

    private static Assembly Build(string service) =>
        Builds.GetOrAdd(service, s => new Lazy<Assembly>(() => Compile(s), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static Assembly Compile(string service)
    {
        string modelPath = Path.Combine(ReferenceData.Require("AWS_NEXT_MODELS_DIR", "aws/next/models"), ModelFiles[service]);
        string ruleSetPath = EndpointTestSuite.RuleSetPath(EndpointTestSuite.NextDirectory!, service);
        var files = new List<ModelFile>
        {
            new(modelPath, File.ReadAllText(modelPath), Namespace: "OperationInputs." + service, ClientName: "Client"),
            new(ruleSetPath, File.ReadAllText(ruleSetPath), "EndpointRuleSet", ModelPath: modelPath),
        };
        GeneratorRun run = GeneratorHarness.Run(files);
        List<Diagnostic> errors = run.GeneratorDiagnostics.Concat(run.Compilation.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{service} does not generate:\n{GeneratorRun.Describe(errors)}");
        }

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = run.Compilation.Emit(image);
        Assert.True(result.Success, GeneratorRun.Describe(result.Diagnostics));
        image.Position = 0;
        return TestAssemblies.Load("operationInputs " + service, image);
    }

    /// <summary>Keeps the first request and ends the call: nothing goes to a network.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request ??= request;
            throw new CapturedRequestException();
        }
    }

    private sealed class CapturedRequestException : Exception
    {
        public CapturedRequestException()
            : base("The request was captured.")
        {
        }
    }
}

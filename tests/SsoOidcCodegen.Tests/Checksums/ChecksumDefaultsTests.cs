namespace SsoOidcCodegen.Tests.Checksums;

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Checksums;
using SsoOidcCodegen.Tests.Infrastructure;
using SsoOidcCodegen.Tests.Integration;
using Xunit;
using static SsoOidcCodegen.Tests.Pipeline.StreamingBodyTests;

/// <summary>
/// The AWS SDKs' checksum defaults (2025) through a client generated from a synthetic rest-json model shaped like S3's
/// (an algorithm member bound to <c>x-amz-sdk-checksum-algorithm</c>, a caller's own <c>x-amz-checksum-crc32</c> member,
/// a validation mode member bound to <c>x-amz-checksum-mode</c>): <c>RequestChecksumCalculation</c> and
/// <c>ResponseChecksumValidation</c> from the option, <c>AWS_REQUEST_CHECKSUM_CALCULATION</c> /
/// <c>AWS_RESPONSE_CHECKSUM_VALIDATION</c>, or the shared config file, <c>WhenSupported</c> by default.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class ChecksumDefaultsTests
{
    private const string Model = """
        {
          "metadata": { "protocol": "rest-json", "serviceId": "Demo", "apiVersion": "2024-01-01", "endpointPrefix": "demo", "signatureVersion": "v4" },
          "operations": {
            "Put": {
              "http": { "method": "PUT", "requestUri": "/put" },
              "httpChecksum": { "requestAlgorithmMember": "Algo", "requestChecksumRequired": false },
              "input": { "shape": "PutRequest" }
            },
            "PutRequired": {
              "http": { "method": "PUT", "requestUri": "/required" },
              "httpChecksum": { "requestAlgorithmMember": "Algo", "requestChecksumRequired": true },
              "input": { "shape": "PutRequest" }
            },
            "Get": {
              "http": { "method": "GET", "requestUri": "/get" },
              "httpChecksum": { "requestValidationModeMember": "Mode", "responseAlgorithms": ["CRC32", "SHA256"] },
              "input": { "shape": "GetRequest" },
              "output": { "shape": "GetResponse" }
            }
          },
          "shapes": {
            "PutRequest": { "type": "structure", "members": {
              "Algo": { "shape": "Algorithm", "location": "header", "locationName": "x-amz-sdk-checksum-algorithm" },
              "Crc32": { "shape": "Text", "location": "header", "locationName": "x-amz-checksum-crc32" },
              "Data": { "shape": "Text" } } },
            "GetRequest": { "type": "structure", "members": { "Mode": { "shape": "Mode", "location": "header", "locationName": "x-amz-checksum-mode" } } },
            "GetResponse": { "type": "structure", "members": { "Data": { "shape": "Text" } } },
            "Algorithm": { "type": "string", "enum": ["CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME", "SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128"] },
            "Mode": { "type": "string", "enum": ["ENABLED"] },
            "Text": { "type": "string" }
          }
        }
        """;

    private static readonly Lazy<Assembly> Client = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    [Fact]
    public async Task By_default_an_operation_with_an_algorithm_member_left_unset_sends_CRC32_and_names_it()
    {
        ReceivedRequest sent = await PutAsync("Put", new AwsClientOptions());

        Assert.Equal("CRC32", sent.Header("x-amz-sdk-checksum-algorithm"));
        Assert.Equal(Crc32(sent.Body), sent.Header("x-amz-checksum-crc32"));
        Assert.Null(sent.Header("Content-MD5"));
    }

    [Fact]
    public async Task WhenRequired_sends_no_checksum_for_an_optional_one_left_unset()
    {
        ReceivedRequest sent = await PutAsync("Put", new AwsClientOptions { RequestChecksumCalculation = RequestChecksumCalculation.WhenRequired });

        Assert.DoesNotContain(sent.Headers, h => h.Key.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("x-amz-sdk-checksum-algorithm", StringComparison.OrdinalIgnoreCase));
        Assert.Null(sent.Header("Content-MD5"));
    }

    [Fact]
    public async Task WhenRequired_still_sends_CRC32_where_the_model_requires_a_checksum()
    {
        ReceivedRequest sent = await PutAsync("PutRequired", new AwsClientOptions { RequestChecksumCalculation = RequestChecksumCalculation.WhenRequired });

        Assert.Equal("CRC32", sent.Header("x-amz-sdk-checksum-algorithm"));
        Assert.Equal(Crc32(sent.Body), sent.Header("x-amz-checksum-crc32"));
    }

    [Fact]
    public async Task WhenRequired_computes_the_algorithm_the_caller_chose()
    {
        ReceivedRequest sent = await PutAsync("Put", new AwsClientOptions { RequestChecksumCalculation = RequestChecksumCalculation.WhenRequired }, algorithm: "SHA256");

        Assert.Equal("SHA256", sent.Header("x-amz-sdk-checksum-algorithm"));
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(sent.Body)), sent.Header("x-amz-checksum-sha256"));
        Assert.Null(sent.Header("x-amz-checksum-crc32"));
    }

    [Fact]
    public async Task A_checksum_the_caller_gives_in_its_member_is_sent_as_given_and_none_is_computed()
    {
        ReceivedRequest sent = await PutAsync("Put", new AwsClientOptions(), callerCrc32: "AAAAAA==");

        Assert.Equal("AAAAAA==", sent.Header("x-amz-checksum-crc32"));
        Assert.Null(sent.Header("x-amz-sdk-checksum-algorithm"));
        Assert.Single(sent.Headers, h => h.Key.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("when_required", null)]
    [InlineData("WHEN_REQUIRED", null)]
    [InlineData(null, "request_checksum_calculation = when_required")]
    public async Task The_environment_variable_or_the_profile_setting_chooses_WhenRequired(string? variable, string? configLine)
    {
        using var config = new TemporaryConfig(configLine);
        var options = new AwsClientOptions { EnvironmentVariables = config.Environment("AWS_REQUEST_CHECKSUM_CALCULATION", variable) };

        ReceivedRequest sent = await PutAsync("Put", options);

        Assert.Null(sent.Header("x-amz-checksum-crc32"));
        Assert.Null(sent.Header("x-amz-sdk-checksum-algorithm"));
    }

    [Fact]
    public async Task The_option_wins_over_the_environment_and_the_environment_over_the_profile()
    {
        using var config = new TemporaryConfig("request_checksum_calculation = when_required");
        var fromOption = new AwsClientOptions
        {
            RequestChecksumCalculation = RequestChecksumCalculation.WhenSupported,
            EnvironmentVariables = config.Environment("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required"),
        };
        var fromEnvironment = new AwsClientOptions { EnvironmentVariables = config.Environment("AWS_REQUEST_CHECKSUM_CALCULATION", "when_supported") };

        Assert.Equal("CRC32", (await PutAsync("Put", fromOption)).Header("x-amz-sdk-checksum-algorithm"));
        Assert.Equal("CRC32", (await PutAsync("Put", fromEnvironment)).Header("x-amz-sdk-checksum-algorithm"));
    }

    [Fact]
    public void A_value_that_is_neither_setting_fails_naming_its_source()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => ChecksumSettings.Resolve(null, null, null, name => name == "AWS_RESPONSE_CHECKSUM_VALIDATION" ? "sometimes" : null));

        Assert.Contains("AWS_RESPONSE_CHECKSUM_VALIDATION", error.Message, StringComparison.Ordinal);
        Assert.Contains("sometimes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_default_a_response_is_validated_without_ChecksumMode_and_the_mode_header_asks_for_the_checksum()
    {
        var handler = new ScriptedHandler(() => Answer("x-amz-checksum-crc32", Crc32("{\"Data\":\"other\"}"u8.ToArray())));

        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => GetAsync(new AwsClientOptions(), handler));

        AwsTransportException transport = Assert.IsType<AwsTransportException>(error);
        Assert.Equal("x-amz-checksum-crc32", Assert.IsType<AwsChecksumMismatchException>(transport.InnerException).Header);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("ENABLED", r.Header("x-amz-checksum-mode")));
    }

    [Fact]
    public async Task By_default_a_sound_response_passes_validation()
    {
        var handler = new ScriptedHandler(() => Answer("x-amz-checksum-sha256", Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(AnswerBody))));

        await GetAsync(new AwsClientOptions(), handler);

        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WhenRequired_validates_only_when_the_caller_enables_ChecksumMode(bool enabled)
    {
        using var config = new TemporaryConfig("response_checksum_validation = when_required");
        var handler = new ScriptedHandler(() => Answer("x-amz-checksum-crc32", Crc32("{\"Data\":\"other\"}"u8.ToArray())));
        var options = new AwsClientOptions { EnvironmentVariables = config.Environment("UNUSED", null) };

        Task call = GetAsync(options, handler, enabled ? "ENABLED" : null);

        if (enabled)
        {
            await Assert.ThrowsAsync<AwsTransportException>(() => call);
            Assert.Equal("ENABLED", handler.Requests[0].Header("x-amz-checksum-mode"));
        }
        else
        {
            await call;
            Assert.Null(Assert.Single(handler.Requests).Header("x-amz-checksum-mode"));
        }
    }

    private static readonly byte[] AnswerBody = "{\"Data\":\"answer\"}"u8.ToArray();

    private static HttpResponseMessage Answer(string header, string value)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(AnswerBody) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        response.Headers.TryAddWithoutValidation(header, value);
        return response;
    }

    private static string Crc32(byte[] data)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, System.IO.Hashing.Crc32.HashToUInt32(data));
        return Convert.ToBase64String(bytes);
    }

    private static async Task<ReceivedRequest> PutAsync(string operation, AwsClientOptions options, string? algorithm = null, string? callerCrc32 = null)
    {
        var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) });
        await CallAsync(operation, options, handler, request =>
        {
            Set(request, "Data", "a body to checksum");
            if (algorithm is not null)
            {
                Set(request, "Algo", algorithm);
            }

            if (callerCrc32 is not null)
            {
                Set(request, "Crc32", callerCrc32);
            }
        });
        return Assert.Single(handler.Requests);
    }

    private static Task GetAsync(AwsClientOptions options, ScriptedHandler handler, string? mode = null) =>
        CallAsync("Get", options, handler, request =>
        {
            if (mode is not null)
            {
                Set(request, "Mode", mode);
            }
        });

    private static async Task CallAsync(string operation, AwsClientOptions options, ScriptedHandler handler, Action<object> fill)
    {
        Type clientType = Client.Value.GetTypes().Single(t => t.Name == "DemoClient");
        options.Region = "us-east-1";
        options.ServiceUrl = new Uri("http://localhost/");
        options.Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "secret");
        options.HttpClient = new HttpClient(handler);
        options.RetryRandom = () => 0;
        using var client = (AwsClient)Activator.CreateInstance(clientType, options)!;
        MethodInfo method = clientType.GetMethod(operation + "Async", [clientType.Assembly.GetTypes().Single(t => t.Name == (operation == "Get" ? "GetRequest" : "PutRequest")), typeof(CancellationToken)])!;
        object request = Activator.CreateInstance(method.GetParameters()[0].ParameterType)!;
        fill(request);
        try
        {
            await (Task)method.Invoke(client, [request, CancellationToken.None])!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
        }
    }

    // A string member, or a string enum built from its string.
    private static void Set(object target, string name, string value)
    {
        PropertyInfo property = target.GetType().GetProperty(name)!;
        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        property.SetValue(target, type == typeof(string) ? value : Activator.CreateInstance(type, value));
    }

    private static Assembly Build()
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/demo.json", Model) });
        List<Diagnostic> problems = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Concat(run.CompileDiagnostics).ToList();
        Assert.True(problems.Count == 0, GeneratorRun.Describe(problems));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = run.Compilation.Emit(image);
        Assert.True(result.Success, GeneratorRun.Describe(result.Diagnostics));
        image.Position = 0;
        return TestAssemblies.Load("checksum defaults", image);
    }

    /// <summary>A shared config file with one <c>[default]</c> line (or none), and an environment that points at it.</summary>
    private sealed class TemporaryConfig : IDisposable
    {
        private readonly string path = Path.Combine(Path.GetTempPath(), "checksum-config-" + Guid.NewGuid().ToString("N"));

        public TemporaryConfig(string? line) => File.WriteAllText(path, line is null ? string.Empty : "[default]\n" + line + "\n");

        public Func<string, string?> Environment(string variable, string? value) => name =>
            name == variable ? value : name == "AWS_CONFIG_FILE" ? path : null;

        public void Dispose() => File.Delete(path);
    }
}

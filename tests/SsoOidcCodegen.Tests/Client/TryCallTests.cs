namespace SsoOidcCodegen.Tests.Client;

using System;
using System.Collections.Generic;
using System.Formats.Cbor;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The exception-free <c>TryXxxAsync</c> variant, for a synthetic service in every protocol: a modelled
/// error comes back as its typed exception with its members read, an unmodelled one as the service's base
/// exception, a success as the response; no exception is raised on the way (counted with first-chance
/// exceptions on the call's own async flow), and retryable errors are still retried inside the call.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class TryCallTests
{
    public static readonly TheoryData<string> Protocols = new() { "json", "rest-json", "query", "ec2", "rest-xml", "smithy-rpc-v2-cbor" };

    private const string Greeting = "hello there";
    private const string PendingMessage = "still waiting for the user";
    private const string PendingDetail = "detail-42";
    private const string RequestId = "req-7c1e";

    private static readonly Lazy<Assembly> Compiled = new(Compile, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Set on the async flow of the call under test, so that other tests' exceptions are not counted.</summary>
    private static readonly AsyncLocal<FlowCounter?> Counter = new();

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_modelled_error_comes_back_as_its_typed_exception_with_its_members_and_nothing_is_thrown(string protocol)
    {
        var handler = new CannedHandler(() => ErrorResponse(protocol, "Pending", PendingMessage, PendingDetail));

        (ProbeResult result, int thrown) = await CountingFirstChanceExceptions(() => Probe(protocol, "TryPingAsync", handler));

        Assert.False(result.Success);
        Assert.Null(result.Greeting);
        AwsServiceException error = Assert.IsAssignableFrom<AwsServiceException>(result.Error);
        Assert.Equal(Namespace(protocol) + ".Model.Pending", error.GetType().FullName);
        Assert.Equal("Pending", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(PendingMessage, error.Message);
        Assert.Equal(PendingDetail, result.Detail);
        Assert.Null(error.StackTrace);
        Assert.Equal(0, thrown);
        Assert.Equal(1, handler.Calls);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task The_throwing_variant_throws_the_same_typed_exception_for_the_same_answer(string protocol)
    {
        var handler = new CannedHandler(() => ErrorResponse(protocol, "Pending", PendingMessage, PendingDetail));

        (ProbeResult _, int thrown) = await CountingFirstChanceExceptions(async () =>
        {
            AwsServiceException error = await Assert.ThrowsAnyAsync<AwsServiceException>(() => Probe(protocol, "PingAsync", handler));
            Assert.Equal(Namespace(protocol) + ".Model.Pending", error.GetType().FullName);
            Assert.Equal(PendingMessage, error.Message);
            return new ProbeResult(false, null, error, null);
        });

        // The counter can see a throw: the throwing variant raises the error (at least once).
        Assert.True(thrown >= 1, $"{thrown} first-chance exceptions");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task An_unmodelled_error_comes_back_as_the_services_base_exception(string protocol)
    {
        var handler = new CannedHandler(() => ErrorResponse(protocol, "SomethingNew", "a new kind of error", null));

        (ProbeResult result, int thrown) = await CountingFirstChanceExceptions(() => Probe(protocol, "TryPingAsync", handler));

        Assert.False(result.Success);
        AwsServiceException error = Assert.IsAssignableFrom<AwsServiceException>(result.Error);
        Assert.Equal(Namespace(protocol) + ".ProbeException", error.GetType().FullName);
        Assert.Equal("SomethingNew", error.ErrorCode);
        Assert.Equal("a new kind of error", error.Message);
        Assert.Null(result.Detail);
        Assert.Equal(0, thrown);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_success_comes_back_as_the_response(string protocol)
    {
        var handler = new CannedHandler(() => SuccessResponse(protocol));

        (ProbeResult result, int thrown) = await CountingFirstChanceExceptions(() => Probe(protocol, "TryPingAsync", handler));

        Assert.True(result.Success);
        Assert.Null(result.Error);
        Assert.Equal(Greeting, result.Greeting);
        Assert.Equal(0, thrown);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_retryable_error_is_retried_inside_the_call_and_the_last_answer_is_the_result(string protocol)
    {
        var handler = new CannedHandler(() => ErrorResponse(protocol, "ServiceUnavailable", "busy", null, HttpStatusCode.ServiceUnavailable));

        ProbeResult result = await Probe(protocol, "TryPingWithRetriesAsync", handler);

        Assert.False(result.Success);
        Assert.Equal("ServiceUnavailable", result.Error!.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Error.StatusCode);
        Assert.Equal(3, handler.Calls);

        int calls = 0;
        var recovering = new CannedHandler(() => ++calls < 3
            ? ErrorResponse(protocol, "ServiceUnavailable", "busy", null, HttpStatusCode.ServiceUnavailable)
            : SuccessResponse(protocol));
        ProbeResult recovered = await Probe(protocol, "TryPingWithRetriesAsync", recovering);
        Assert.True(recovered.Success);
        Assert.Equal(Greeting, recovered.Greeting);
        Assert.Equal(3, recovering.Calls);
    }

    [Fact]
    public async Task TryCreateToken_while_authorization_is_pending_returns_AuthorizationPendingException_without_a_throw()
    {
        var handler = new CannedHandler(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.BadRequest);
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "AuthorizationPendingException");
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", RequestId);
            response.Content = Content("{\"error\":\"authorization_pending\",\"error_description\":\"" + PendingMessage + "\"}", "application/json");
            return response;
        });
        using var client = new SsoOidcCodegen.SsoOidc.SsoOidcClient(new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            Region = "us-east-1",
            Retry = new SsoOidcCodegen.Runtime.Retry.RetryOptions { MaxAttempts = 1 },
            HttpClient = new HttpClient(handler, disposeHandler: false),
        });
        var request = new SsoOidcCodegen.SsoOidc.Model.CreateTokenRequest { ClientId = "client", ClientSecret = "secret", GrantType = "urn:ietf:params:oauth:grant-type:device_code", DeviceCode = "device" };

        (AwsResult<SsoOidcCodegen.SsoOidc.Model.CreateTokenResponse> result, int thrown) = await CountingFirstChanceExceptions(() => client.TryCreateTokenAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal(0, thrown);
        Assert.True(result.TryGetError(out SsoOidcCodegen.SsoOidc.Model.AuthorizationPendingException? pending));
        Assert.Equal("authorization_pending", pending.Error);
        Assert.Equal(PendingMessage, pending.ErrorDescription);
        Assert.Equal(RequestId, pending.RequestId);
        Assert.IsType<SsoOidcCodegen.SsoOidc.Model.AuthorizationPendingException>(
            await Assert.ThrowsAnyAsync<AwsServiceException>(() => client.CreateTokenAsync(request, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_rest_xml_error_document_answered_with_200_comes_back_as_the_typed_error_without_a_throw()
    {
        // S3 answers CopyObject and a few others this way: a success status, an Error document as the body.
        var handler = new CannedHandler(() => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = Content($"<Error><Code>Pending</Code><Message>{PendingMessage}</Message><Detail>{PendingDetail}</Detail><RequestId>{RequestId}</RequestId></Error>", "application/xml"),
        });

        (ProbeResult result, int thrown) = await CountingFirstChanceExceptions(() => Probe("rest-xml", "TryPingAsync", handler));

        Assert.False(result.Success);
        Assert.Equal(Namespace("rest-xml") + ".Model.Pending", result.Error!.GetType().FullName);
        Assert.Equal(PendingMessage, result.Error.Message);
        Assert.Equal(PendingDetail, result.Detail);
        Assert.Equal(0, thrown);

        AwsServiceException thrownError = await Assert.ThrowsAnyAsync<AwsServiceException>(() => Probe("rest-xml", "PingAsync", handler));
        Assert.Equal(Namespace("rest-xml") + ".Model.Pending", thrownError.GetType().FullName);
    }

    [Fact]
    public async Task A_success_body_that_cannot_be_read_still_throws_from_the_try_variant()
    {
        var handler = new CannedHandler(() => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("{\"Greeting\": [1, 2", Encoding.UTF8, "application/x-amz-json-1.1"),
        });

        await Assert.ThrowsAsync<AwsUnmarshallingException>(() => Probe("json", "TryPingAsync", handler));
    }

    [Fact]
    public void A_try_name_another_operation_already_has_is_numbered_and_the_client_compiles()
    {
        // Ping's variant would be TryPingAsync, which the operation TryPing already owns (with the same input shape).
        JObject model = JObject.Parse(Model("json"));
        var operations = (JObject)model["operations"]!;
        var tryPing = (JObject)operations["Ping"]!.DeepClone();
        tryPing["name"] = "TryPing";
        operations["TryPing"] = tryPing;

        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("models/try-names.json", model.ToString(), Namespace: "TryNames", ClientName: "NamesClient") });

        Diagnostic[] problems = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Concat(run.CompileDiagnostics).ToArray();
        Assert.True(problems.Length == 0, GeneratorRun.Describe(problems));
        INamedTypeSymbol client = run.Compilation.GetTypeByMetadataName("TryNames.NamesClient")!;
        string[] methods = client.GetMembers().OfType<IMethodSymbol>().Where(m => m.DeclaredAccessibility == Accessibility.Public && m.MethodKind == MethodKind.Ordinary).Select(m => m.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "PingAsync", "TryPing2Async", "TryPingAsync", "TryTryPingAsync" }, methods);
        Assert.Equal("AwsResult", ((INamedTypeSymbol)((INamedTypeSymbol)client.GetMembers("TryPing2Async").OfType<IMethodSymbol>().Single().ReturnType).TypeArguments[0]).Name);
        Assert.Equal("PingOutput", ((INamedTypeSymbol)client.GetMembers("TryPingAsync").OfType<IMethodSymbol>().Single().ReturnType).TypeArguments[0].Name);
    }

    [Fact]
    public void AwsResult_gives_the_value_or_the_error_and_GetValueOrThrow_throws_the_error_object_itself()
    {
        var error = new AwsServiceException("no", "Nope", HttpStatusCode.Conflict, "r-1");
        AwsResult<string> failed = AwsResult<string>.Failure(error);
        AwsResult<string> succeeded = AwsResult<string>.Success("yes");

        Assert.False(failed.IsSuccess);
        Assert.Same(error, failed.Error);
        Assert.False(failed.TryGetValue(out _));
        Assert.True(failed.TryGetError(out AwsServiceException? got));
        Assert.Same(error, got);
        Assert.False(failed.TryGetError(out AwsUnmarshallingException? _));
        Assert.Same(error, Assert.Throws<AwsServiceException>(() => failed.GetValueOrThrow()));
        InvalidOperationException noValue = Assert.Throws<InvalidOperationException>(() => failed.Value);
        Assert.Same(error, noValue.InnerException);
        Assert.Contains("Nope (HTTP 409)", noValue.Message, StringComparison.Ordinal);
        Assert.Equal("failure", failed.Match(_ => "success", _ => "failure"));

        Assert.True(succeeded.IsSuccess);
        Assert.Null(succeeded.Error);
        Assert.True(succeeded.TryGetValue(out string? value));
        Assert.Equal("yes", value);
        Assert.False(succeeded.TryGetError(out AwsServiceException? _));
        Assert.Equal("yes", succeeded.GetValueOrThrow());
        Assert.Equal("success", succeeded.Match(_ => "success", _ => "failure"));
        Assert.Equal(AwsResult<string>.Success("yes"), succeeded);
        Assert.NotEqual(failed, succeeded);
        Assert.Throws<ArgumentNullException>(() => AwsResult<string>.Failure(null!));
    }

    /// <summary>Runs <paramref name="call"/> and counts the first-chance exceptions raised on its async flow.</summary>
    private static async Task<(T Result, int Thrown)> CountingFirstChanceExceptions<T>(Func<Task<T>> call)
    {
        var box = new FlowCounter();
        EventHandler<FirstChanceExceptionEventArgs> count = (_, _) =>
        {
            if (Counter.Value is { } mine)
            {
                Interlocked.Increment(ref mine.Count);
            }
        };
        AppDomain.CurrentDomain.FirstChanceException += count;
        try
        {
            Counter.Value = box;
            T result = await call();
            Counter.Value = null;
            return (result, Volatile.Read(ref box.Count));
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= count;
        }
    }

    private static async Task<ProbeResult> Probe(string protocol, string method, HttpMessageHandler handler)
    {
        Type calls = Compiled.Value.GetType(Namespace(protocol) + ".Probe.Calls", throwOnError: true)!;
        var task = (Task<(bool Success, string? Greeting, AwsServiceException? Error, string? Detail)>)calls.GetMethod(method)!.Invoke(null, new object[] { handler })!;
        (bool success, string? greeting, AwsServiceException? error, string? detail) = await task;
        return new ProbeResult(success, greeting, error, detail);
    }

    private static string Namespace(string protocol) => "TryCalls." + protocol switch
    {
        "json" => "Json",
        "rest-json" => "RestJson",
        "query" => "Query",
        "ec2" => "Ec2",
        "rest-xml" => "RestXml",
        _ => "Cbor",
    };

    private static Assembly Compile()
    {
        var models = new List<ModelFile>();
        var probes = new List<string>();
        foreach (string protocol in Protocols.Select(row => (string)row.Data))
        {
            models.Add(new ModelFile($"models/probe-{protocol}.json", Model(protocol), Namespace: Namespace(protocol), ClientName: "ProbeClient"));
            probes.Add(ProbeSource(Namespace(protocol)));
        }

        GeneratorRun run = GeneratorHarness.Run(models, probes.ToArray());
        Diagnostic[] problems = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Concat(run.CompileDiagnostics).ToArray();
        Assert.True(problems.Length == 0, GeneratorRun.Describe(problems));
        using var image = new MemoryStream();
        EmitResult emitted = run.Compilation.Emit(image);
        Assert.True(emitted.Success, GeneratorRun.Describe(emitted.Diagnostics));
        image.Position = 0;
        return TestAssemblies.Load("try-calls", image);
    }

    /// <summary>A client call as a user writes it, compiled with the generated client: only the generated API, typed.</summary>
    private static string ProbeSource(string ns) => $$"""
        namespace {{ns}}.Probe
        {
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using SsoOidcCodegen.Runtime;
            using SsoOidcCodegen.Runtime.Auth;
            using SsoOidcCodegen.Runtime.Retry;

            public static class Calls
            {
                public static Task<(bool Success, string? Greeting, AwsServiceException? Error, string? Detail)> TryPingAsync(HttpMessageHandler handler) => TryPing(handler, 1);

                public static Task<(bool Success, string? Greeting, AwsServiceException? Error, string? Detail)> TryPingWithRetriesAsync(HttpMessageHandler handler) => TryPing(handler, 3);

                public static async Task<(bool Success, string? Greeting, AwsServiceException? Error, string? Detail)> PingAsync(HttpMessageHandler handler)
                {
                    using var client = Client(handler, 1);
                    global::{{ns}}.Model.PingOutput output = await client.PingAsync(new global::{{ns}}.Model.PingInput { Name = "n" }).ConfigureAwait(false);
                    return new (true, output.Greeting, null, null);
                }

                private static async Task<(bool Success, string? Greeting, AwsServiceException? Error, string? Detail)> TryPing(HttpMessageHandler handler, int attempts)
                {
                    using var client = Client(handler, attempts);
                    IProbeClient calls = client;
                    AwsResult<global::{{ns}}.Model.PingOutput> result = await calls.TryPingAsync(new global::{{ns}}.Model.PingInput { Name = "n" }).ConfigureAwait(false);
                    string? detail = result.TryGetError(out global::{{ns}}.Model.Pending? pending) ? pending.Detail : null;
                    return new (result.IsSuccess, result.TryGetValue(out var output) ? output.Greeting : null, result.Error, detail);
                }

                private static ProbeClient Client(HttpMessageHandler handler, int attempts) => new(new AwsClientOptions
                {
                    ServiceUrl = new Uri("http://127.0.0.1:1"),
                    Region = "us-east-1",
                    Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                    Retry = new RetryOptions { MaxAttempts = attempts, Backoff = _ => TimeSpan.Zero },
                    HttpClient = new HttpClient(handler, disposeHandler: false),
                });
            }
        }
        """;

    /// <summary>One operation, Ping, with one modelled error, Pending (a message and a Detail member), in the protocol's own form.</summary>
    private static string Model(string protocol)
    {
        var metadata = new JObject
        {
            ["apiVersion"] = "2020-01-01",
            ["endpointPrefix"] = "probe",
            ["signingName"] = "probe",
            ["protocol"] = protocol,
            ["serviceId"] = "Probe",
            ["uid"] = "probe-2020-01-01",
            ["signatureVersion"] = "v4",
        };
        if (protocol is "json")
        {
            metadata["jsonVersion"] = "1.1";
        }

        if (protocol is "json" or "smithy-rpc-v2-cbor")
        {
            metadata["targetPrefix"] = "Probe_20200101";
        }

        if (protocol is "query" or "ec2" or "rest-xml")
        {
            metadata["xmlNamespace"] = "https://probe.example/doc/2020-01-01/";
        }

        var ping = new JObject
        {
            ["name"] = "Ping",
            ["http"] = new JObject { ["method"] = "POST", ["requestUri"] = protocol is "rest-json" or "rest-xml" ? "/ping" : "/" },
            ["input"] = new JObject { ["shape"] = "PingInput" },
            ["output"] = new JObject { ["shape"] = "PingOutput" },
            ["errors"] = new JArray(new JObject { ["shape"] = "Pending" }),
        };
        if (protocol == "query")
        {
            ping["output"]!["resultWrapper"] = "PingResult";
        }

        var model = new JObject
        {
            ["version"] = "2.0",
            ["metadata"] = metadata,
            ["operations"] = new JObject { ["Ping"] = ping },
            ["shapes"] = new JObject
            {
                ["PingInput"] = new JObject { ["type"] = "structure", ["members"] = new JObject { ["Name"] = new JObject { ["shape"] = "String" } } },
                ["PingOutput"] = new JObject { ["type"] = "structure", ["members"] = new JObject { ["Greeting"] = new JObject { ["shape"] = "String" } } },
                ["Pending"] = new JObject
                {
                    ["type"] = "structure",
                    ["members"] = new JObject { ["message"] = new JObject { ["shape"] = "String" }, ["Detail"] = new JObject { ["shape"] = "String" } },
                    ["error"] = new JObject { ["httpStatusCode"] = 400, ["senderFault"] = true },
                    ["exception"] = true,
                },
                ["String"] = new JObject { ["type"] = "string" },
            },
        };
        return model.ToString();
    }

    private static HttpResponseMessage SuccessResponse(string protocol)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", RequestId);
        response.Content = protocol switch
        {
            "json" => Content("{\"Greeting\":\"" + Greeting + "\"}", "application/x-amz-json-1.1"),
            "rest-json" => Content("{\"Greeting\":\"" + Greeting + "\"}", "application/json"),
            "query" => Content($"<PingResponse xmlns=\"https://probe.example/doc/2020-01-01/\"><PingResult><Greeting>{Greeting}</Greeting></PingResult><ResponseMetadata><RequestId>{RequestId}</RequestId></ResponseMetadata></PingResponse>", "text/xml"),
            "ec2" => Content($"<PingResponse xmlns=\"https://probe.example/doc/2020-01-01/\"><requestId>{RequestId}</requestId><Greeting>{Greeting}</Greeting></PingResponse>", "text/xml"),
            "rest-xml" => Content($"<PingOutput xmlns=\"https://probe.example/doc/2020-01-01/\"><Greeting>{Greeting}</Greeting></PingOutput>", "application/xml"),
            _ => Cbor(writer =>
            {
                writer.WriteStartMap(1);
                writer.WriteTextString("Greeting");
                writer.WriteTextString(Greeting);
                writer.WriteEndMap();
            }),
        };
        if (protocol == "smithy-rpc-v2-cbor")
        {
            response.Headers.TryAddWithoutValidation("smithy-protocol", "rpc-v2-cbor");
        }

        return response;
    }

    private static HttpResponseMessage ErrorResponse(string protocol, string code, string message, string? detail, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", RequestId);
        string detailJson = detail is null ? string.Empty : ",\"Detail\":\"" + detail + "\"";
        string detailXml = detail is null ? string.Empty : "<Detail>" + detail + "</Detail>";
        switch (protocol)
        {
            case "json":
                response.Content = Content("{\"__type\":\"com.example.probe#" + code + "\",\"message\":\"" + message + "\"" + detailJson + "}", "application/x-amz-json-1.1");
                break;
            case "rest-json":
                response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", code);
                response.Content = Content("{\"message\":\"" + message + "\"" + detailJson + "}", "application/json");
                break;
            case "query":
            case "rest-xml":
                response.Content = Content($"<ErrorResponse xmlns=\"https://probe.example/doc/2020-01-01/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message>{detailXml}</Error><RequestId>{RequestId}</RequestId></ErrorResponse>", "text/xml");
                break;
            case "ec2":
                response.Content = Content($"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message>{detailXml}</Error></Errors><RequestID>{RequestId}</RequestID></Response>", "text/xml");
                break;
            default:
                response.Headers.TryAddWithoutValidation("smithy-protocol", "rpc-v2-cbor");
                response.Content = Cbor(writer =>
                {
                    writer.WriteStartMap(detail is null ? 2 : 3);
                    writer.WriteTextString("__type");
                    writer.WriteTextString("com.example.probe#" + code);
                    writer.WriteTextString("message");
                    writer.WriteTextString(message);
                    if (detail is not null)
                    {
                        writer.WriteTextString("Detail");
                        writer.WriteTextString(detail);
                    }

                    writer.WriteEndMap();
                });
                break;
        }

        return response;
    }

    private static ByteArrayContent Content(string text, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static ByteArrayContent Cbor(Action<CborWriter> write)
    {
        var writer = new CborWriter();
        write(writer);
        var content = new ByteArrayContent(writer.Encode());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/cbor");
        return content;
    }

    /// <summary>What a probe call saw: success, the response's greeting, the error, and the modelled error's Detail member.</summary>
    private sealed record ProbeResult(bool Success, string? Greeting, AwsServiceException? Error, string? Detail);

    private sealed class FlowCounter
    {
        public int Count;
    }

    /// <summary>Answers every request with a fresh canned response and counts the requests.</summary>
    private sealed class CannedHandler(Func<HttpResponseMessage> respond) : HttpMessageHandler
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(respond());
        }
    }
}

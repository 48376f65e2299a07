namespace SsoOidcCodegen.Tests.Client;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Http;
using SsoOidcCodegen.Runtime.Protocols;
using SsoOidcCodegen.Runtime.Retry;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;
using SsoOidcCodegen.Tests.Conformance;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Whatever a service (or whatever sits in front of it) answers, a call ends, and ends in a result
/// or in one of the client's own exceptions: <see cref="AwsServiceException"/> and its subclasses,
/// <see cref="AwsTransportException"/>, <see cref="AwsTimeoutException"/>, or
/// <see cref="OperationCanceledException"/>.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class HostileResponseTests
{
    /// <summary>How many responses each fuzz test sends; <c>build.ps1 fuzz</c> raises it.</summary>
    private const string CasesVariable = "SSOOIDC_FUZZ_RESPONSE_CASES";
    private const int BaseSeed = 15_003;
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper output;

    public HostileResponseTests(ITestOutputHelper output) => this.output = output;

    /// <summary>The client families of the response fuzz: the suite files whose clients stand for each.</summary>
    public static readonly TheoryData<string> Families = new() { "restJson", "awsJson", "restXml", "awsQuery", "ec2Query", "rpcv2Cbor" };

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Seeded_hostile_responses_to_every_SSO_OIDC_operation_end_only_in_the_clients_own_exceptions()
    {
        var handler = new SwitchableHandler();
        using SsoOidcClient client = SsoClient(handler, o => o.MaxResponseBodySize = HostileResponses.HugeBodyCap);
        var operations = SsoOperations(client);

        FamilyRun run = await RunAsync("ssoOidc", HostileResponses.WireFormat.Json, handler, FuzzCases(), seed => operations[seed % operations.Count], HostileResponses.CommonNames);

        Assert.True(run.Findings.Count == 0, run.Summary + "\nfirst findings:\n" + string.Join("\n", run.Findings.Take(10)));
    }

    [Theory]
    [MemberData(nameof(Families))]
    [Trait("Category", "Fuzz")]
    public async Task Seeded_hostile_responses_to_every_operation_of_a_protocol_family_end_only_in_the_clients_own_exceptions(string family)
    {
        ReferenceData.Require(family is "restJson" or "awsJson" ? "AWS_PROTOCOL_TESTS_DIR" : "AWS_NEXT_PROTOCOL_TESTS_DIR", family is "restJson" or "awsJson" ? "aws/protocol-tests" : "aws/next/protocol-tests");
        var handler = new SwitchableHandler();
        using var clients = new FamilyClients(family, handler, o => o.MaxResponseBodySize = HostileResponses.HugeBodyCap);
        Assert.True(clients.Targets.Count > 0, $"no {family} conformance client was built");

        FamilyRun run = await RunAsync(family, clients.Format, handler, FuzzCases(), seed => clients.Targets[seed % clients.Targets.Count], clients.Names);

        Assert.True(run.Findings.Count == 0, run.Summary + "\nfirst findings:\n" + string.Join("\n", run.Findings.Take(10)));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task A_body_that_never_ends_stops_at_the_cap_or_the_timeout_or_the_callers_cancellation_in_every_protocol_family(string family)
    {
        ReferenceData.Require(family is "restJson" or "awsJson" ? "AWS_PROTOCOL_TESTS_DIR" : "AWS_NEXT_PROTOCOL_TESTS_DIR", family is "restJson" or "awsJson" ? "aws/protocol-tests" : "aws/next/protocol-tests");
        var endless = new SwitchableHandler { Next = () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream(stall: false)) } };
        var stalled = new SwitchableHandler { Next = () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream(stall: true)) } };
        using var capped = new FamilyClients(family, endless, o => o.MaxResponseBodySize = 256 * 1024);
        using var timed = new FamilyClients(family, stalled, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(50));
        using var untimed = new FamilyClients(family, stalled, _ => { });

        // Every operation of the family, but a bounded number: each stalled call waits out its timeouts.
        foreach (int i in Enumerable.Range(0, capped.Targets.Count).Where(i => i % Math.Max(1, capped.Targets.Count / 8) == 0))
        {
            var tooLarge = await Assert.ThrowsAsync<AwsResponseTooLargeException>(() => capped.Targets[i].Call(CancellationToken.None).WaitAsync(HangLimit, TestContext.Current.CancellationToken));
            Assert.Equal(256 * 1024, tooLarge.Limit);

            var timeout = await Assert.ThrowsAsync<AwsTimeoutException>(() => timed.Targets[i].Call(CancellationToken.None).WaitAsync(HangLimit, TestContext.Current.CancellationToken));
            Assert.Equal(2, timeout.Attempts);

            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => untimed.Targets[i].Call(cancellation.Token).WaitAsync(HangLimit, TestContext.Current.CancellationToken));
            Assert.True(cancellation.IsCancellationRequested);
        }
    }

    [Theory]
    [InlineData("<ErrorResponse><Error><Code>Boom</Code><RequestId>a</RequestId><RequestId>b</RequestId><Message>m</Message></Error></ErrorResponse>")]
    [InlineData("<ErrorResponse><RequestId>a</RequestId><RequestID>b</RequestID><Error><Code>Boom</Code><Message>m</Message></Error><RequestId/></ErrorResponse>")]
    [InlineData("<Response><Errors><Error><Code>Boom</Code><Message>m</Message></Error></Errors><RequestID>a</RequestID><RequestID>b</RequestID></Response>")]
    public async Task An_XML_error_with_several_request_ids_is_read_to_its_end_and_keeps_the_first(string body)
    {
        // The fuzz found this: a second RequestId was never read, so the reader stood still on it forever.
        var response = new AwsResponse(new HttpResponseMessage(HttpStatusCode.BadRequest), Encoding.UTF8.GetBytes(body));

        AwsErrorInfo error = await Task.Run(() => SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.ReadError(response), TestContext.Current.CancellationToken).WaitAsync(HangLimit, TestContext.Current.CancellationToken);

        Assert.Equal("Boom", error.Code);
        Assert.Equal("a", error.RequestId);
        Assert.Equal("m", error.Message);
    }

    [Fact]
    public async Task A_lone_surrogate_or_invalid_UTF_8_in_an_error_body_still_gives_the_modelled_exception()
    {
        foreach (byte[] body in new[]
        {
            Encoding.UTF8.GetBytes("{\"error\":\"invalid_request\",\"error_description\":\"\\ud800\"}"),
            new byte[] { (byte)'{', (byte)'"', (byte)'m', (byte)'e', (byte)'s', (byte)'s', (byte)'a', (byte)'g', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' },
        })
        {
            var handler = new SwitchableHandler { Next = () => WithErrorType(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new ByteArrayContent(body) }, "InvalidRequestException") };
            using SsoOidcClient client = SsoClient(handler, _ => { });

            var error = await Assert.ThrowsAsync<InvalidRequestException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken));

            Assert.Equal("InvalidRequestException", error.ErrorCode);
        }
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_success_body_is_an_unmarshalling_exception()
    {
        var handler = new SwitchableHandler { Next = () => ScriptedHandler.Json(HttpStatusCode.OK, "{\"accessToken\":\"\\ud800\"}") };
        using SsoOidcClient client = SsoClient(handler, _ => { });

        var error = await Assert.ThrowsAsync<AwsUnmarshallingException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken));

        Assert.Equal("CreateToken", error.Operation);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task Every_status_with_an_empty_body_gives_a_result_or_a_service_exception_with_that_status()
    {
        var handler = new SwitchableHandler();
        using SsoOidcClient client = SsoClient(handler, _ => { });
        for (int status = 100; status < 600; status++)
        {
            handler.Next = () => new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(Array.Empty<byte>()) };
            try
            {
                await client.RegisterClientAsync(new RegisterClientRequest { ClientName = "n", ClientType = "public" }, TestContext.Current.CancellationToken);
                Assert.InRange(status, 200, 299);
            }
            catch (AwsServiceException error)
            {
                Assert.Equal(status, (int)error.StatusCode);
            }
        }
    }

    [Fact]
    public async Task A_50_MB_body_is_refused_past_the_default_cap_and_read_when_the_cap_allows_it()
    {
        byte[] body = FiftyMegabyteToken();
        var handler = new SwitchableHandler { Next = () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) } };
        using (SsoOidcClient client = SsoClient(handler, _ => { }))
        {
            var error = await Assert.ThrowsAsync<AwsResponseTooLargeException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken));
            Assert.Equal(AwsClientOptions.DefaultMaxResponseBodySize, error.Limit);
            Assert.Contains("MaxResponseBodySize", error.Message, StringComparison.Ordinal);
        }

        using (SsoOidcClient client = SsoClient(handler, o => o.MaxResponseBodySize = 64 * 1024 * 1024))
        {
            CreateTokenResponse response = await client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken);
            Assert.Equal(body.Length - "{\"accessToken\":\"\"}".Length, response.AccessToken!.Length);
        }
    }

    [Fact]
    public async Task A_body_that_never_ends_stops_at_the_size_cap_without_any_timeout()
    {
        var handler = new SwitchableHandler { Next = () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream(stall: false)) } };
        using SsoOidcClient client = SsoClient(handler, o => o.MaxResponseBodySize = 1024 * 1024);

        var error = await Assert.ThrowsAsync<AwsResponseTooLargeException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken).WaitAsync(HangLimit, TestContext.Current.CancellationToken));

        Assert.Equal(1024 * 1024, error.Limit);
    }

    [Fact]
    public async Task A_body_that_stalls_ends_in_a_timeout_with_an_attempt_timeout_and_in_a_cancellation_without_one()
    {
        var handler = new SwitchableHandler { Next = () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream(stall: true)) } };
        using (SsoOidcClient client = SsoClient(handler, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(100)))
        {
            var timeout = await Assert.ThrowsAsync<AwsTimeoutException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken).WaitAsync(HangLimit, TestContext.Current.CancellationToken));
            Assert.Equal(2, timeout.Attempts);
        }

        using (SsoOidcClient client = SsoClient(handler, _ => { }))
        {
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            Exception cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CreateTokenAsync(TokenRequest(), cancellation.Token).WaitAsync(HangLimit, TestContext.Current.CancellationToken));
            Assert.True(cancellation.IsCancellationRequested, cancelled.ToString());
        }
    }

    [Fact]
    public async Task A_user_HttpClient_whose_own_Timeout_elapses_gives_AwsTimeoutException_not_a_raw_TaskCanceledException()
    {
        var hanging = new ScriptedHandler(ScriptedHandler.Hang());
        AwsClientOptions options = Options(hanging, _ => { });
        options.HttpClient = new HttpClient(hanging) { Timeout = TimeSpan.FromMilliseconds(150) };
        using var client = new SsoOidcClient(options);

        var error = await Assert.ThrowsAsync<AwsTimeoutException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken).WaitAsync(HangLimit, TestContext.Current.CancellationToken));

        Assert.Equal(2, error.Attempts);
        Assert.Equal(2, hanging.Requests.Count);
        Assert.Contains("0.15 s", error.Message, StringComparison.Ordinal);
    }

    private async Task<FamilyRun> RunAsync(string family, HostileResponses.WireFormat format, SwitchableHandler handler, int cases, Func<int, (string Label, Func<CancellationToken, Task> Call)> target, IReadOnlyList<string> names)
    {
        var findings = new List<string>();
        int kindCount = Enum.GetValues<HostileResponses.Kind>().Length;
        var kinds = new int[kindCount];
        var found = new int[kindCount];
        var escaped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < cases; i++)
        {
            int seed = BaseSeed + i;
            (string label, Func<CancellationToken, Task> call) = target(seed);
            HostileResponses.Kind kind = HostileResponses.Create(seed, names, format).Kind;

            kinds[(int)kind]++;
            handler.Next = () => HostileResponses.Create(seed, names, format).Response;
            string? finding = null;
            Task? task = null;
            try
            {
                // On the thread pool: a call that never returns (a loop in a synchronous reader) is a hang, not a stuck test.
                task = Task.Run(() => call(CancellationToken.None));
                await task.WaitAsync(HangLimit);
            }
            catch (TimeoutException) when (task is { IsCompleted: false })
            {
                finding = $"hang: no answer within {HangLimit.TotalSeconds} s";
            }
            catch (Exception exception) when (exception is AwsServiceException or AwsTransportException or AwsTimeoutException or OperationCanceledException)
            {
                escaped[exception.GetType().Name] = escaped.GetValueOrDefault(exception.GetType().Name) + 1;
                if (exception.ToString().Contains(SecretKey, StringComparison.Ordinal))
                {
                    finding = "the secret access key is in the exception's text";
                }
            }
            catch (Exception exception)
            {
                finding = $"{exception.GetType().FullName}: {exception.Message}";
            }

            if (finding is not null)
            {
                found[(int)kind]++;
                findings.Add($"seed {seed} ({kind}) on {label}: {finding}");
            }
        }

        double seconds = Math.Max(0.001, clock.Elapsed.TotalSeconds);
        string summary = string.Create(CultureInfo.InvariantCulture, $"{family} ({format}): {cases} cases in {seconds:F1} s ({cases / seconds:F0}/s), {findings.Count} findings; ")
            + "cases/findings per class: " + string.Join(", ", Enum.GetValues<HostileResponses.Kind>().Select(k => $"{k}={kinds[(int)k]}/{found[(int)k]}"))
            + "; thrown: " + string.Join(", ", escaped.Select(p => p.Key + "=" + p.Value));
        output.WriteLine(summary);
        TestContext.Current.SendDiagnosticMessage(summary);

        // Every class was tried (the count is large enough for that), so a class cannot silently drop out.
        Assert.All(kinds, count => Assert.True(count > 0 || cases < 1_000));
        return new FamilyRun(summary, findings);
    }

    private static int FuzzCases() =>
        int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), NumberStyles.None, CultureInfo.InvariantCulture, out int cases) && cases > 0 ? cases : 10_000;

    private static List<(string Label, Func<CancellationToken, Task> Call)> SsoOperations(SsoOidcClient client) => new()
    {
        ("CreateToken", ct => client.CreateTokenAsync(TokenRequest(), ct)),
        ("CreateTokenWithIAM", ct => client.CreateTokenWithIAMAsync(new CreateTokenWithIAMRequest { ClientId = "c", GrantType = "authorization_code", Code = "x" }, ct)),
        ("RegisterClient", ct => client.RegisterClientAsync(new RegisterClientRequest { ClientName = "n", ClientType = "public" }, ct)),
        ("StartDeviceAuthorization", ct => client.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest { ClientId = "c", ClientSecret = "s", StartUrl = "https://example.awsapps.com/start" }, ct)),
    };

    private static async Task Invoke(MethodInfo method, object client, object request, CancellationToken cancellationToken)
    {
        Task task;
        try
        {
            task = (Task)method.Invoke(client, new[] { request, cancellationToken })!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }

        await task;
    }

    private static byte[] FiftyMegabyteToken()
    {
        const int Size = 50 * 1024 * 1024;
        byte[] body = new byte[Size];
        body.AsSpan().Fill((byte)'a');
        "{\"accessToken\":\""u8.CopyTo(body);
        "\"}"u8.CopyTo(body.AsSpan(Size - 2));
        return body;
    }

    private static HttpResponseMessage WithErrorType(HttpResponseMessage response, string code)
    {
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", code);
        return response;
    }

    private static CreateTokenRequest TokenRequest() => new()
    {
        ClientId = "client",
        ClientSecret = "secret",
        GrantType = "urn:ietf:params:oauth:grant-type:device_code",
        DeviceCode = "device",
    };

    private static AwsClientOptions Options(HttpMessageHandler handler, Action<AwsClientOptions> configure)
    {
        var options = new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            Region = "us-east-1",
            HttpClient = new HttpClient(handler),
            RetryRandom = () => 0.5,
            Retry = new RetryOptions { MaxAttempts = 2, Backoff = _ => TimeSpan.Zero, InitialRetryTokens = 1_000_000 },
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", SecretKey),
        };
        configure(options);
        return options;
    }

    private static SsoOidcClient SsoClient(HttpMessageHandler handler, Action<AwsClientOptions> configure) => new(Options(handler, configure));

    private static AwsClientOptions SuiteOptions(HttpMessageHandler handler, Action<AwsClientOptions> configure) => Options(handler, o =>
    {
        o.ServiceUrl = new Uri("https://example.com");
        o.ValidateRequests = false;
        o.IdempotencyTokenProvider = () => SuiteClient.IdempotencyToken;
        configure(o);
    });

    /// <summary>One family's run: its summary line and findings.</summary>
    private sealed record FamilyRun(string Summary, List<string> Findings);

    /// <summary>
    /// The conformance clients of one protocol family (built once per suite file and shared with the
    /// conformance tests), one call target per case of their input suites, and the model's member names.
    /// </summary>
    private sealed class FamilyClients : IDisposable
    {
        private readonly List<IDisposable> clients = new();

        public FamilyClients(string family, HttpMessageHandler handler, Action<AwsClientOptions> configure)
        {
            string[] files = family switch
            {
                "restJson" => new[] { "rest-json" },
                "awsJson" => new[] { "json", "json_1_0" },
                "restXml" => new[] { "rest-xml" },
                "awsQuery" => new[] { "query" },
                "ec2Query" => new[] { "ec2" },
                "rpcv2Cbor" => new[] { "smithy-rpc-v2-cbor" },
                _ => throw new ArgumentOutOfRangeException(nameof(family), family, "unknown family"),
            };
            Format = family switch
            {
                "restXml" or "awsQuery" or "ec2Query" => HostileResponses.WireFormat.Xml,
                "rpcv2Cbor" => HostileResponses.WireFormat.Cbor,
                _ => HostileResponses.WireFormat.Json,
            };
            var names = new HashSet<string>(HostileResponses.CommonNames, StringComparer.Ordinal)
            {
                "Error", "Errors", "ErrorResponse", "Response", "Code", "Message", "Type", "RequestId", "RequestID", "member", "entry", "key", "value",
            };
            foreach (ProtocolSuite suite in ProtocolSuites.All.Where(f => f.Direction == SuiteDirection.Input && files.Contains(f.ProtocolName)).SelectMany(f => f.Suites))
            {
                SuiteBuild build = SuiteCompiler.For(suite);
                if (build.Failure is not null)
                {
                    continue;
                }

                Type clientType = build.Assembly!.GetType(build.Spec!.Namespace + "." + SuiteCompiler.ClientName, throwOnError: true)!;
                var client = (IDisposable)Activator.CreateInstance(clientType, SuiteOptions(handler, configure))!;
                clients.Add(client);
                foreach (var shape in build.Spec.Shapes)
                {
                    names.Add(shape.Name);
                    foreach (var member in shape.Members)
                    {
                        names.Add(member.LocationName ?? member.Name);
                        names.Add(member.Name);
                    }
                }

                var values = new ModelValues(build.Spec, build.Assembly);
                foreach (ProtocolCase @case in suite.Cases)
                {
                    var operation = build.Spec.Operations.First(o => o.Name == @case.OperationName);
                    names.Add(operation.Name + "Response");
                    names.Add(operation.Name + "Result");
                    object request = values.NewStructure(operation.RequestType, @case.Data.GetProperty("params"), "params");
                    MethodInfo method = clientType.GetMethod(operation.MethodName, new[] { request.GetType(), typeof(CancellationToken) })!;
                    Targets.Add(($"{suite.File.Label} {suite.Namespace}.{operation.Name} ({@case.Id})", ct => Invoke(method, client, request, ct)));
                }
            }

            Names = names.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        }

        public HostileResponses.WireFormat Format { get; }

        public List<(string Label, Func<CancellationToken, Task> Call)> Targets { get; } = new();

        public IReadOnlyList<string> Names { get; }

        public void Dispose() => clients.ForEach(c => c.Dispose());
    }

    /// <summary>Answers every request with a fresh response from <see cref="Next"/>.</summary>
    private sealed class SwitchableHandler : HttpMessageHandler
    {
        public Func<HttpResponseMessage> Next { get; set; } = () => new HttpResponseMessage(HttpStatusCode.OK);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = Next();
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}

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
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Seeded_hostile_responses_to_every_SSO_OIDC_operation_end_only_in_the_clients_own_exceptions()
    {
        var handler = new SwitchableHandler();
        using SsoOidcClient client = SsoClient(handler, _ => { });
        var operations = SsoOperations(client);
        IReadOnlyList<string> names = HostileResponses.CommonNames;

        List<string> findings = await RunAsync(handler, FuzzCases(), seed => operations[seed % operations.Count], names);

        Assert.True(findings.Count == 0, $"{findings.Count} hostile responses broke the contract; first ones:\n" + string.Join("\n", findings.Take(10)));
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Seeded_hostile_responses_to_every_operation_of_the_rest_json_and_json_conformance_clients_end_only_in_their_own_exceptions()
    {
        ReferenceData.Require("AWS_PROTOCOL_TESTS_DIR", "aws/protocol-tests");
        var handler = new SwitchableHandler();
        var clients = new List<IDisposable>();
        var targets = new List<(string Label, Func<Task> Call)>();
        var names = new HashSet<string>(HostileResponses.CommonNames, StringComparer.Ordinal);
        try
        {
            foreach (ProtocolSuite suite in ProtocolSuites.All.Where(f => f.Direction == SuiteDirection.Input && f.Label.Contains("json", StringComparison.Ordinal)).SelectMany(f => f.Suites))
            {
                SuiteBuild build = SuiteCompiler.For(suite);
                if (build.Failure is not null)
                {
                    continue;
                }

                Type clientType = build.Assembly!.GetType(build.Spec!.Namespace + "." + SuiteCompiler.ClientName, throwOnError: true)!;
                var client = (IDisposable)Activator.CreateInstance(clientType, SuiteOptions(handler))!;
                clients.Add(client);
                foreach (string name in build.Spec.Shapes.SelectMany(s => s.Members).Select(m => m.LocationName ?? m.Name))
                {
                    names.Add(name);
                }

                var values = new ModelValues(build.Spec, build.Assembly);
                foreach (ProtocolCase @case in suite.Cases)
                {
                    var operation = build.Spec.Operations.First(o => o.Name == @case.OperationName);
                    object request = values.NewStructure(operation.RequestType, @case.Data.GetProperty("params"), "params");
                    MethodInfo method = clientType.GetMethod(operation.MethodName, new[] { request.GetType(), typeof(CancellationToken) })!;
                    targets.Add(($"{suite.File.Label} {suite.Namespace}.{operation.Name} ({@case.Id})", () => Invoke(method, client, request)));
                }
            }

            Assert.True(targets.Count > 0, "no conformance client was built");
            List<string> findings = await RunAsync(handler, FuzzCases(), seed => targets[seed % targets.Count], names.ToArray());

            Assert.True(findings.Count == 0, $"{findings.Count} hostile responses broke the contract; first ones:\n" + string.Join("\n", findings.Take(10)));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
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

    private static async Task<List<string>> RunAsync(SwitchableHandler handler, int cases, Func<int, (string Label, Func<Task> Call)> target, IReadOnlyList<string> names)
    {
        var findings = new List<string>();
        var kinds = new int[Enum.GetValues<HostileResponses.Kind>().Length];
        for (int i = 0; i < cases; i++)
        {
            int seed = BaseSeed + i;
            (string label, Func<Task> call) = target(seed);
            HostileResponses.Kind kind = HostileResponses.Create(seed, names).Kind;
            kinds[(int)kind]++;
            handler.Next = () => HostileResponses.Create(seed, names).Response;
            try
            {
                await call().WaitAsync(HangLimit);
            }
            catch (Exception exception) when (exception is AwsServiceException or AwsTransportException or AwsTimeoutException or OperationCanceledException)
            {
            }
            catch (Exception exception)
            {
                findings.Add($"seed {seed} ({kind}) on {label}: {exception.GetType().FullName}: {exception.Message}");
            }
        }

        // Every class was tried (the count is large enough for that), so a class cannot silently drop out.
        Assert.All(kinds, count => Assert.True(count > 0 || cases < 1_000));
        return findings;
    }

    private static int FuzzCases() =>
        int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), NumberStyles.None, CultureInfo.InvariantCulture, out int cases) && cases > 0 ? cases : 10_000;

    private static List<(string Label, Func<Task> Call)> SsoOperations(SsoOidcClient client) => new()
    {
        ("CreateToken", () => client.CreateTokenAsync(TokenRequest(), CancellationToken.None)),
        ("CreateTokenWithIAM", () => client.CreateTokenWithIAMAsync(new CreateTokenWithIAMRequest { ClientId = "c", GrantType = "authorization_code", Code = "x" }, CancellationToken.None)),
        ("RegisterClient", () => client.RegisterClientAsync(new RegisterClientRequest { ClientName = "n", ClientType = "public" }, CancellationToken.None)),
        ("StartDeviceAuthorization", () => client.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest { ClientId = "c", ClientSecret = "s", StartUrl = "https://example.awsapps.com/start" }, CancellationToken.None)),
    };

    private static async Task Invoke(MethodInfo method, object client, object request)
    {
        Task task;
        try
        {
            task = (Task)method.Invoke(client, new[] { request, CancellationToken.None })!;
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
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        };
        configure(options);
        return options;
    }

    private static SsoOidcClient SsoClient(HttpMessageHandler handler, Action<AwsClientOptions> configure) => new(Options(handler, configure));

    private static AwsClientOptions SuiteOptions(HttpMessageHandler handler) => Options(handler, o =>
    {
        o.ServiceUrl = new Uri("https://example.com");
        o.ValidateRequests = false;
        o.IdempotencyTokenProvider = () => SuiteClient.IdempotencyToken;
    });

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

namespace SsoOidcCodegen.Tests.Client;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Retry;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A canary in every member the SSO OIDC model marks sensitive (found from the model file, so a new
/// sensitive member is covered without touching this test), in the credentials, the session token
/// and a bearer token, through successful and failing calls with a logger at Trace: no canary in any
/// <c>ToString</c>, exception message, <c>Exception.ToString()</c>, log line or structured log state.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class SecretCanaryTests
{
    private const string SecretKey = "CANARY-secret-access-key";
    private const string SessionToken = "CANARY-session-token";
    private const string BearerToken = "CANARY-bearer-token";

    public static TheoryData<string> Answers() => new() { "success", "json-error-echoing-the-request", "proxy-page-echoing-the-request", "unreadable-success", "throttled-then-error" };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Canaries_in_every_sensitive_member_and_in_credentials_never_reach_text_the_client_produces(string answer)
    {
        IReadOnlyDictionary<string, string[]> sensitive = SensitiveMembersByStructure();
        var logger = new TraceLogger();
        var texts = new List<string>();
        var handler = new ScriptedHandler((request, _) => Task.FromResult(Answer(answer, request, sensitive)));
        using var client = new SsoOidcClient(new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            Region = "us-east-1",
            HttpClient = new HttpClient(handler),
            Logger = logger,
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", SecretKey, SessionToken),
            Retry = new RetryOptions { MaxAttempts = 2, Backoff = _ => TimeSpan.Zero },
            BearerToken = _ => ValueTask.FromResult(BearerToken),
        });

        var requests = new object[]
        {
            WithCanaries(new RegisterClientRequest { ClientName = "n", ClientType = "public" }, sensitive),
            WithCanaries(new StartDeviceAuthorizationRequest { ClientId = "id", ClientSecret = "x", StartUrl = "https://x" }, sensitive),
            WithCanaries(new CreateTokenRequest { ClientId = "id", ClientSecret = "x", GrantType = "refresh_token" }, sensitive),
            WithCanaries(new CreateTokenWithIAMRequest { ClientId = "arn", GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer" }, sensitive),
        };
        foreach (object request in requests)
        {
            texts.Add(request.ToString()!);
            try
            {
                object result = request switch
                {
                    RegisterClientRequest r => await client.RegisterClientAsync(r, TestContext.Current.CancellationToken),
                    StartDeviceAuthorizationRequest r => await client.StartDeviceAuthorizationAsync(r, TestContext.Current.CancellationToken),
                    CreateTokenRequest r => await client.CreateTokenAsync(r, TestContext.Current.CancellationToken),
                    _ => await client.CreateTokenWithIAMAsync((CreateTokenWithIAMRequest)request, TestContext.Current.CancellationToken),
                };
                Assert.Equal("success", answer);
                texts.Add(result.ToString()!);
            }
            catch (AwsServiceException error)
            {
                Assert.NotEqual("success", answer);
                texts.Add(error.Message);
                texts.Add(error.ToString());
            }
        }

        texts.Add(new AwsCredentials("AKIDEXAMPLE", SecretKey, SessionToken).ToString());
        texts.AddRange(logger.Lines);

        // The canaries did travel: the requests carried them, and the answers echoed them back.
        string[] canaries = sensitive.SelectMany(s => s.Value.Select(m => Canary(s.Key, m))).Concat(new[] { SecretKey, SessionToken, BearerToken }).ToArray();
        Assert.True(sensitive.Values.Sum(m => m.Length) >= 7, "the model's sensitive members were not found");
        Assert.Contains(handler.Requests, r => r.BodyText.Contains("CANARY-", StringComparison.Ordinal));
        Assert.Contains(handler.Requests, r => r.Headers.TryGetValue("X-Amz-Security-Token", out string? token) && token == SessionToken);
        Assert.NotEmpty(logger.Lines);
        Assert.Contains(texts, t => t.Contains("*** redacted ***", StringComparison.Ordinal));
        var leaks = texts.SelectMany(text => canaries.Where(c => text.Contains(c, StringComparison.Ordinal)).Select(c => $"{c} in: {text}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(5)));
    }

    [Fact]
    public async Task A_bearer_token_canary_reaches_only_the_Authorization_header()
    {
        const string Model = """
            {
              "version": "2.0",
              "metadata": { "apiVersion": "2024-01-01", "endpointPrefix": "tokens", "protocol": "rest-json", "serviceId": "Tokens", "signatureVersion": "bearer", "auth": ["smithy.api#httpBearerAuth"] },
              "operations": { "Whoami": { "name": "Whoami", "http": { "method": "GET", "requestUri": "/whoami" }, "output": { "shape": "WhoamiResponse" } } },
              "shapes": { "WhoamiResponse": { "type": "structure", "members": { "name": { "shape": "Name" } } }, "Name": { "type": "string" } }
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/tokens.json", Model, Namespace: "Canary.Tokens") });
        using var stream = new MemoryStream();
        Assert.True(run.Compilation.Emit(stream, cancellationToken: TestContext.Current.CancellationToken).Success);
        Assembly assembly = TestAssemblies.Load("canary-bearer", new MemoryStream(stream.ToArray()));
        Type clientType = assembly.GetType("Canary.Tokens.TokensClient")!;
        object request = Activator.CreateInstance(assembly.GetType("Canary.Tokens.Model.WhoamiRequest")!)!;
        var logger = new TraceLogger();
        var handler = new ScriptedHandler(
            ScriptedHandler.Answer(HttpStatusCode.OK, "{\"name\":\"me\"}"),
            ScriptedHandler.Answer(HttpStatusCode.Unauthorized, "{\"message\":\"bad token\"}", ("x-amzn-ErrorType", "UnauthorizedException")));
        var texts = new List<string>();
        using var client = (IDisposable)Activator.CreateInstance(clientType, new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            HttpClient = new HttpClient(handler),
            Logger = logger,
            BearerToken = _ => ValueTask.FromResult(BearerToken),
        })!;
        MethodInfo whoami = clientType.GetMethod("WhoamiAsync")!;
        for (int i = 0; i < 2; i++)
        {
            try
            {
                Task task = (Task)whoami.Invoke(client, new[] { request, CancellationToken.None })!;
                await task;
                texts.Add(task.GetType().GetProperty("Result")!.GetValue(task)!.ToString()!);
            }
            catch (AwsServiceException error)
            {
                texts.Add(error.ToString());
            }
        }

        texts.AddRange(logger.Lines);
        Assert.All(handler.Requests, r => Assert.Equal("Bearer " + BearerToken, r.Headers["Authorization"]));
        Assert.Equal(2, texts.Count - logger.Lines.Count);
        Assert.All(texts, t => Assert.DoesNotContain(BearerToken, t, StringComparison.Ordinal));
    }

    private static HttpResponseMessage Answer(string answer, SeenRequest request, IReadOnlyDictionary<string, string[]> sensitive)
    {
        string operation = request.Uri.AbsolutePath switch
        {
            "/client/register" => "RegisterClient",
            "/device_authorization" => "StartDeviceAuthorization",
            _ when request.Uri.Query.Contains("aws_iam", StringComparison.Ordinal) => "CreateTokenWithIAM",
            _ => "CreateToken",
        };
        string output = operation + "Response";
        string[] members = sensitive.TryGetValue(output, out string[]? found) ? found : Array.Empty<string>();
        switch (answer)
        {
            case "success":
                return ScriptedHandler.Json(HttpStatusCode.OK, "{" + string.Join(",", members.Select(m => $"\"{m}\":\"{Canary(output, m)}\"")) + "}");
            case "json-error-echoing-the-request":
                // An error that repeats the request's members, secrets included, next to its message.
                string echo = request.BodyText.Trim('{', '}');
                HttpResponseMessage error = ScriptedHandler.Json(HttpStatusCode.BadRequest, "{\"error\":\"invalid_request\",\"error_description\":\"no\"" + (echo.Length > 0 ? "," + echo : string.Empty) + "}");
                error.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "InvalidRequestException");
                return error;
            case "proxy-page-echoing-the-request":
                return new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html><body>Upstream failed for " + request.BodyText + "</body></html>", Encoding.UTF8, "text/html") };
            case "unreadable-success":
                // The secrets where a number or an object belongs, and cut short.
                string broken = "{" + string.Join(",", members.Select(m => $"\"expiresIn\":\"{Canary(output, m)}\",\"{m}\":{{\"x\":\"{Canary(output, m)}\"}}")) + ",\"interval\":\"" + Canary(output, "interval") + "\"";
                return ScriptedHandler.Json(HttpStatusCode.OK, broken);
            default:
                return request.Headers["amz-sdk-request"].StartsWith("attempt=1;", StringComparison.Ordinal)
                    ? ScriptedHandler.Json(HttpStatusCode.TooManyRequests, "{\"__type\":\"SlowDownException\",\"error\":\"slow_down\"}")
                    : ScriptedHandler.Json(HttpStatusCode.InternalServerError, "{\"__type\":\"InternalServerException\",\"error_description\":\"down\"}");
        }
    }

    private static T WithCanaries<T>(T request, IReadOnlyDictionary<string, string[]> sensitive)
        where T : class
    {
        foreach (string member in sensitive.TryGetValue(typeof(T).Name, out string[]? members) ? members : Array.Empty<string>())
        {
            PropertyInfo property = typeof(T).GetProperty(member, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
                ?? throw new InvalidOperationException($"{typeof(T).Name} has no property for {member}");
            property.SetValue(request, Canary(typeof(T).Name, member));
        }

        return request;
    }

    private static string Canary(string structure, string member) => $"CANARY-{structure}-{member}";

    /// <summary>Structure name to the members whose target the model marks sensitive, read from the model file.</summary>
    private static IReadOnlyDictionary<string, string[]> SensitiveMembersByStructure()
    {
        using JsonDocument model = JsonDocument.Parse(File.ReadAllText(Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.json")));
        JsonElement shapes = model.RootElement.GetProperty("shapes");
        var sensitiveShapes = shapes.EnumerateObject()
            .Where(s => s.Value.TryGetProperty("sensitive", out JsonElement flag) && flag.ValueKind == JsonValueKind.True)
            .Select(s => s.Name)
            .ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (JsonProperty shape in shapes.EnumerateObject())
        {
            if (shape.Value.GetProperty("type").GetString() == "structure" && shape.Value.TryGetProperty("members", out JsonElement members))
            {
                string[] names = members.EnumerateObject().Where(m => sensitiveShapes.Contains(m.Value.GetProperty("shape").GetString()!)).Select(m => m.Name).ToArray();
                if (names.Length > 0)
                {
                    result[shape.Name] = names;
                }
            }
        }

        return result;
    }

    /// <summary>A logger at Trace that keeps the formatted line, every structured state value, scopes and exceptions.</summary>
    private sealed class TraceLogger : ILogger
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> Lines => lines.ToArray();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue("scope: " + state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (KeyValuePair<string, object?> value in values)
                {
                    line.Append(" | ").Append(value.Key).Append('=').Append(value.Value);
                }
            }

            lines.Enqueue(line.Append(exception is null ? string.Empty : " | " + exception).ToString());
        }
    }
}

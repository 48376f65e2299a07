namespace SsoOidcCodegen.Tests.Client;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;
using Xunit;

/// <summary>
/// Canary secrets go through every SSO OIDC operation, on success and on error, and never appear in
/// a log line, a <c>ToString</c> or an exception message.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class SecretRedactionTests
{
    private const string ClientSecret = "CANARY-client-secret-7f3a";
    private const string AccessToken = "CANARY-access-token-91be";
    private const string RefreshToken = "CANARY-refresh-token-c2d4";
    private const string IdToken = "CANARY-id-token-55aa";
    private const string CodeVerifier = "CANARY-code-verifier-0e0e";
    private const string Assertion = "CANARY-assertion-beef";
    private const string SubjectToken = "CANARY-subject-token-f00d";
    private const string SecretKey = "CANARY-secret-access-key-1234";
    private const string SessionToken = "CANARY-session-token-5678";

    private static readonly string[] Canaries = { ClientSecret, AccessToken, RefreshToken, IdToken, CodeVerifier, Assertion, SubjectToken, SecretKey, SessionToken };

    private static readonly string TokenBody =
        $"{{\"accessToken\":\"{AccessToken}\",\"tokenType\":\"Bearer\",\"expiresIn\":3600,\"refreshToken\":\"{RefreshToken}\",\"idToken\":\"{IdToken}\"}}";

    public static TheoryData<bool> Outcomes() => new() { true, false };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task Canary_secrets_appear_in_no_log_line_ToString_or_exception_message(bool succeed)
    {
        var logger = new CapturingLogger();
        var texts = new List<string>();
        HttpStatusCode status = succeed ? HttpStatusCode.OK : HttpStatusCode.BadRequest;
        var handler = new ScriptedHandler((request, _) =>
        {
            string body = !succeed
                ? "{\"error\":\"invalid_grant\",\"error_description\":\"The grant is not valid\"}"
                : request.Uri.AbsolutePath switch
                {
                    "/client/register" => $"{{\"clientId\":\"id\",\"clientSecret\":\"{ClientSecret}\"}}",
                    "/device_authorization" => "{\"deviceCode\":\"dc\",\"userCode\":\"UC\"}",
                    _ => TokenBody,
                };
            HttpResponseMessage response = ScriptedHandler.Json(status, body);
            if (!succeed)
            {
                response.Headers.Add("x-amzn-ErrorType", "InvalidGrantException");
            }

            return Task.FromResult(response);
        });
        using var client = new SsoOidcClient(new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            Region = "us-east-1",
            HttpClient = new HttpClient(handler),
            Logger = logger,
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", SecretKey, SessionToken),
        });

        var calls = new List<Func<Task<object>>>
        {
            async () => await client.RegisterClientAsync(new RegisterClientRequest { ClientName = "n", ClientType = "public" }, TestContext.Current.CancellationToken),
            async () => await client.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest { ClientId = "id", ClientSecret = ClientSecret, StartUrl = "https://x" }, TestContext.Current.CancellationToken),
            async () => await client.CreateTokenAsync(new CreateTokenRequest { ClientId = "id", ClientSecret = ClientSecret, GrantType = "refresh_token", RefreshToken = RefreshToken, CodeVerifier = CodeVerifier }, TestContext.Current.CancellationToken),
            async () => await client.CreateTokenWithIAMAsync(new CreateTokenWithIAMRequest { ClientId = "arn", GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer", Assertion = Assertion, SubjectToken = SubjectToken, RefreshToken = RefreshToken, CodeVerifier = CodeVerifier }, TestContext.Current.CancellationToken),
        };

        foreach (Func<Task<object>> call in calls)
        {
            try
            {
                texts.Add((await call()).ToString()!);
            }
            catch (AwsServiceException error)
            {
                Assert.False(succeed, "an error was not expected: " + error.Message);
                texts.Add(error.Message);
                texts.Add(error.ToString());
            }
        }

        texts.Add(new CreateTokenRequest { ClientSecret = ClientSecret, RefreshToken = RefreshToken, CodeVerifier = CodeVerifier }.ToString());
        texts.Add(new AwsCredentials("AKIDEXAMPLE", SecretKey, SessionToken).ToString());
        texts.AddRange(logger.Lines);

        Assert.Equal(4, handler.Requests.Count);
        Assert.NotEmpty(logger.Lines);
        Assert.Contains(handler.Requests, r => r.BodyText.Contains(ClientSecret, StringComparison.Ordinal));
        foreach (string text in texts)
        {
            foreach (string canary in Canaries)
            {
                Assert.DoesNotContain(canary, text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("AWS4-HMAC-SHA256", text, StringComparison.Ordinal);
        }

        Assert.Contains(texts, t => t.Contains("*** redacted ***", StringComparison.Ordinal));
    }

    private sealed class CapturingLogger : ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
    }
}

namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using global::SsoOidc.LocalService;
using Xunit;

[Trait("Category", TestCategories.Integration)]
public sealed class LoggingTests
{
    [Fact]
    public async Task Service_logs_name_operations_and_errors_but_never_secrets_tokens_or_codes()
    {
        var sink = new CapturingLoggerProvider();
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions
        {
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(sink),
        });
        var secrets = new List<string>();

        // Device flow, with a pending poll, then a refresh.
        JsonObject registration = OidcTestSession.DeviceClientRegistration();
        registration["scopes"] = new JsonArray("openid", "sso:account:access");
        ClientCredentials client = await session.RegisterClientAsync(registration);
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);
        await session.PollDeviceTokenAsync(client, codes.DeviceCode);
        session.Service.ApproveUserCode(codes.UserCode);
        WireResponse token = await session.PollDeviceTokenAsync(client, codes.DeviceCode);
        WireResponse refreshed = await session.RefreshAsync(client, token.String("refreshToken"));
        secrets.AddRange([client.ClientSecret, codes.DeviceCode, codes.UserCode, token.String("accessToken"), token.String("refreshToken"), token.String("idToken"), refreshed.String("refreshToken")]);

        // PKCE, whose code travels in a redirect and whose verifier in a body.
        const string redirectUri = "http://127.0.0.1:1/cb";
        ClientCredentials pkceClient = await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration(redirectUri, "sso:account:access"));
        PkcePair pkce = PkcePair.Create();
        string code = AuthorizationCodeFlowTests.RedirectQuery(await session.GetAsync(AuthorizationCodeFlowTests.AuthorizeUrl(pkceClient.ClientId, redirectUri, pkce.Challenge)))["code"]!;
        WireResponse pkceToken = await session.PostJsonAsync("/token", AuthorizationCodeFlowTests.CodeGrant(pkceClient, code, redirectUri, pkce.Verifier));
        secrets.AddRange([pkceClient.ClientSecret, code, pkce.Verifier, pkceToken.String("accessToken")]);

        // A fault and a verification page, which take other logging paths.
        session.Service.Faults.For("/token").RespondWithStatus(500);
        await session.PostJsonAsync("/token", AuthorizationCodeFlowTests.CodeGrant(pkceClient, code, redirectUri, pkce.Verifier));
        await session.GetAsync($"/verify?user_code={Uri.EscapeDataString(codes.UserCode)}");

        string[] messages = sink.Messages.ToArray();
        Assert.Contains(messages, m => m.Contains("POST /token answered 400 AuthorizationPendingException", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("injecting fault Status", StringComparison.Ordinal));
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(messages, m => m.Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(sink.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
    }

    [Fact]
    public async Task By_default_the_service_has_no_logging_providers()
    {
        await using var session = await OidcTestSession.StartAsync();

        Assert.Null(session.Service.Options.ConfigureLogging);
        Assert.Equal(200, (await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration())).StatusCode);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public IEnumerable<string> Messages => Entries.Select(e => e.Message);

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, logLevel, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
        }
    }
}

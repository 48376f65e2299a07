namespace SsoOidcCodegen.Tests.Pipeline;

using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Retry;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;
using SsoOidcCodegen.Tests.Client;
using Xunit;

/// <summary>
/// Concurrent calls on one client: what one call learns (its clock skew, its retries, its timeouts)
/// decides only that call. Every request carries its call's id in <c>clientId</c>, and the fake
/// service answers each request from that id alone.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class PerCallStateTests
{
    private static readonly DateTimeOffset LocalNow = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ServerAhead = TimeSpan.FromHours(1);

    [Fact]
    public async Task Of_1000_concurrent_calls_only_the_500_answered_with_a_clock_skew_error_re_sign_at_their_own_servers_time_and_retry()
    {
        const int Calls = 1000;
        var clock = new FakeTimeProvider(LocalNow);
        var seen = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        int firstAttempts = 0;
        var allFirstAttemptsSigned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedHandler(async (request, cancellationToken) =>
        {
            string id = ClientIdOf(request);
            bool skewed = id.StartsWith("skew-", StringComparison.Ordinal);
            string signedAt = request.Headers.TryGetValue("X-Amz-Date", out string? date) ? date : "unsigned";
            seen.GetOrAdd(id, _ => new ConcurrentQueue<string>()).Enqueue(signedAt);

            // Hold every first attempt until all 1,000 are signed, so that none signs with what another learnt.
            if (request.Headers["amz-sdk-request"].StartsWith("attempt=1;", StringComparison.Ordinal)
                && Interlocked.Increment(ref firstAttempts) == Calls)
            {
                allFirstAttemptsSigned.SetResult();
            }

            await allFirstAttemptsSigned.Task.WaitAsync(cancellationToken);
            if (!skewed)
            {
                // Half of the good answers carry the local time as Date, half no Date at all.
                HttpResponseMessage ok = ScriptedHandler.Json(HttpStatusCode.OK, "{\"accessToken\":\"at-" + id + "\"}");
                if (int.Parse(id.AsSpan(3), CultureInfo.InvariantCulture) % 2 == 0)
                {
                    ok.Headers.Date = clock.GetUtcNow();
                }

                return ok;
            }

            // Each skewed call meets a clock ahead by its own amount (an hour plus 10 minutes per call pair
            // number, modulo 50), so a retry signed with another call's skew is refused; 5 minutes off is refused.
            DateTimeOffset serverTime = clock.GetUtcNow() + AheadFor(id);
            DateTimeOffset signed = DateTimeOffset.ParseExact(signedAt, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            HttpResponseMessage response = (signed - serverTime).Duration() > TimeSpan.FromMinutes(5)
                ? ScriptedHandler.Json(HttpStatusCode.Forbidden, "{\"__type\":\"InvalidSignatureException\",\"message\":\"Signature expired\"}")
                : ScriptedHandler.Json(HttpStatusCode.OK, "{\"accessToken\":\"at-" + id + "\"}");
            response.Headers.Date = serverTime;
            return response;
        });
        using SsoOidcClient client = Client(handler, clock, _ => { });

        Task<string?>[] calls = Enumerable.Range(0, Calls).Select(i => i % 2 == 0
            ? Task.Run(async () => (await client.CreateTokenWithIAMAsync(IamRequest("skew-" + i), CancellationToken.None)).AccessToken)
            : Task.Run(async () => (await client.CreateTokenAsync(TokenRequest("ok-" + i), CancellationToken.None)).AccessToken)).ToArray();
        string?[] tokens = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(0, Calls).Select(i => "at-" + (i % 2 == 0 ? "skew-" : "ok-") + i), tokens);
        string localStamp = LocalNow.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        for (int i = 0; i < Calls; i++)
        {
            string id = (i % 2 == 0 ? "skew-" : "ok-") + i;
            string[] attempts = seen[id].ToArray();
            if (i % 2 == 0)
            {
                // Refused once at local time, re-signed at once at the service's time that its own Date showed.
                string serverStamp = (LocalNow + AheadFor(id)).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
                Assert.Equal(new[] { localStamp, serverStamp }, attempts);
            }
            else
            {
                Assert.Equal(new[] { "unsigned" }, attempts);
            }
        }
    }

    [Fact]
    public async Task Calls_from_64_concurrent_callers_with_retries_timeouts_and_clock_skew_mixed_each_follow_their_own_script()
    {
        const int Threads = 64;
        const int CallsPerThread = 10;
        var clock = new FakeTimeProvider(LocalNow);
        var attemptsById = new ConcurrentDictionary<string, int>();
        var handler = new ScriptedHandler(async (request, cancellationToken) =>
        {
            string id = ClientIdOf(request);
            int attempt = attemptsById.AddOrUpdate(id, 1, (_, n) => n + 1);
            Kind kind = KindOf(id);
            HttpResponseMessage Reply(HttpStatusCode status, string body)
            {
                HttpResponseMessage message = ScriptedHandler.Json(status, body);
                message.Headers.TryAddWithoutValidation("x-amzn-RequestId", id + "/" + attempt);
                return message;
            }

            switch (kind)
            {
                case Kind.Throttled when attempt == 1:
                    return Reply(HttpStatusCode.ServiceUnavailable, "{\"__type\":\"ServiceUnavailable\"}");
                case Kind.HangsOnce when attempt == 1:
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                    throw new InvalidOperationException("unreachable");
                case Kind.Skewed:
                    // This service's clock is an hour ahead: a signature at local time is refused, one at its time accepted.
                    DateTimeOffset serverTime = clock.GetUtcNow() + ServerAhead;
                    bool late = (SignedAt(request) - serverTime).Duration() > TimeSpan.FromMinutes(5);
                    HttpResponseMessage skewed = late
                        ? Reply(HttpStatusCode.Forbidden, "{\"__type\":\"InvalidSignatureException\"}")
                        : Reply(HttpStatusCode.OK, "{\"accessToken\":\"at-" + id + "\"}");
                    skewed.Headers.Date = serverTime;
                    return skewed;
                case Kind.Refused:
                    return Reply(HttpStatusCode.BadRequest, "{\"__type\":\"InvalidGrantException\",\"error\":\"invalid_grant\",\"error_description\":\"for " + id + "\"}");
                default:
                    HttpResponseMessage ok = Reply(HttpStatusCode.OK, "{\"accessToken\":\"at-" + id + "\"}");
                    ok.Headers.Date = clock.GetUtcNow();
                    return ok;
            }
        });
        using SsoOidcClient client = Client(handler, clock, o =>
        {
            // Long enough that no answered attempt runs into it on a loaded machine; only the hanging ones do.
            o.AttemptTimeout = TimeSpan.FromSeconds(3);
            o.Retry = new RetryOptions { MaxAttempts = 3, Backoff = _ => TimeSpan.Zero, InitialRetryTokens = 1_000_000 };
        });

        var failures = new ConcurrentQueue<string>();
        Task[] callers = Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            for (int c = 0; c < CallsPerThread; c++)
            {
                string id = $"{(Kind)((t + c) % 5)}-{t}-{c}";
                try
                {
                    await CheckAsync(client, id);
                }
                catch (Exception exception)
                {
                    failures.Enqueue(id + ": " + exception);
                }
            }
        })).ToArray();
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.Empty(failures);
        Assert.Equal(Threads * CallsPerThread, attemptsById.Count);
        foreach ((string id, int attempts) in attemptsById)
        {
            // A skewed call signed after another call learnt the skew is accepted at once; otherwise it retries once.
            int[] expected = KindOf(id) switch { Kind.Ok or Kind.Refused => new[] { 1 }, Kind.Skewed => new[] { 1, 2 }, _ => new[] { 2 } };
            Assert.True(expected.Contains(attempts), $"{id} made {attempts} attempts");
        }
    }

    private static async Task CheckAsync(SsoOidcClient client, string id)
    {
        Kind kind = KindOf(id);
        if (kind == Kind.Skewed)
        {
            CreateTokenWithIAMResponse signed = await client.CreateTokenWithIAMAsync(IamRequest(id), CancellationToken.None);
            Assert.Equal("at-" + id, signed.AccessToken);
            return;
        }

        if (kind == Kind.Refused)
        {
            var error = await Assert.ThrowsAsync<InvalidGrantException>(() => client.CreateTokenAsync(TokenRequest(id), CancellationToken.None));
            Assert.Equal("for " + id, error.Message);
            Assert.Equal(id + "/1", error.RequestId);
            return;
        }

        CreateTokenResponse response = await client.CreateTokenAsync(TokenRequest(id), CancellationToken.None);
        Assert.Equal("at-" + id, response.AccessToken);
    }

    private static TimeSpan AheadFor(string id) =>
        ServerAhead + TimeSpan.FromMinutes(10 * (int.Parse(id.AsSpan(id.IndexOf('-', StringComparison.Ordinal) + 1), CultureInfo.InvariantCulture) / 2 % 50));

    private static Kind KindOf(string id) => Enum.Parse<Kind>(id.Substring(0, id.IndexOf('-', StringComparison.Ordinal)));

    private static DateTimeOffset SignedAt(SeenRequest request) =>
        DateTimeOffset.ParseExact(request.Headers["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string ClientIdOf(SeenRequest request)
    {
        using JsonDocument body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("clientId").GetString()!;
    }

    private static SsoOidcClient Client(ScriptedHandler handler, TimeProvider clock, Action<AwsClientOptions> configure)
    {
        var options = new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            Region = "us-east-1",
            HttpClient = new HttpClient(handler),
            TimeProvider = clock,
            RetryRandom = () => 0.5,
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        };
        configure(options);
        return new SsoOidcClient(options);
    }

    private static CreateTokenRequest TokenRequest(string id) => new()
    {
        ClientId = id,
        ClientSecret = "secret",
        GrantType = "urn:ietf:params:oauth:grant-type:device_code",
        DeviceCode = "device",
    };

    private static CreateTokenWithIAMRequest IamRequest(string id) => new() { ClientId = id, GrantType = "authorization_code", Code = "c" };

    private enum Kind
    {
        Ok,
        Throttled,
        HangsOnce,
        Skewed,
        Refused,
    }
}

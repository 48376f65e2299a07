namespace SsoOidcCodegen.Tests.EndToEnd;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using SsoLogin;
using SsoLogin.Flow;
using SsoOidcCodegen.Tests.Auth;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// <c>sso-login</c> again and again against the local service with random faults (dropped connections,
/// 5xx bursts, throttling, cut bodies, HTML and empty answers, latency) for <c>SSOOIDC_SOAK_SECONDS</c>
/// (20 s by default; <c>build.ps1 soak -Seconds 600</c> runs ten minutes). Two logins run at a time and
/// share one cache directory. Every login ends signed in (exit 0) or with its one-line error (exit 1),
/// and after every login the token cache file is there and is whole JSON holding a token.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SoakTests
{
    private const string SecondsVariable = "SSOOIDC_SOAK_SECONDS";
    private const int Workers = 2;
    private readonly ITestOutputHelper output;

    public SoakTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    [Trait("Category", "Soak")]
    public async Task Logins_against_a_faulty_service_end_signed_in_or_with_one_line_and_never_tear_or_lose_the_cache()
    {
        TimeSpan duration = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds > 0 ? seconds : 20);
        await using LocalSsoOidcService service = await LocalSsoOidcService.StartAsync(new LocalSsoOidcServiceOptions
        {
            AutoApproveDeviceCodes = true,

            // Every login goes to the service: tokens are inside sso-login's 15-minute refresh window,
            // so it refreshes them, and refresh tokens last 3 s, so it often signs in from scratch.
            AccessTokenLifetime = TimeSpan.FromMinutes(10),
            RefreshTokenLifetime = TimeSpan.FromSeconds(3),
        }, TestContext.Current.CancellationToken);
        service.Faults.EnableChaos(rate: 0.2, seed: 20261130);
        using var directory = new TemporaryDirectory();
        string cacheFile = Path.Combine(directory.Path, TokenFileName(LoginTestHost.StartUrl));

        var problems = new List<string>();
        var errors = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int logins = 0, signedIn = 0, cacheChecks = 0;
        var gate = new object();
        var clock = Stopwatch.StartNew();

        async Task Worker()
        {
            while (clock.Elapsed < duration && !TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                int exit = await SsoLoginCommand.RunAsync(
                    ["--start-url", LoginTestHost.StartUrl, "--region", "us-east-1", "--use-device-code", "--endpoint", service.BaseAddress.ToString(), "--no-browser"],
                    stdout,
                    stderr,
                    new LoginEnvironment { GetEnvironmentVariable = _ => null, CacheDirectory = directory.Path, Browser = new IdleBrowser() },
                    TestContext.Current.CancellationToken);
                string error = stderr.ToString();
                string? cacheProblem = CheckCache(cacheFile, mustExist: exit == 0 || Volatile.Read(ref signedIn) > 0);
                lock (gate)
                {
                    logins++;
                    cacheChecks++;
                    if (exit == SsoLoginCommand.ExitSuccess)
                    {
                        signedIn++;
                        if (error.Length > 0)
                        {
                            problems.Add("signed in but wrote to stderr: " + error);
                        }
                    }
                    else if (exit == SsoLoginCommand.ExitLoginFailed && error.EndsWith(Environment.NewLine, StringComparison.Ordinal)
                        && error.IndexOf('\n', StringComparison.Ordinal) == error.Length - 1 && error.StartsWith("sso-login: ", StringComparison.Ordinal))
                    {
                        string kind = Kind(error);
                        errors[kind] = errors.GetValueOrDefault(kind) + 1;
                    }
                    else
                    {
                        problems.Add($"exit {exit} with stderr '{error}'");
                    }

                    if (cacheProblem is not null)
                    {
                        problems.Add(cacheProblem);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(Worker, TestContext.Current.CancellationToken)));

        string faults = string.Join(", ", service.Faults.ChaosCounts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        string summary = string.Create(CultureInfo.InvariantCulture, $"soak {clock.Elapsed.TotalSeconds:F0} s: {logins} logins, {signedIn} signed in, {logins - signedIn} one-line errors")
            + " (" + string.Join(", ", errors.Select(p => p.Key + "=" + p.Value)) + $"), {cacheChecks} cache checks, {problems.Count} problems; "
            + $"{service.Requests.Count} requests (" + string.Join(", ", service.Requests.GroupBy(r => r.Path).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + "=" + g.Count())) + $"), faults injected: {faults}";
        output.WriteLine(summary);
        TestContext.Current.SendDiagnosticMessage(summary);
        Assert.True(problems.Count == 0, summary + "\n" + string.Join("\n", problems.Take(10)));
        Assert.True(signedIn > 0, summary);
        Assert.True(service.Requests.Count >= logins, summary);
        Assert.True(service.Faults.ChaosCounts.Count > 0, summary);
        Assert.Null(CheckCache(cacheFile, mustExist: true));
    }

    /// <summary>Null when the cache file is whole (or absent where that is allowed); otherwise what is wrong.</summary>
    private static string? CheckCache(string path, bool mustExist)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return mustExist ? "the token cache is gone after a sign-in" : null;
        }
        catch (IOException)
        {
            return null;    // being replaced this instant (Windows); the next check reads it
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            JsonElement root = document.RootElement;
            return root.TryGetProperty("accessToken", out JsonElement token) && token.GetString() is { Length: > 0 }
                && root.TryGetProperty("expiresAt", out JsonElement expiresAt) && DateTimeOffset.TryParse(expiresAt.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null
                : "the token cache holds JSON without an access token and expiry";
        }
        catch (JsonException exception)
        {
            return $"the token cache is torn ({bytes.Length} bytes): {exception.Message}";
        }
    }

    /// <summary>The kind of a one-line error: what it says after <c>sso-login: error:</c>, without the variable parts.</summary>
    private static string Kind(string error)
    {
        string text = error.Trim();
        int answered = text.IndexOf(" answered ", StringComparison.Ordinal);
        if (answered >= 0)
        {
            string rest = text[(answered + " answered ".Length)..];
            int end = rest.IndexOf(')', StringComparison.Ordinal);
            return end > 0 ? rest[..(end + 1)] : rest;
        }

        int colon = text.IndexOf(':', "sso-login: error:".Length);
        return colon > 0 ? text[..colon] : text;
    }

    /// <summary>The AWS CLI's cache file name: the SHA-1 of the start URL (or sso-session name), in hex.</summary>
    private static string TokenFileName(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(key))) + ".json";
}

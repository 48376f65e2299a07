namespace SsoLogin.Demo;

using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using SsoLogin.Flow;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.SsoOidc;

/// <summary>
/// What <c>sso-login</c> does without <c>--start-url</c>: starts a local SSO OIDC service
/// in-process and signs in to it, the simulated user approving the request, so the whole flow runs
/// on one machine with nothing to configure (the last step of <c>build.ps1</c>).
/// </summary>
public static class LocalDemo
{
    /// <summary>The start URL the demo signs in to; its token cache file name is stable across runs.</summary>
    public const string StartUrl = "https://sso-login-demo.awsapps.com/start";

    /// <summary>Runs the demo login and returns its result.</summary>
    public static async Task<LoginResult> RunAsync(LoginMethod method, string region, LoginEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        TextWriter output = environment.Output;
        await using LocalSsoOidcService service = await LocalSsoOidcService.StartAsync(
            new LocalSsoOidcServiceOptions { AccessTokenLifetime = TimeSpan.FromHours(8) },
            cancellationToken).ConfigureAwait(false);
        output.WriteLine($"No --start-url: signing in to a local SSO OIDC service started in-process at {service.BaseAddress} (demo).");

        using var browser = new LocalServiceBrowser(service);
        using var client = new SsoOidcClient(new AwsClientOptions
        {
            ServiceUrl = service.BaseAddress,
            Region = region,
            TimeProvider = environment.Time,
            AttemptTimeout = TimeSpan.FromSeconds(30),
        });
        var settings = new LoginSettings
        {
            StartUrl = StartUrl,
            Region = region,
            Method = method,
            OpenBrowser = true,

            // Every run talks to a new service, which knows neither an earlier token nor an earlier client.
            UseCachedToken = false,
            UseCachedRegistration = false,
        };
        var flow = new LoginFlow(client, client.Endpoint, settings, new LoginEnvironment
        {
            CacheDirectory = environment.CacheDirectory,
            Output = output,
            Time = environment.Time,
            Browser = browser,
        });
        LoginResult result = await flow.RunAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine($"The local service saw {service.Requests.Count} requests: {string.Join(", ", RequestSummaries(service))}.");
        return result;
    }

    private static System.Collections.Generic.IEnumerable<string> RequestSummaries(LocalSsoOidcService service)
    {
        foreach (RecordedRequest request in service.Requests)
        {
            yield return $"{request.Method} {request.Path}";
        }
    }
}

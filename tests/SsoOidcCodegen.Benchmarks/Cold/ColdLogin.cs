namespace SsoOidcCodegen.Benchmarks.Cold;

using System;
using System.Threading.Tasks;
using SsoOidcCodegen.Benchmarks.Client;
#if !COLD_SIDE_PEER
using OursModel = SsoOidcCodegen.SsoOidc.Model;
#endif
#if !COLD_SIDE_OURS
using PeerModel = Amazon.SSOOIDC.Model;
#endif

/// <summary>
/// The <c>--cold ours|peer</c> mode: what a fresh process pays for a device-code login. It builds
/// the client and runs RegisterClient, StartDeviceAuthorization, one CreateToken answered with
/// AuthorizationPendingException and one that succeeds, against the in-memory handler; exit code 0
/// when the login ended with an access token. Each client polls the way its users can: ours through
/// <c>TryCreateTokenAsync</c>, as sso-login does (the pending answer is a value), the SDK through its
/// only, throwing, <c>CreateTokenAsync</c> (a process's first exception costs 15–20 ms here).
/// <c>--cold start</c> returns at once, with neither client: what the same process costs before either does anything.
/// </summary>
public static class ColdLogin
{
    /// <summary>Set to 1, the login prints what the JIT compiled in its process (methods, IL bytes, time) on standard error.</summary>
    public const string JitReportVariable = "SSOOIDC_COLD_JIT_REPORT";

    /// <summary>Runs the login with the named client and returns the process exit code.</summary>
    public static int Run(string side)
    {
        if (side == "start")
        {
            return 0;
        }

        try
        {
            string? token = side switch
            {
#if !COLD_SIDE_PEER
                "ours" => LoginWithOursAsync().GetAwaiter().GetResult(),
#endif
#if !COLD_SIDE_OURS
                "peer" => LoginWithPeerAsync().GetAwaiter().GetResult(),
#endif
                _ => throw new ArgumentException($"--cold takes {Sides}, not '{side}'.", nameof(side)),
            };
            if (Environment.GetEnvironmentVariable(JitReportVariable) == "1")
            {
                // What the JIT did in this process (the cold login's "what holds it back"), on standard error.
                Console.Error.WriteLine(
                    $"jit {side}: {System.Runtime.JitInfo.GetCompiledMethodCount()} methods, {System.Runtime.JitInfo.GetCompiledILBytes()} IL bytes, " +
                    $"{System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F1} ms compiling");
            }

            return string.IsNullOrEmpty(token) ? 3 : 0;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"cold login ({side}) failed: {exception}");
            return 2;
        }
    }

#if COLD_SIDE_OURS
    private const string Sides = "'ours' or 'start' (a build with our client alone)";
#elif COLD_SIDE_PEER
    private const string Sides = "'peer' or 'start' (a build with the official SDK alone)";
#else
    private const string Sides = "'ours', 'peer' or 'start'";
#endif

#if !COLD_SIDE_PEER
    /// <summary>The login with our generated client.</summary>
    public static async Task<string?> LoginWithOursAsync()
    {
        using var handler = new CannedAwsHandler { PendingTokenReplies = 1 };
        using SsoOidc.SsoOidcClient client = Clients.CreateOurs(handler);
        OursModel.RegisterClientResponse registration = await client.RegisterClientAsync(BenchmarkRequests.OursRegisterClient()).ConfigureAwait(false);
        OursModel.StartDeviceAuthorizationResponse device = await client.StartDeviceAuthorizationAsync(new OursModel.StartDeviceAuthorizationRequest
        {
            ClientId = registration.ClientId,
            ClientSecret = registration.ClientSecret,
            StartUrl = "https://my-sso-portal.awsapps.com/start",
        }).ConfigureAwait(false);
        var poll = new OursModel.CreateTokenRequest
        {
            ClientId = registration.ClientId,
            ClientSecret = registration.ClientSecret,
            DeviceCode = device.DeviceCode,
            GrantType = "urn:ietf:params:oauth:grant-type:device_code",
        };
        while (true)
        {
            // As sso-login polls: the pending answer comes back as a value, never thrown (the SDK has only the throwing path).
            SsoOidcCodegen.Runtime.AwsResult<OursModel.CreateTokenResponse> answer = await client.TryCreateTokenAsync(poll).ConfigureAwait(false);
            if (answer.TryGetValue(out OursModel.CreateTokenResponse? token))
            {
                return token.AccessToken;
            }

            if (!answer.TryGetError(out OursModel.AuthorizationPendingException? _))
            {
                // Anything but "not approved yet" ends the login, as it does in sso-login.
                return answer.GetValueOrThrow().AccessToken;
            }

            // The user has not approved yet: poll again (no wait, the handler approves on the second poll).
        }
    }

#endif

#if !COLD_SIDE_OURS
    /// <summary>The login with the official SDK.</summary>
    public static async Task<string?> LoginWithPeerAsync()
    {
        using var handler = new CannedAwsHandler { PendingTokenReplies = 1 };
        using Amazon.SSOOIDC.AmazonSSOOIDCClient client = Clients.CreatePeerAnonymous(handler);
        PeerModel.RegisterClientResponse registration = await client.RegisterClientAsync(BenchmarkRequests.PeerRegisterClient()).ConfigureAwait(false);
        PeerModel.StartDeviceAuthorizationResponse device = await client.StartDeviceAuthorizationAsync(new PeerModel.StartDeviceAuthorizationRequest
        {
            ClientId = registration.ClientId,
            ClientSecret = registration.ClientSecret,
            StartUrl = "https://my-sso-portal.awsapps.com/start",
        }).ConfigureAwait(false);
        var poll = new PeerModel.CreateTokenRequest
        {
            ClientId = registration.ClientId,
            ClientSecret = registration.ClientSecret,
            DeviceCode = device.DeviceCode,
            GrantType = "urn:ietf:params:oauth:grant-type:device_code",
        };
        while (true)
        {
            try
            {
                return (await client.CreateTokenAsync(poll).ConfigureAwait(false)).AccessToken;
            }
            catch (PeerModel.AuthorizationPendingException)
            {
                // The user has not approved yet: poll again (no wait, the handler approves on the second poll).
            }
        }
    }
#endif
}

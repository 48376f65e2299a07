namespace SsoOidcCodegen.Benchmarks.Client;

using System;
using System.Threading.Tasks;
using Amazon.SSOOIDC;
using BenchmarkDotNet.Attributes;
using SsoOidcCodegen.SsoOidc;
using OursModel = SsoOidcCodegen.SsoOidc.Model;
using PeerModel = Amazon.SSOOIDC.Model;

/// <summary>
/// One call of each SSO OIDC operation in steady state (both clients warmed up): our generated
/// client, the official SDK, and the raw HttpClient floor, all against the same in-memory handler.
/// </summary>
[MemoryDiagnoser]
public class ClientBenchmarks : IDisposable
{
    /// <summary>
    /// The operations measured; <c>CreateTokenPending</c> is CreateToken answered with AuthorizationPendingException,
    /// and <c>CreateTokenPendingTry</c> the same answer through our exception-free <c>TryCreateTokenAsync</c>
    /// (the SDK's peer is its only, throwing, path).
    /// </summary>
    public static readonly string[] Operations = { "RegisterClient", "StartDeviceAuthorization", "CreateToken", "CreateTokenPending", "CreateTokenPendingTry", "CreateTokenWithIAM" };

    private readonly OursModel.RegisterClientRequest oursRegister = BenchmarkRequests.OursRegisterClient();
    private readonly OursModel.StartDeviceAuthorizationRequest oursStart = BenchmarkRequests.OursStartDeviceAuthorization();
    private readonly OursModel.CreateTokenRequest oursToken = BenchmarkRequests.OursCreateToken();
    private readonly OursModel.CreateTokenWithIAMRequest oursIam = BenchmarkRequests.OursCreateTokenWithIam();
    private readonly PeerModel.RegisterClientRequest peerRegister = BenchmarkRequests.PeerRegisterClient();
    private readonly PeerModel.StartDeviceAuthorizationRequest peerStart = BenchmarkRequests.PeerStartDeviceAuthorization();
    private readonly PeerModel.CreateTokenRequest peerToken = BenchmarkRequests.PeerCreateToken();
    private readonly PeerModel.CreateTokenWithIAMRequest peerIam = BenchmarkRequests.PeerCreateTokenWithIam();
    private CannedAwsHandler handler = null!;
    private SsoOidcClient ours = null!;
    private AmazonSSOOIDCClient peer = null!;
    private AmazonSSOOIDCClient peerSigned = null!;
    private RawFloor floor = null!;
    private Func<Task> oursCall = null!;
    private Func<Task> peerCall = null!;
    private Func<Task> floorCall = null!;

    /// <summary>The operation of this case.</summary>
    [ParamsSource(nameof(OperationNames))]
    public string Operation { get; set; } = "RegisterClient";

    /// <summary>The values of <see cref="Operation"/>.</summary>
    public static string[] OperationNames => Operations;

    /// <summary>Builds the handler and the clients, checks every path answers as expected, and warms both clients.</summary>
    [GlobalSetup]
    public void Setup()
    {
        handler = new CannedAwsHandler { PendingTokenReplies = Operation is "CreateTokenPending" or "CreateTokenPendingTry" ? int.MaxValue : 0 };
        ours = Clients.CreateOurs(handler);
        peer = Clients.CreatePeerAnonymous(handler);
        peerSigned = Clients.CreatePeerSigned(handler);
        floor = new RawFloor(handler);
        (oursCall, peerCall, floorCall) = Operation switch
        {
            "RegisterClient" => Calls(OursRegisterClient, PeerRegisterClient, floor.RegisterClientAsync),
            "StartDeviceAuthorization" => Calls(OursStartDeviceAuthorization, PeerStartDeviceAuthorization, floor.StartDeviceAuthorizationAsync),
            "CreateToken" => Calls(OursCreateToken, PeerCreateToken, floor.CreateTokenAsync),
            "CreateTokenPending" => Calls(OursCreateTokenPending, PeerCreateTokenPending, floor.CreateTokenAsync),
            "CreateTokenPendingTry" => Calls(OursCreateTokenPendingTry, PeerCreateTokenPending, floor.CreateTokenAsync),
            "CreateTokenWithIAM" => Calls(OursCreateTokenWithIam, PeerCreateTokenWithIam, floor.CreateTokenWithIamAsync),
            _ => throw new InvalidOperationException($"Unknown operation '{Operation}'."),
        };

        // Each side once, checking it made exactly one request (no retries), then enough calls to warm both clients.
        foreach (Func<Task> call in new[] { oursCall, peerCall, floorCall })
        {
            long before = handler.Requests;
            call().GetAwaiter().GetResult();
            if (handler.Requests != before + 1)
            {
                throw new InvalidOperationException($"{Operation}: one call sent {handler.Requests - before} requests; expected exactly 1.");
            }
        }

        // Warm for wall time rather than a call count: the JIT promotes hot methods to tier 1 only
        // once no new method has been compiled for a while, so pause, then run them again.
        WarmFor(TimeSpan.FromSeconds(1));
        System.Threading.Thread.Sleep(250);
        WarmFor(TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Our generated client.</summary>
    [Benchmark(Baseline = true)]
    public Task Ours() => oursCall();

    /// <summary>The official AWS SDK (AWSSDK.SSOOIDC).</summary>
    [Benchmark]
    public Task Peer() => peerCall();

    /// <summary>The raw HttpClient floor.</summary>
    [Benchmark]
    public Task Floor() => floorCall();

    /// <summary>Disposes the clients.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        ours?.Dispose();
        peer?.Dispose();
        peerSigned?.Dispose();
        floor?.Dispose();
        handler?.Dispose();
        GC.SuppressFinalize(this);
    }

    private void WarmFor(TimeSpan duration)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            oursCall().GetAwaiter().GetResult();
            peerCall().GetAwaiter().GetResult();
            floorCall().GetAwaiter().GetResult();
        }
    }

    private static (Func<Task> Ours, Func<Task> Peer, Func<Task> Floor) Calls(Func<Task> ours, Func<Task> peer, Func<Task<int>> floor) =>
        (ours, peer, floor);

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Unexpected answer: " + what);
        }
    }

    private async Task OursRegisterClient() =>
        Expect((await ours.RegisterClientAsync(oursRegister).ConfigureAwait(false)).ClientSecretExpiresAt == 1587584729, "ours RegisterClient");

    private async Task PeerRegisterClient() =>
        Expect((await peer.RegisterClientAsync(peerRegister).ConfigureAwait(false)).ClientSecretExpiresAt == 1587584729, "peer RegisterClient");

    private async Task OursStartDeviceAuthorization() =>
        Expect((await ours.StartDeviceAuthorizationAsync(oursStart).ConfigureAwait(false)).Interval == 1, "ours StartDeviceAuthorization");

    private async Task PeerStartDeviceAuthorization() =>
        Expect((await peer.StartDeviceAuthorizationAsync(peerStart).ConfigureAwait(false)).Interval == 1, "peer StartDeviceAuthorization");

    private async Task OursCreateToken() =>
        Expect((await ours.CreateTokenAsync(oursToken).ConfigureAwait(false)).ExpiresIn == 28800, "ours CreateToken");

    private async Task PeerCreateToken() =>
        Expect((await peer.CreateTokenAsync(peerToken).ConfigureAwait(false)).ExpiresIn == 28800, "peer CreateToken");

    private async Task OursCreateTokenPending()
    {
        try
        {
            await ours.CreateTokenAsync(oursToken).ConfigureAwait(false);
        }
        catch (OursModel.AuthorizationPendingException)
        {
            return;
        }

        Expect(false, "ours CreateToken did not throw AuthorizationPendingException");
    }

    private async Task OursCreateTokenPendingTry() =>
        Expect((await ours.TryCreateTokenAsync(oursToken).ConfigureAwait(false)).Error is OursModel.AuthorizationPendingException, "ours TryCreateToken did not return AuthorizationPendingException");

    private async Task PeerCreateTokenPending()
    {
        try
        {
            await peer.CreateTokenAsync(peerToken).ConfigureAwait(false);
        }
        catch (PeerModel.AuthorizationPendingException)
        {
            return;
        }

        Expect(false, "peer CreateToken did not throw AuthorizationPendingException");
    }

    private async Task OursCreateTokenWithIam() =>
        Expect((await ours.CreateTokenWithIAMAsync(oursIam).ConfigureAwait(false)).ExpiresIn == 3600, "ours CreateTokenWithIAM");

    private async Task PeerCreateTokenWithIam() =>
        Expect((await peerSigned.CreateTokenWithIAMAsync(peerIam).ConfigureAwait(false)).ExpiresIn == 3600, "peer CreateTokenWithIAM");
}

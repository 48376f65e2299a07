namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Pipeline;

/// <summary>
/// SigV4: credentials from the client's provider (resolved once per client, asked per attempt), the
/// signing time corrected by the skew the call uses (<see cref="CallContext.SigningOffset"/>).
/// </summary>
internal sealed class SigV4RequestSigner : IRequestSigner
{
    private const int NormalizePath = 1;
    private const int DoubleEncodePath = 2;

    // By path mode (PathMode): the two path switches apart, each signer keeping its own signing-key cache.
    private readonly SigV4Signer?[] signers = new SigV4Signer?[4];
    private readonly SigV4aSigner?[] sigV4aSigners = new SigV4aSigner?[4];
    private readonly int modelPathMode;
    private readonly string? regionOverride;
    private readonly Func<IAwsCredentialsProvider> credentialsFactory;
    private readonly Func<string> signingRegion;
    private readonly string signingName;
    private readonly TimeProvider timeProvider;
    private IAwsCredentialsProvider? credentials;

    /// <summary>Creates the signer.</summary>
    /// <param name="credentialsFactory">Creates the credentials provider on first use (operations without SigV4 never ask).</param>
    /// <param name="signingRegion">The region to sign for (asked per attempt: it may come from the environment).</param>
    /// <param name="regionOverride">The region the options force (<see cref="AwsClientOptions.AuthenticationRegion"/>): it wins over the endpoint's signing region.</param>
    /// <param name="signingName">The model's signing name.</param>
    /// <param name="timeProvider">The local clock.</param>
    public SigV4RequestSigner(Func<IAwsCredentialsProvider> credentialsFactory, Func<string> signingRegion, string? regionOverride, string signingName, TimeProvider timeProvider)
    {
        this.regionOverride = regionOverride;
        this.credentialsFactory = credentialsFactory;
        this.signingRegion = signingRegion;
        this.signingName = signingName;
        this.timeProvider = timeProvider;

        // Amazon S3 signs the path as sent; every other service normalizes it and encodes it again.
        modelPathMode = IsS3(signingName) ? 0 : NormalizePath | DoubleEncodePath;
    }


    /// <inheritdoc/>
    public async ValueTask SignAsync(HttpRequestMessage message, ReadOnlyMemory<byte> body, CallContext context, CancellationToken cancellationToken)
    {
        AwsCredentials resolved = await GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        // The endpoint's auth scheme (sigv4) names the service and region to sign for; an explicit AuthenticationRegion still wins.
        Endpoints.EndpointAuthScheme? scheme = context.AuthScheme;
        string region = regionOverride ?? scheme?.SigningRegion ?? signingRegion();
        string name = scheme?.SigningName ?? signingName;
        if (scheme is { Name: "sigv4a" })
        {
            // SigV4a: signed for a region set (the rules' signingRegionSet, else the signing region), ECDSA P-256.
            string regionSet = scheme.SigningRegionSet.Count > 0 ? string.Join(",", scheme.SigningRegionSet) : region;
            int mode = PathMode(scheme, name);
            SigV4aSigner v4a = Volatile.Read(ref sigV4aSigners[mode]) ?? Interlocked.CompareExchange(ref sigV4aSigners[mode], new SigV4aSigner((mode & NormalizePath) != 0, (mode & DoubleEncodePath) != 0), null) ?? sigV4aSigners[mode]!;
            v4a.Sign(message, context.PayloadHash ?? SigV4Signer.HashPayload(body.Span), resolved, regionSet, name, timeProvider.GetUtcNow() + context.SigningOffset);
            return;
        }

        int pathMode = scheme is null ? modelPathMode : PathMode(scheme, name);
        SigV4Signer chosen = Volatile.Read(ref signers[pathMode]) ?? Interlocked.CompareExchange(ref signers[pathMode], new SigV4Signer((pathMode & NormalizePath) != 0, (pathMode & DoubleEncodePath) != 0), null) ?? signers[pathMode]!;
        DateTimeOffset signingTime = timeProvider.GetUtcNow() + context.SigningOffset;
        // The pipeline knows every header the message holds (the builder's, then unsigned ones of its
        // own), so the canonical headers come from that list rather than from reading the message back.
        // A payload hash the model lets the caller send (CodeArtifact's assetSHA256 is x-amz-content-sha256)
        // is kept as given and signed like any header; otherwise the signer sends its own.
        // A message fresh from the builder holds only the builder's headers when signing starts: looking in its list
        // spares parsing the name and searching the message's collection.
        bool addContentSha256 = context.Request is { SentAllHeaders: true } built
            ? !SigV4Signer.Has(built.Headers, "X-Amz-Content-SHA256")
            : !message.Headers.Contains("X-Amz-Content-SHA256");
        if (context.PayloadHash is { } payloadHash)
        {
            chosen.Sign(message, payloadHash, resolved, region, name, signingTime, addContentSha256, context.Request);
        }
        else
        {
            chosen.Sign(message, body.Span, resolved, region, name, signingTime, addContentSha256, context.Request, stages: null);
        }

        if (message.Content is Protocols.EventStream.EventStreamRequestContent events)
        {
            ChainEventSigner(message, events, resolved, region, name, context);
        }
    }

    // An input event stream signs its frames in a chain that starts from this request's signature. (Apart from
    // SignAsync, so that the clock's closure over the context is only allocated for such a request.)
    private void ChainEventSigner(HttpRequestMessage message, Protocols.EventStream.EventStreamRequestContent events, AwsCredentials resolved, string region, string name, CallContext context)
    {
        if (message.Headers.NonValidated.TryGetValues("Authorization", out System.Net.Http.Headers.HeaderStringValues authorization)
            && EventStreamSigner.SeedFromAuthorization(authorization.ToString()) is { } seed)
        {
            events.Signer = new EventStreamSigner(resolved, region, name, seed);
            events.Clock = () => timeProvider.GetUtcNow() + context.SigningOffset;
        }
    }

    /// <summary>
    /// The credentials of the client's provider (created on first use). The pipeline asks before resolving an endpoint
    /// whose rules read the account id (<c>AWS::Auth::AccountId</c>); the provider's own cache makes the second ask cheap.
    /// </summary>
    internal ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        // A benign race: two first calls may each create a provider; one of them is kept.
        IAwsCredentialsProvider provider = Volatile.Read(ref credentials) ?? Interlocked.CompareExchange(ref credentials, credentialsFactory(), null) ?? credentials!;
        return provider.GetCredentialsAsync(cancellationToken);
    }

    /// <summary>The path switches an endpoint's scheme gives: each of its two flags turns one off; an S3 signing name turns both off.</summary>
    private static int PathMode(Endpoints.EndpointAuthScheme scheme, string signingName) =>
        IsS3(signingName) ? 0 : (scheme.DisableNormalizePath ? 0 : NormalizePath) | (scheme.DisableDoubleEncoding ? 0 : DoubleEncodePath);

    private static bool IsS3(string signingName) => signingName is "s3" or "s3express" or "s3-outposts" or "s3-object-lambda";
}

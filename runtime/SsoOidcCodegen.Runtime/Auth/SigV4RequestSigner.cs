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
    private readonly SigV4Signer signer;
    private readonly SigV4Signer normalizingSigner;
    private readonly SigV4Signer rawPathSigner;
    private readonly SigV4aSigner sigV4a = new(normalizePath: true);
    private readonly SigV4aSigner sigV4aRawPath = new(normalizePath: false);
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
        normalizingSigner = new SigV4Signer(normalizeAndDoubleEncodePath: true);
        rawPathSigner = new SigV4Signer(normalizeAndDoubleEncodePath: false);
        signer = IsS3(signingName) ? rawPathSigner : normalizingSigner;
    }

    /// <inheritdoc/>
    public async ValueTask SignAsync(HttpRequestMessage message, ReadOnlyMemory<byte> body, CallContext context, CancellationToken cancellationToken)
    {
        // A benign race: two first calls may each create a provider; one of them is kept.
        IAwsCredentialsProvider provider = Volatile.Read(ref credentials) ?? Interlocked.CompareExchange(ref credentials, credentialsFactory(), null) ?? credentials!;
        AwsCredentials resolved = await provider.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        // The endpoint's auth scheme (sigv4) names the service and region to sign for; an explicit AuthenticationRegion still wins.
        Endpoints.EndpointAuthScheme? scheme = context.AuthScheme;
        string region = regionOverride ?? scheme?.SigningRegion ?? signingRegion();
        string name = scheme?.SigningName ?? signingName;
        if (scheme is { Name: "sigv4a" })
        {
            // SigV4a: signed for a region set (the rules' signingRegionSet, else the signing region), ECDSA P-256.
            string regionSet = scheme.SigningRegionSet.Count > 0 ? string.Join(",", scheme.SigningRegionSet) : region;
            SigV4aSigner v4a = scheme.DisableDoubleEncoding || scheme.DisableNormalizePath || IsS3(name) ? sigV4aRawPath : sigV4a;
            v4a.Sign(message, context.PayloadHash ?? SigV4Signer.HashPayload(body.Span), resolved, regionSet, name, timeProvider.GetUtcNow() + context.SigningOffset);
            return;
        }

        // The canonicalizer has one switch for both flags: either flag (or an S3 signing name) signs the path as sent.
        SigV4Signer chosen = scheme is null ? signer
            : scheme.DisableDoubleEncoding || scheme.DisableNormalizePath || IsS3(name) ? rawPathSigner
            : normalizingSigner;
        DateTimeOffset signingTime = timeProvider.GetUtcNow() + context.SigningOffset;
        // The pipeline knows every header the message holds (the builder's, then unsigned ones of its
        // own), so the canonical headers come from that list rather than from reading the message back.
        // A payload hash the model lets the caller send (CodeArtifact's assetSHA256 is x-amz-content-sha256)
        // is kept as given and signed like any header; otherwise the signer sends its own.
        bool addContentSha256 = !message.Headers.Contains("X-Amz-Content-SHA256");
        if (context.PayloadHash is { } payloadHash)
        {
            chosen.Sign(message, payloadHash, resolved, region, name, signingTime, addContentSha256, context.Request);
        }
        else
        {
            chosen.Sign(message, body.Span, resolved, region, name, signingTime, addContentSha256, context.Request, stages: null);
        }

        // An input event stream signs its frames in a chain that starts from this request's signature.
        if (message.Content is Protocols.EventStream.EventStreamRequestContent events
            && message.Headers.NonValidated.TryGetValues("Authorization", out System.Net.Http.Headers.HeaderStringValues authorization)
            && EventStreamSigner.SeedFromAuthorization(authorization.ToString()) is { } seed)
        {
            events.Signer = new EventStreamSigner(resolved, region, name, seed);
            events.Clock = () => timeProvider.GetUtcNow() + context.SigningOffset;
        }
    }

    private static bool IsS3(string signingName) => signingName is "s3" or "s3express" or "s3-outposts" or "s3-object-lambda";
}

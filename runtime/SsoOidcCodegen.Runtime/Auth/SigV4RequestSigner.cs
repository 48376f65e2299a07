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
    private readonly Func<IAwsCredentialsProvider> credentialsFactory;
    private readonly Func<string> signingRegion;
    private readonly string signingName;
    private readonly TimeProvider timeProvider;
    private IAwsCredentialsProvider? credentials;

    /// <summary>Creates the signer.</summary>
    /// <param name="credentialsFactory">Creates the credentials provider on first use (operations without SigV4 never ask).</param>
    /// <param name="signingRegion">The region to sign for (asked per attempt: it may come from the environment).</param>
    /// <param name="signingName">The model's signing name.</param>
    /// <param name="timeProvider">The local clock.</param>
    public SigV4RequestSigner(Func<IAwsCredentialsProvider> credentialsFactory, Func<string> signingRegion, string signingName, TimeProvider timeProvider)
    {
        this.credentialsFactory = credentialsFactory;
        this.signingRegion = signingRegion;
        this.signingName = signingName;
        this.timeProvider = timeProvider;

        // Amazon S3 signs the path as sent; every other service normalizes it and encodes it again.
        signer = new SigV4Signer(normalizeAndDoubleEncodePath: !IsS3(signingName));
    }

    /// <inheritdoc/>
    public async ValueTask SignAsync(HttpRequestMessage message, ReadOnlyMemory<byte> body, CallContext context, CancellationToken cancellationToken)
    {
        // A benign race: two first calls may each create a provider; one of them is kept.
        IAwsCredentialsProvider provider = Volatile.Read(ref credentials) ?? Interlocked.CompareExchange(ref credentials, credentialsFactory(), null) ?? credentials!;
        AwsCredentials resolved = await provider.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        string region = signingRegion();
        DateTimeOffset signingTime = timeProvider.GetUtcNow() + context.SigningOffset;
        // The pipeline knows every header the message holds (the builder's, then unsigned ones of its
        // own), so the canonical headers come from that list rather than from reading the message back.
        if (context.PayloadHash is { } payloadHash)
        {
            signer.Sign(message, payloadHash, resolved, region, signingName, signingTime, addContentSha256Header: true, context.Request);
        }
        else
        {
            signer.Sign(message, body.Span, resolved, region, signingName, signingTime, addContentSha256Header: true, context.Request, stages: null);
        }
    }

    private static bool IsS3(string signingName) => signingName is "s3" or "s3express" or "s3-outposts" or "s3-object-lambda";
}

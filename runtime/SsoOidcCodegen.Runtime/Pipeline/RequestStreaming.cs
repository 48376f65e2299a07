namespace SsoOidcCodegen.Runtime.Pipeline;

using System;
using System.Buffers;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Http;

/// <summary>
/// Decides, once per call, how a body that is not buffered is signed and replayed: a seekable stream is read
/// once to hash it (SigV4's payload SHA-256) and rewound, then sent from the same position on every attempt;
/// a stream that cannot seek is sent as <c>UNSIGNED-PAYLOAD</c>, once (it cannot be read again for a retry).
/// An operation that the model marks unsigned sends <c>UNSIGNED-PAYLOAD</c> over HTTPS and skips the hash.
/// </summary>
internal static class RequestStreaming
{
    private const int HashBufferSize = 64 * 1024;

    /// <summary>
    /// Whether the request has a body that <see cref="PrepareAsync"/> must look at (a stream or an event stream); a
    /// request without one is prepared by <see cref="PrepareWithoutStream"/>, with no asynchronous call (and nothing
    /// for a ReadyToRun or JIT start to compile for it).
    /// </summary>
    public static bool HasStream(AwsRequestBuilder builder) => builder.BodyStream is not null || builder.EventStreamBody is not null;

    /// <summary>Sets <see cref="CallContext.PayloadHash"/> for a request whose body, if any, is in memory (<see cref="HasStream"/> is false).</summary>
    public static void PrepareWithoutStream(CallContext context, bool unsignedPayload) =>
        context.PayloadHash = IsUnsigned(context, unsignedPayload) ? SigV4Signer.UnsignedPayload : null;

    // The SDKs send an unsigned body only where TLS protects it; over plain HTTP the signature covers it.
    private static bool IsUnsigned(CallContext context, bool unsignedPayload) =>
        unsignedPayload && string.Equals(context.Endpoint.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);

    /// <summary>Sets <see cref="CallContext.PayloadHash"/>; returns the position to rewind a seekable stream to before each attempt.</summary>
    /// <exception cref="AwsValidationException">The stream cannot seek, the model requires its length, and no <c>Content-Length</c> was given.</exception>
    public static async ValueTask<long?> PrepareAsync(AwsRequestBuilder builder, string operationName, CallContext context, bool unsignedPayload, CancellationToken cancellationToken)
    {
        if (builder.EventStreamBody is not null)
        {
            // Each frame is signed as it is sent; the request itself announces the signed event stream.
            context.PayloadHash = EventStreamSigner.StreamingEventsPayload;
            return null;
        }

        Stream? stream = builder.BodyStream;
        if (stream is null)
        {
            PrepareWithoutStream(context, unsignedPayload);
            return null;
        }

        if (builder.TrailerChecksumAlgorithm is { } trailer)
        {
            return PrepareChunked(builder, operationName, context, stream, trailer);
        }

        if (!stream.CanSeek)
        {
            if (builder.BodyStreamRequiresLength && builder.ContentLengthHeader is null)
            {
                string member = builder.BodyStreamMember ?? "the body";
                throw new AwsValidationException(
                    operationName,
                    new[] { $"{member}: the operation requires the body's length, and the stream cannot seek: set the request's content length or pass a seekable stream" });
            }

            context.PayloadHash = SigV4Signer.UnsignedPayload;
            return null;
        }

        long start = stream.Position;
        context.PayloadHash = IsUnsigned(context, unsignedPayload) ? SigV4Signer.UnsignedPayload : await HashAsync(stream, cancellationToken).ConfigureAwait(false);
        stream.Position = start;
        return start;
    }

    /// <summary>
    /// A stream with a checksum trailer goes <c>aws-chunked</c> and unsigned (<c>STREAMING-UNSIGNED-PAYLOAD-TRAILER</c>):
    /// the checksum is computed as it is sent, so the stream is read once per attempt and never hashed ahead.
    /// <c>Content-Length</c> becomes the encoded length; the caller's length goes to <c>x-amz-decoded-content-length</c>.
    /// </summary>
    private static long? PrepareChunked(AwsRequestBuilder builder, string operationName, CallContext context, Stream stream, string algorithm)
    {
        long? decoded = stream.CanSeek ? stream.Length - stream.Position : null;
        if (decoded is null && long.TryParse(builder.ContentLengthHeader, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long given))
        {
            decoded = given;
        }

        if (decoded is null && builder.BodyStreamRequiresLength)
        {
            throw new AwsValidationException(
                operationName,
                new[] { $"{builder.BodyStreamMember ?? "the body"}: the operation requires the body's length, and the stream cannot seek: set the request's content length or pass a seekable stream" });
        }

        builder.RemoveHeader("Content-Length");
        builder.AddHeader("Content-Encoding", "aws-chunked");
        if (decoded is { } length)
        {
            builder.AddHeader("x-amz-decoded-content-length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using (Checksums.FlexibleChecksum named = Checksums.FlexibleChecksum.Create(algorithm)!)
        {
            builder.AddHeader("x-amz-trailer", named.HeaderName);
        }

        builder.DecodedContentLength = decoded;
        context.PayloadHash = StreamingUnsignedPayloadTrailer;
        return stream.CanSeek ? stream.Position : null;
    }

    /// <summary>The payload hash of an unsigned <c>aws-chunked</c> body with a trailer.</summary>
    public const string StreamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    /// <summary>The lower-case hex SHA-256 of the stream from its position to its end, read through one pooled buffer.</summary>
    private static async ValueTask<string> HashAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(HashBufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, HashBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        return Convert.ToHexString(digest).ToLowerInvariant();
    }
}

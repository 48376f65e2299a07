namespace SsoOidcCodegen.Runtime.Checksums;

using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// A streamed request body in S3's <c>aws-chunked</c> encoding with an unsigned trailer
/// (<c>STREAMING-UNSIGNED-PAYLOAD-TRAILER</c>): chunks of <see cref="ChunkSize"/> bytes written as
/// <c>hex-size CRLF data CRLF</c>, then <c>0 CRLF</c>, the checksum trailer <c>x-amz-checksum-…:value CRLF</c> and a
/// closing CRLF. The checksum is computed as the bytes pass, so the stream is read once and never held.
/// </summary>
internal sealed class AwsChunkedContent : HttpContent
{
    /// <summary>The data bytes per chunk (the last one may be shorter); S3 wants at least 8 KiB per chunk but the last.</summary>
    public const int ChunkSize = 64 * 1024;

    private static readonly byte[] Crlf = "\r\n"u8.ToArray();
    private readonly Stream stream;
    private readonly string algorithm;
    private readonly long? decodedLength;

    /// <summary>Creates the content over the caller's stream (not disposed here).</summary>
    public AwsChunkedContent(Stream stream, string algorithm, long? decodedLength)
    {
        this.stream = stream;
        this.algorithm = algorithm;
        this.decodedLength = decodedLength;
    }

    /// <summary>The length of the encoded body for a body of <paramref name="decoded"/> bytes.</summary>
    public static long EncodedLength(long decoded, string algorithm)
    {
        long full = decoded / ChunkSize;
        int rest = (int)(decoded % ChunkSize);
        long length = full * (HexDigits(ChunkSize) + 2 + ChunkSize + 2);
        if (rest > 0)
        {
            length += HexDigits(rest) + 2 + rest + 2;
        }

        using FlexibleChecksum checksum = FlexibleChecksum.Create(algorithm)!;
        int trailer = checksum.HeaderName.Length + 1 + checksum.GetHeaderValue().Length + 2;
        return length + 3 + trailer + 2;
    }

    /// <inheritdoc/>
    protected override async Task SerializeToStreamAsync(Stream target, TransportContext? context, CancellationToken cancellationToken)
    {
        using FlexibleChecksum checksum = FlexibleChecksum.Create(algorithm)!;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (true)
            {
                // Whole chunks (but the last), so the encoded length is the one announced.
                int filled = await stream.ReadAtLeastAsync(buffer.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (filled == 0)
                {
                    break;
                }

                checksum.Append(buffer.AsSpan(0, filled));
                await target.WriteAsync(Encoding.ASCII.GetBytes(filled.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken).ConfigureAwait(false);
                await target.WriteAsync(buffer.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
                await target.WriteAsync(Crlf, cancellationToken).ConfigureAwait(false);
                if (filled < ChunkSize)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        string end = "0\r\n" + checksum.HeaderName + ":" + checksum.GetHeaderValue() + "\r\n\r\n";
        await target.WriteAsync(Encoding.ASCII.GetBytes(end), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override Task SerializeToStreamAsync(Stream target, TransportContext? context) => SerializeToStreamAsync(target, context, CancellationToken.None);

    /// <inheritdoc/>
    protected override bool TryComputeLength(out long length)
    {
        if (decodedLength is { } decoded)
        {
            length = EncodedLength(decoded, algorithm);
            return true;
        }

        length = 0;
        return false;
    }

    private static int HexDigits(int value) => value.ToString("x", CultureInfo.InvariantCulture).Length;
}

namespace SsoOidcCodegen.Runtime.Http;

using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// The body of a streaming response (S3's <c>GetObject</c>), read from the socket as the caller reads it,
/// never buffered whole. It owns the response's content and its connection: dispose it (or read it to the end and dispose it) to
/// give the connection back. The call's timeouts end when the response headers arrive; pass a
/// cancellation token to the reads to bound them. When the caller asked for checksum validation, the read that
/// reaches the end throws <see cref="AwsChecksumMismatchException"/> if the body does not match its checksum header.
/// </summary>
public sealed class AwsResponseStream : Stream
{
    private readonly HttpContent content;
    private readonly Stream inner;
    private readonly long? length;
    private readonly Checksums.FlexibleChecksum? checksum;
    private readonly string? expectedChecksum;
    private readonly string operationName;
    private long position;
    private bool checkedAtEnd;

    internal AwsResponseStream(HttpContent content, Stream inner, string operationName = "", (Checksums.FlexibleChecksum Checksum, string Expected)? validation = null)
    {
        this.content = content;
        this.inner = inner;
        this.operationName = operationName;
        length = content.Headers.ContentLength;
        checksum = validation?.Checksum;
        expectedChecksum = validation?.Expected;
    }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <summary>The body's declared length (<c>Content-Length</c>); throws <see cref="NotSupportedException"/> without one.</summary>
    public override long Length => length ?? throw new NotSupportedException("The response declared no Content-Length.");

    /// <summary>The number of bytes read so far (setting it is not supported).</summary>
    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        Observe(buffer.Slice(0, read), buffer.IsEmpty);
        return read;
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Observe(buffer.Span.Slice(0, read), buffer.IsEmpty);
        return read;
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            content.Dispose();
            checksum?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Counts the bytes read and, when the caller asked for validation, checks the checksum at the end of the body.</summary>
    /// <exception cref="AwsChecksumMismatchException">The whole body was read and does not match its <c>x-amz-checksum-…</c> header.</exception>
    private void Observe(ReadOnlySpan<byte> read, bool emptyBuffer)
    {
        position += read.Length;
        if (checksum is null || checkedAtEnd)
        {
            return;
        }

        if (!read.IsEmpty)
        {
            checksum.Append(read);
            return;
        }

        if (emptyBuffer)
        {
            return;
        }

        checkedAtEnd = true;
        string actual = checksum.GetHeaderValue();
        if (!string.Equals(actual, expectedChecksum, StringComparison.Ordinal))
        {
            throw Checksums.ResponseChecksumVerifier.Mismatch(operationName, checksum.HeaderName, expectedChecksum!, actual);
        }
    }
}

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
/// cancellation token to the reads to bound them.
/// </summary>
public sealed class AwsResponseStream : Stream
{
    private readonly HttpContent content;
    private readonly Stream inner;
    private readonly long? length;
    private long position;

    internal AwsResponseStream(HttpContent content, Stream inner)
    {
        this.content = content;
        this.inner = inner;
        length = content.Headers.ContentLength;
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
        position += read;
        return read;
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        position += read;
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
        }

        base.Dispose(disposing);
    }
}

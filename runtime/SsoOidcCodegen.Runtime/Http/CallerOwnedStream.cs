namespace SsoOidcCodegen.Runtime.Http;

using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// A read-only view of the caller's request body stream that the HTTP content may dispose without
/// closing the stream itself: the caller owns it, and a retry reads it again from where it started.
/// </summary>
internal sealed class CallerOwnedStream : Stream
{
    private readonly Stream inner;

    public CallerOwnedStream(Stream inner) => this.inner = inner;

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

namespace SsoOidcCodegen.Tests.EventStreams;

using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// A read-only body that hands out its bytes in small chunks (as a socket does), and, after <see cref="GateAt"/>
/// bytes, waits until <see cref="Open"/> is called: it shows that a reader returns what it has without reading ahead.
/// </summary>
internal sealed class ChunkedStream : Stream
{
    private readonly byte[] data;
    private readonly Random random;
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int position;

    public ChunkedStream(byte[] data, int seed, int gateAt = int.MaxValue)
    {
        this.data = data;
        random = new Random(seed);
        GateAt = gateAt;
    }

    /// <summary>The offset at which reading waits for <see cref="Open"/>.</summary>
    public int GateAt { get; }

    /// <summary>How many bytes were read so far.</summary>
    public int BytesRead => position;

    /// <summary>Whether the stream was disposed.</summary>
    public bool Disposed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public static byte[] Concat(IEnumerable<byte[]> frames)
    {
        using var all = new MemoryStream();
        foreach (byte[] frame in frames)
        {
            all.Write(frame);
        }

        return all.ToArray();
    }

    public void Open() => gate.TrySetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position >= GateAt)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        int limit = position < GateAt ? GateAt - position : int.MaxValue;
        int count = Math.Min(Math.Min(buffer.Length, data.Length - position), Math.Min(limit, random.Next(1, 8)));
        data.AsSpan(position, count).CopyTo(buffer.Span);
        position += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        gate.TrySetCanceled();
        base.Dispose(disposing);
    }
}

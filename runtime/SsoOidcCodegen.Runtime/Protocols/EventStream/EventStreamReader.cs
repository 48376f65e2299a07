namespace SsoOidcCodegen.Runtime.Protocols.EventStream;

using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Reads event-stream frames one at a time from a stream (a response body read from the socket): only the
/// current frame is held in memory, never the whole body.
/// </summary>
public sealed class EventStreamReader : IAsyncDisposable, IDisposable
{
    private readonly Stream stream;
    private readonly int maxMessageLength;
    private readonly bool leaveOpen;
    private readonly byte[] prelude = new byte[EventStreamCodec.PreludeLength];

    /// <summary>Creates the reader.</summary>
    /// <param name="stream">The body to read.</param>
    /// <param name="maxMessageLength">The largest frame accepted (<see cref="EventStreamCodec.DefaultMaxMessageLength"/>).</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves the stream open.</param>
    public EventStreamReader(Stream stream, int maxMessageLength = EventStreamCodec.DefaultMaxMessageLength, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageLength, EventStreamCodec.MinimumMessageLength);
        this.stream = stream;
        this.maxMessageLength = maxMessageLength;
        this.leaveOpen = leaveOpen;
    }

    /// <summary>The next message, or null when the body ends cleanly between frames.</summary>
    /// <exception cref="EventStreamFormatException">The body ends inside a frame, or the frame is corrupt or too large.</exception>
    public async ValueTask<EventStreamMessage?> ReadAsync(CancellationToken cancellationToken = default)
    {
        int read = await FillAsync(prelude, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < prelude.Length)
        {
            throw new EventStreamFormatException(EventStreamFormatError.Truncated, $"The body ended inside an event-stream prelude ({read} of {prelude.Length} bytes).");
        }

        int total = EventStreamCodec.ReadPrelude(prelude, maxMessageLength, out _);
        byte[] frame = new byte[total];
        prelude.CopyTo(frame, 0);
        int rest = await FillAsync(frame.AsMemory(prelude.Length), cancellationToken).ConfigureAwait(false);
        if (rest < total - prelude.Length)
        {
            throw new EventStreamFormatException(EventStreamFormatError.Truncated, $"The body ended inside an event-stream frame ({prelude.Length + rest} of {total} bytes).");
        }

        return EventStreamCodec.DecodeChecked(frame);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => leaveOpen ? default : stream.DisposeAsync();

    private async ValueTask<int> FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.Slice(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}

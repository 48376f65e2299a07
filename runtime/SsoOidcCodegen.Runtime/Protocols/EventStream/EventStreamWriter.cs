namespace SsoOidcCodegen.Runtime.Protocols.EventStream;

using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

/// <summary>Writes event-stream frames to a stream (an input event stream's request body), one frame per message, flushed.</summary>
public sealed class EventStreamWriter
{
    private readonly Stream stream;

    /// <summary>Creates the writer; the stream stays the caller's.</summary>
    public EventStreamWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
    }

    /// <summary>Writes one message as a frame and flushes it, so the peer sees it at once.</summary>
    public async ValueTask WriteAsync(EventStreamMessage message, CancellationToken cancellationToken = default)
    {
        byte[] frame = EventStreamCodec.Encode(message);
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

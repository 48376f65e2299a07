namespace SsoOidcCodegen.Runtime.Protocols.EventStream;

using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Auth;

/// <summary>
/// The body of an operation whose input is an event stream: the caller's events, each encoded as a message when the
/// caller produces it, wrapped in a signed envelope (<see cref="EventStreamSigner"/>) when the request is signed with
/// SigV4, written and flushed at once; nothing is buffered beyond the frame being written. The end of the caller's
/// sequence is sent as the signed empty frame. Sent once: an event stream is never retried.
/// </summary>
internal sealed class EventStreamRequestContent : HttpContent
{
    private readonly IAsyncEnumerable<EventStreamMessage> messages;
    private int started;

    /// <summary>Creates the content over the encoded messages of the caller's events.</summary>
    public EventStreamRequestContent(IAsyncEnumerable<EventStreamMessage> messages)
    {
        this.messages = messages;
    }

    /// <summary>Signs each frame; null sends the messages unsigned (an operation without SigV4).</summary>
    public EventStreamSigner? Signer { get; set; }

    /// <summary>The signing clock of the frames (the call's clock-skew corrected time).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>The caller's token: cancelling it stops the events and so the request (HttpClient then resets the stream).</summary>
    public CancellationToken CallerToken { get; set; }

    /// <summary>
    /// What ended the stream from the caller's side: an exception the caller's sequence threw, or a validation
    /// error of one of its events; null while none did. The pipeline reports it instead of the transport error it causes.
    /// </summary>
    public Exception? CallerFailure { get; private set; }

    /// <summary>The HTTP version every input event stream is sent with: HTTP/2 (Bedrock's bidirectional streams require it).</summary>
    public static void Configure(HttpRequestMessage message)
    {
        message.Version = HttpVersion.Version20;
        message.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
    }

    /// <inheritdoc />
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
        {
            throw new InvalidOperationException("An input event stream is sent once: the caller's events cannot be read again.");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, CallerToken);
        CancellationToken token = linked.Token;
        IAsyncEnumerator<EventStreamMessage> events = messages.GetAsyncEnumerator(token);
        try
        {
            while (true)
            {
                EventStreamMessage message;
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    message = events.Current;
                }
                catch (Exception failure) when (failure is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    CallerFailure = failure;
                    throw;
                }

                await WriteAsync(stream, EventStreamCodec.Encode(message), token).ConfigureAwait(false);
            }

            if (Signer is not null)
            {
                // The signed empty frame tells the service the stream is complete.
                await WriteAsync(stream, Array.Empty<byte>(), token).ConfigureAwait(false);
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private async ValueTask WriteAsync(Stream stream, byte[] encoded, CancellationToken cancellationToken)
    {
        byte[] frame = Signer is { } signer ? EventStreamCodec.Encode(signer.Sign(encoded, Clock())) : encoded;
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

namespace SsoOidcCodegen.Runtime.Protocols.EventStream;

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Http;

/// <summary>
/// The events of an event-stream response (<c>application/vnd.amazon.eventstream</c>), read lazily from the open
/// response body as they are enumerated: each <c>event</c> message becomes a typed event, an <c>exception</c> message is
/// thrown as the operation's modelled exception, an <c>error</c> message as the service's exception. It holds the
/// HTTP response: enumerate it once (with <c>await foreach</c>) or dispose it; both close the connection at the end,
/// and cancelling the enumeration closes it at once.
/// </summary>
/// <typeparam name="TEvent">The generated base class of the stream's events.</typeparam>
/// <remarks>
/// A frame that is cut short, corrupt or above the size limit ends the enumeration with
/// <see cref="EventStreamFormatException"/>; a connection that breaks with an <see cref="IOException"/>. An event
/// stream is never retried: the events already enumerated have been seen.
/// </remarks>
public sealed class AwsEventStream<TEvent> : IAsyncEnumerable<TEvent>, IAsyncDisposable, IDisposable
    where TEvent : class
{
    private readonly AwsResponse response;
    private readonly EventStreamReader reader;
    private readonly Func<EventStreamMessage, TEvent> readEvent;
    private readonly Func<EventStreamMessage, AwsServiceException> readError;
    private readonly Action<EventStreamMessage>? initialResponse;
    private int enumerated;
    private int disposed;

    /// <summary>Creates the stream over a response whose body has not been read (generated code calls this).</summary>
    /// <param name="response">The response; its <see cref="AwsResponse.BodyStream"/> is the open body.</param>
    /// <param name="readEvent">Turns an <c>event</c> message into a typed event (an unknown event type into the unknown-event case).</param>
    /// <param name="readError">Turns an <c>exception</c> or <c>error</c> message into the exception to throw.</param>
    /// <param name="initialResponse">Reads the <c>initial-response</c> event of the RPC protocols into the response object; null where it has nothing to read.</param>
    public AwsEventStream(
        AwsResponse response,
        Func<EventStreamMessage, TEvent> readEvent,
        Func<EventStreamMessage, AwsServiceException> readError,
        Action<EventStreamMessage>? initialResponse = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        this.response = response;
        this.readEvent = readEvent;
        this.readError = readError;
        this.initialResponse = initialResponse;
        reader = new EventStreamReader(response.BodyStream ?? new MemoryStream(response.Body.ToArray(), writable: false));
    }

    /// <summary>The request id of the response that carries the stream.</summary>
    public string? RequestId => response.RequestId;

    /// <summary>Reads the events as they arrive; the stream can be enumerated once.</summary>
    /// <exception cref="InvalidOperationException">The stream was enumerated before.</exception>
    public IAsyncEnumerator<TEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref enumerated, 1) != 0)
        {
            throw new InvalidOperationException("An event stream can be enumerated once: its events are read from the connection as they arrive.");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return Enumerate(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>Closes the response (and with it the connection, when the body has not been read to its end).</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    /// <summary>Closes the response (and with it the connection, when the body has not been read to its end).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            reader.Dispose();
            response.Message.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => "(event stream of " + typeof(TEvent).Name + ")";

    /// <summary>What ended the request's input event stream on the caller's side, when the request sent one.</summary>
    private Exception? InputFailure() => (response.Message.RequestMessage?.Content as EventStreamRequestContent)?.CallerFailure;

    private async IAsyncEnumerable<TEvent> Enumerate([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                EventStreamMessage? message;
                try
                {
                    message = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception failure) when (failure is not OperationCanceledException && InputFailure() is { } input)
                {
                    // A bidirectional call whose input failed on the caller's side (their events threw, or one broke
                    // the model's rules): that ended the connection, and is what the caller is told.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(input);
                    throw;
                }

                if (message is null)
                {
                    yield break;
                }

                switch (message.MessageType)
                {
                    case "event" when message.EventType == "initial-response":
                        initialResponse?.Invoke(message);
                        break;
                    case "event":
                        yield return readEvent(message);
                        break;
                    case "exception":
                    case "error":
                        throw readError(message);
                    default:
                        // A message type this client does not know (a later version of the format): not an event of the model.
                        break;
                }
            }
        }
        finally
        {
            Dispose();
        }
    }
}

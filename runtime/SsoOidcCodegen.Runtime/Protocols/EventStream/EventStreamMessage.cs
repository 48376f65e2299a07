namespace SsoOidcCodegen.Runtime.Protocols.EventStream;

using System;
using System.Collections.Generic;

/// <summary>One message of an <c>application/vnd.amazon.eventstream</c> body: its headers in wire order and its payload.</summary>
public sealed class EventStreamMessage
{
    /// <summary>Creates a message.</summary>
    public EventStreamMessage(IReadOnlyList<EventStreamHeader> headers, ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Headers = headers;
        Payload = payload;
    }

    /// <summary>The headers, in the order they were on the wire.</summary>
    public IReadOnlyList<EventStreamHeader> Headers { get; }

    /// <summary>The payload bytes.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary><c>:message-type</c>: <c>event</c>, <c>exception</c> or <c>error</c>.</summary>
    public string? MessageType => GetString(":message-type");

    /// <summary><c>:event-type</c> of an event message.</summary>
    public string? EventType => GetString(":event-type");

    /// <summary><c>:exception-type</c> of an exception message.</summary>
    public string? ExceptionType => GetString(":exception-type");

    /// <summary>The first header with that name (names compare exactly), or null.</summary>
    public EventStreamHeader? Find(string name)
    {
        foreach (EventStreamHeader header in Headers)
        {
            if (header.Name == name)
            {
                return header;
            }
        }

        return null;
    }

    /// <summary>The value of a string header with that name, or null when there is none or it is not a string.</summary>
    public string? GetString(string name) => Find(name) is { Type: EventStreamHeaderType.String } header ? header.StringValue : null;
}

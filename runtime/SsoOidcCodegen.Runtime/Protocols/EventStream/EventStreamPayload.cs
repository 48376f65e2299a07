namespace SsoOidcCodegen.Runtime.Protocols.EventStream;

using System;
using System.Text.Json;

/// <summary>What generated event readers need from a message: a JSON reader over the payload, and the message of an error.</summary>
public static class EventStreamPayload
{
    /// <summary>A JSON reader over the payload, moved to its first token; false when the payload is empty or only whitespace.</summary>
    public static bool TryReadJson(EventStreamMessage message, out Utf8JsonReader reader)
    {
        ArgumentNullException.ThrowIfNull(message);
        reader = new Utf8JsonReader(message.Payload.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        foreach (byte b in message.Payload.Span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return reader.Read();
            }
        }

        return false;
    }

    /// <summary>
    /// The message of an <c>exception</c> message (its JSON payload's <c>message</c> or <c>Message</c>) or of an
    /// <c>error</c> message (its <c>:error-message</c> header); null when it has none or the payload is not JSON.
    /// </summary>
    public static string? ErrorMessage(EventStreamMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.GetString(":error-message") is { } text)
        {
            return text;
        }

        try
        {
            if (!TryReadJson(message, out Utf8JsonReader reader) || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isMessage = reader.ValueTextEquals("message") || reader.ValueTextEquals("Message");
                reader.Read();
                if (isMessage && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the exception keeps its code and has no message.
        }

        return null;
    }

    /// <summary>The error code of an <c>exception</c> message (<c>:exception-type</c>) or of an <c>error</c> message (<c>:error-code</c>).</summary>
    public static string? ErrorCode(EventStreamMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.ExceptionType ?? message.GetString(":error-code");
    }
}

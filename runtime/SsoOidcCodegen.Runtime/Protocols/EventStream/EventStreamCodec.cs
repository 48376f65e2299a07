namespace SsoOidcCodegen.Runtime.Protocols.EventStream;

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Text;

/// <summary>
/// The <c>application/vnd.amazon.eventstream</c> frame: a 12-byte prelude (total length, headers length, CRC32 of
/// those 8 bytes), the headers, the payload, and a CRC32 of everything before it; all integers big-endian.
/// </summary>
public static class EventStreamCodec
{
    /// <summary>The prelude: total length, headers length and the prelude CRC.</summary>
    public const int PreludeLength = 12;

    /// <summary>The smallest frame: a prelude and the message CRC, with no headers and no payload.</summary>
    public const int MinimumMessageLength = PreludeLength + 4;

    /// <summary>
    /// The default limit on one frame: above the format's own limits (16 MiB of payload, 128 KiB of headers), so a
    /// service never reaches it, and low enough that a corrupt or hostile length cannot make the reader allocate gigabytes.
    /// </summary>
    public const int DefaultMaxMessageLength = 24 * 1024 * 1024;

    /// <summary>The format's limit on the headers of one frame.</summary>
    public const int MaxHeadersLength = 128 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes one message as a frame.</summary>
    /// <exception cref="ArgumentException">A header name longer than 255 bytes, a string or byte value longer than 65,535 bytes, or headers above <see cref="MaxHeadersLength"/>.</exception>
    public static byte[] Encode(EventStreamMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        int headersLength = 0;
        foreach (EventStreamHeader header in message.Headers)
        {
            headersLength += HeaderLength(header);
        }

        if (headersLength > MaxHeadersLength)
        {
            throw new ArgumentException($"The headers take {headersLength} bytes; an event-stream frame allows {MaxHeadersLength}.", nameof(message));
        }

        long total = (long)MinimumMessageLength + headersLength + message.Payload.Length;
        if (total > int.MaxValue)
        {
            throw new ArgumentException("The message is too large for one event-stream frame.", nameof(message));
        }

        byte[] frame = new byte[total];
        Span<byte> span = frame;
        BinaryPrimitives.WriteInt32BigEndian(span, (int)total);
        BinaryPrimitives.WriteInt32BigEndian(span.Slice(4), headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(span.Slice(8), Crc32.HashToUInt32(span.Slice(0, 8)));
        int position = PreludeLength;
        foreach (EventStreamHeader header in message.Headers)
        {
            position += WriteHeader(header, span.Slice(position));
        }

        message.Payload.Span.CopyTo(span.Slice(position));
        position += message.Payload.Length;
        BinaryPrimitives.WriteUInt32BigEndian(span.Slice(position), Crc32.HashToUInt32(span.Slice(0, position)));
        return frame;
    }

    /// <summary>The headers alone, encoded as a frame holds them (what an event signature hashes for <c>:date</c>).</summary>
    internal static byte[] EncodeHeaders(IReadOnlyList<EventStreamHeader> headers)
    {
        int length = 0;
        foreach (EventStreamHeader header in headers)
        {
            length += HeaderLength(header);
        }

        byte[] encoded = new byte[length];
        int position = 0;
        foreach (EventStreamHeader header in headers)
        {
            position += WriteHeader(header, encoded.AsSpan(position));
        }

        return encoded;
    }

    /// <summary>Reads one whole frame (exactly its bytes).</summary>
    /// <exception cref="EventStreamFormatException">The frame is cut short, longer than its prelude says, has a wrong CRC or a malformed header.</exception>
    public static EventStreamMessage Decode(ReadOnlyMemory<byte> frame, int maxMessageLength = DefaultMaxMessageLength)
    {
        if (frame.Length < PreludeLength)
        {
            throw Truncated(frame.Length, PreludeLength);
        }

        int total = ReadPrelude(frame.Span, maxMessageLength, out _);
        if (frame.Length < total)
        {
            throw Truncated(frame.Length, total);
        }

        if (frame.Length > total)
        {
            throw new EventStreamFormatException(EventStreamFormatError.InvalidLength, $"The frame is {frame.Length} bytes but its prelude says {total}.");
        }

        return DecodeChecked(frame);
    }

    /// <summary>
    /// Checks a prelude and returns the frame's total length; <paramref name="headersLength"/> is the headers' length.
    /// The CRC is checked before either length is trusted.
    /// </summary>
    internal static int ReadPrelude(ReadOnlySpan<byte> prelude, int maxMessageLength, out int headersLength)
    {
        uint expected = BinaryPrimitives.ReadUInt32BigEndian(prelude.Slice(8));
        if (Crc32.HashToUInt32(prelude.Slice(0, 8)) != expected)
        {
            throw new EventStreamFormatException(EventStreamFormatError.PreludeChecksumMismatch, "The event-stream prelude's CRC32 does not match: the frame is corrupt.");
        }

        uint total = BinaryPrimitives.ReadUInt32BigEndian(prelude);
        uint headers = BinaryPrimitives.ReadUInt32BigEndian(prelude.Slice(4));
        if (total < MinimumMessageLength)
        {
            throw new EventStreamFormatException(EventStreamFormatError.InvalidLength, $"The frame's total length {total} is below the {MinimumMessageLength}-byte minimum.");
        }

        if (total > (uint)maxMessageLength)
        {
            throw new EventStreamFormatException(EventStreamFormatError.InvalidLength, $"The frame's total length {total} is above the limit of {maxMessageLength} bytes.");
        }

        if (headers > MaxHeadersLength || headers > total - MinimumMessageLength)
        {
            throw new EventStreamFormatException(EventStreamFormatError.InvalidLength, $"The frame's headers length {headers} does not fit its total length {total}.");
        }

        headersLength = (int)headers;
        return (int)total;
    }

    /// <summary>Reads a frame whose prelude was checked and whose length is exactly the total length.</summary>
    internal static EventStreamMessage DecodeChecked(ReadOnlyMemory<byte> frame)
    {
        ReadOnlySpan<byte> span = frame.Span;
        int crcAt = frame.Length - 4;
        if (Crc32.HashToUInt32(span.Slice(0, crcAt)) != BinaryPrimitives.ReadUInt32BigEndian(span.Slice(crcAt)))
        {
            throw new EventStreamFormatException(EventStreamFormatError.MessageChecksumMismatch, "The event-stream message's CRC32 does not match: the frame is corrupt.");
        }

        int headersLength = BinaryPrimitives.ReadInt32BigEndian(span.Slice(4));
        List<EventStreamHeader> headers = ReadHeaders(span.Slice(PreludeLength, headersLength));
        return new EventStreamMessage(headers, frame.Slice(PreludeLength + headersLength, crcAt - PreludeLength - headersLength));
    }

    private static List<EventStreamHeader> ReadHeaders(ReadOnlySpan<byte> span)
    {
        var headers = new List<EventStreamHeader>();
        int position = 0;
        while (position < span.Length)
        {
            int nameLength = span[position++];
            if (nameLength == 0)
            {
                throw InvalidHeader("a header has an empty name");
            }

            string name = ReadText(span, ref position, nameLength);
            EventStreamHeaderType type = (EventStreamHeaderType)Take(span, ref position, 1)[0];
            headers.Add(type switch
            {
                EventStreamHeaderType.BoolTrue => EventStreamHeader.Boolean(name, true),
                EventStreamHeaderType.BoolFalse => EventStreamHeader.Boolean(name, false),
                EventStreamHeaderType.Byte => EventStreamHeader.Byte(name, (sbyte)Take(span, ref position, 1)[0]),
                EventStreamHeaderType.Short => EventStreamHeader.Short(name, BinaryPrimitives.ReadInt16BigEndian(Take(span, ref position, 2))),
                EventStreamHeaderType.Integer => EventStreamHeader.Integer(name, BinaryPrimitives.ReadInt32BigEndian(Take(span, ref position, 4))),
                EventStreamHeaderType.Long => EventStreamHeader.Long(name, BinaryPrimitives.ReadInt64BigEndian(Take(span, ref position, 8))),
                EventStreamHeaderType.ByteArray => EventStreamHeader.ByteArray(name, Take(span, ref position, BinaryPrimitives.ReadUInt16BigEndian(Take(span, ref position, 2)))),
                EventStreamHeaderType.String => EventStreamHeader.String(name, ReadText(span, ref position, BinaryPrimitives.ReadUInt16BigEndian(Take(span, ref position, 2)))),
                EventStreamHeaderType.Timestamp => EventStreamHeader.Timestamp(name, BinaryPrimitives.ReadInt64BigEndian(Take(span, ref position, 8))),
                EventStreamHeaderType.Uuid => EventStreamHeader.Uuid(name, new Guid(Take(span, ref position, 16), bigEndian: true)),
                _ => throw InvalidHeader($"the header '{name}' has the unknown type {(byte)type}"),
            });
        }

        return headers;
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> span, ref int position, int length)
    {
        if (length > span.Length - position)
        {
            throw InvalidHeader("a header runs past the end of the headers");
        }

        ReadOnlySpan<byte> taken = span.Slice(position, length);
        position += length;
        return taken;
    }

    private static string ReadText(ReadOnlySpan<byte> span, ref int position, int length)
    {
        ReadOnlySpan<byte> bytes = Take(span, ref position, length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw InvalidHeader("a header name or string value is not UTF-8");
        }
    }

    private static int HeaderLength(EventStreamHeader header)
    {
        int nameLength = Encoding.UTF8.GetByteCount(header.Name);
        if (nameLength is 0 or > byte.MaxValue)
        {
            throw new ArgumentException($"An event-stream header name takes 1 to 255 bytes; '{header.Name}' takes {nameLength}.", nameof(header));
        }

        return 1 + nameLength + 1 + header.Type switch
        {
            EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => 0,
            EventStreamHeaderType.Byte => 1,
            EventStreamHeaderType.Short => 2,
            EventStreamHeaderType.Integer => 4,
            EventStreamHeaderType.Long or EventStreamHeaderType.Timestamp => 8,
            EventStreamHeaderType.Uuid => 16,
            EventStreamHeaderType.ByteArray => 2 + CheckedValueLength(header.Name, header.BytesValue.Length),
            _ => 2 + CheckedValueLength(header.Name, Encoding.UTF8.GetByteCount(header.StringValue)),
        };
    }

    private static int CheckedValueLength(string name, int length) => length <= ushort.MaxValue
        ? length
        : throw new ArgumentException($"The event-stream header '{name}' has a {length}-byte value; the format allows {ushort.MaxValue}.", nameof(name));

    private static int WriteHeader(EventStreamHeader header, Span<byte> span)
    {
        int position = 1 + Encoding.UTF8.GetBytes(header.Name, span.Slice(1));
        span[0] = (byte)(position - 1);
        span[position++] = (byte)header.Type;
        switch (header.Type)
        {
            case EventStreamHeaderType.BoolTrue:
            case EventStreamHeaderType.BoolFalse:
                break;
            case EventStreamHeaderType.Byte:
                span[position++] = (byte)(sbyte)header.IntegerValue;
                break;
            case EventStreamHeaderType.Short:
                BinaryPrimitives.WriteInt16BigEndian(span.Slice(position), (short)header.IntegerValue);
                position += 2;
                break;
            case EventStreamHeaderType.Integer:
                BinaryPrimitives.WriteInt32BigEndian(span.Slice(position), (int)header.IntegerValue);
                position += 4;
                break;
            case EventStreamHeaderType.Long:
                BinaryPrimitives.WriteInt64BigEndian(span.Slice(position), header.IntegerValue);
                position += 8;
                break;
            case EventStreamHeaderType.Timestamp:
                BinaryPrimitives.WriteInt64BigEndian(span.Slice(position), header.TimestampMilliseconds);
                position += 8;
                break;
            case EventStreamHeaderType.Uuid:
                header.UuidValue.TryWriteBytes(span.Slice(position), bigEndian: true, out _);
                position += 16;
                break;
            case EventStreamHeaderType.ByteArray:
                ReadOnlySpan<byte> bytes = header.BytesValue.Span;
                BinaryPrimitives.WriteUInt16BigEndian(span.Slice(position), (ushort)bytes.Length);
                bytes.CopyTo(span.Slice(position + 2));
                position += 2 + bytes.Length;
                break;
            default:
                int written = Encoding.UTF8.GetBytes(header.StringValue, span.Slice(position + 2));
                BinaryPrimitives.WriteUInt16BigEndian(span.Slice(position), (ushort)written);
                position += 2 + written;
                break;
        }

        return position;
    }

    private static EventStreamFormatException Truncated(int have, int need) =>
        new(EventStreamFormatError.Truncated, $"The event-stream frame is cut short: {have} of {need} bytes.");

    private static EventStreamFormatException InvalidHeader(string what) =>
        new(EventStreamFormatError.InvalidHeader, $"The event-stream frame has a malformed header: {what}.");
}

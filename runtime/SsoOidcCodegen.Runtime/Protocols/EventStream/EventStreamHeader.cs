namespace SsoOidcCodegen.Runtime.Protocols.EventStream;

using System;
using System.Globalization;

/// <summary>
/// One header of an event-stream message: a name and a typed value. Integers of every width are held as
/// <see cref="long"/>, timestamps as milliseconds since the Unix epoch, so a header round-trips exactly.
/// </summary>
public sealed class EventStreamHeader : IEquatable<EventStreamHeader>
{
    private readonly long number;
    private readonly string? text;
    private readonly byte[]? bytes;
    private readonly Guid uuid;

    private EventStreamHeader(string name, EventStreamHeaderType type, long number = 0, string? text = null, byte[]? bytes = null, Guid uuid = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Type = type;
        this.number = number;
        this.text = text;
        this.bytes = bytes;
        this.uuid = uuid;
    }

    /// <summary>The header name.</summary>
    public string Name { get; }

    /// <summary>The value's type.</summary>
    public EventStreamHeaderType Type { get; }

    /// <summary>The value of a boolean header.</summary>
    public bool BooleanValue => Type switch
    {
        EventStreamHeaderType.BoolTrue => true,
        EventStreamHeaderType.BoolFalse => false,
        _ => throw WrongType("a boolean"),
    };

    /// <summary>The value of a byte, short, integer or long header.</summary>
    public long IntegerValue => Type is EventStreamHeaderType.Byte or EventStreamHeaderType.Short or EventStreamHeaderType.Integer or EventStreamHeaderType.Long
        ? number
        : throw WrongType("an integer");

    /// <summary>The value of a string header.</summary>
    public string StringValue => Type == EventStreamHeaderType.String ? text! : throw WrongType("a string");

    /// <summary>The value of a byte-array header.</summary>
    public ReadOnlyMemory<byte> BytesValue => Type == EventStreamHeaderType.ByteArray ? bytes! : throw WrongType("a byte array");

    /// <summary>The value of a timestamp header.</summary>
    public DateTimeOffset TimestampValue => Type == EventStreamHeaderType.Timestamp ? DateTimeOffset.FromUnixTimeMilliseconds(number) : throw WrongType("a timestamp");

    /// <summary>The value of a timestamp header in milliseconds since the Unix epoch.</summary>
    public long TimestampMilliseconds => Type == EventStreamHeaderType.Timestamp ? number : throw WrongType("a timestamp");

    /// <summary>The value of a UUID header.</summary>
    public Guid UuidValue => Type == EventStreamHeaderType.Uuid ? uuid : throw WrongType("a UUID");

    /// <summary>A boolean header.</summary>
    public static EventStreamHeader Boolean(string name, bool value) => new(name, value ? EventStreamHeaderType.BoolTrue : EventStreamHeaderType.BoolFalse);

    /// <summary>A byte header.</summary>
    public static EventStreamHeader Byte(string name, sbyte value) => new(name, EventStreamHeaderType.Byte, value);

    /// <summary>A short header.</summary>
    public static EventStreamHeader Short(string name, short value) => new(name, EventStreamHeaderType.Short, value);

    /// <summary>An integer header.</summary>
    public static EventStreamHeader Integer(string name, int value) => new(name, EventStreamHeaderType.Integer, value);

    /// <summary>A long header.</summary>
    public static EventStreamHeader Long(string name, long value) => new(name, EventStreamHeaderType.Long, value);

    /// <summary>A byte-array header (the bytes are copied).</summary>
    public static EventStreamHeader ByteArray(string name, ReadOnlySpan<byte> value) => new(name, EventStreamHeaderType.ByteArray, bytes: value.ToArray());

    /// <summary>A string header.</summary>
    public static EventStreamHeader String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, EventStreamHeaderType.String, text: value);
    }

    /// <summary>A timestamp header, kept to the millisecond.</summary>
    public static EventStreamHeader Timestamp(string name, DateTimeOffset value) => new(name, EventStreamHeaderType.Timestamp, value.ToUnixTimeMilliseconds());

    /// <summary>A timestamp header from milliseconds since the Unix epoch.</summary>
    public static EventStreamHeader Timestamp(string name, long unixMilliseconds) => new(name, EventStreamHeaderType.Timestamp, unixMilliseconds);

    /// <summary>A UUID header.</summary>
    public static EventStreamHeader Uuid(string name, Guid value) => new(name, EventStreamHeaderType.Uuid, uuid: value);

    /// <inheritdoc />
    public bool Equals(EventStreamHeader? other) =>
        other is not null
        && Name == other.Name
        && Type == other.Type
        && number == other.number
        && text == other.text
        && uuid == other.uuid
        && (bytes ?? Array.Empty<byte>()).AsSpan().SequenceEqual(other.bytes ?? Array.Empty<byte>());

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EventStreamHeader);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Type, number, text, uuid);

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => $"{Name}: {BooleanValue}",
        EventStreamHeaderType.String => $"{Name}: {text}",
        EventStreamHeaderType.ByteArray => $"{Name}: ({bytes!.Length} bytes)",
        EventStreamHeaderType.Uuid => $"{Name}: {uuid}",
        EventStreamHeaderType.Timestamp => $"{Name}: {TimestampValue.ToString("O", CultureInfo.InvariantCulture)}",
        _ => $"{Name}: {number.ToString(CultureInfo.InvariantCulture)}",
    };

    private InvalidOperationException WrongType(string wanted) => new($"The event-stream header '{Name}' is {Type}, not {wanted}.");
}

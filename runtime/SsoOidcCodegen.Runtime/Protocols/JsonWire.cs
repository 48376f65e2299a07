namespace SsoOidcCodegen.Runtime.Protocols;

using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

/// <summary>Reads one map value at the reader's current token; false leaves the entry out (a JSON null in a dense map).</summary>
/// <typeparam name="T">The map's value type.</typeparam>
public delegate bool JsonMapValueReader<T>(ref Utf8JsonReader reader, out T value);

/// <summary>Reads and writes the JSON value forms of the AWS JSON protocols, for generated codecs.</summary>
public static class JsonWire
{
    /// <summary>Reads a string; null for a JSON null.</summary>
    public static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw Unexpected(ref reader, "a string"),
    };

    /// <summary>Reads a boolean; null for a JSON null.</summary>
    public static bool? ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Unexpected(ref reader, "a boolean"),
    };

    /// <summary>Reads a byte-sized integer.</summary>
    public static sbyte? ReadByte(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : Number(ref reader).GetSByte();

    /// <summary>Reads a short integer.</summary>
    public static short? ReadInt16(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : Number(ref reader).GetInt16();

    /// <summary>Reads an integer.</summary>
    public static int? ReadInt32(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : Number(ref reader).GetInt32();

    /// <summary>Reads a long integer.</summary>
    public static long? ReadInt64(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : Number(ref reader).GetInt64();

    /// <summary>Reads a float, accepting "NaN", "Infinity" and "-Infinity" strings.</summary>
    public static float? ReadSingle(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => reader.GetSingle(),
        JsonTokenType.String => HttpWire.ParseSingle(reader.GetString()!),
        _ => throw Unexpected(ref reader, "a number"),
    };

    /// <summary>Reads a double, accepting "NaN", "Infinity" and "-Infinity" strings.</summary>
    public static double? ReadDouble(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => reader.GetDouble(),
        JsonTokenType.String => HttpWire.ParseDouble(reader.GetString()!),
        _ => throw Unexpected(ref reader, "a number"),
    };

    /// <summary>Reads an arbitrary-precision integer.</summary>
    public static BigInteger? ReadBigInteger(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null
        ? null
        : BigInteger.Parse(System.Text.Encoding.UTF8.GetString(Number(ref reader).ValueSpan), NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>Reads a decimal.</summary>
    public static decimal? ReadDecimal(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : Number(ref reader).GetDecimal();

    /// <summary>Reads a timestamp: a number is epoch seconds, a string ISO 8601 or an HTTP date.</summary>
    public static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => HttpWire.EpochSecondsToTimestamp(reader.GetDouble()),
        JsonTokenType.String => HttpWire.ParseTimestamp(reader.GetString()!),
        _ => throw Unexpected(ref reader, "a timestamp"),
    };

    /// <summary>Reads a base64 blob.</summary>
    public static byte[]? ReadBlob(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetBytesFromBase64(),
        _ => throw Unexpected(ref reader, "a base64 string"),
    };

    /// <summary>Reads any JSON value as a document.</summary>
    public static JsonElement? ReadDocument(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);

    /// <summary>Checks that the reader is at the start of an object (or null, which returns false).</summary>
    public static bool StartObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "an object");
        }

        return true;
    }

    /// <summary>
    /// Reads a JSON object (or null) into a dictionary: the entries are collected in a pooled buffer and the
    /// dictionary is created once at its final size (growing one from empty allocated its tables four
    /// times for 20 entries), and names seen before on this thread are reused rather than decoded again.
    /// A name given twice keeps its last value.
    /// </summary>
    /// <param name="reader">The reader, at the object's start (or at a null).</param>
    /// <param name="read">Reads one value; returning false leaves the entry out.</param>
    public static Dictionary<string, T>? ReadMap<T>(ref Utf8JsonReader reader, JsonMapValueReader<T> read)
    {
        if (!StartObject(ref reader))
        {
            return null;
        }

        KeyValuePair<string, T>[] entries = ArrayPool<KeyValuePair<string, T>>.Shared.Rent(16);
        int count = 0;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string key = PropertyNames.Read(ref reader);
                reader.Read();
                if (read(ref reader, out T value))
                {
                    if (count == entries.Length)
                    {
                        KeyValuePair<string, T>[] larger = ArrayPool<KeyValuePair<string, T>>.Shared.Rent(count * 2);
                        entries.AsSpan(0, count).CopyTo(larger);
                        ArrayPool<KeyValuePair<string, T>>.Shared.Return(entries, clearArray: true);
                        entries = larger;
                    }

                    entries[count++] = new KeyValuePair<string, T>(key, value);
                }
            }

            var result = new Dictionary<string, T>(count);
            for (int i = 0; i < count; i++)
            {
                result[entries[i].Key] = entries[i].Value;
            }

            return result;
        }
        finally
        {
            ArrayPool<KeyValuePair<string, T>>.Shared.Return(entries, clearArray: true);
        }
    }

    /// <summary>Checks that the reader is at the start of an array (or null, which returns false).</summary>
    public static bool StartArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, "an array");
        }

        return true;
    }

    /// <summary>Skips the value of the current property (for members the model does not know).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Writes a float in its shortest round-trip form, with NaN and infinities as strings.</summary>
    public static void WriteSingle(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteRawValue(HttpWire.FormatSingle(value), skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(HttpWire.FormatSingle(value));
        }
    }

    /// <summary>Writes a double, with NaN and infinities as strings.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(HttpWire.FormatDouble(value));
        }
    }

    /// <summary>Writes a timestamp in the protocol's default (epoch seconds) or the model's format.</summary>
    public static void WriteTimestamp(Utf8JsonWriter writer, DateTimeOffset value, TimestampWireFormat format)
    {
        switch (format)
        {
            case TimestampWireFormat.Iso8601:
                writer.WriteStringValue(HttpWire.FormatIso8601(value));
                break;
            case TimestampWireFormat.Rfc822:
                writer.WriteStringValue(HttpWire.FormatHttpDate(value));
                break;
            default:
                writer.WriteRawValue(HttpWire.FormatEpochSeconds(value), skipInputValidation: true);
                break;
        }
    }

    /// <summary>Writes an arbitrary-precision integer as a JSON number.</summary>
    public static void WriteBigInteger(Utf8JsonWriter writer, BigInteger value) =>
        writer.WriteRawValue(value.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);

    /// <summary>Reads a whole stream into bytes (for a streaming blob written into JSON).</summary>
    public static byte[] ReadAll(System.IO.Stream stream)
    {
        using var copy = new System.IO.MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Writes a document value.</summary>
    public static void WriteDocument(Utf8JsonWriter writer, JsonElement value) => value.WriteTo(writer);

    private static ref Utf8JsonReader Number(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw Unexpected(ref reader, "a number");
        }

        return ref reader;
    }

    private static JsonException Unexpected(ref Utf8JsonReader reader, string expected) =>
        new($"Expected {expected} but found {reader.TokenType} at byte {reader.TokenStartIndex}.");

    /// <summary>
    /// Recently read property names, per thread: a map's keys repeat from item to item (a Query answer's
    /// items share their attribute names), so a name whose UTF-8 bytes match a remembered one is that
    /// string again. Short unescaped names only; a miss decodes the name and remembers it in its slot.
    /// </summary>
    private static class PropertyNames
    {
        private const int SlotBits = 10;
        private const int Slots = 1 << SlotBits;
        private const int MaxBytes = 64;

        // Shared by every thread: each slot holds one immutable entry, replaced whole, so a reader sees a name and its
        // own text or another name (which fails the comparison), never a mix. No thread-static: reaching one costs a
        // call into the C library's TLS lookup per name on Linux.
        private static readonly Entry?[] Entries = new Entry?[Slots];

        public static string Read(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxBytes)
            {
                return reader.GetString()!;
            }

            // Two neighbouring slots per name, so two names whose hashes meet do not evict each other on every item.
            ReadOnlySpan<byte> utf8 = reader.ValueSpan;
            int first = Hash(utf8);
            int second = first ^ 1;
            Entry? one = Entries[first];
            if (one is not null && utf8.SequenceEqual(one.Utf8))
            {
                return one.Text;
            }

            Entry? two = Entries[second];
            if (two is not null && utf8.SequenceEqual(two.Utf8))
            {
                return two.Text;
            }

            string text = reader.GetString()!;
            Entries[one is null || two is not null ? first : second] = new Entry(utf8.ToArray(), text);
            return text;
        }

        // The slot of a name (0 to Slots - 1), in constant time: its first and last eight bytes (four, or all of a shorter
        // name) and its length, mixed by multiplication; the top bits of the product pick the slot, so every bit counts.
        // Names that differ only in their middle share a slot, and two neighbouring slots hold them; a poor spread only
        // costs a miss, never a wrong name (every hit compares the bytes). (FNV-1a before took a multiplication per byte;
        // the full runs show no difference on DynamoDB calls, docs/benchmarks.md, stop 29.)
        private static int Hash(ReadOnlySpan<byte> utf8)
        {
            ulong head;
            ulong tail;
            if (utf8.Length >= sizeof(ulong))
            {
                head = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
                tail = BinaryPrimitives.ReadUInt64LittleEndian(utf8[^sizeof(ulong)..]);
            }
            else if (utf8.Length >= sizeof(uint))
            {
                head = BinaryPrimitives.ReadUInt32LittleEndian(utf8);
                tail = BinaryPrimitives.ReadUInt32LittleEndian(utf8[^sizeof(uint)..]);
            }
            else
            {
                head = 0;
                foreach (byte b in utf8)
                {
                    head = (head << 8) | b;
                }

                tail = 0;
            }

            ulong mixed = (head ^ (tail * 0x9E3779B97F4A7C15UL) ^ (ulong)utf8.Length) * 0xD6E8FEB86659FD93UL;
            return (int)(mixed >> (64 - SlotBits));
        }

        private sealed class Entry(byte[] utf8, string text)
        {
            public byte[] Utf8 { get; } = utf8;

            public string Text { get; } = text;
        }
    }
}

/// <summary>Timestamp formats on the wire.</summary>
public enum TimestampWireFormat
{
    /// <summary>Epoch seconds, with a fraction when needed.</summary>
    EpochSeconds,

    /// <summary>ISO 8601 / RFC 3339 date-time in UTC.</summary>
    Iso8601,

    /// <summary>HTTP date (RFC 7231 IMF-fixdate).</summary>
    Rfc822,
}

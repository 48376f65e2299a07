namespace SsoOidcCodegen.Tests.Conformance;

using System;
using System.Collections.Generic;
using System.Formats.Cbor;
using System.Globalization;
using System.Linq;

/// <summary>
/// CBOR equality as the Smithy protocol tests define it: the data model, not the bytes. Maps compare
/// by key in any order, lengths may be definite or indefinite, numbers compare by value whatever
/// their width (NaN equals NaN), tags and their content must match.
/// </summary>
internal static class CborValues
{
    /// <summary>The first difference, or null when both encode the same data.</summary>
    public static string? Difference(byte[] expected, byte[] actual)
    {
        object? want;
        object? got;
        try
        {
            want = Decode(expected);
        }
        catch (Exception exception) when (exception is CborContentException or InvalidOperationException)
        {
            return $"the expected body is not CBOR ({exception.Message})";
        }

        try
        {
            got = Decode(actual);
        }
        catch (Exception exception) when (exception is CborContentException or InvalidOperationException)
        {
            return $"the body is not CBOR ({exception.Message})";
        }

        return Compare(want, got, "$");
    }

    private static object? Decode(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        var reader = new CborReader(bytes, CborConformanceMode.Lax);
        object? value = Read(reader);
        if (reader.BytesRemaining != 0)
        {
            throw new InvalidOperationException("bytes after the first value");
        }

        return value;
    }

    private static object? Read(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                reader.ReadStartMap();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    map[reader.ReadTextString()] = Read(reader);
                }

                reader.ReadEndMap();
                return map;
            case CborReaderState.StartArray:
                var list = new List<object?>();
                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    list.Add(Read(reader));
                }

                reader.ReadEndArray();
                return list;
            case CborReaderState.Tag:
                return new Tagged((ulong)reader.ReadTag(), Read(reader));
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                return "text:" + reader.ReadTextString();
            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                return "bytes:" + Convert.ToBase64String(reader.ReadByteString());
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
                return (double)reader.ReadInt64();
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                return reader.ReadDouble();
            case CborReaderState.Boolean:
                return reader.ReadBoolean();
            case CborReaderState.Null:
                reader.ReadNull();
                return null;
            default:
                return "simple:" + reader.ReadSimpleValue().ToString();
        }
    }

    private static string? Compare(object? want, object? got, string path)
    {
        switch (want)
        {
            case Dictionary<string, object?> wantMap when got is Dictionary<string, object?> gotMap:
                if (!wantMap.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(gotMap.Keys))
                {
                    return $"{path}: keys [{string.Join(", ", gotMap.Keys.Order())}], expected [{string.Join(", ", wantMap.Keys.Order())}]";
                }

                foreach (KeyValuePair<string, object?> entry in wantMap)
                {
                    if (Compare(entry.Value, gotMap[entry.Key], path + "." + entry.Key) is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case List<object?> wantList when got is List<object?> gotList:
                if (wantList.Count != gotList.Count)
                {
                    return $"{path}: {gotList.Count} items, expected {wantList.Count}";
                }

                for (int i = 0; i < wantList.Count; i++)
                {
                    if (Compare(wantList[i], gotList[i], $"{path}[{i}]") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case Tagged wantTag when got is Tagged gotTag:
                return wantTag.Tag != gotTag.Tag ? $"{path}: tag {gotTag.Tag}, expected {wantTag.Tag}" : Compare(wantTag.Value, gotTag.Value, path + "(tag)");
            case double wantNumber when got is double gotNumber:
                return wantNumber.Equals(gotNumber) ? null : $"{path}: {gotNumber.ToString("R", CultureInfo.InvariantCulture)}, expected {wantNumber.ToString("R", CultureInfo.InvariantCulture)}";
            default:
                return Equals(want, got) ? null : $"{path}: {Describe(got)}, expected {Describe(want)}";
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        Dictionary<string, object?> => "a map",
        List<object?> => "an array",
        Tagged tagged => $"tag {tagged.Tag}",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private sealed record Tagged(ulong Tag, object? Value);
}

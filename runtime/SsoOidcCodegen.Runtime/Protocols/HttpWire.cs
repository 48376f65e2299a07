namespace SsoOidcCodegen.Runtime.Protocols;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

/// <summary>How values travel in URIs, query strings and headers (AWS rules).</summary>
public static class HttpWire
{
    private const string Hex = "0123456789ABCDEF";

    /// <summary>Percent-encodes UTF-8 text, keeping only RFC 3986 unreserved characters (and '/' when asked).</summary>
    public static void AppendUriEncoded(StringBuilder builder, string value, bool keepSlash)
    {
        if (!NeedsEncoding(value, keepSlash))
        {
            builder.Append(value);
            return;
        }

        {
            Span<byte> utf8 = stackalloc byte[4];
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (IsUnreserved(c) || (keepSlash && c == '/'))
                {
                    builder.Append(c);
                    continue;
                }

                int length;
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    length = Encoding.UTF8.GetBytes(value.AsSpan(i, 2), utf8);
                    i++;
                }
                else
                {
                    length = Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
                }

                for (int b = 0; b < length; b++)
                {
                    builder.Append('%').Append(Hex[utf8[b] >> 4]).Append(Hex[utf8[b] & 0xF]);
                }
            }
        }
    }

    /// <summary>Percent-encodes a value as a string.</summary>
    public static string UriEncode(string value, bool keepSlash = false)
    {
        var builder = new StringBuilder(value.Length + 8);
        AppendUriEncoded(builder, value, keepSlash);
        return builder.ToString();
    }

    // The day and month names of an HTTP date, three letters each.
    private const string Days = "SunMonTueWedThuFriSat";
    private const string Months = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /// <summary>
    /// A timestamp as an HTTP date (RFC 7231 IMF-fixdate, <c>Tue, 24 Nov 2026 13:45:45 GMT</c>), the default for headers.
    /// Written by hand: the framework's formatting goes through culture data, whose first use loads ICU (about 10 ms of
    /// a process's first call).
    /// </summary>
    public static string FormatHttpDate(DateTimeOffset value)
    {
        DateTime utc = value.UtcDateTime;
        Span<char> text = stackalloc char[29];
        "ddd, 00 MMM 0000 00:00:00 GMT".AsSpan().CopyTo(text);
        Days.AsSpan((int)utc.DayOfWeek * 3, 3).CopyTo(text);
        Months.AsSpan((utc.Month - 1) * 3, 3).CopyTo(text.Slice(8));
        WriteDigits(text.Slice(5, 2), utc.Day);
        WriteDigits(text.Slice(12, 4), utc.Year);
        WriteDigits(text.Slice(17, 2), utc.Hour);
        WriteDigits(text.Slice(20, 2), utc.Minute);
        WriteDigits(text.Slice(23, 2), utc.Second);
        return new string(text);

        static void WriteDigits(Span<char> into, int value)
        {
            for (int i = into.Length - 1; i >= 0; i--, value /= 10)
            {
                into[i] = (char)('0' + (value % 10));
            }
        }
    }

    /// <summary>
    /// Reads an IMF-fixdate (<c>Tue, 24 Nov 2026 13:45:45 GMT</c>, RFC 9110 5.6.7) exactly as written, without the
    /// framework's culture data: its first use loads ICU, about 10 ms of a process's first call. Anything it does not
    /// read (another form, a date the day name contradicts) is left to the framework's parse, which decides as before.
    /// </summary>
    /// <param name="text">The header's value.</param>
    /// <param name="date">The time it names, in UTC.</param>
    /// <returns>Whether the text is an IMF-fixdate this method reads.</returns>
    internal static bool TryParseHttpDate(string text, out DateTimeOffset date)
    {
        date = default;
        if (text.Length != 29 || text[3] != ',' || text[4] != ' ' || text[7] != ' ' || text[11] != ' ' || text[16] != ' '
            || text[19] != ':' || text[22] != ':' || !text.AsSpan(25).SequenceEqual(" GMT"))
        {
            return false;
        }

        int monthAt = Months.AsSpan().IndexOf(text.AsSpan(8, 3));
        int day = Digits(text, 5, 2), year = Digits(text, 12, 4), hour = Digits(text, 17, 2), minute = Digits(text, 20, 2), second = Digits(text, 23, 2);
        if (monthAt < 0 || monthAt % 3 != 0 || day < 1 || year < 1 || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        int month = (monthAt / 3) + 1;
        if (day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        if (!Days.AsSpan((int)time.DayOfWeek * 3, 3).SequenceEqual(text.AsSpan(0, 3)))
        {
            return false;
        }

        date = new DateTimeOffset(time.Ticks, TimeSpan.Zero);
        return true;

        // The number the digits at [start, start + count) write, or -1 when one is not an ASCII digit.
        static int Digits(string text, int start, int count)
        {
            int value = 0;
            for (int i = start; i < start + count; i++)
            {
                int digit = text[i] - '0';
                if (digit is < 0 or > 9)
                {
                    return -1;
                }

                value = (value * 10) + digit;
            }

            return value;
        }
    }


    /// <summary>A timestamp as ISO 8601 in UTC with fractional seconds only when present, the default for query strings and labels.</summary>
    public static string FormatIso8601(DateTimeOffset value)
    {
        DateTime utc = value.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A timestamp as epoch seconds, with a fraction only when present.</summary>
    public static string FormatEpochSeconds(DateTimeOffset value)
    {
        long ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        if (ticks % TimeSpan.TicksPerSecond == 0)
        {
            return (ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture);
        }

        return ((decimal)ticks / TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a timestamp in any of the AWS formats (epoch seconds, ISO 8601, HTTP date).</summary>
    public static DateTimeOffset ParseTimestamp(string text)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            return EpochSecondsToTimestamp(seconds);
        }

        if (TryParseHttpDate(text, out DateTimeOffset parsed)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out parsed))
        {
            return parsed;
        }

        throw new FormatException($"'{text}' is not a timestamp in epoch-seconds, ISO 8601 or HTTP-date format.");
    }

    /// <summary>Converts epoch seconds (with fraction) to a timestamp, keeping millisecond precision exactly.</summary>
    public static DateTimeOffset EpochSecondsToTimestamp(double seconds)
    {
        decimal exact = (decimal)seconds;
        long ticks = (long)decimal.Round(exact * TimeSpan.TicksPerSecond, 0, MidpointRounding.AwayFromZero);
        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + ticks, TimeSpan.Zero);
    }

    /// <summary>Formats a double the way AWS protocols expect (NaN, Infinity, -Infinity, shortest round-trip).</summary>
    public static string FormatDouble(double value) => double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Formats a float with the fewest digits that read back as the same float (<c>1.1f</c> is
    /// <c>1.1</c>, not the <c>1.100000023841858</c> of its widening to double); NaN and infinities by name.
    /// </summary>
    public static string FormatSingle(float value) => float.IsNaN(value) ? "NaN"
        : float.IsPositiveInfinity(value) ? "Infinity"
        : float.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a boolean as <c>true</c>/<c>false</c>.</summary>
    public static string FormatBoolean(bool value) => value ? "true" : "false";

    /// <summary>Parses a double, accepting NaN and ±Infinity.</summary>
    public static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>Parses a float, accepting NaN and ±Infinity.</summary>
    public static float ParseSingle(string text) => text switch
    {
        "NaN" => float.NaN,
        "Infinity" => float.PositiveInfinity,
        "-Infinity" => float.NegativeInfinity,
        _ => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Quotes a header list element when it contains a comma or a double quote, so that the list
    /// can be split again.
    /// </summary>
    public static string QuoteHeaderListElement(string value) =>
        value.IndexOf(',') >= 0 || value.IndexOf('"') >= 0 ? "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"" : value;

    /// <summary>Splits a header list (comma separated, elements may be quoted).</summary>
    public static List<string> SplitHeaderList(string value)
    {
        var result = new List<string>();
        int i = 0;
        while (i <= value.Length)
        {
            while (i < value.Length && value[i] == ' ')
            {
                i++;
            }

            if (i < value.Length && value[i] == '"')
            {
                var element = new StringBuilder();
                i++;
                while (i < value.Length && value[i] != '"')
                {
                    if (value[i] == '\\' && i + 1 < value.Length)
                    {
                        i++;
                    }

                    element.Append(value[i]);
                    i++;
                }

                result.Add(element.ToString());
                i = value.IndexOf(',', Math.Min(i, value.Length)) is int next && next >= 0 ? next + 1 : value.Length + 1;
            }
            else
            {
                int comma = value.IndexOf(',', i);
                int end = comma < 0 ? value.Length : comma;
                result.Add(value.Substring(i, end - i).Trim());
                i = end + 1;
            }
        }

        return result;
    }

    /// <summary>Splits an HTTP-date list, whose dates themselves contain one comma each.</summary>
    public static List<string> SplitHttpDateList(string value)
    {
        List<string> parts = SplitHeaderList(value);
        var result = new List<string>(parts.Count / 2);
        for (int i = 0; i + 1 < parts.Count; i += 2)
        {
            result.Add(parts[i] + ", " + parts[i + 1]);
        }

        return result;
    }

    private static bool IsUnreserved(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';

    private static bool NeedsEncoding(string value, bool keepSlash)
    {
        foreach (char c in value)
        {
            if (!IsUnreserved(c) && !(keepSlash && c == '/'))
            {
                return true;
            }
        }

        return false;
    }
}

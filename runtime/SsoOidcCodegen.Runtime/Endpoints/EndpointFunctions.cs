namespace SsoOidcCodegen.Runtime.Endpoints;

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

/// <summary>
/// The endpoint rules standard library (Smithy rules engine 1.1 plus the AWS functions). Compiled resolvers call
/// these for the functions that need code; the ones that are plain C# operators (<c>isSet</c>, <c>not</c>,
/// <c>booleanEquals</c>, <c>stringEquals</c>, <c>coalesce</c>, <c>ite</c>, <c>getAttr</c> on records) are
/// written inline by the compiler and are here for hand-written rules and for tests.
/// </summary>
public static class EndpointFunctions
{
    /// <summary><c>isSet</c>: whether the value is present.</summary>
    /// <param name="value">Any value.</param>
    public static bool IsSet([NotNullWhen(true)] object? value) => value is not null;

    /// <summary><c>not</c>: logical negation.</summary>
    /// <param name="value">The value to negate.</param>
    public static bool Not(bool value) => !value;

    /// <summary><c>booleanEquals</c>: whether two booleans are equal.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool BooleanEquals(bool left, bool right) => left == right;

    /// <summary><c>stringEquals</c>: whether two strings are equal, ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool StringEquals(string? left, string? right) => string.Equals(left, right, StringComparison.Ordinal);

    /// <summary>
    /// <c>getAttr</c>: the value at a path such as <c>resourceId[0]</c> or <c>a.b[2]</c>, or null when a member is
    /// missing, an index is out of range, or a step meets the wrong kind of value.
    /// </summary>
    /// <param name="value">The record or array to read from.</param>
    /// <param name="path">Dot-separated member names, each optionally followed by one <c>[index]</c>.</param>
    /// <exception cref="ArgumentException">The path is not well formed.</exception>
    public static EndpointValue? GetAttr(EndpointValue? value, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new ArgumentException("The path is empty.", nameof(path));
        }

        EndpointValue? current = value;
        foreach (string part in path.Split('.'))
        {
            string key = part;
            int? index = null;
            int open = part.IndexOf('[', StringComparison.Ordinal);
            if (open >= 0)
            {
                if (!part.EndsWith(']') || !int.TryParse(part.AsSpan(open + 1, part.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
                {
                    throw new ArgumentException($"The path part '{part}' is not a name followed by [index].", nameof(path));
                }

                key = part[..open];
                index = parsed;
            }

            if (key.Length > 0)
            {
                current = current is not null && current.TryGetMember(key, out EndpointValue? member) ? member : null;
            }

            if (index is int i)
            {
                current = current is { Kind: EndpointValueKind.Array } array && i < array.AsArray().Count ? array.AsArray()[i] : null;
            }
        }

        return current;
    }

    /// <summary><c>getAttr</c> with an index path (<c>[n]</c>): the element at <paramref name="index"/>, or null when out of range.</summary>
    /// <param name="array">The array.</param>
    /// <param name="index">The zero-based index.</param>
    public static string? GetAttr(IReadOnlyList<string> array, int index)
    {
        ArgumentNullException.ThrowIfNull(array);
        return index >= 0 && index < array.Count ? array[index] : null;
    }

    /// <summary>
    /// <c>substring</c>: the characters from <paramref name="start"/> (inclusive) to <paramref name="stop"/> (exclusive),
    /// counted from the end when <paramref name="reverse"/> is true; null when the input is too short, the range is
    /// empty, or the input has non-ASCII characters.
    /// </summary>
    /// <param name="input">The string.</param>
    /// <param name="start">The first index.</param>
    /// <param name="stop">The index after the last.</param>
    /// <param name="reverse">Whether indexes count from the end.</param>
    public static string? Substring(string input, int start, int stop, bool reverse)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (char c in input)
        {
            if (c > 127)
            {
                return null;
            }
        }

        if (start < 0 || start >= stop || input.Length < stop)
        {
            return null;
        }

        return reverse
            ? input.Substring(input.Length - stop, stop - start)
            : input.Substring(start, stop - start);
    }

    /// <summary><c>uriEncode</c>: RFC 3986 percent-encoding of everything but <c>A-Z a-z 0-9 - _ . ~</c>, with upper-case hex digits.</summary>
    /// <param name="value">The string to encode.</param>
    public static string UriEncode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved((char)b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// <c>parseURL</c>: the parts of an absolute <c>http</c> or <c>https</c> URL, or null when the string is not one or has
    /// a query (even an empty one). Other schemes are not endpoints (S3's rules expect <c>abcde://nota#url</c> to be rejected,
    /// as the AWS SDKs do).
    /// </summary>
    /// <param name="value">The URL.</param>
    public static ParsedUrl? ParseUrl(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0 || !IsHttpScheme(value.AsSpan(0, schemeEnd)) || value.Contains('?', StringComparison.Ordinal))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? _))
        {
            return null;
        }

        int authorityStart = schemeEnd + 3;
        int authorityEnd = value.IndexOfAny(['/', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = value.Length;
        }

        string authority = value[authorityStart..authorityEnd];
        int userInfoEnd = authority.LastIndexOf('@');
        if (userInfoEnd >= 0)
        {
            authority = authority[(userInfoEnd + 1)..];
        }

        if (authority.Length == 0)
        {
            return null;
        }

        int fragment = value.IndexOf('#', authorityEnd);
        string path = value[authorityEnd..(fragment < 0 ? value.Length : fragment)];
        string normalizedPath = string.IsNullOrWhiteSpace(path)
            ? "/"
            : (path.StartsWith('/') ? string.Empty : "/") + path + (path.EndsWith('/') ? string.Empty : "/");

        bool isIp = authority.StartsWith('[') || IsIPv4Address(HostOf(authority));
        return new ParsedUrl(value[..schemeEnd], authority, path, normalizedPath, isIp);
    }

    /// <summary>
    /// <c>isValidHostLabel</c>: whether the value is an RFC 1123 host label (a letter or digit, then up to 62 letters,
    /// digits or hyphens); with <paramref name="allowSubDomains"/>, whether each dot-separated part is one.
    /// </summary>
    /// <param name="value">The candidate label.</param>
    /// <param name="allowSubDomains">Whether dots may separate several labels.</param>
    public static bool IsValidHostLabel(string value, bool allowSubDomains)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!allowSubDomains)
        {
            return IsHostLabel(value.AsSpan());
        }

        foreach (string label in value.Split('.'))
        {
            if (!IsHostLabel(label.AsSpan()))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>aws.partition</c>: the partition of a region (see <see cref="Partitions.Resolve(string)"/>).</summary>
    /// <param name="region">The region name.</param>
    public static Partition AwsPartition(string region) => Partitions.Resolve(region);

    /// <summary>
    /// <c>aws.parseArn</c>: the parts of an ARN (<c>arn:partition:service:region:account:resource</c>), or null when the
    /// value is not one (partition, service and resource must not be empty).
    /// </summary>
    /// <param name="value">The candidate ARN.</param>
    public static ParsedArn? AwsParseArn(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string[] parts = value.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[1].Length == 0 || parts[2].Length == 0 || parts[5].Length == 0)
        {
            return null;
        }

        return new ParsedArn(parts[1], parts[2], parts[3], parts[4], parts[5].Split([':', '/']));
    }

    /// <summary>
    /// <c>aws.isVirtualHostableS3Bucket</c>: whether the value can be an S3 bucket host label: 3 to 63 lower-case letters,
    /// digits and hyphens that start and end with a letter or digit; with <paramref name="allowSubDomains"/>, dots may
    /// separate labels, but the name must not look like an IP address.
    /// </summary>
    /// <param name="value">The bucket name.</param>
    /// <param name="allowSubDomains">Whether dots are allowed.</param>
    public static bool AwsIsVirtualHostableS3Bucket(string value, bool allowSubDomains)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length = value.Length;
        if (length < 3 || length > 63 || !IsLowerAlphanumeric(value[0]) || !IsLowerAlphanumeric(value[length - 1]))
        {
            return false;
        }

        if (!allowSubDomains)
        {
            for (int i = 1; i < length - 1; i++)
            {
                if (!IsLowerAlphanumeric(value[i]) && value[i] != '-')
                {
                    return false;
                }
            }

            return true;
        }

        char last = value[0];
        for (int i = 1; i < length; i++)
        {
            char c = value[i];
            bool valid = c switch
            {
                '.' => last != '.' && last != '-',
                '-' => last != '.',
                _ => IsLowerAlphanumeric(c),
            };
            if (!valid)
            {
                return false;
            }

            last = c;
        }

        return !IsIPv4Address(value);
    }

    /// <summary><c>coalesce</c>: the first value that is set, or null when none is.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="values">The candidates, in order.</param>
    public static T? Coalesce<T>(params T?[] values)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (T? value in values)
        {
            if (value is not null)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary><c>coalesce</c> for booleans: the first value that is set (even when false), or null when none is.</summary>
    /// <param name="values">The candidates, in order.</param>
    public static bool? Coalesce(params bool?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (bool? value in values)
        {
            if (value.HasValue)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary><c>ite</c>: <paramref name="whenTrue"/> if the condition holds, else <paramref name="whenFalse"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="condition">The condition.</param>
    /// <param name="whenTrue">The result when the condition is true.</param>
    /// <param name="whenFalse">The result when the condition is false.</param>
    public static T Ite<T>(bool condition, T whenTrue, T whenFalse) => condition ? whenTrue : whenFalse;

    /// <summary>
    /// <c>split</c>: the parts of <paramref name="value"/> between occurrences of <paramref name="delimiter"/>; at most
    /// <paramref name="limit"/> parts when it is positive (the last part keeps the rest), all of them when it is 0.
    /// </summary>
    /// <param name="value">The string to split.</param>
    /// <param name="delimiter">The non-empty delimiter.</param>
    /// <param name="limit">The maximum number of parts, or 0 for no limit.</param>
    /// <exception cref="ArgumentException">The delimiter is empty or the limit negative.</exception>
    public static IReadOnlyList<string> Split(string value, string delimiter, int limit)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(delimiter);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return value.Split(delimiter, limit == 0 ? int.MaxValue : limit, StringSplitOptions.None);
    }

    private static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';

    private static bool IsHttpScheme(ReadOnlySpan<char> scheme) =>
        scheme.Equals("https", StringComparison.OrdinalIgnoreCase) || scheme.Equals("http", StringComparison.OrdinalIgnoreCase);

    private static string HostOf(string authority)
    {
        int colon = authority.LastIndexOf(':');
        return colon < 0 ? authority : authority[..colon];
    }

    private static bool IsIPv4Address(string host)
    {
        string[] octets = host.Split('.');
        if (octets.Length != 4)
        {
            return false;
        }

        foreach (string octet in octets)
        {
            if (!int.TryParse(octet, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > 255)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHostLabel(ReadOnlySpan<char> label)
    {
        if (label.Length is < 1 or > 63 || !char.IsAsciiLetterOrDigit(label[0]))
        {
            return false;
        }

        foreach (char c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}

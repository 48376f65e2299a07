namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

/// <summary>
/// Writes the SigV4 canonical request of an <see cref="HttpRequestMessage"/>: the parts are computed
/// from what <see cref="HttpClient"/> will put on the wire, so the service computes the same text.
/// </summary>
internal static class SigV4Canonicalizer
{
    // Headers that are never signed: hop-by-hop headers a proxy may change; User-Agent and
    // X-Amzn-Trace-Id, which proxies and tracing rewrite; Content-Length, which HttpClient computes
    // (the payload hash covers the body); and the per-attempt SDK headers. The official AWS SDK for
    // .NET leaves the last four unsigned too (see the CreateTokenWithIAM wire capture).
    private static readonly FrozenSet<string> UnsignedHeaders = FrozenSet.ToFrozenSet(
        [
            "authorization",
            "connection",
            "content-length",
            "expect",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "user-agent",
            "x-amzn-trace-id",
            "amz-sdk-invocation-id",
            "amz-sdk-request",
        ],
        StringComparer.OrdinalIgnoreCase);

    private const int StackallocParameterLimit = 32;

    /// <summary>
    /// Appends the canonical request and reports where its signed-headers line is in the buffer
    /// (the Authorization header repeats it).
    /// </summary>
    public static void Write(
        ref PooledCharBuffer buffer,
        HttpRequestMessage request,
        Uri uri,
        bool normalizePath,
        bool doubleEncodePath,
        scoped ReadOnlySpan<char> payloadHash,
        out int signedHeadersStart,
        out int signedHeadersLength)
    {
        buffer.Append(request.Method.Method);
        buffer.Append('\n');
        WriteCanonicalUri(ref buffer, uri.AbsolutePath, normalizePath, doubleEncodePath);
        buffer.Append('\n');
        WriteCanonicalQuery(ref buffer, uri.Query);
        buffer.Append('\n');
        WriteCanonicalHeaders(ref buffer, request, out signedHeadersStart, out signedHeadersLength);
        buffer.Append('\n');
        buffer.Append(payloadHash);
    }

    /// <summary>
    /// Appends the canonical request with its headers taken from <paramref name="headers"/>, the
    /// complete list of what the message holds (as the pipeline set it), instead of reading the
    /// message's header collections back. Returns false, having written nothing, when two of them
    /// share a name (the message would join them; the caller reads the message instead).
    /// </summary>
    /// <param name="buffer">The buffer to append to.</param>
    /// <param name="request">The request (its method).</param>
    /// <param name="canonicalTarget">The canonical URI and canonical query lines, as <see cref="WriteCanonicalTarget"/> writes them.</param>
    /// <param name="payloadHash">The payload hash line.</param>
    /// <param name="headers">Every header the message holds; sorted in place.</param>
    /// <param name="signedHeadersStart">Where the signed-headers line starts in the buffer.</param>
    /// <param name="signedHeadersLength">The signed-headers line's length.</param>
    public static bool TryWriteKnown(
        ref PooledCharBuffer buffer,
        HttpRequestMessage request,
        scoped ReadOnlySpan<char> canonicalTarget,
        scoped ReadOnlySpan<char> payloadHash,
        scoped Span<KnownHeader> headers,
        out int signedHeadersStart,
        out int signedHeadersLength)
    {
        // An insertion sort: a request signs a handful of headers, and Span.Sort with a comparer makes a delegate per call.
        for (int i = 1; i < headers.Length; i++)
        {
            KnownHeader item = headers[i];
            int j = i - 1;
            while (j >= 0 && Compare(headers[j], item) > 0)
            {
                headers[j + 1] = headers[j];
                j--;
            }

            headers[j + 1] = item;
        }

        for (int i = 1; i < headers.Length; i++)
        {
            if (Compare(headers[i - 1], headers[i]) == 0)
            {
                signedHeadersStart = signedHeadersLength = 0;
                return false;
            }
        }

        buffer.Append(request.Method.Method);
        buffer.Append('\n');
        buffer.Append(canonicalTarget);
        buffer.Append('\n');
        for (int i = 0; i < headers.Length; i++)
        {
            AppendName(ref buffer, headers[i]);
            buffer.Append(':');
            AppendTrimmedCollapsed(ref buffer, headers[i].Value);
            buffer.Append('\n');
        }

        buffer.Append('\n');
        signedHeadersStart = buffer.Length;
        for (int i = 0; i < headers.Length; i++)
        {
            if (i > 0)
            {
                buffer.Append(';');
            }

            AppendName(ref buffer, headers[i]);
        }

        signedHeadersLength = buffer.Length - signedHeadersStart;
        buffer.Append('\n');
        buffer.Append(payloadHash);
        return true;
    }

    /// <summary>The canonical URI line, a line break, and the canonical query line (the part of the canonical request that only the URI decides).</summary>
    public static void WriteCanonicalTarget(ref PooledCharBuffer buffer, Uri uri, bool normalizePath, bool doubleEncodePath)
    {
        WriteCanonicalUri(ref buffer, uri.AbsolutePath, normalizePath, doubleEncodePath);
        buffer.Append('\n');
        WriteCanonicalQuery(ref buffer, uri.Query);
    }

    // Two names already in lower case (every name the signer and the generated marshallers write) compare ordinally.
    private static int Compare(KnownHeader x, KnownHeader y) =>
        x.IsLowerCase && y.IsLowerCase ? string.CompareOrdinal(x.Name, y.Name) : HeaderNameComparer.CompareNames(x.Name, y.Name);

    private static void AppendName(ref PooledCharBuffer buffer, KnownHeader header)
    {
        if (header.IsLowerCase)
        {
            buffer.Append(header.Name);
        }
        else
        {
            AppendLowerCase(ref buffer, header.Name);
        }
    }

    /// <summary>Whether a header is signed (hop-by-hop, per-attempt and after-signing headers are not).</summary>
    public static bool IsSigned(string name) => !UnsignedHeaders.Contains(name);

    /// <summary>
    /// The canonical URI from the path as sent (<see cref="Uri.AbsolutePath"/>, already percent-encoded once), by the
    /// two switches of the SigV4 spec (the endpoint rules' <c>disableNormalizePath</c> and <c>disableDoubleEncoding</c>
    /// turn them off; Amazon S3 has both off). <paramref name="normalize"/>: dot segments and empty segments removed
    /// (RFC 3986 5.2.4 plus the AWS rule for empty segments). <paramref name="doubleEncode"/>: each segment
    /// percent-encoded a second time. Both off: the path as sent.
    /// </summary>
    internal static void WriteCanonicalUri(ref PooledCharBuffer buffer, scoped ReadOnlySpan<char> path, bool normalize, bool doubleEncode)
    {
        if (path.IsEmpty)
        {
            buffer.Append('/');
            return;
        }

        if (!normalize && !doubleEncode)
        {
            buffer.Append(path);
            return;
        }

        if (!normalize)
        {
            // Every segment kept as it is, empty and dot segments included, each encoded again.
            ReadOnlySpan<char> remaining = path[0] == '/' ? path[1..] : path;
            while (true)
            {
                int slash = remaining.IndexOf('/');
                buffer.Append('/');
                AppendUriEncoded(ref buffer, slash < 0 ? remaining : remaining[..slash]);
                if (slash < 0)
                {
                    return;
                }

                remaining = remaining[(slash + 1)..];
            }
        }

        // Each kept segment is written as "/segment"; ".." truncates back to the previous '/' (segments,
        // encoded or not, contain none).
        int start = buffer.Length;
        ReadOnlySpan<char> rest = path;
        while (!rest.IsEmpty)
        {
            int slash = rest.IndexOf('/');
            ReadOnlySpan<char> segment = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? default : rest[(slash + 1)..];
            if (segment.IsEmpty || segment is ".")
            {
                continue;
            }

            if (segment is "..")
            {
                int previous = buffer.AsSpan(start, buffer.Length - start).LastIndexOf('/');
                buffer.Length = previous < 0 ? start : start + previous;
                continue;
            }

            buffer.Append('/');
            if (doubleEncode)
            {
                AppendUriEncoded(ref buffer, segment);
            }
            else
            {
                buffer.Append(segment);
            }
        }

        if (buffer.Length == start || path[^1] == '/')
        {
            buffer.Append('/');
        }
    }

    /// <summary>
    /// The canonical query: each name and value percent-decoded then RFC 3986 encoded (so <c>%7e</c>,
    /// <c>~</c> and a raw non-ASCII character all come out the same), sorted by name then value.
    /// A parameter without '=' has an empty value. '+' is a literal plus, as AWS services read it.
    /// </summary>
    internal static void WriteCanonicalQuery(ref PooledCharBuffer buffer, scoped ReadOnlySpan<char> query)
    {
        if (!query.IsEmpty && query[0] == '?')
        {
            query = query[1..];
        }

        if (query.IsEmpty)
        {
            return;
        }

        int count = query.Count('&') + 1;
        QueryParameter[]? rented = null;
        Span<QueryParameter> parameters = count <= StackallocParameterLimit
            ? stackalloc QueryParameter[StackallocParameterLimit]
            : (rented = ArrayPool<QueryParameter>.Shared.Rent(count));

        // The encoded names and values go after the canonical request written so far, then are
        // copied into place in sorted order and the scratch tail dropped.
        int scratchStart = buffer.Length;
        int found = 0;
        ReadOnlySpan<char> rest = query;
        while (true)
        {
            int amp = rest.IndexOf('&');
            ReadOnlySpan<char> pair = amp < 0 ? rest : rest[..amp];
            if (!pair.IsEmpty)
            {
                int equals = pair.IndexOf('=');
                ReadOnlySpan<char> name = equals < 0 ? pair : pair[..equals];
                ReadOnlySpan<char> value = equals < 0 ? default : pair[(equals + 1)..];
                int nameStart = buffer.Length;
                AppendDecodedThenEncoded(ref buffer, name);
                int valueStart = buffer.Length;
                AppendDecodedThenEncoded(ref buffer, value);
                parameters[found++] = new QueryParameter(nameStart, valueStart - nameStart, valueStart, buffer.Length - valueStart);
            }

            if (amp < 0)
            {
                break;
            }

            rest = rest[(amp + 1)..];
        }

        Span<QueryParameter> sorted = parameters[..found];
        if (found > 1)
        {
            sorted.Sort(new QueryParameterComparer(buffer.Array));
        }

        int outputStart = buffer.Length;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i > 0)
            {
                buffer.Append('&');
            }

            buffer.AppendFromSelf(sorted[i].NameStart, sorted[i].NameLength);
            buffer.Append('=');
            buffer.AppendFromSelf(sorted[i].ValueStart, sorted[i].ValueLength);
        }

        // Move the sorted text down over the scratch area.
        int outputLength = buffer.Length - outputStart;
        buffer.Array.AsSpan(outputStart, outputLength).CopyTo(buffer.Array.AsSpan(scratchStart));
        buffer.Length = scratchStart + outputLength;

        if (rented is not null)
        {
            ArrayPool<QueryParameter>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Canonical headers (lower-case names, sorted; values trimmed, inner whitespace runs collapsed to
    /// one space; a header with several values joined exactly as HttpClient writes it on one line),
    /// a blank line, then the signed-headers list.
    /// </summary>
    internal static void WriteCanonicalHeaders(ref PooledCharBuffer buffer, HttpRequestMessage request, out int signedHeadersStart, out int signedHeadersLength)
    {
        HttpHeadersNonValidated requestHeaders = request.Headers.NonValidated;
        int capacity = requestHeaders.Count + (request.Content is { } content ? content.Headers.NonValidated.Count : 0);
        HeaderEntry[] entries = ArrayPool<HeaderEntry>.Shared.Rent(Math.Max(capacity, 1));
        int count = 0;
        try
        {
            foreach (KeyValuePair<string, HeaderStringValues> header in requestHeaders)
            {
                if (!UnsignedHeaders.Contains(header.Key))
                {
                    entries[count++] = new HeaderEntry(header.Key, header.Value);
                }
            }

            if (request.Content is not null)
            {
                foreach (KeyValuePair<string, HeaderStringValues> header in request.Content.Headers.NonValidated)
                {
                    if (!UnsignedHeaders.Contains(header.Key))
                    {
                        entries[count++] = new HeaderEntry(header.Key, header.Value);
                    }
                }
            }

            Span<HeaderEntry> sorted = entries.AsSpan(0, count);
            sorted.Sort(default(HeaderNameComparer));

            for (int i = 0; i < sorted.Length; i++)
            {
                // The same name in the request and content collections is sent as two lines,
                // which the service joins with a comma.
                bool continuesPrevious = i > 0 && HeaderNameComparer.CompareNames(sorted[i - 1].Name, sorted[i].Name) == 0;
                if (continuesPrevious)
                {
                    buffer.Length--; // the '\n' after the previous value
                    buffer.Append(',');
                }
                else
                {
                    AppendLowerCase(ref buffer, sorted[i].Name);
                    buffer.Append(':');
                }

                // HeaderStringValues.ToString joins several values with the separator HttpClient
                // writes between them (", " for most headers); a single value is returned as is.
                AppendTrimmedCollapsed(ref buffer, sorted[i].Values.ToString());
                buffer.Append('\n');
            }

            buffer.Append('\n');
            signedHeadersStart = buffer.Length;
            for (int i = 0; i < sorted.Length; i++)
            {
                if (i > 0 && HeaderNameComparer.CompareNames(sorted[i - 1].Name, sorted[i].Name) == 0)
                {
                    continue;
                }

                if (i > 0)
                {
                    buffer.Append(';');
                }

                AppendLowerCase(ref buffer, sorted[i].Name);
            }

            signedHeadersLength = buffer.Length - signedHeadersStart;
        }
        finally
        {
            ArrayPool<HeaderEntry>.Shared.Return(entries, clearArray: true);
        }
    }

    /// <summary>RFC 3986 encoding: unreserved characters as they are, everything else as %XX of its UTF-8 bytes.</summary>
    internal static void AppendUriEncoded(ref PooledCharBuffer buffer, scoped ReadOnlySpan<char> text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && IsUnreserved((byte)rune.Value))
            {
                buffer.Append((char)rune.Value);
                continue;
            }

            int written = rune.EncodeToUtf8(utf8);
            for (int i = 0; i < written; i++)
            {
                AppendPercentEncoded(ref buffer, utf8[i]);
            }
        }
    }

    private static void AppendDecodedThenEncoded(ref PooledCharBuffer buffer, scoped ReadOnlySpan<char> component)
    {
        Span<byte> utf8 = stackalloc byte[4];
        int i = 0;
        while (i < component.Length)
        {
            char c = component[i];
            if (c == '%' && i + 2 < component.Length && IsHexDigit(component[i + 1]) && IsHexDigit(component[i + 2]))
            {
                AppendByte(ref buffer, (byte)((HexValue(component[i + 1]) << 4) | HexValue(component[i + 2])));
                i += 3;
            }
            else if (c < 0x80)
            {
                AppendByte(ref buffer, (byte)c);
                i++;
            }
            else
            {
                Rune.DecodeFromUtf16(component[i..], out Rune rune, out int consumed);
                int written = rune.EncodeToUtf8(utf8);
                for (int b = 0; b < written; b++)
                {
                    AppendPercentEncoded(ref buffer, utf8[b]);
                }

                i += consumed;
            }
        }
    }

    private static void AppendByte(ref PooledCharBuffer buffer, byte value)
    {
        if (IsUnreserved(value))
        {
            buffer.Append((char)value);
        }
        else
        {
            AppendPercentEncoded(ref buffer, value);
        }
    }

    private static void AppendPercentEncoded(ref PooledCharBuffer buffer, byte value)
    {
        Span<char> span = buffer.AppendSpan(3);
        span[0] = '%';
        span[1] = "0123456789ABCDEF"[value >> 4];
        span[2] = "0123456789ABCDEF"[value & 0xF];
    }

    private static void AppendLowerCase(ref PooledCharBuffer buffer, string name)
    {
        Span<char> span = buffer.AppendSpan(name.Length);
        for (int i = 0; i < name.Length; i++)
        {
            span[i] = ToLowerAscii(name[i]);
        }
    }

    // The value trimmed, each inner run of whitespace written as one space: the text between runs is copied whole.
    internal static void AppendTrimmedCollapsed(ref PooledCharBuffer buffer, string value)
    {
        ReadOnlySpan<char> span = value.AsSpan().Trim(HeaderWhitespaceChars);
        while (true)
        {
            int run = span.IndexOfAny(HeaderWhitespace);
            if (run < 0)
            {
                buffer.Append(span);
                return;
            }

            // The span is trimmed at both ends: text follows every run.
            buffer.Append(span[..run]);
            buffer.Append(' ');
            span = span[run..].TrimStart(HeaderWhitespaceChars);
        }
    }

    private const string HeaderWhitespaceChars = " \t\r\n";

    private static readonly SearchValues<char> HeaderWhitespace = SearchValues.Create(HeaderWhitespaceChars);

    private static bool IsUnreserved(byte c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    private static bool IsHexDigit(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static char ToLowerAscii(char c) => (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;

    private readonly record struct QueryParameter(int NameStart, int NameLength, int ValueStart, int ValueLength);

    private readonly struct QueryParameterComparer(char[] text) : IComparer<QueryParameter>
    {
        public int Compare(QueryParameter x, QueryParameter y)
        {
            int byName = text.AsSpan(x.NameStart, x.NameLength).SequenceCompareTo(text.AsSpan(y.NameStart, y.NameLength));
            return byName != 0 ? byName : text.AsSpan(x.ValueStart, x.ValueLength).SequenceCompareTo(text.AsSpan(y.ValueStart, y.ValueLength));
        }
    }

    private readonly record struct HeaderEntry(string Name, HeaderStringValues Values);

    /// <summary>A header and its one value, as the pipeline set it on the message.</summary>
    internal readonly record struct KnownHeader(string Name, string Value)
    {
        /// <summary>True when the name has no upper-case ASCII letter: it is its own canonical form.</summary>
        public bool IsLowerCase { get; } = Name.AsSpan().IndexOfAnyInRange('A', 'Z') < 0;
    }

    // Orders names as their lower-case forms compare ordinally ('_' sorts before letters).
    private readonly struct HeaderNameComparer : IComparer<HeaderEntry>
    {
        public static int CompareNames(string x, string y)
        {
            int length = Math.Min(x.Length, y.Length);
            for (int i = 0; i < length; i++)
            {
                int difference = ToLowerAscii(x[i]) - ToLowerAscii(y[i]);
                if (difference != 0)
                {
                    return difference;
                }
            }

            return x.Length - y.Length;
        }

        public int Compare(HeaderEntry x, HeaderEntry y) => CompareNames(x.Name, y.Name);
    }
}

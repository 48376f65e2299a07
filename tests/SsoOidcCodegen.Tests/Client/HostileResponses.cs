namespace SsoOidcCodegen.Tests.Client;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Seeded hostile HTTP responses, one class of defect each: broken, deep, huge, mistyped or
/// mis-encoded JSON, HTML pages, empty bodies with any status, bogus error headers, lying
/// <c>Content-Length</c>s. <see cref="Create"/> builds the same response again for the same seed, so
/// a retried attempt gets the same answer and a failure is reproduced from its seed alone.
/// </summary>
public static class HostileResponses
{
    /// <summary>The member names JSON bodies are made of (besides those of the model under test).</summary>
    public static readonly IReadOnlyList<string> CommonNames = new[]
    {
        "__type", "code", "message", "Message", "error", "error_description", "reason", "accessToken", "tokenType", "expiresIn",
        "refreshToken", "idToken", "clientId", "clientSecret", "clientIdIssuedAt", "clientSecretExpiresAt", "deviceCode", "userCode",
        "verificationUri", "verificationUriComplete", "interval", "scope", "scopes", "awsAdditionalDetails", "identityContext", "issuedTokenType",
    };

    /// <summary>The classes of hostile response.</summary>
    public enum Kind
    {
        TruncatedJson,
        RandomBytes,
        WrongMemberTypes,
        DeepNesting,
        OutOfRangeNumbers,
        InvalidUtf8,
        LoneSurrogates,
        DuplicateKeys,
        NullsEverywhere,
        HtmlPage,
        EmptyBodyAnyStatus,
        BogusErrorType,
        ContentLengthTooLarge,
        ContentLengthTooSmall,
        TopLevelNonObject,
        GarbageHeaders,
        HugeBody,
    }

    /// <summary>The body format a hostile response imitates (that of the client family under test).</summary>
    public enum WireFormat
    {
        Json,
        Xml,
        Cbor,
    }

    /// <summary>
    /// The size of the <see cref="Kind.HugeBody"/> bodies: half of them below, half above this; the fuzz
    /// tests set <c>MaxResponseBodySize</c> to it, so both sides of the cap are run without 50 MB per case.
    /// </summary>
    public const int HugeBodyCap = 512 * 1024;

    /// <summary>A hostile response for <paramref name="seed"/>, using <paramref name="names"/> as member names.</summary>
    public static (Kind Kind, HttpResponseMessage Response) Create(int seed, IReadOnlyList<string> names, WireFormat format = WireFormat.Json)
    {
        var random = new Random(seed);
        var kind = (Kind)random.Next(Enum.GetValues<Kind>().Length);
        HttpStatusCode status = random.Next(3) switch
        {
            0 => HttpStatusCode.OK,
            1 => (HttpStatusCode)random.Next(400, 600),
            _ => (HttpStatusCode)random.Next(100, 600),
        };
        byte[] body;
        var headers = new List<(string, string)>();
        long? declaredLength = null;
        if (format == WireFormat.Xml)
        {
            body = HostileXml.Body(kind, random, names, headers, ref declaredLength);
        }
        else if (format == WireFormat.Cbor)
        {
            body = HostileCbor.Body(kind, random, names, headers, ref declaredLength);
        }
        else
        {
            body = JsonBody(kind, random, names, headers, ref declaredLength);
        }

        var response = new HttpResponseMessage(status) { Content = new LengthContent(body, declaredLength) };
        foreach ((string header, string value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(header, value))
            {
                response.Content.Headers.TryAddWithoutValidation(header, value);
            }
        }

        return (kind, response);
    }

    /// <summary>A body of about <paramref name="size"/> bytes: <paramref name="prefix"/>, filler, <paramref name="suffix"/>.</summary>
    internal static byte[] Filled(int size, byte filler, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> suffix)
    {
        byte[] body = new byte[Math.Max(size, prefix.Length + suffix.Length)];
        body.AsSpan().Fill(filler);
        prefix.CopyTo(body);
        suffix.CopyTo(body.AsSpan(body.Length - suffix.Length));
        return body;
    }

    /// <summary>A size just below or just above <see cref="HugeBodyCap"/>.</summary>
    internal static int HugeSize(Random random) => random.Next(2) == 0 ? HugeBodyCap - random.Next(1, 4096) : HugeBodyCap + random.Next(1, HugeBodyCap);

    private static byte[] JsonBody(Kind kind, Random random, IReadOnlyList<string> names, List<(string, string)> headers, ref long? declaredLength)
    {
        byte[] body;
        switch (kind)
        {
            case Kind.TruncatedJson:
                byte[] whole = Encoding.UTF8.GetBytes(JsonObject(random, names, depth: 0));
                body = whole.AsSpan(0, random.Next(whole.Length)).ToArray();
                break;
            case Kind.RandomBytes:
                body = new byte[random.Next(1, 512)];
                random.NextBytes(body);
                break;
            case Kind.WrongMemberTypes:
                body = Encoding.UTF8.GetBytes(JsonObject(random, names, depth: 0));
                break;
            case Kind.DeepNesting:
                int depth = random.Next(2) == 0 ? 10_000 : random.Next(200, 2_000);
                string open = random.Next(2) == 0 ? "[" : "{\"" + Pick(random, names) + "\":";
                string close = open == "[" ? "]" : "}";
                var deep = new StringBuilder(depth * (open.Length + 1) + 64);
                deep.Append("{\"").Append(Pick(random, names)).Append("\":");
                for (int i = 0; i < depth; i++)
                {
                    deep.Append(open);
                }

                deep.Append('1');
                for (int i = 0; i < depth; i++)
                {
                    deep.Append(close);
                }

                deep.Append('}');
                body = Encoding.UTF8.GetBytes(deep.ToString());
                break;
            case Kind.OutOfRangeNumbers:
                body = Encoding.UTF8.GetBytes("{" + string.Join(",", names.OrderBy(_ => random.Next()).Take(random.Next(1, 8)).Select(n =>
                    "\"" + n + "\":" + Pick(random, new[] { "1e400", "-1e400", "99999999999999999999999999999", "-9223372036854775809", "1.7976931348623157e309", "4294967296", "0.0000000000000000000000000000000000000001e-400", "1e-400" }))) + "}");
                break;
            case Kind.InvalidUtf8:
                var utf8 = new List<byte>(Encoding.UTF8.GetBytes("{\"" + Pick(random, names) + "\":\"a"));
                utf8.AddRange(Pick(random, new[] { new byte[] { 0xC3, 0x28 }, new byte[] { 0xFF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 }, new byte[] { 0xE2, 0x82 } }));
                utf8.AddRange(Encoding.UTF8.GetBytes("\",\"" + Pick(random, names) + "\":\"b\"}"));
                body = utf8.ToArray();
                break;
            case Kind.LoneSurrogates:
                body = Encoding.UTF8.GetBytes("{" + string.Join(",", names.OrderBy(_ => random.Next()).Take(random.Next(1, 6)).Select(n =>
                    "\"" + n + "\":\"" + Pick(random, new[] { "\\ud800", "\\udfff", "x\\ud800y", "\\udc00\\ud800" }) + "\"")) + "}");
                break;
            case Kind.DuplicateKeys:
                string name = Pick(random, names);
                body = Encoding.UTF8.GetBytes("{\"" + name + "\":" + Value(random, names, 1) + ",\"" + name + "\":" + Value(random, names, 1) + ",\"" + name + "\":\"third\"}");
                break;
            case Kind.NullsEverywhere:
                body = Encoding.UTF8.GetBytes(random.Next(4) == 0 ? "null" : "{" + string.Join(",", names.Select(n => "\"" + n + "\":" + Pick(random, new[] { "null", "[null]", "{\"a\":null}", "[null,null]" }))) + "}");
                break;
            case Kind.HtmlPage:
                body = HtmlPage(random, names, headers);
                break;
            case Kind.EmptyBodyAnyStatus:
                body = Array.Empty<byte>();
                break;
            case Kind.BogusErrorType:
                body = Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "{}" : JsonObject(random, names, 0));
                headers.Add(("x-amzn-ErrorType", Pick(random, new[] { string.Empty, ":", "#", "a#b#c:d:e", new string('X', 5000), "\u00e9\u4e2d\u0001", "InvalidRequestException:", "com.amazon#", "  ", "SlowDownException#x:y" })));
                break;
            case Kind.ContentLengthTooLarge:
                body = Encoding.UTF8.GetBytes(JsonObject(random, names, 0));
                declaredLength = body.Length + random.Next(1, 1_000_000);
                break;
            case Kind.ContentLengthTooSmall:
                body = Encoding.UTF8.GetBytes(JsonObject(random, names, 0));
                declaredLength = random.Next(0, body.Length);
                break;
            case Kind.TopLevelNonObject:
                body = Encoding.UTF8.GetBytes(Pick(random, new[] { "[]", "1", "\"text\"", "true", "[{}]", "{}{}", "{} x", "  ", "\u0000" }));
                break;
            case Kind.HugeBody:
                body = Filled(HugeSize(random), (byte)'a', Encoding.UTF8.GetBytes("{\"" + Pick(random, names) + "\":\""), "\"}"u8);
                break;
            default:
                body = Encoding.UTF8.GetBytes(JsonObject(random, names, 0));
                GarbageHeaders(random, headers);
                break;
        }

        return body;
    }

    private static string JsonObject(Random random, IReadOnlyList<string> names, int depth)
    {
        int count = random.Next(0, 8);
        return "{" + string.Join(",", Enumerable.Range(0, count).Select(_ => "\"" + Pick(random, names) + "\":" + Value(random, names, depth + 1))) + "}";
    }

    private static string Value(Random random, IReadOnlyList<string> names, int depth) => random.Next(depth > 3 ? 8 : 11) switch
    {
        0 => "null",
        1 => "true",
        2 => random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => "-1.5e3",
        4 => "\"" + Pick(random, names) + "\"",
        5 => "\"2026-13-45T99:00:00Z\"",
        6 => "\"not base64 !!\"",
        7 => "\"\"",
        8 => "[" + Value(random, names, depth + 1) + "," + Value(random, names, depth + 1) + "]",
        9 => JsonObject(random, names, depth),
        _ => "{\"" + Pick(random, names) + "\":[" + Value(random, names, depth + 1) + "]}",
    };

    /// <summary>A proxy's HTML error page (well-formed as XML or not).</summary>
    internal static byte[] HtmlPage(Random random, IReadOnlyList<string> names, List<(string, string)> headers)
    {
        headers.Add(("Content-Type", "text/html"));
        string page = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>" + Pick(random, names) + "</p>"
            + Pick(random, new[] { string.Empty, "<br>", "<hr/>&nbsp;", "<Error><Code>" + Pick(random, names) + "</Code></Error>" }) + "</body></html>";
        return Encoding.UTF8.GetBytes(page);
    }

    /// <summary>Broken <c>Date</c>, request id and content type headers (any format).</summary>
    internal static void GarbageHeaders(Random random, List<(string, string)> headers)
    {
        headers.Add(("Date", Pick(random, new[] { "yesterday", "Tue, 99 Nov 2026 99:99:99 GMT", "0", new string('9', 40) })));
        headers.Add(("x-amzn-RequestId", Pick(random, new[] { string.Empty, new string('r', 10_000), "\u00ff\u00fe" })));
        headers.Add(("x-amz-request-id", Pick(random, new[] { string.Empty, "\u0001", "a b" })));
        headers.Add(("Content-Type", Pick(random, new[] { "application/json; charset=utf-16", "text/plain", "application/x-amz-json-1.1", "\u00e9/\u00e9", "text/xml; charset=ebcdic", "application/cbor; q=x" })));
        headers.Add(("smithy-protocol", Pick(random, new[] { "rpc-v2-cbor", "rpc-v2-json", string.Empty, "\u00e9" })));
        headers.Add(("x-amzn-query-error", Pick(random, new[] { ";", "Code;", ";Sender", "A;B;C", new string('q', 3000), "\u00e9;Sender" })));
    }

    internal static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A body whose <c>Content-Length</c> may lie (as a broken proxy's does).</summary>
    private sealed class LengthContent : HttpContent
    {
        private readonly byte[] body;

        public LengthContent(byte[] body, long? declaredLength)
        {
            this.body = body;
            Headers.ContentLength = declaredLength ?? body.Length;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body, 0, body.Length);

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new MemoryStream(body, writable: false));

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}

/// <summary>A body that never ends: it either streams bytes forever or stalls after a first chunk.</summary>
public sealed class EndlessStream(bool stall) : Stream
{
    private bool sentFirst;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (stall && sentFirst)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        sentFirst = true;
        buffer.Span.Fill((byte)' ');
        buffer.Span[0] = (byte)'[';
        return buffer.Length;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

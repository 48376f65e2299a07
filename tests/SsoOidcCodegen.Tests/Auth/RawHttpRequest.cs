namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;

/// <summary>
/// A raw HTTP/1.1 request as the SigV4 test suite writes it (<c>.req</c>): request line, header
/// lines, blank line, body. Parsed the way an HTTP/1.1 recipient may (RFC 7230): folded lines are
/// unfolded and repeated header lines are combined into one comma-separated field, which is how
/// such a request can travel through <see cref="HttpClient"/> (it writes each header once).
/// </summary>
internal sealed class RawHttpRequest
{
    private RawHttpRequest(string method, string target, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
    {
        Method = method;
        Target = target;
        Headers = headers;
        Body = body;
    }

    /// <summary>The request method.</summary>
    public string Method { get; }

    /// <summary>The request-target exactly as written (path and query).</summary>
    public string Target { get; }

    /// <summary>The header fields in first-appearance order; repeated names already combined.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The body bytes (UTF-8 of the text after the blank line).</summary>
    public byte[] Body { get; }

    public static RawHttpRequest Parse(string text)
    {
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string[] requestLine = lines[0].Split(' ');
        if (requestLine.Length < 3 || !requestLine[^1].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            throw new FormatException($"Not a request line: '{lines[0]}'.");
        }

        // The target is everything between the method and the version (a suite case may put a space in it).
        string method = requestLine[0];
        string target = string.Join(' ', requestLine[1..^1]);

        var fields = new List<(string Name, List<string> Values)>();
        int index = 1;
        for (; index < lines.Length && lines[index].Length > 0; index++)
        {
            string line = lines[index];
            if (line[0] is ' ' or '\t')
            {
                // obs-fold (RFC 7230 3.2.4): the continuation joins the previous value after a space.
                List<string> values = fields[^1].Values;
                values[^1] = values[^1] + " " + line;
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"Not a header line: '{line}'.");
            }

            string name = line[..colon];
            string value = line[(colon + 1)..];
            (string Name, List<string> Values) existing = fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
            if (existing.Values is null)
            {
                fields.Add((name, [value]));
            }
            else
            {
                existing.Values.Add(value);
            }
        }

        string body = index < lines.Length ? string.Join('\n', lines[(index + 1)..]) : string.Empty;

        // RFC 7230 3.2.2: repeated fields combine, in order, into one field value separated by commas;
        // a field value excludes surrounding whitespace, so each part is trimmed before joining.
        var headers = fields
            .Select(f => new KeyValuePair<string, string>(
                f.Name,
                f.Values.Count == 1 ? f.Values[0] : string.Join(',', f.Values.Select(v => v.Trim(' ', '\t')))))
            .ToList();
        return new RawHttpRequest(method, target, headers, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>The request as <see cref="HttpRequestMessage"/>: URI from the Host header and the target.</summary>
    public HttpRequestMessage ToHttpRequestMessage(string scheme = "https")
    {
        string host = Headers.First(h => string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase)).Value.Trim();
        var request = new HttpRequestMessage(new HttpMethod(Method), new Uri($"{scheme}://{host}{Target}", UriKind.Absolute));
        if (Body.Length > 0)
        {
            request.Content = new ByteArrayContent(Body);
        }

        foreach (KeyValuePair<string, string> header in Headers)
        {
            if (request.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                continue;
            }

            request.Content ??= new ByteArrayContent([]);
            if (!request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                throw new InvalidOperationException($"Header '{header.Key}' fits neither the request nor its content.");
            }
        }

        return request;
    }
}

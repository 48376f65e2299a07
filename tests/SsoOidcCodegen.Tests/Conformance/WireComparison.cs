namespace SsoOidcCodegen.Tests.Conformance;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;

/// <summary>How a captured request is held to a case's <c>serialized</c> expectation, and how a case's <c>response</c> becomes an HTTP response.</summary>
internal static class WireComparison
{
    /// <summary>The endpoint the client is given: <c>https://example.com</c>, or the case's host when it names one with a path.</summary>
    public static Uri ServiceUrl(JsonElement serialized) =>
        serialized.TryGetProperty("host", out JsonElement host) && host.GetString() is { } text && text.Contains('/', StringComparison.Ordinal)
            ? new Uri("https://" + text)
            : new Uri("https://example.com");

    /// <summary>The differences between the request and the expectation; empty when they agree.</summary>
    public static List<string> Compare(JsonElement expected, CapturedRequest actual)
    {
        var problems = new List<string>();
        if (expected.TryGetProperty("method", out JsonElement method) && method.GetString() != actual.Method)
        {
            problems.Add($"method: expected {method.GetString()}, got {actual.Method}.");
        }

        if (expected.TryGetProperty("uri", out JsonElement uri))
        {
            CompareUri(uri.GetString()!, actual.Uri.PathAndQuery, problems);
        }

        if (expected.TryGetProperty("host", out JsonElement host))
        {
            string expectedHost = host.GetString()!.Split('/')[0];
            if (!string.Equals(expectedHost, actual.Uri.Authority, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"host: expected {expectedHost}, got {actual.Uri.Authority}.");
            }
        }

        if (expected.TryGetProperty("headers", out JsonElement headers))
        {
            foreach (JsonProperty header in headers.EnumerateObject())
            {
                if (!actual.Headers.TryGetValue(header.Name, out string? value))
                {
                    problems.Add($"header {header.Name}: expected \"{header.Value.GetString()}\", not sent.");
                }
                else if (value != header.Value.GetString())
                {
                    problems.Add($"header {header.Name}: expected \"{header.Value.GetString()}\", got \"{value}\".");
                }
            }
        }

        foreach (string name in Names(expected, "forbidHeaders").Where(actual.Headers.ContainsKey))
        {
            problems.Add($"header {name}: must not be sent, got \"{actual.Headers[name]}\".");
        }

        foreach (string name in Names(expected, "requireHeaders").Where(n => !actual.Headers.ContainsKey(n)))
        {
            problems.Add($"header {name}: must be sent.");
        }

        if (expected.TryGetProperty("body", out JsonElement body))
        {
            CompareBody(body.GetString()!, actual, problems);
        }

        return problems;
    }

    /// <summary>True for the suites whose bodies are binary, given in base64 (smithy-rpc-v2-cbor).</summary>
    public static bool HasBinaryBodies(ProtocolSuite suite) => suite.FirstProtocol == "smithy-rpc-v2-cbor";

    /// <summary>The case's response: status, exactly the listed headers, and the body (base64 in the binary suites).</summary>
    public static HttpResponseMessage Response(JsonElement response, bool base64Body = false)
    {
        var message = new HttpResponseMessage((HttpStatusCode)response.GetProperty("status_code").GetInt32());
        string body = response.TryGetProperty("body", out JsonElement text) ? text.GetString() ?? string.Empty : string.Empty;
        message.Content = new CaseBodyContent(base64Body ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body));
        if (response.TryGetProperty("headers", out JsonElement headers))
        {
            foreach (JsonProperty header in headers.EnumerateObject())
            {
                if (!message.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString()))
                {
                    message.Content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
                }
            }
        }

        return message;
    }

    private static IEnumerable<string> Names(JsonElement expected, string property) =>
        expected.TryGetProperty(property, out JsonElement list) ? list.EnumerateArray().Select(e => e.GetString()!) : Enumerable.Empty<string>();

    /// <summary>
    /// The path must match exactly. Query parameters are compared as sent (still encoded): the order of
    /// different names does not matter, the order of one name's values (a list) does.
    /// </summary>
    private static void CompareUri(string expected, string actual, List<string> problems)
    {
        (string expectedPath, string? expectedQuery) = SplitQuery(expected);
        (string actualPath, string? actualQuery) = SplitQuery(actual);
        if (expectedPath != actualPath)
        {
            problems.Add($"path: expected {expectedPath}, got {actualPath}.");
        }

        ILookup<string, string> expectedParameters = Parameters(expectedQuery);
        ILookup<string, string> actualParameters = Parameters(actualQuery);
        foreach (string name in expectedParameters.Select(g => g.Key).Union(actualParameters.Select(g => g.Key)))
        {
            string[] want = expectedParameters[name].ToArray();
            string[] got = actualParameters[name].ToArray();
            if (!want.SequenceEqual(got))
            {
                problems.Add($"query {name}: expected [{string.Join(", ", want)}], got [{string.Join(", ", got)}] (full query: {actualQuery}).");
            }
        }
    }

    private static (string Path, string? Query) SplitQuery(string uri)
    {
        int question = uri.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? (uri, null) : (uri.Substring(0, question), uri.Substring(question + 1));
    }

    /// <summary>Name to values, encoded as sent; a parameter without '=' has the value "(no value)".</summary>
    private static ILookup<string, string> Parameters(string? query) =>
        (query ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.IndexOf('=', StringComparison.Ordinal) is int equals && equals >= 0
                ? (Name: pair.Substring(0, equals), Value: "\"" + pair.Substring(equals + 1) + "\"")
                : (Name: pair, Value: "(no value)"))
            .ToLookup(p => p.Name, p => p.Value, StringComparer.Ordinal);

    /// <summary>JSON bodies are compared as JSON (member order and whitespace do not matter); any other body byte for byte.</summary>
    private static void CompareBody(string expected, CapturedRequest actual, List<string> problems)
    {
        byte[] sent = actual.Body ?? Array.Empty<byte>();
        if (expected.Length == 0)
        {
            if (sent.Length != 0)
            {
                problems.Add($"body: expected none, got \"{Encoding.UTF8.GetString(sent)}\".");
            }

            return;
        }

        actual.Headers.TryGetValue("Content-Type", out string? contentType);
        if (contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using JsonDocument want = JsonDocument.Parse(expected);
                using JsonDocument got = JsonDocument.Parse(sent);
                if (!JsonValues.Equal(want.RootElement, got.RootElement))
                {
                    problems.Add($"body: expected JSON {Compact(expected)}, got {Encoding.UTF8.GetString(sent)}.");
                }
            }
            catch (JsonException exception)
            {
                problems.Add($"body: expected JSON {Compact(expected)}, got \"{Encoding.UTF8.GetString(sent)}\" ({exception.Message}).");
            }

            return;
        }

        if (contentType is not null && contentType.StartsWith("application/cbor", StringComparison.OrdinalIgnoreCase))
        {
            // The cbor suites give bodies in base64 and compare them as CBOR data, not bytes (lengths may be definite or not).
            string? difference = CborValues.Difference(Convert.FromBase64String(expected), sent);
            if (difference is not null)
            {
                problems.Add($"body: {difference} (expected {expected}, got {Convert.ToBase64String(sent)})");
            }

            return;
        }

        if (contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            // Form bodies name every list and map item with its index, so the order of the pairs carries nothing.
            string[] want = FormPairs(expected);
            string[] got = FormPairs(Encoding.UTF8.GetString(sent));
            if (!want.SequenceEqual(got))
            {
                problems.Add($"body: expected the form {expected}, got {Encoding.UTF8.GetString(sent)}; "
                    + $"missing [{string.Join(", ", want.Except(got))}], unexpected [{string.Join(", ", got.Except(want))}].");
            }

            return;
        }

        if (contentType is not null && contentType.Contains("xml", StringComparison.OrdinalIgnoreCase))
        {
            string? difference = XmlValues.Difference(expected, Encoding.UTF8.GetString(sent));
            if (difference is not null)
            {
                problems.Add($"body: {difference}\nexpected: {expected}\ngot: {Encoding.UTF8.GetString(sent)}");
            }

            return;
        }

        if (!sent.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(expected)))
        {
            problems.Add($"body: expected \"{expected}\", got \"{Encoding.UTF8.GetString(sent)}\" (Content-Type {contentType ?? "none"}).");
        }
    }

    private static string[] FormPairs(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();

    private static string Compact(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException)
        {
            return "\"" + json + "\"";
        }
    }
}

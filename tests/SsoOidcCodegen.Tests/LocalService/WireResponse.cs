namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

/// <summary>A response read off the socket: status, every header (content headers included) and raw body.</summary>
public sealed class WireResponse
{
    private WireResponse(HttpStatusCode status, Dictionary<string, string> headers, byte[] body)
    {
        Status = status;
        Headers = headers;
        Body = body;
    }

    public HttpStatusCode Status { get; }

    public int StatusCode => (int)Status;

    public IReadOnlyDictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    public string Text => Encoding.UTF8.GetString(Body);

    public string? ContentType => Header("Content-Type");

    public string? RequestId => Header("x-amzn-RequestId");

    public string? ErrorType => Header("x-amzn-ErrorType");

    /// <summary>The body as JSON; fails the test with the body text when it is not JSON.</summary>
    public JsonElement Json
    {
        get
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(Body);
                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new Xunit.Sdk.XunitException($"Expected a JSON body, got HTTP {StatusCode} '{Text}': {ex.Message}");
            }
        }
    }

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>A string member of the JSON body; fails when it is missing.</summary>
    public string String(string member) =>
        Json.TryGetProperty(member, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new Xunit.Sdk.XunitException($"Expected string member '{member}' in HTTP {StatusCode} body '{Text}'.");

    public bool Has(string member) => Json.TryGetProperty(member, out _);

    public override string ToString() => $"HTTP {StatusCode} {ErrorType} {Text}";

    public static async Task<WireResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new WireResponse(response.StatusCode, headers, body);
    }
}

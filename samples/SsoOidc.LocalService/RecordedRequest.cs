namespace SsoOidc.LocalService;

using System;
using System.Collections.Generic;
using System.Text;

/// <summary>
/// A request as the service received it, before any fault was applied. It holds the body as sent,
/// secrets included: it is for assertions in tests, and its <see cref="ToString"/> shows no body.
/// </summary>
public sealed class RecordedRequest
{
    internal RecordedRequest(
        string requestId,
        DateTimeOffset receivedAt,
        string method,
        string path,
        string queryString,
        IReadOnlyDictionary<string, string> headers,
        byte[] body,
        FaultKind? fault)
    {
        RequestId = requestId;
        ReceivedAt = receivedAt;
        Method = method;
        Path = path;
        QueryString = queryString;
        Headers = headers;
        Body = body;
        Fault = fault;
    }

    /// <summary>The <c>x-amzn-RequestId</c> the service answered (or would have answered) with.</summary>
    public string RequestId { get; }

    /// <summary>When the request arrived, by the service's <see cref="LocalSsoOidcServiceOptions.TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The HTTP method, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>The path, e.g. <c>/token</c>.</summary>
    public string Path { get; }

    /// <summary>The query string with its leading <c>?</c>, or empty, e.g. <c>?aws_iam=t</c>.</summary>
    public string QueryString { get; }

    /// <summary>The request headers, names compared case-insensitively; repeated headers are joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body bytes exactly as received.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>The fault applied to this request, or null when it was handled normally.</summary>
    public FaultKind? Fault { get; }

    /// <summary>Method, path and body length; never the body or the headers.</summary>
    public override string ToString() =>
        $"{Method} {Path}{QueryString} ({Body.Length} bytes){(Fault is { } fault ? " fault " + fault : string.Empty)}";
}

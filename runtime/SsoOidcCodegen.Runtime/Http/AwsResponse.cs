namespace SsoOidcCodegen.Runtime.Http;

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;

/// <summary>An HTTP response as the generated unmarshallers read it: status, headers and body.</summary>
public sealed class AwsResponse
{
    /// <summary>Creates the response view.</summary>
    public AwsResponse(HttpResponseMessage message, ReadOnlyMemory<byte> body, Stream? bodyStream = null)
    {
        Message = message;
        Body = body;
        BodyStream = bodyStream;
    }

    /// <summary>The underlying response message.</summary>
    public HttpResponseMessage Message { get; }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode => Message.StatusCode;

    /// <summary>The buffered body (empty for streaming responses).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body stream of a streaming response.</summary>
    public Stream? BodyStream { get; }

    /// <summary>The request id (<c>x-amzn-RequestId</c>, or <c>x-amz-request-id</c>).</summary>
    public string? RequestId => TryGetRawHeader("x-amzn-RequestId", out string? id) || TryGetRawHeader("x-amz-request-id", out id) ? id : null;

    /// <summary>
    /// A header that has no parser of its own (an <c>x-amz…</c> header), as it came: the same text as <see cref="TryGetHeader"/>
    /// gives for such a header, without the array that reading it through the validated header collection allocates.
    /// </summary>
    internal bool TryGetRawHeader(string name, [NotNullWhen(true)] out string? value)
    {
        if (Message.Headers.NonValidated.TryGetValues(name, out HeaderStringValues values)
            || (Message.Content is not null && Message.Content.Headers.NonValidated.TryGetValues(name, out values)))
        {
            value = values.ToString();
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>A header value (several values joined with <c>", "</c>), from the response or its content.</summary>
    public bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        if (Message.Headers.TryGetValues(name, out IEnumerable<string>? values)
            || (Message.Content is not null && Message.Content.Headers.TryGetValues(name, out values)))
        {
            value = values is string[] { Length: 1 } one ? one[0] : string.Join(", ", values);
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Every header whose name starts with the prefix (case-insensitive), for prefix-header members.</summary>
    public IEnumerable<KeyValuePair<string, string>> HeadersWithPrefix(string prefix)
    {
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> all = Message.Headers;
        if (Message.Content is not null)
        {
            all = all.Concat(Message.Content.Headers);
        }

        foreach (KeyValuePair<string, IEnumerable<string>> header in all)
        {
            if (header.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return new KeyValuePair<string, string>(header.Key.Substring(prefix.Length), string.Join(", ", header.Value));
            }
        }
    }

    /// <summary>A JSON reader over the body.</summary>
    public Utf8JsonReader CreateJsonReader() => new(Body.Span, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });

    /// <summary>
    /// A JSON reader over the body, moved to its first token; false when the body is empty or only
    /// whitespace (a service may answer without a body even when the output has body members).
    /// </summary>
    public bool TryReadJsonBody(out Utf8JsonReader reader)
    {
        reader = CreateJsonReader();
        foreach (byte b in Body.Span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return reader.Read();
            }
        }

        return false;
    }
}

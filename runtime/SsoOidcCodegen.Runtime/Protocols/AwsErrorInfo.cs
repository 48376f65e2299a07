namespace SsoOidcCodegen.Runtime.Protocols;

using System;
using System.Text.Json;
using SsoOidcCodegen.Runtime.Http;

/// <summary>
/// The error code, message and request id of an error response, read the way AWS JSON protocols
/// define: code from <c>X-Amzn-ErrorType</c>, else body <c>__type</c>, else body <c>code</c>
/// (a <c>:</c> suffix and a <c>namespace#</c> prefix removed); message from <c>message</c>,
/// <c>Message</c> or <c>error_description</c>. A body that is not JSON never throws, and is never
/// quoted into the message (it may echo the request's secrets).
/// </summary>
public sealed class AwsErrorInfo
{
    private AwsErrorInfo(string? code, string? message, string? requestId, bool bodyIsJsonObject)
    {
        Code = code;
        Message = message;
        RequestId = requestId;
        BodyIsJsonObject = bodyIsJsonObject;
    }

    /// <summary>The error code, or null when the response names none.</summary>
    public string? Code { get; }

    /// <summary>The error message, or a short description of a body that is not JSON.</summary>
    public string? Message { get; }

    /// <summary>The request id the service assigned.</summary>
    public string? RequestId { get; }

    /// <summary>True when the body is a JSON object whose members can be read.</summary>
    public bool BodyIsJsonObject { get; }

    /// <summary>
    /// Fills a modelled exception's members from the JSON body, when the body is a JSON object. A
    /// member the service sent in an unexpected form is left unset; the error itself stands.
    /// </summary>
    /// <typeparam name="TException">The modelled exception type.</typeparam>
    /// <param name="exception">The exception to fill.</param>
    /// <param name="response">The error response.</param>
    /// <param name="readMembers">The generated reader of the error shape's body members.</param>
    /// <returns>The same exception.</returns>
    public TException ReadMembers<TException>(TException exception, AwsResponse response, JsonMembersReader<TException> readMembers)
        where TException : AwsServiceException
    {
        if (!BodyIsJsonObject)
        {
            return exception;
        }

        try
        {
            Utf8JsonReader reader = response.CreateJsonReader();
            reader.Read();
            readMembers(ref reader, exception);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Keep the typed error with whatever members were read.
        }

        return exception;
    }

    /// <summary>Error information read by another protocol's reader (XML, CBOR).</summary>
    /// <param name="code">The error code, or null.</param>
    /// <param name="message">The message, or null.</param>
    /// <param name="requestId">The request id, or null.</param>
    /// <param name="bodyIsJsonObject">True when the body is a JSON object (its members can be read).</param>
    /// <returns>The error information.</returns>
    public static AwsErrorInfo Create(string? code, string? message, string? requestId, bool bodyIsJsonObject) =>
        new(code, message, requestId, bodyIsJsonObject);

    /// <summary>
    /// The awsQuery error code a service that keeps its query error codes (<c>awsQueryCompatible</c>)
    /// sends in <c>x-amzn-query-error: Code;Sender</c>, or null when the header is absent.
    /// </summary>
    /// <param name="response">The error response.</param>
    /// <returns>The code, or null.</returns>
    public static string? QueryErrorCode(AwsResponse response)
    {
        if (!response.TryGetHeader("x-amzn-query-error", out string? header) || string.IsNullOrEmpty(header))
        {
            return null;
        }

        int separator = header.IndexOf(';');
        string code = (separator < 0 ? header : header.Substring(0, separator)).Trim();
        return code.Length == 0 ? null : code;
    }

    /// <summary>Reads the error information of a JSON service that keeps its query error codes: <see cref="QueryErrorCode"/> wins.</summary>
    /// <param name="response">The error response.</param>
    /// <returns>The error information.</returns>
    public static AwsErrorInfo ReadQueryCompatible(AwsResponse response)
    {
        AwsErrorInfo info = Read(response);
        return QueryErrorCode(response) is { } code ? new AwsErrorInfo(code, info.Message, info.RequestId, info.BodyIsJsonObject) : info;
    }

    /// <summary>Reads the error information from a response.</summary>
    public static AwsErrorInfo Read(AwsResponse response)
    {
        string? code = null;
        if (response.TryGetRawHeader("X-Amzn-ErrorType", out string? header) && !string.IsNullOrEmpty(header))
        {
            code = Sanitize(header!);
        }

        string? message = null;
        bool isObject = false;
        string? bodyCode = null;
        string? bodyType = null;
        try
        {
            Utf8JsonReader reader = response.CreateJsonReader();
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                isObject = true;
                string? lowerMessage = null;
                string? upperMessage = null;
                string? description = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("__type"u8))
                    {
                        bodyType = ReadStringOrSkip(ref reader);
                    }
                    else if (reader.ValueTextEquals("code"u8))
                    {
                        bodyCode = ReadStringOrSkip(ref reader);
                    }
                    else if (reader.ValueTextEquals("message"u8))
                    {
                        lowerMessage = ReadStringOrSkip(ref reader);
                    }
                    else if (reader.ValueTextEquals("Message"u8))
                    {
                        upperMessage = ReadStringOrSkip(ref reader);
                    }
                    else if (reader.ValueTextEquals("error_description"u8))
                    {
                        description = ReadStringOrSkip(ref reader);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                message = lowerMessage ?? upperMessage ?? description;
            }
        }
        catch (Exception failure) when (failure is JsonException or InvalidOperationException)
        {
            // Not JSON, cut short, or too deep: the status and the header are what the error has.
            isObject = false;
        }

        code ??= bodyType is not null ? Sanitize(bodyType) : bodyCode is not null ? Sanitize(bodyCode) : null;
        if (!isObject && message is null)
        {
            message = DescribeBody(response, "JSON");
        }

        return new AwsErrorInfo(code, message, response.RequestId, isObject);
    }

    /// <summary>Removes a <c>:uri</c> suffix and a <c>namespace#</c> prefix from an error code.</summary>
    public static string Sanitize(string code)
    {
        int colon = code.IndexOf(':');
        if (colon >= 0)
        {
            code = code.Substring(0, colon);
        }

        int hash = code.IndexOf('#');
        if (hash >= 0)
        {
            code = code.Substring(hash + 1);
        }

        return code.Trim();
    }

    private static string? ReadStringOrSkip(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                // Invalid UTF-8 or a lone surrogate: the value is unreadable, the rest of the body may not be.
                return null;
            }
        }

        reader.Skip();
        return null;
    }

    /// <summary>A message for an error whose body names none: empty, or an excerpt of a body that is not of the expected kind.</summary>
    internal static string DescribeBody(AwsResponse response, string expected)
    {
        int status = (int)response.StatusCode;
        if (response.Body.IsEmpty)
        {
            return $"The service answered HTTP {status} with an empty body.";
        }

        // Never quote the body: a proxy's error page may echo the request, client secrets included.
        string? contentType = response.Message.Content?.Headers.ContentType?.MediaType;
        string kind = contentType is null ? string.Empty : $" ({SafeMediaType(contentType)})";
        return $"The service answered HTTP {status} with a body that is not {expected}{kind}, {response.Body.Length} bytes long.";
    }

    private static string SafeMediaType(string mediaType)
    {
        foreach (char c in mediaType)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '+' or '-' or '.'))
            {
                return "an unusual content type";
            }
        }

        return mediaType.Length <= 64 ? mediaType : "an unusual content type";
    }
}

/// <summary>Reads the members of a JSON object, whose start the reader is at, into a target.</summary>
/// <typeparam name="T">The target type.</typeparam>
/// <param name="reader">The reader, at the object's start.</param>
/// <param name="target">The object to fill.</param>
public delegate void JsonMembersReader<in T>(ref Utf8JsonReader reader, T target);

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
    private string? message;
    private bool bodyIsJsonObject;

    // The response whose JSON body is still unread: the code came from X-Amzn-ErrorType, and the body's message waits
    // for the one pass that also reads the modelled members (ReadMembers with a JsonMemberReader), or for the first
    // read of Message or BodyIsJsonObject.
    private AwsResponse? unreadBody;

    private AwsErrorInfo(string? code, string? message, string? requestId, bool bodyIsJsonObject)
    {
        Code = code;
        this.message = message;
        RequestId = requestId;
        this.bodyIsJsonObject = bodyIsJsonObject;
    }

    /// <summary>The error code, or null when the response names none.</summary>
    public string? Code { get; private set; }

    /// <summary>The error message, or a short description of a body that is not JSON.</summary>
    public string? Message
    {
        get
        {
            ReadUnreadBody();
            return message;
        }
    }

    /// <summary>The request id the service assigned.</summary>
    public string? RequestId { get; }

    /// <summary>True when the body is a JSON object whose members can be read.</summary>
    public bool BodyIsJsonObject
    {
        get
        {
            ReadUnreadBody();
            return bodyIsJsonObject;
        }
    }

    /// <summary>
    /// Fills a modelled exception's members and its message from the JSON body in one pass: each member goes to the
    /// generated reader of the error shape, and <c>message</c>, <c>Message</c> or <c>error_description</c> becomes the
    /// exception's message (as <see cref="Message"/> would give it). A member the service sent in an unexpected form is
    /// left unset, and the members after it too; the error itself stands.
    /// </summary>
    /// <typeparam name="TException">The modelled exception type.</typeparam>
    /// <param name="exception">The exception to fill, created without a message.</param>
    /// <param name="response">The error response.</param>
    /// <param name="readMember">The generated reader of one of the error shape's body members.</param>
    /// <returns>The same exception.</returns>
    public TException ReadMembers<TException>(TException exception, AwsResponse response, JsonMemberReader<TException> readMember)
        where TException : AwsServiceException
    {
        // With the code in X-Amzn-ErrorType this is the body's one pass; with the code in the body (read for it by
        // Read), a second one, which finds the same message.
        unreadBody = null;
        ReadBody(response, exception, readMember);
        if (message is not null)
        {
            exception.SetMessage(message);
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

    /// <summary>
    /// Reads the error information from a response. With the code in <c>X-Amzn-ErrorType</c> the body is read when
    /// <see cref="Message"/>, <see cref="BodyIsJsonObject"/> or <c>ReadMembers</c> first needs it: use them while the
    /// response's body is alive (the generated error table does, within the call).
    /// </summary>
    public static AwsErrorInfo Read(AwsResponse response)
    {
        if (response.TryGetRawHeader("X-Amzn-ErrorType", out string? header) && !string.IsNullOrEmpty(header))
        {
            // The code is known: the body is read once, when its message or its members are first wanted.
            return new AwsErrorInfo(Sanitize(header!), null, response.RequestId, false) { unreadBody = response };
        }

        var info = new AwsErrorInfo(null, null, response.RequestId, false);
        (string? bodyType, string? bodyCode) = info.ReadBody<AwsServiceException>(response, null, null);
        info.Code = bodyType is not null ? Sanitize(bodyType) : bodyCode is not null ? Sanitize(bodyCode) : null;
        return info;
    }

    private void ReadUnreadBody()
    {
        if (unreadBody is { } response)
        {
            unreadBody = null;
            ReadBody<AwsServiceException>(response, null, null);
        }
    }

    /// <summary>
    /// The one pass over a JSON error body: sets <see cref="message"/> and <see cref="bodyIsJsonObject"/>, gives each
    /// member to <paramref name="readMember"/> when there is one, and returns the body's <c>__type</c> and <c>code</c>.
    /// </summary>
    private (string? BodyType, string? BodyCode) ReadBody<TException>(AwsResponse response, TException? exception, JsonMemberReader<TException>? readMember)
        where TException : AwsServiceException
    {
        string? bodyCode = null;
        string? bodyType = null;
        string? found = null;
        bool isObject = false;
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
                    StandardMember standard = StandardMemberAt(ref reader);
                    if (standard == StandardMember.None)
                    {
                        // Any other member goes to the member reader alone, and is skipped when the shape does not have it.
                        if (readMember is null || !ReadOneMember(ref reader, exception!, ref readMember))
                        {
                            reader.Skip();
                        }

                        continue;
                    }

                    // A standard member is read from a copy of the reader when the error shape may model it too.
                    string? text;
                    if (readMember is null)
                    {
                        text = ReadStringOrSkip(ref reader);
                    }
                    else
                    {
                        Utf8JsonReader value = reader;
                        text = ReadStringOrSkip(ref value);
                        if (!ReadOneMember(ref reader, exception!, ref readMember))
                        {
                            reader = value;
                        }
                    }

                    switch (standard)
                    {
                        case StandardMember.Type:
                            bodyType = text;
                            break;
                        case StandardMember.Code:
                            bodyCode = text;
                            break;
                        case StandardMember.LowerMessage:
                            lowerMessage = text;
                            break;
                        case StandardMember.UpperMessage:
                            upperMessage = text;
                            break;
                        default:
                            description = text;
                            break;
                    }
                }

                found = lowerMessage ?? upperMessage ?? description;
            }
        }
        catch (Exception failure) when (failure is JsonException or InvalidOperationException)
        {
            // Not JSON, cut short, or too deep: the status and the header are what the error has.
            isObject = false;
        }

        message = found ?? (isObject ? null : DescribeBody(response, "JSON"));
        bodyIsJsonObject = isObject;
        return (bodyType, bodyCode);
    }

    private enum StandardMember
    {
        None,
        Type,
        Code,
        LowerMessage,
        UpperMessage,
        Description,
    }

    // Which of the members every JSON error body may carry the reader is at (its name): by length first, then by bytes;
    // an escaped name, or one split across segments, is compared unescaped.
    private static StandardMember StandardMemberAt(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.ValueTextEquals("__type"u8) ? StandardMember.Type
                : reader.ValueTextEquals("code"u8) ? StandardMember.Code
                : reader.ValueTextEquals("message"u8) ? StandardMember.LowerMessage
                : reader.ValueTextEquals("Message"u8) ? StandardMember.UpperMessage
                : reader.ValueTextEquals("error_description"u8) ? StandardMember.Description
                : StandardMember.None;
        }

        ReadOnlySpan<byte> name = reader.ValueSpan;
        return name.Length switch
        {
            4 when name.SequenceEqual("code"u8) => StandardMember.Code,
            6 when name.SequenceEqual("__type"u8) => StandardMember.Type,
            7 when name.SequenceEqual("message"u8) => StandardMember.LowerMessage,
            7 when name.SequenceEqual("Message"u8) => StandardMember.UpperMessage,
            17 when name.SequenceEqual("error_description"u8) => StandardMember.Description,
            _ => StandardMember.None,
        };
    }

    // One member through the generated reader, the reader at its name; false when the shape does not have it or its
    // value is not in the modelled form (the reader is then where it was: the caller moves it past the value). After a
    // value in an unexpected form no further member is read (as a reader of all members would stop there).
    private static bool ReadOneMember<TException>(ref Utf8JsonReader reader, TException exception, ref JsonMemberReader<TException>? readMember)
        where TException : AwsServiceException
    {
        Utf8JsonReader atName = reader;
        try
        {
            if (readMember!(ref reader, exception))
            {
                return true;
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            readMember = null;
        }

        reader = atName;
        return false;
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

/// <summary>Reads one member of a JSON object, whose name the reader is at, into a target.</summary>
/// <typeparam name="T">The target type.</typeparam>
/// <param name="reader">The reader, at the member's name; after a member read, at the last token of its value.</param>
/// <param name="target">The object to fill.</param>
/// <returns>True when the member was read; false, with the reader unmoved, for a member the target does not have.</returns>
public delegate bool JsonMemberReader<in T>(ref Utf8JsonReader reader, T target);

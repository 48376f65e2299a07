namespace SsoOidcCodegen.Runtime.Protocols.Xml;

using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Xml;
using SsoOidcCodegen.Runtime.Http;

/// <summary>
/// How the generated XML readers walk a response body (awsQuery, ec2Query, restXml): an
/// <see cref="XmlReader"/> without DTDs or resolvers, elements matched by local name, unknown
/// elements skipped. Every helper that reads an element leaves the reader after its end.
/// </summary>
public static class XmlWire
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = true,
    };

    /// <summary>A reader over the body, at its root element; false when the body is empty or only whitespace.</summary>
    public static bool TryReadRoot(AwsResponse response, out XmlReader reader) => TryReadRoot(response.Body, out reader);

    /// <summary>A reader over the bytes, at their root element; false when they are empty or only whitespace.</summary>
    public static bool TryReadRoot(ReadOnlyMemory<byte> body, out XmlReader reader)
    {
        reader = null!;
        if (IsBlank(body.Span))
        {
            return false;
        }

        Stream stream = MemoryMarshal.TryGetArray(body, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body.ToArray(), writable: false);
        reader = XmlReader.Create(stream, Settings);
        return reader.MoveToContent() == XmlNodeType.Element;
    }

    /// <summary>
    /// At an element's start: moves inside it and returns true, or past it (an empty element) and returns false.
    /// Follow with <see cref="NextChild"/> until it returns false.
    /// </summary>
    public static bool Enter(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return false;
        }

        reader.Read();
        return true;
    }

    /// <summary>Moves to the next child element (true), or past the parent's end (false).</summary>
    public static bool NextChild(XmlReader reader)
    {
        while (true)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    return true;
                case XmlNodeType.EndElement:
                    reader.Read();
                    return false;
                case XmlNodeType.None:
                    return false;
                default:
                    if (!reader.Read())
                    {
                        return false;
                    }

                    break;
            }
        }
    }

    /// <summary>Moves to the child element with the local name (true), skipping others; false when the parent has none.</summary>
    public static bool FindChild(XmlReader reader, string localName)
    {
        if (!Enter(reader))
        {
            return false;
        }

        while (NextChild(reader))
        {
            if (reader.LocalName == localName)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>The text of the element at the reader (empty for an empty element), and moves past it.</summary>
    public static string ReadText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        return reader.ReadElementContentAsString();
    }

    /// <summary>True when the element at the reader has the local name, or the qualified name when the name has a prefix.</summary>
    public static bool Is(XmlReader reader, string name) =>
        name.IndexOf(':') >= 0 ? reader.Name == name : reader.LocalName == name;

    /// <summary>
    /// The error of an XML error body: the <c>Error</c> element (the root itself, as S3 sends it, or
    /// nested in <c>ErrorResponse</c> or <c>Response/Errors</c>) with its <c>Code</c> and <c>Message</c>,
    /// and the request id (<c>RequestId</c> or <c>RequestID</c> anywhere around it, else the header).
    /// A body that is not XML gives an error without a code.
    /// </summary>
    public static AwsErrorInfo ReadError(AwsResponse response)
    {
        string? code = null;
        string? message = null;
        string? requestId = null;
        bool found = false;
        try
        {
            if (TryReadRoot(response.Body, out XmlReader reader))
            {
                using (reader)
                {
                    while (!reader.EOF)
                    {
                        if (reader.NodeType != XmlNodeType.Element)
                        {
                            reader.Read();
                            continue;
                        }

                        string name = reader.LocalName;
                        if (name == "Error" && !found)
                        {
                            found = true;
                            if (Enter(reader))
                            {
                                while (NextChild(reader))
                                {
                                    switch (reader.LocalName)
                                    {
                                        case "Code":
                                            code = ReadText(reader);
                                            break;
                                        case "Message":
                                            message = ReadText(reader);
                                            break;
                                        case "RequestId" or "RequestID":
                                            // Read even when one was already found: the reader must move past every element.
                                            string idInError = ReadText(reader);
                                            requestId ??= idInError;
                                            break;
                                        default:
                                            reader.Skip();
                                            break;
                                    }
                                }
                            }
                        }
                        else if (name is "RequestId" or "RequestID")
                        {
                            // Read even when one was already found: a second RequestId must not stop the reader.
                            string id = ReadText(reader);
                            requestId ??= id;
                        }
                        else
                        {
                            reader.Read();
                        }
                    }
                }
            }
        }
        catch (XmlException)
        {
            found = false;
        }

        return AwsErrorInfo.Create(
            code is null ? null : AwsErrorInfo.Sanitize(code),
            message ?? (found ? null : AwsErrorInfo.DescribeBody(response, "XML")),
            requestId ?? response.RequestId,
            bodyIsJsonObject: false);
    }

    /// <summary>
    /// A reader at the <c>Error</c> element of an XML error body (see <see cref="ReadError"/>), so that a
    /// modelled error's members can be read from it; false when there is none.
    /// </summary>
    public static bool TryReadErrorElement(AwsResponse response, out XmlReader reader)
    {
        if (!TryReadRoot(response.Body, out reader))
        {
            return false;
        }

        if (reader.LocalName == "Error")
        {
            return true;
        }

        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Error")
            {
                return true;
            }
        }

        reader.Dispose();
        return false;
    }

    /// <summary>
    /// Fills a modelled exception's members from the <c>Error</c> element of an XML error body. A
    /// member the service sent in an unexpected form is left unset; the error itself stands.
    /// </summary>
    /// <typeparam name="TException">The modelled exception type.</typeparam>
    /// <param name="exception">The exception to fill.</param>
    /// <param name="response">The error response.</param>
    /// <param name="readMembers">The generated reader of the error shape's members.</param>
    /// <returns>The same exception.</returns>
    public static TException ReadErrorMembers<TException>(TException exception, AwsResponse response, Action<XmlReader, TException> readMembers)
        where TException : AwsServiceException
    {
        try
        {
            if (TryReadErrorElement(response, out XmlReader reader))
            {
                using (reader)
                {
                    readMembers(reader, exception);
                }
            }
        }
        catch (Exception failure) when (failure is XmlException or FormatException or OverflowException)
        {
            // Keep the typed error with whatever members were read.
        }

        return exception;
    }

    /// <summary>Skips an element whose type XML cannot carry (a document), leaving the member unset.</summary>
    /// <typeparam name="T">The member type.</typeparam>
    /// <param name="reader">The reader, at the element.</param>
    /// <returns>The type's default value.</returns>
    public static T? Skip<T>(XmlReader reader)
    {
        reader.Skip();
        return default;
    }

    /// <summary>True when the body's root element is <c>Error</c>: S3 answers some calls with 200 and an error document.</summary>
    public static bool IsErrorDocument(AwsResponse response)
    {
        try
        {
            if (!TryReadRoot(response.Body, out XmlReader reader))
            {
                return false;
            }

            using (reader)
            {
                return reader.LocalName == "Error";
            }
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> body)
    {
        foreach (byte b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}

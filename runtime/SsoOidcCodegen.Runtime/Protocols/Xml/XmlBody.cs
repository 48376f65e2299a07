namespace SsoOidcCodegen.Runtime.Protocols.Xml;

using System;
using System.IO;
using System.Text;
using System.Xml;

/// <summary>
/// An XML request body (restXml): a <see cref="XmlWriter"/> over a buffer, without a declaration or
/// indentation, in UTF-8 without a byte order mark.
/// </summary>
public sealed class XmlBody : IDisposable
{
    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Indent = false,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    private readonly MemoryStream buffer = new(256);

    /// <summary>Starts an empty body.</summary>
    public XmlBody()
    {
        Writer = XmlWriter.Create(buffer, Settings);
    }

    /// <summary>The writer the generated serializers write to.</summary>
    public XmlWriter Writer { get; }

    /// <summary>Starts an element, declaring its namespace (the default one, or a prefix declared on it).</summary>
    public static void StartElement(XmlWriter writer, string name, string? namespaceUri, string? namespacePrefix)
    {
        if (namespaceUri is null)
        {
            writer.WriteStartElement(name);
        }
        else if (namespacePrefix is null)
        {
            writer.WriteStartElement(name, namespaceUri);
        }
        else
        {
            writer.WriteStartElement(name);
            writer.WriteAttributeString("xmlns", namespacePrefix, null, namespaceUri);
        }
    }

    /// <summary>Writes an element with text content.</summary>
    public static void Element(XmlWriter writer, string name, string? namespaceUri, string? namespacePrefix, string text)
    {
        StartElement(writer, name, namespaceUri, namespacePrefix);
        writer.WriteString(text);
        writer.WriteFullEndElement();
    }

    /// <summary>The body as bytes (the writer is flushed first).</summary>
    public byte[] ToArray()
    {
        Writer.Flush();
        return buffer.ToArray();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Writer.Dispose();
        buffer.Dispose();
    }
}

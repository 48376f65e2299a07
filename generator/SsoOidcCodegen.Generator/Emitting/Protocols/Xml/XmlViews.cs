namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <summary>A member of a query body (awsQuery, ec2Query): added under its name when its property is set.</summary>
/// <param name="PropertyName">The member's property.</param>
/// <param name="Local">The pattern variable the set value is read into.</param>
/// <param name="NameLiteral">The member's name in the body, a C# string literal.</param>
/// <param name="Value">How the value is added.</param>
internal sealed record QueryMemberView(string PropertyName, string Local, string NameLiteral, QueryValueView Value);

/// <summary>How a value is added to a query body; the template <c>xml_query_value</c> writes it.</summary>
/// <param name="Kind"><c>Structure</c>, <c>List</c>, <c>Map</c> or <c>Scalar</c>.</param>
/// <param name="TypeKind">The model's kind of the type (named in the comment on a scalar that cannot travel).</param>
internal sealed record QueryValueView(string Kind, string TypeKind)
{
    /// <summary>A structure's type name (its serializer is <c>TypeNameSerializer</c>).</summary>
    public string? TypeName { get; init; }

    /// <summary>A list's items (or a map's entries) are named after the member itself, not under a wrapper name.</summary>
    public bool Flattened { get; init; }

    /// <summary>An empty list is sent as the bare name (awsQuery), so the service can tell it from an absent one.</summary>
    public bool EmptyAsName { get; init; }

    /// <summary>Null items (entries) are skipped.</summary>
    public bool Sparse { get; init; }

    /// <summary>The literal appended to the name of a list that is not flattened (<c>".member"</c>).</summary>
    public string? MemberSuffix { get; init; }

    /// <summary>The literal appended to a map entry's name for its key (<c>".key"</c>).</summary>
    public string? KeySuffix { get; init; }

    /// <summary>The literal appended to a map entry's name for its value (<c>".value"</c>).</summary>
    public string? ValueSuffix { get; init; }

    /// <summary>A list's item, a map's value.</summary>
    public QueryValueView? Element { get; init; }

    /// <summary>A scalar's text form (see <c>xml_format</c>), null for a kind that cannot travel as text.</summary>
    public string? Format { get; init; }
}

/// <summary>A member a structure's XML writer writes when its property is set: an attribute or an element.</summary>
/// <param name="PropertyName">The member's property.</param>
/// <param name="Local">The pattern variable the set value is read into.</param>
internal sealed record XmlMemberWriteView(string PropertyName, string Local)
{
    /// <summary>The attribute the member is written as, or null.</summary>
    public XmlAttributeWriteView? Attribute { get; init; }

    /// <summary>The element the member is written as, or null.</summary>
    public XmlWriteValueView? Element { get; init; }
}

/// <summary>An attribute of a structure's element.</summary>
/// <param name="NameLiteral">The attribute's local name, a C# string literal.</param>
/// <param name="Xsi">The attribute is in the XML Schema instance namespace (prefix <c>xsi</c>).</param>
/// <param name="Format">The value's text form (see <c>xml_format</c>).</param>
internal sealed record XmlAttributeWriteView(string NameLiteral, bool Xsi, string Format);

/// <summary>An element's name and namespace, as the arguments of the writer's calls.</summary>
internal sealed record XmlNameView
{
    public XmlNameView(string name, XmlNamespaceSpec? ns)
    {
        NameLiteral = CSharpNames.StringLiteral(name);
        NamespaceLiteral = ns is null ? "null" : CSharpNames.StringLiteral(ns.Uri);
        PrefixLiteral = ns?.Prefix is null ? "null" : CSharpNames.StringLiteral(ns.Prefix);
    }

    /// <summary>The element's name, a C# string literal.</summary>
    public string NameLiteral { get; }

    /// <summary>The namespace URI, a C# string literal or <c>null</c>.</summary>
    public string NamespaceLiteral { get; }

    /// <summary>The namespace prefix, a C# string literal or <c>null</c>.</summary>
    public string PrefixLiteral { get; }
}

/// <summary>How a value is written as an element (or, flattened, as repeated elements); the template <c>xml_write_value</c> writes it.</summary>
/// <param name="Kind"><c>Structure</c>, <c>List</c>, <c>Map</c> or <c>Scalar</c>.</param>
/// <param name="TypeKind">The model's kind of the type (named in the comment on a scalar that cannot travel).</param>
/// <param name="Name">The element's name and namespace (a flattened list's or map's repeated elements).</param>
internal sealed record XmlWriteValueView(string Kind, string TypeKind, XmlNameView Name)
{
    /// <summary>A structure's type name (its serializer is <c>TypeNameSerializer</c>).</summary>
    public string? TypeName { get; init; }

    /// <summary>A list's items (a map's entries) repeat the element itself, with no wrapping element.</summary>
    public bool Flattened { get; init; }

    /// <summary>Null items (entries) are skipped.</summary>
    public bool Sparse { get; init; }

    /// <summary>A map entry's key element.</summary>
    public XmlNameView? Key { get; init; }

    /// <summary>A list's item, a map's value.</summary>
    public XmlWriteValueView? Element { get; init; }

    /// <summary>A scalar's text form (see <c>xml_format</c>), null for a kind that cannot travel as text.</summary>
    public string? Format { get; init; }
}

/// <summary>An attribute a structure's reader reads into a member.</summary>
/// <param name="PropertyName">The member's property.</param>
/// <param name="Local">The pattern variable the attribute's text is read into.</param>
/// <param name="NameLiteral">The attribute's name, a C# string literal.</param>
/// <param name="Parse">How the text becomes the member's value.</param>
internal sealed record XmlAttributeReadView(string PropertyName, string Local, string NameLiteral, XmlParseView Parse);

/// <summary>A child element a structure's reader matches by its local name.</summary>
/// <param name="NameLiteral">The element's local name, a C# string literal.</param>
/// <param name="PropertyName">The member's property.</param>
/// <param name="Kind"><c>Value</c> (the element is the value), <c>FlatList</c> (one item) or <c>FlatMap</c> (one entry).</param>
/// <param name="Value">How the element (a flattened list's item) is read; null for a flattened map's entry.</param>
internal sealed record XmlElementReadView(string NameLiteral, string PropertyName, string Kind, XmlReadValueView? Value)
{
    /// <summary>A flattened list's or map's C# type, created at its first item.</summary>
    public string? CollectionType { get; init; }

    /// <summary>The method that reads one entry of a flattened map.</summary>
    public string? EntryReader { get; init; }
}

/// <summary>How the element at the reader is read as a value (the template's <c>xml_read_value</c>).</summary>
/// <param name="Kind"><c>Structure</c>, <c>Collection</c>, <c>StreamBlob</c> or <c>Scalar</c>.</param>
/// <param name="Method">The reading method of a structure or collection, called with the reader.</param>
internal sealed record XmlReadValueView(string Kind, string? Method)
{
    /// <summary>How a scalar's text becomes its value.</summary>
    public XmlParseView? Parse { get; init; }

    /// <summary>A scalar's C# type (a kind no text carries is skipped as its default).</summary>
    public string? PlainType { get; init; }
}

/// <summary>How text becomes a scalar (the template's <c>xml_parse</c>).</summary>
/// <param name="Kind">The model's kind of the scalar (<c>Integer</c> for the integral kinds), or null when no text carries it.</param>
/// <param name="TypeName">An enum's C# type, or an integral kind's C# keyword.</param>
internal sealed record XmlParseView(string? Kind, string? TypeName);

/// <summary>A method of the XML collections class.</summary>
/// <param name="Kind"><c>List</c> or <c>Map</c> (a whole collection) or <c>Entry</c> (one entry of a map).</param>
/// <param name="Name">The collection's reader name (the methods are <c>ReadName</c> and <c>ReadEntryName</c>).</param>
/// <param name="Type">The collection's C# type.</param>
/// <param name="TypeDoc">The C# type escaped for a doc comment.</param>
/// <param name="Item">How a list's item or a map's value is read.</param>
internal sealed record XmlCollectionReaderView(string Kind, string Name, string Type, string TypeDoc, XmlReadValueView Item)
{
    /// <summary>A map's value type.</summary>
    public string? ValueType { get; init; }

    /// <summary>A map entry's key element name, a C# string literal.</summary>
    public string? KeyLiteral { get; init; }

    /// <summary>A map entry's value element name, a C# string literal.</summary>
    public string? ValueLiteral { get; init; }
}

/// <content>The text forms of scalars the query and XML templates write and read.</content>
internal sealed partial class ServiceEmitter
{
    /// <summary>
    /// How a scalar becomes text in a query or XML body (the template's <c>xml_format</c> writes the expression): the
    /// kind's name, the timestamp's format, or null for a kind no text carries.
    /// </summary>
    private static string? TextFormat(TypeRef type) => type.Kind switch
    {
        TypeKind.Blob when type.IsStreaming => "StreamBlob",
        TypeKind.Blob => "Blob",
        TypeKind.String or TypeKind.StringEnum or TypeKind.IntEnum or TypeKind.Boolean or TypeKind.Float or TypeKind.Double => type.Kind.ToString(),
        TypeKind.Byte or TypeKind.Short or TypeKind.Integer or TypeKind.Long or TypeKind.BigInteger or TypeKind.BigDecimal => "Number",
        TypeKind.Timestamp => type.TimestampFormat switch
        {
            TimestampFormat.EpochSeconds => "EpochSeconds",
            TimestampFormat.Rfc822 => "HttpDate",
            _ => "Iso8601",
        },
        _ => null,
    };
}

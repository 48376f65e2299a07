namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using SsoOidcCodegen.Generator.Model;

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

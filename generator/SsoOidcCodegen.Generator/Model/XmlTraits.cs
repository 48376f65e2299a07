namespace SsoOidcCodegen.Generator.Model;

/// <summary>An XML namespace a model attaches to an element (<c>xmlNamespace</c>: a URI and an optional prefix).</summary>
internal sealed record XmlNamespaceSpec
{
    public required string Uri { get; init; }

    public required string? Prefix { get; init; }
}

/// <summary>
/// How a member reference names itself in the query and XML protocols: <c>flattened</c>,
/// <c>xmlAttribute</c>, <c>xmlNamespace</c> and the ec2 protocol's <c>queryName</c>. The element name
/// itself is <see cref="MemberSpec.WireName"/> (the reference's <c>locationName</c>, else the member name).
/// </summary>
internal sealed record XmlMemberTraits
{
    public required bool Flattened { get; init; }

    public required bool IsAttribute { get; init; }

    public required XmlNamespaceSpec? Namespace { get; init; }

    public required string? QueryName { get; init; }

    public required bool HasLocationName { get; init; }
}

/// <summary>
/// How a list or map shape names its parts in the query and XML protocols: shape-level
/// <c>flattened</c>, the list member's <c>locationName</c> (<c>member</c> by default), the map's key and
/// value names (<c>key</c>, <c>value</c> by default) and their namespaces.
/// </summary>
internal sealed record XmlCollectionTraits
{
    public required bool Flattened { get; init; }

    public required string? MemberName { get; init; }

    public required XmlNamespaceSpec? MemberNamespace { get; init; }

    public required string? KeyName { get; init; }

    public required XmlNamespaceSpec? KeyNamespace { get; init; }

    public required string? ValueName { get; init; }

    public required XmlNamespaceSpec? ValueNamespace { get; init; }
}

/// <summary>A structure's own XML element name (<c>locationName</c> on the shape) and <c>xmlNamespace</c>.</summary>
internal sealed record XmlShapeTraits
{
    public required string? ElementName { get; init; }

    public required XmlNamespaceSpec? Namespace { get; init; }
}

/// <summary>
/// An operation's XML framing: the awsQuery <c>resultWrapper</c> of its output, and the element name
/// and namespace its input reference gives the rest-xml request body.
/// </summary>
internal sealed record XmlOperationTraits
{
    public required string? ResultWrapper { get; init; }

    public required string? InputElementName { get; init; }

    public required XmlNamespaceSpec? InputNamespace { get; init; }
}

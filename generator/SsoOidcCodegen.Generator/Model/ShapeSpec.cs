namespace SsoOidcCodegen.Generator.Model;

/// <summary>What a generated type is.</summary>
internal enum ShapeKind
{
    Structure,
    Union,
    Exception,
    StringEnum,
    IntEnum,
}

/// <summary>
/// A shape that becomes a generated type: a structure (request, response, nested), a union, an
/// exception or an open enum. Simple shapes (strings, numbers, lists, maps) are folded into
/// <see cref="TypeRef"/> values on the members that use them. <see cref="Usage"/> says which operations'
/// requests, responses and errors carry it (<see cref="ShapeUsage"/>).
/// </summary>
internal sealed record ShapeSpec
{
    public required string Name { get; init; }

    public required string TypeName { get; init; }

    public required ShapeKind Kind { get; init; }

    public required string? Documentation { get; init; }

    public required bool IsDeprecated { get; init; }

    public required string? DeprecatedMessage { get; init; }

    public required ShapeUsage Usage { get; init; }

    public required string? PayloadMember { get; init; }

    public required EquatableArray<MemberSpec> Members { get; init; }

    public required EquatableArray<EnumValueSpec> EnumValues { get; init; }

    public required ErrorInfo? Error { get; init; }

    public XmlShapeTraits? Xml { get; init; }

    public EventStreamMemberSpec? EventStream { get; init; }
}

/// <summary>How an error shape appears on the wire.</summary>
internal sealed record ErrorInfo
{
    public required string Code { get; init; }

    public required int HttpStatusCode { get; init; }

    public required bool IsRetryable { get; init; }

    public required bool IsThrottling { get; init; }
}

/// <summary>One known value of an open enum.</summary>
internal sealed record EnumValueSpec
{
    public required string MemberName { get; init; }

    public required string WireValue { get; init; }

    public required long IntValue { get; init; }
}

/// <summary>Where a member travels in an HTTP request or response.</summary>
internal enum MemberLocation
{
    Body,
    Uri,
    QueryString,
    Header,
    Headers,
    StatusCode,
}

/// <summary>One member of a structure, union or exception.</summary>
internal sealed record MemberSpec
{
    public required string Name { get; init; }

    public required string PropertyName { get; init; }

    public required string WireName { get; init; }

    public required TypeRef Type { get; init; }

    public required MemberLocation Location { get; init; }

    public required string? LocationName { get; init; }

    public required bool IsRequired { get; init; }

    public required bool IsSensitive { get; init; }

    public required bool IsIdempotencyToken { get; init; }

    public required bool IsJsonValue { get; init; }

    public required bool IsDeprecated { get; init; }

    public required string? DeprecatedMessage { get; init; }

    public required string? Documentation { get; init; }

    public required Constraints Constraints { get; init; }

    public XmlMemberTraits? Xml { get; init; }
}

/// <summary>Validation rules the model states for a member (through its shape).</summary>
internal sealed record Constraints
{
    public long? Min { get; init; }

    public long? Max { get; init; }

    public static readonly Constraints None = new();
}

/// <summary>The kinds of value a member can hold.</summary>
internal enum TypeKind
{
    String,
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Blob,
    Document,
    Structure,
    StringEnum,
    IntEnum,
    List,
    Map,
}

/// <summary>Timestamp wire formats.</summary>
internal enum TimestampFormat
{
    Default,
    EpochSeconds,
    Iso8601,
    Rfc822,
}

/// <summary>
/// The type of a member, resolved from its shape: a primitive, a reference to a generated type, or
/// a list or map of those. <see cref="Signature"/> names it uniquely (for collection codecs).
/// </summary>
internal sealed record TypeRef
{
    public required TypeKind Kind { get; init; }

    public string? TypeName { get; init; }

    public TypeRef? Element { get; init; }

    public TypeRef? Value { get; init; }

    public TimestampFormat TimestampFormat { get; init; }

    public bool IsSensitive { get; init; }

    public bool IsSparse { get; init; }

    public bool IsStreaming { get; init; }

    public required string Signature { get; init; }

    public XmlCollectionTraits? Xml { get; init; }

    public bool RequiresLength { get; init; }
}

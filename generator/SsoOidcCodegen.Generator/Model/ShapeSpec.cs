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
internal sealed record ShapeSpec(
    string Name,
    string TypeName,
    ShapeKind Kind,
    string? Documentation,
    bool IsDeprecated,
    string? DeprecatedMessage,
    bool IsSensitive,
    ShapeUsage Usage,
    string? PayloadMember,
    EquatableArray<MemberSpec> Members,
    EquatableArray<EnumValueSpec> EnumValues,
    ErrorInfo? Error,
    XmlShapeTraits? Xml = null,
    EventStreamMemberSpec? EventStream = null);

/// <summary>How an error shape appears on the wire.</summary>
internal sealed record ErrorInfo(string Code, int HttpStatusCode, bool IsFault, bool IsRetryable, bool IsThrottling);

/// <summary>One known value of an open enum.</summary>
internal sealed record EnumValueSpec(string MemberName, string WireValue, long IntValue);

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
internal sealed record MemberSpec(
    string Name,
    string PropertyName,
    string WireName,
    TypeRef Type,
    MemberLocation Location,
    string? LocationName,
    bool IsRequired,
    bool IsSensitive,
    bool IsIdempotencyToken,
    bool IsJsonValue,
    bool IsHostLabel,
    bool IsDeprecated,
    string? DeprecatedMessage,
    string? Documentation,
    Constraints Constraints,
    XmlMemberTraits? Xml = null);

/// <summary>Validation rules the model states for a member (through its shape).</summary>
internal sealed record Constraints(long? Min, long? Max, string? Pattern)
{
    public static readonly Constraints None = new(null, null, null);
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
internal sealed record TypeRef(
    TypeKind Kind,
    string? TypeName,
    TypeRef? Element,
    TypeRef? Value,
    TimestampFormat TimestampFormat,
    bool IsSensitive,
    bool IsSparse,
    bool IsStreaming,
    string Signature,
    XmlCollectionTraits? Xml = null,
    bool RequiresLength = false);

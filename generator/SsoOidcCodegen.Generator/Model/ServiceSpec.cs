namespace SsoOidcCodegen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one service's client: the parse result of one model file.
/// </summary>
/// <remarks>
/// Specs are cacheable values: sealed records with structural equality whose collections are
/// <see cref="EquatableArray{T}"/>, built with object initializers (<c>required init</c> properties; an optional one
/// has a default). They hold only what the emitter reads. A spec never holds an <c>ISymbol</c>, <c>SyntaxNode</c>,
/// <c>Location</c>, <c>Compilation</c> or <c>JToken</c>, so the incremental pipeline can compare
/// two parses by value and skip emission when nothing changed (the caching tests check this).
/// </remarks>
internal sealed record ServiceSpec
{
    public required string ModelIdentity { get; init; }

    public required string Namespace { get; init; }

    public required string ClientName { get; init; }

    public required string ServiceName { get; init; }

    public required bool IsPublic { get; init; }

    public required ProtocolKind Protocol { get; init; }

    public required string ApiVersion { get; init; }

    public required string ServiceId { get; init; }

    public required string EndpointPrefix { get; init; }

    public required string SigningName { get; init; }

    public required string? TargetPrefix { get; init; }

    public required string? Documentation { get; init; }

    public required EquatableArray<OperationSpec> Operations { get; init; }

    public required EquatableArray<ShapeSpec> Shapes { get; init; }

    public required EquatableArray<PaginatorSpec> Paginators { get; init; }

    public required SsoOidcCodegen.Generator.Endpoints.BoundRuleSet? EndpointRules { get; init; }

    public bool AwsQueryCompatible { get; init; }

    public EquatableArray<WaiterSpec> Waiters { get; init; }

    public EquatableArray<string> LeftOut { get; init; }

    public string ModelPath { get; init; } = "";

    public EquatableArray<string> ClientContextParams { get; init; }

    public EquatableArray<EventStreamSpec> EventStreams { get; init; }
}

/// <summary>The wire protocols this generator speaks.</summary>
internal enum ProtocolKind
{
    RestJson,
    AwsJson10,
    AwsJson11,
    AwsQuery,
    Ec2Query,
    RestXml,
    RpcV2Cbor,
}

/// <summary>How an operation authenticates.</summary>
internal enum AuthKind
{
    None,
    SigV4,
    Bearer,
}

/// <summary>
/// One operation: its HTTP binding, shapes, auth and modelled errors.
/// <see cref="RequestChecksumRequired"/> is the model's <c>httpChecksumRequired</c> (or
/// <c>httpChecksum.requestChecksumRequired</c>): the request must carry a checksum of its body.
/// <see cref="RequestCompression"/> is the encoding the model's <c>requestcompression</c> trait allows
/// that the runtime supports (<c>gzip</c>), or null. <see cref="UnsignedPayload"/> is the model's
/// <c>unsignedPayload</c> or <c>authtype: v4-unsigned-body</c>; <see cref="HttpChecksum"/> the rest of <c>httpChecksum</c>.
/// </summary>
internal sealed record OperationSpec
{
    public required string Name { get; init; }

    public required string MethodName { get; init; }

    public required string HttpMethod { get; init; }

    public required string RequestUri { get; init; }

    public required string? HostPrefix { get; init; }

    public required string RequestType { get; init; }

    public required string ResponseType { get; init; }

    public required string? InputShape { get; init; }

    public required string? OutputShape { get; init; }

    public required AuthKind Auth { get; init; }

    public required bool IsDeprecated { get; init; }

    public required string? DeprecatedMessage { get; init; }

    public required string? Documentation { get; init; }

    public required EquatableArray<string> Errors { get; init; }

    public bool RequestChecksumRequired { get; init; }

    public string? RequestCompression { get; init; }

    public XmlOperationTraits? Xml { get; init; }

    public EquatableArray<EndpointBindingSpec> EndpointBindings { get; init; }

    public bool UnsignedPayload { get; init; }

    public HttpChecksumSpec? HttpChecksum { get; init; }
}

/// <summary>
/// The model's <c>httpChecksum</c> trait: the request member that names the request checksum's algorithm, the
/// member that turns response validation on (<c>ENABLED</c>), the response algorithms in the model's order
/// (comma-separated, so the spec stays an equatable value), and the trait's own <c>requestChecksumRequired</c>.
/// </summary>
internal sealed record HttpChecksumSpec
{
    public required string? RequestAlgorithmMember { get; init; }

    public required string? RequestValidationModeMember { get; init; }

    public required string? ResponseAlgorithms { get; init; }

    public bool RequestChecksumRequired { get; init; }
}

/// <summary>
/// A paginator over one operation, as botocore writes it: one or more input members fed from the
/// output tokens (JMESPath expressions over the response such as <c>StreamDescription.Shards[-1].ShardId</c>),
/// an optional <c>more_results</c> expression, result keys and the keys that do not aggregate.
/// Expressions are kept as text; the emitter compiles them (the parser has already checked that they do).
/// </summary>
internal sealed record PaginatorSpec
{
    public required string OperationName { get; init; }

    public required EquatableArray<PaginatorTokenSpec> Tokens { get; init; }

    public required string? MoreResults { get; init; }

    public required EquatableArray<string> ResultKeys { get; init; }

    public required EquatableArray<string> NonAggregateKeys { get; init; }
}

/// <summary>One input member (its C# property) and the output expression that feeds it.</summary>
internal sealed record PaginatorTokenSpec
{
    public required string InputMember { get; init; }

    public required string OutputExpression { get; init; }
}

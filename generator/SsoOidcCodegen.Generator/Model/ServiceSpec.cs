namespace SsoOidcCodegen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one service's client: the parse result of one model file.
/// </summary>
/// <remarks>
/// Specs are cacheable values: sealed records with structural equality whose collections are
/// <see cref="EquatableArray{T}"/>. A spec never holds an <c>ISymbol</c>, <c>SyntaxNode</c>,
/// <c>Location</c>, <c>Compilation</c> or <c>JToken</c>, so the incremental pipeline can compare
/// two parses by value and skip emission when nothing changed (the caching tests check this).
/// </remarks>
internal sealed record ServiceSpec(
    string ModelIdentity,
    string Namespace,
    string ClientName,
    string ServiceName,
    bool IsPublic,
    ProtocolKind Protocol,
    string ApiVersion,
    string ServiceId,
    string EndpointPrefix,
    string SigningName,
    string? TargetPrefix,
    string? JsonVersion,
    AuthKind DefaultAuth,
    string? Documentation,
    EquatableArray<OperationSpec> Operations,
    EquatableArray<ShapeSpec> Shapes,
    EquatableArray<PaginatorSpec> Paginators,
    SsoOidcCodegen.Generator.Endpoints.BoundRuleSet? EndpointRules,
    bool AwsQueryCompatible = false,
    EquatableArray<WaiterSpec> Waiters = default,
    EquatableArray<string> LeftOut = default,
    string ModelPath = "",
    EquatableArray<string> ClientContextParams = default,

    EquatableArray<EventStreamSpec> EventStreams = default);

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
internal sealed record OperationSpec(
    string Name,
    string MethodName,
    string HttpMethod,
    string RequestUri,
    string? HostPrefix,
    string RequestType,
    string ResponseType,
    string? InputShape,
    string? OutputShape,
    AuthKind Auth,
    bool IsDeprecated,
    string? DeprecatedMessage,
    string? Documentation,
    EquatableArray<string> Errors,
    bool RequestChecksumRequired = false,
    string? RequestCompression = null,
    XmlOperationTraits? Xml = null,
    EquatableArray<EndpointBindingSpec> EndpointBindings = default,

    bool UnsignedPayload = false,
    HttpChecksumSpec? HttpChecksum = null);

/// <summary>
/// The model's <c>httpChecksum</c> trait: the request member that names the request checksum's algorithm, the
/// member that turns response validation on (<c>ENABLED</c>), the response algorithms in the model's order
/// (comma-separated, so the spec stays an equatable value), and the trait's own <c>requestChecksumRequired</c>.
/// </summary>
internal sealed record HttpChecksumSpec(
    string? RequestAlgorithmMember,
    string? RequestValidationModeMember,
    string? ResponseAlgorithms,
    bool RequestChecksumRequired = false);

/// <summary>
/// A paginator over one operation, as botocore writes it: one or more input members fed from the
/// output tokens (JMESPath expressions over the response such as <c>StreamDescription.Shards[-1].ShardId</c>),
/// an optional <c>more_results</c> expression, result keys and the keys that do not aggregate.
/// Expressions are kept as text; the emitter compiles them (the parser has already checked that they do).
/// </summary>
internal sealed record PaginatorSpec(
    string OperationName,
    EquatableArray<PaginatorTokenSpec> Tokens,
    string? MoreResults,
    string? LimitKeyMember,
    EquatableArray<string> ResultKeys,
    EquatableArray<string> NonAggregateKeys);

/// <summary>One input member (its C# property) and the output expression that feeds it.</summary>
internal sealed record PaginatorTokenSpec(string InputMember, string OutputExpression);

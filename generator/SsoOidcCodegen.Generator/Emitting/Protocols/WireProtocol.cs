namespace SsoOidcCodegen.Generator.Emitting;

using System;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// What the generator knows of one wire protocol: the name a model gives it, how a request is marshalled, which body
/// codec its serializers, collections and error table use, and the traits its parser and emitters consult. Nothing
/// outside the descriptors branches on <see cref="ProtocolKind"/>; each protocol's folder under <c>Emitting/Protocols</c>
/// defines its descriptor and <see cref="WireProtocols"/> registers it in one line.
/// </summary>
internal sealed record WireProtocol
{
    public required ProtocolKind Kind { get; init; }

    /// <summary>The name in a model's <c>metadata.protocol</c> or <c>metadata.protocols</c>.</summary>
    public required string ModelName { get; init; }

    /// <summary>
    /// For a model name two protocols share (<c>json</c>): the <c>metadata.jsonVersion</c> this one answers to; null
    /// for the protocol that answers to every other version or none.
    /// </summary>
    public string? JsonVersion { get; init; }

    /// <summary>How an operation's <c>Marshal</c> is written, and which case of the operation template writes it.</summary>
    public required RequestForm Request { get; init; }

    /// <summary>The body codec of the serializers, the collection codecs, the error table and the client's error reader.</summary>
    public required BodyCodec Codec { get; init; }

    /// <summary>The one-line description of an operation's binding in its documentation.</summary>
    public required Func<ServiceSpec, OperationSpec, string> Binding { get; init; }

    /// <summary>The <c>Content-Type</c> of every request body (awsJson); null where the marshaller picks it.</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// Why the protocol needs <c>metadata.targetPrefix</c> (it names each operation with it), or null when it does not;
    /// a model without one is refused with this reason.
    /// </summary>
    public string? TargetPrefixUse { get; init; }

    /// <summary>The serializer method that writes a whole structure: <c>Write</c>, <c>WriteQuery</c> or <c>WriteXml</c>.</summary>
    public string WriteMethod { get; init; } = "Write";

    /// <summary>The serializer method that writes a structure's members inside an open object; null when the codec has none (query).</summary>
    public string? WriteMembersMethod { get; init; } = "WriteMembers";

    /// <summary>Members bind to the URI, query string, headers and status code (<c>location</c>), and an input or output may name a payload member.</summary>
    public bool BindsHttp => Request == RequestForm.Rest;

    /// <summary>An answer without a header of a prefixed-header map's prefix still gets an empty map (restXml).</summary>
    public bool KeepsEmptyPrefixedHeaders { get; init; }

    /// <summary>An output's members are read inside the operation's <c>XxxResult</c> element (awsQuery).</summary>
    public bool WrapsResult { get; init; }

    /// <summary>ec2Query's request names (<c>queryName</c>, else the capitalised name), lists always flattened, empty lists omitted.</summary>
    public bool Ec2QueryNames { get; init; }

    /// <summary>A 200 answer may carry an <c>Error</c> document (S3 over restXml), which the pipeline reads as an error.</summary>
    public bool ErrorDocumentIn200 { get; init; }

    /// <summary>An output event stream begins with an <c>initial-response</c> event holding the output's other members (awsJson).</summary>
    public bool InitialResponseEvent { get; init; }

    /// <summary>Operations whose input streams events are generated.</summary>
    public bool InputEventStreams { get; init; }

    /// <summary>Operations whose output streams events are generated.</summary>
    public bool OutputEventStreams { get; init; }
}

/// <summary>How an operation's request is written; each form is one case of the operation template's <c>Marshal</c>.</summary>
internal enum RequestForm
{
    /// <summary>Method, path with labels, query string, headers and a body or payload (restJson, restXml).</summary>
    Rest,

    /// <summary><c>POST /</c> with <c>X-Amz-Target</c> and a JSON body.</summary>
    AwsJson,

    /// <summary><c>POST /</c> with a form-encoded body holding <c>Action</c> and <c>Version</c> (awsQuery, ec2Query).</summary>
    Query,

    /// <summary><c>POST /service/{service}/operation/{operation}</c> with a CBOR body (smithy-rpc-v2-cbor).</summary>
    Cbor,
}

/// <summary>The body codec of a protocol: which serializer and collections templates, error table and error reader it uses.</summary>
internal enum BodyCodec
{
    Json,
    Xml,
    Cbor,
}

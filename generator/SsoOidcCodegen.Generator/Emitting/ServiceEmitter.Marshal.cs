namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// What an operation's <c>Marshal</c> writes, as a <see cref="MarshalViewModel"/> the operation template walks: the
/// idempotency tokens, host prefix and checksums of every protocol, then the part of the protocol's
/// <see cref="RequestForm"/>: the REST request (method, path, query, headers, body) here, awsJson, query and CBOR in
/// their protocol folders.
/// </content>
internal sealed partial class ServiceEmitter
{
    private MarshalViewModel MarshalView(OperationSpec operation, ShapeSpec request)
    {
        var view = new MarshalViewModel
        {
            IdempotencyTokens = IdempotencyTokens(request).Select(m => m.PropertyName).ToList(),
            CopyMethod = CSharpNames.CopyForIdempotencyTokens,
            HostPrefix = HostPrefixParts(operation, request),
            Checksum = ChecksumView(operation, request),
            Protocol = protocol.Request.ToString(),
        };
        switch (protocol.Request)
        {
            case RequestForm.Rest:
                RestRequest(view, operation, request);
                break;
            case RequestForm.AwsJson:
                AwsJsonRequest(view, operation, request);
                break;
            case RequestForm.Query:
                QueryRequest(view, operation, request);
                break;
            default:
                CborRequest(view, operation, request);
                break;
        }

        return view;
    }

    /// <summary>The parts of the host prefix: text as literals, labels as the request member and the message when it is unset.</summary>
    private static List<HostPrefixPartViewModel> HostPrefixParts(OperationSpec operation, ShapeSpec request)
    {
        var parts = new List<HostPrefixPartViewModel>();
        if (operation.HostPrefix is not { } prefix)
        {
            return parts;
        }

        int position = 0;
        while (position < prefix.Length)
        {
            int open = prefix.IndexOf('{', position);
            if (open < 0)
            {
                parts.Add(new HostPrefixPartViewModel(CSharpNames.StringLiteral(prefix.Substring(position)), null));
                break;
            }

            if (open > position)
            {
                parts.Add(new HostPrefixPartViewModel(CSharpNames.StringLiteral(prefix.Substring(position, open - position)), null));
            }

            int close = prefix.IndexOf('}', open);
            if (close < 0)
            {
                // The parser rejects an unclosed label; written as text, it can never break the build.
                parts.Add(new HostPrefixPartViewModel(CSharpNames.StringLiteral(prefix.Substring(position)), null));
                break;
            }

            string label = prefix.Substring(open + 1, close - open - 1);
            MemberSpec? member = request.Members.FirstOrDefault(m => m.Name == label);
            parts.Add(member is null
                ? new HostPrefixPartViewModel(CSharpNames.StringLiteral(string.Empty), null)
                : new HostPrefixPartViewModel(CSharpNames.StringLiteral(member.Name + " is required: it is part of the host name."), member.PropertyName, CSharpNames.StringLiteral(member.Name)));
            position = close + 1;
        }

        return parts;
    }

    /// <summary>
    /// Compression first, then the checksum: both describe the body as it is sent. An operation with the
    /// <c>httpChecksum</c> trait's algorithm member or required flag gets the flexible checksum, whose algorithm the
    /// runtime picks as the SDKs do (the caller's, else CRC32 when required or the client computes them when supported);
    /// the older <c>httpChecksumRequired</c> alone is <c>Content-MD5</c>. Response validation follows the mode member
    /// and the client's setting.
    /// </summary>
    private static ChecksumViewModel ChecksumView(OperationSpec operation, ShapeSpec request)
    {
        HttpChecksumSpec? trait = operation.HttpChecksum;
        MemberSpec? algorithm = ChecksumMember(request, trait?.RequestAlgorithmMember);
        MemberSpec? mode = ChecksumMember(request, trait?.RequestValidationModeMember);
        bool validate = mode is not null && trait!.ResponseAlgorithms is { Length: > 0 };
        return new ChecksumViewModel(
            operation.RequestCompression is null ? null : CSharpNames.StringLiteral(operation.RequestCompression),
            algorithm is not null || trait?.RequestChecksumRequired == true,
            operation.RequestChecksumRequired,
            algorithm?.PropertyName,
            algorithm?.Type.Kind == TypeKind.StringEnum,
            Literal(algorithm?.Name),
            Literal(HeaderOf(algorithm)),
            validate ? mode!.PropertyName : null,
            mode?.Type.Kind == TypeKind.StringEnum,
            Literal(HeaderOf(mode)),
            validate ? CSharpNames.StringLiteral(trait!.ResponseAlgorithms!) : string.Empty);

        static string Literal(string? text) => text is null ? "null" : CSharpNames.StringLiteral(text);

        static string? HeaderOf(MemberSpec? member) => member is { Location: MemberLocation.Header } ? member.LocationName ?? member.Name : null;
    }

    /// <summary>A scalar as the HTTP templates format or parse it (<c>http_format</c> in <c>Templates/_Http.sbn</c>).</summary>
    private HttpValueViewModel HttpValue(TypeRef type, bool jsonValue = false) =>
        new(type.Kind.ToString(), type.TimestampFormat.ToString(), jsonValue, type.IsStreaming, type.TypeName is null ? null : ModelType(type.TypeName));

    /// <summary>
    /// An operation's <c>Marshal</c>, which the template writes for its <c>Protocol</c>: AwsJson, Rest, Query (awsQuery and
    /// ec2Query) or Cbor. A REST request's body is <c>JsonBody</c> (restJson, and restXml's payloads that are not
    /// structures), <c>XmlBody</c> (restXml) or <c>InputEventStream</c>.
    /// </summary>
    private sealed class MarshalViewModel
    {
        public string Protocol { get; set; } = string.Empty;

        public List<string> IdempotencyTokens { get; init; } = [];

        public string CopyMethod { get; init; } = string.Empty;

        public List<HostPrefixPartViewModel> HostPrefix { get; init; } = [];

        public ChecksumViewModel Checksum { get; init; } = null!;

        public string TargetLiteral { get; set; } = string.Empty;

        public string ContentType { get; set; } = string.Empty;

        public string Write { get; set; } = string.Empty;

        public string MethodLiteral { get; set; } = string.Empty;

        public List<PathPartViewModel> Path { get; } = [];

        public List<LiteralQueryViewModel> LiteralQuery { get; } = [];

        public List<HttpWriteViewModel> Query { get; } = [];

        public List<HttpWriteViewModel> Headers { get; } = [];

        public RestBodyViewModel JsonBody { get; set; } = new("None", string.Empty, string.Empty, string.Empty, false, string.Empty);

        public XmlBodyViewModel? XmlBody { get; set; }

        public InputEventStreamViewModel? InputEventStream { get; set; }

        public string ApiVersionLiteral { get; set; } = string.Empty;

        /// <summary>awsQuery/ec2Query: the <c>Action</c>, a C# literal.</summary>
        public string ActionLiteral { get; set; } = string.Empty;

        /// <summary>rpc-v2-cbor: the request path, a C# literal.</summary>
        public string PathLiteral { get; set; } = string.Empty;
    }

    /// <summary>A piece of the request path: text (<c>Literal</c>), or a label (the member, the message when it is unset, its value and greediness).</summary>
    private sealed record PathPartViewModel(string Literal, string? Property, HttpValueViewModel? Value, bool Greedy);

    /// <summary>A query parameter the request URI itself holds: the name and the value (<c>null</c> for a name alone) as literals.</summary>
    private sealed record LiteralQueryViewModel(string NameLiteral, string ValueLiteral);

    /// <summary>
    /// A request member sent in the query string or a header: its <c>Form</c> (Scalar, List, Map, MapOfLists), the local it
    /// is read into, its wire name and model name as literals, and its (element or value) scalar.
    /// </summary>
    private sealed record HttpWriteViewModel(string Form, string Property, string Local, string NameLiteral, string MemberLiteral, HttpValueViewModel Value, bool SparseValue);

    /// <summary>
    /// A piece of the host prefix: a literal, or a request member (then <c>Literal</c> is the message when it is unset
    /// and <c>MemberLiteral</c> the member's name, which the builder names when the value is no host label).
    /// </summary>
    private sealed record HostPrefixPartViewModel(string Literal, string? Property, string? MemberLiteral = null);

    /// <summary>The compression and checksum calls of a request (each part set only when the operation has it).</summary>
    private sealed record ChecksumViewModel(
        string? CompressionLiteral,
        bool RequestChecksum,
        bool Required,
        string? AlgorithmProperty,
        bool AlgorithmIsEnum,
        string AlgorithmNameLiteral,
        string AlgorithmHeaderLiteral,
        string? ModeProperty,
        bool ModeIsEnum,
        string ModeHeaderLiteral,
        string ResponseAlgorithmsLiteral);

    /// <summary>A scalar's type kind, timestamp format, whether it travels as JSON text, whether it streams, and its model type.</summary>
    private sealed record HttpValueViewModel(string Kind, string Timestamp, bool JsonValue, bool Streaming, string? ModelType);
}

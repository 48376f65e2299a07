namespace SsoOidcCodegen.Generator.Emitting;

using System;
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

    /// <summary>The REST request of restJson and restXml: method, path with labels, query string, headers and body.</summary>
    private void RestRequest(MarshalViewModel view, OperationSpec operation, ShapeSpec request)
    {
        view.MethodLiteral = CSharpNames.StringLiteral(operation.HttpMethod);
        view.ApiVersionLiteral = CSharpNames.StringLiteral(spec.ApiVersion);
        string uri = operation.RequestUri;
        if (EndpointOwnedPathPrefix(operation, request) is { } owned)
        {
            // S3: the rules put the bucket into the endpoint (host or path), so the request URI goes on without it.
            uri = uri.Substring(owned.Length);
            uri = uri.Length == 0 || uri[0] == '?' ? "/" + uri : uri;
        }

        int question = uri.IndexOf('?');
        string path = question < 0 ? uri : uri.Substring(0, question);
        string? literalQuery = question < 0 ? null : uri.Substring(question + 1);

        int position = 0;
        while (position < path.Length)
        {
            int open = path.IndexOf('{', position);
            if (open < 0)
            {
                view.Path.Add(new PathPartViewModel(CSharpNames.StringLiteral(path.Substring(position)), null, null, false));
                break;
            }

            if (open > position)
            {
                view.Path.Add(new PathPartViewModel(CSharpNames.StringLiteral(path.Substring(position, open - position)), null, null, false));
            }

            int close = path.IndexOf('}', open);
            if (close < 0)
            {
                close = path.Length;
            }

            string label = path.Substring(open + 1, close - open - 1);
            bool greedy = label.EndsWith("+", StringComparison.Ordinal);
            label = label.TrimEnd('+');
            MemberSpec? member = request.Members.FirstOrDefault(m => m.Location == MemberLocation.Uri && m.LocationName == label);
            view.Path.Add(member is null
                ? new PathPartViewModel(CSharpNames.StringLiteral("{" + label + "}"), null, null, false)
                : new PathPartViewModel(CSharpNames.StringLiteral(member.Name + " is required: it is part of the request URI."), member.PropertyName, HttpValue(member.Type), greedy));
            position = close + 1;
        }

        if (literalQuery is not null)
        {
            foreach (string pair in literalQuery.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                // A literal name without '=' stays without it ('?list&prefix=a' sends 'list', not 'list=').
                int equals = pair.IndexOf('=');
                string name = equals < 0 ? pair : pair.Substring(0, equals);
                string value = equals < 0 ? "null" : CSharpNames.StringLiteral(Uri.UnescapeDataString(pair.Substring(equals + 1)));
                view.LiteralQuery.Add(new LiteralQueryViewModel(CSharpNames.StringLiteral(Uri.UnescapeDataString(name)), value));
            }
        }

        // Named query members first: they win over the keys of a query map.
        foreach (MemberSpec member in request.Members.Where(m => m.Location == MemberLocation.QueryString).OrderBy(m => m.Type.Kind == TypeKind.Map ? 1 : 0))
        {
            TypeRef type = member.Type;
            (string form, TypeRef value) = type.Kind switch
            {
                TypeKind.List => ("List", type.Element!),
                TypeKind.Map when type.Value!.Kind == TypeKind.List => ("MapOfLists", type.Value.Element!),
                TypeKind.Map => ("Map", type.Value!),
                _ => ("Scalar", type),
            };
            bool sparse = type.Kind == TypeKind.List && type.IsSparse && CSharpTypes.IsValueType(type.Element!);
            view.Query.Add(new HttpWriteViewModel(form, member.PropertyName, Local(member), CSharpNames.StringLiteral(member.LocationName ?? member.Name), CSharpNames.StringLiteral(member.Name), HttpValue(value), sparse));
        }

        foreach (MemberSpec member in request.Members.Where(m => m.Location is MemberLocation.Header or MemberLocation.Headers))
        {
            TypeRef type = member.Type;
            (string form, HttpValueViewModel value) = member.Location == MemberLocation.Headers ? ("Map", HttpValue(type.Value!))
                : type.Kind == TypeKind.List ? ("List", HttpValue(type.Element!))
                : ("Scalar", HttpValue(type, member.IsJsonValue));
            view.Headers.Add(new HttpWriteViewModel(form, member.PropertyName, Local(member), CSharpNames.StringLiteral(member.LocationName ?? member.Name), CSharpNames.StringLiteral(member.Name), value, false));
        }

        if (SpeaksXml)
        {
            RestXmlBody(view, operation, request);
        }
        else
        {
            view.JsonBody = RestJsonBody(request);
            view.InputEventStream = InputEventStreamBody(request);
        }
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
                : new HostPrefixPartViewModel(CSharpNames.StringLiteral(member.Name + " is required: it is part of the host name."), member.PropertyName));
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

    /// <summary>A piece of the host prefix: a literal, or a request member (then <c>Literal</c> is the message when it is unset).</summary>
    private sealed record HostPrefixPartViewModel(string Literal, string? Property);

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

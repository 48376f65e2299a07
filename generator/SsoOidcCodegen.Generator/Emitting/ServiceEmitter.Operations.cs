namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// An operation's file: its marshaller (<see cref="MarshalView"/>) and unmarshaller, whose body is read by the protocol's codec
/// (<c>Protocols/Json</c>, <c>Protocols/Xml</c>, <c>Protocols/Cbor</c>) or as a REST payload (<c>Protocols/Rest</c>).
/// </content>
internal sealed partial class ServiceEmitter
{
    /// <summary>An operation's class, its view model built (which records the serializer methods it calls), not yet rendered.</summary>
    private ClassRender OperationRender(OperationSpec operation)
    {
        ShapeSpec request = shapesByType[operation.RequestType];
        ShapeSpec response = shapesByType[operation.ResponseType];
        return new ClassRender(OperationClass(operation), "Operation", new OperationViewModel(
            header,
            InternalNamespace,
            Documentation.Escape(operation.Name),
            CSharpNames.StringLiteral(operation.Name),
            OperationClass(operation),
            Documentation.Escape(BindingText(operation)),
            operation.Auth.ToString(),
            ModelType(operation.RequestType),
            ModelType(operation.ResponseType),
            operation.RequestType + "Serializer",
            (request.Usage & ShapeUsage.Validated) != 0,
            MarshalView(operation, request),
            UnmarshalView(operation, response),
            RestXmlErrorIn200(response),
            spec.EndpointRules is not null,
            spec.EndpointRules is null ? null : OperationEndpoint(operation, request),
            response.EventStream is not null || (response.PayloadMember is { } payloadName && response.Members.Any(m => m.Name == payloadName && m.Type.Kind == TypeKind.Blob && m.Type.IsStreaming)),
            operation.UnsignedPayload), withoutBlankLineBeforeEnd: false);
    }

    /// <summary>One operation class: its descriptor's arguments, and what its Marshal, Unmarshal and ResolveEndpoint do.</summary>
    /// <param name="ErrorAnswer">restXml's test of a 200 answer that holds an error, when the operation can get one.</param>
    private sealed record OperationViewModel(
        string Header,
        string InternalNamespace,
        string OperationName,
        string OperationLiteral,
        string ClassName,
        string Binding,
        string Auth,
        string RequestType,
        string ResponseType,
        string RequestSerializer,
        bool HasValidate,
        MarshalViewModel Marshal,
        UnmarshalViewModel Unmarshal,
        string? ErrorAnswer,
        bool HasEndpoint,
        OperationEndpointViewModel? Endpoint,
        bool StreamsResponse,
        bool UnsignedPayload);

    /// <summary>The request member a checksum trait names, when it is a string or string enum.</summary>
    private static MemberSpec? ChecksumMember(ShapeSpec request, string? name) =>
        name is null ? null : request.Members.FirstOrDefault(m => m.Name == name && m.Type.Kind is TypeKind.String or TypeKind.StringEnum);

    /// <summary>The members the marshaller fills with a fresh token when the caller leaves them unset.</summary>
    private static IEnumerable<MemberSpec> IdempotencyTokens(ShapeSpec shape) =>
        shape.Members.Where(m => m.IsIdempotencyToken && m.Type.Kind == TypeKind.String);

    private UnmarshalViewModel UnmarshalView(OperationSpec operation, ShapeSpec response)
    {
        var view = new UnmarshalViewModel { ResultType = ModelType(response.TypeName), Discard = response.Members.Count == 0 };
        if (protocol.BindsHttp)
        {
            view.HttpMembers.AddRange(HttpReads(response, keepEmptyHeaders: protocol.KeepsEmptyPrefixedHeaders));
        }

        if (response.EventStream is not null)
        {
            view.EventStream = EventStreamUnmarshal(response);
            return view;
        }

        MemberSpec? payload = response.PayloadMember is null ? null : response.Members.First(m => m.Name == response.PayloadMember);
        switch (protocol.Codec)
        {
            case BodyCodec.Xml when payload is null || payload.Type.Kind == TypeKind.Structure:
                XmlReadBody(view, operation, response, payload);
                break;
            case BodyCodec.Cbor:
                CborReadBody(view, response);
                break;
            default:
                if (payload is not null)
                {
                    // restJson's payloads, and restXml's that are not an XML document (a blob, a text).
                    PayloadRead(view, payload);
                }
                else
                {
                    JsonReadBody(view, response);
                }

                break;
        }

        return view;
    }

    /// <summary>
    /// An operation's <c>Unmarshal</c>: the result type, the members bound to the answer's HTTP parts (REST protocols), and
    /// how the body is read: <c>Body</c> JsonPayload (<c>Read</c> is the value's reader), StreamPayload, BlobPayload,
    /// StringPayload, EnumPayload (<c>Read</c> is the enum type), JsonMembers, XmlMembers (inside the awsQuery result
    /// <c>WrapperLiteral</c> when set) and CborMembers (<c>Read</c> is the serializer's <c>ReadMembers</c>), XmlPayload
    /// (<c>Read</c> is the structure's reader) or None; an output event stream (<c>EventStream</c>) instead of a body.
    /// </summary>
    private sealed class UnmarshalViewModel
    {
        public string ResultType { get; init; } = string.Empty;

        public bool Discard { get; init; }

        public List<HttpReadViewModel> HttpMembers { get; } = [];

        public string Body { get; set; } = "None";

        public string PayloadProperty { get; set; } = string.Empty;

        public string Read { get; set; } = string.Empty;

        public string WrapperLiteral { get; set; } = string.Empty;

        public OutputEventStreamViewModel? EventStream { get; set; }

        public WireValueView? Value { get; set; }
    }
}

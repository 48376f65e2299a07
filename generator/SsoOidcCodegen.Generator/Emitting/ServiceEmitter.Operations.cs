namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>Operation marshallers and unmarshallers, the error table, and the client.</content>
internal sealed partial class ServiceEmitter
{
    private string RenderOperation(OperationSpec operation)
    {
        ShapeSpec request = shapesByType[operation.RequestType];
        ShapeSpec response = shapesByType[operation.ResponseType];
        return TemplateRenderer.Render("Operation", new OperationViewModel(
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
            operation.UnsignedPayload));
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

    /// <summary>How a restJson request's body is written (see <see cref="RestBodyViewModel"/>).</summary>
    private RestBodyViewModel RestJsonBody(ShapeSpec request)
    {
        MemberSpec? payload = request.PayloadMember is null ? null : request.Members.First(m => m.Name == request.PayloadMember);
        if (payload is null)
        {
            return BodyMembers(request).Count > 0
                ? new RestBodyViewModel("JsonMembers", string.Empty, string.Empty, string.Empty, false, Call(request.TypeName, "WriteMembers"))
                : new RestBodyViewModel("None", string.Empty, string.Empty, string.Empty, false, string.Empty);
        }

        string local = Local(payload);
        TypeRef type = payload.Type;
        string form = type.Kind switch
        {
            // An unset union or document sends no body at all (an unset structure sends {}).
            TypeKind.Structure when shapesByType[type.TypeName!].Kind == ShapeKind.Union => "OptionalJson",
            TypeKind.Document => "OptionalJson",
            TypeKind.Structure => "Json",
            TypeKind.Blob when type.IsStreaming => "Stream",
            TypeKind.Blob => "Blob",
            TypeKind.String => "String",
            TypeKind.StringEnum => "StringEnum",
            _ => "Unsupported",
        };
        string write = string.Empty;
        if (form is "OptionalJson" or "Json")
        {
            // The JSON value writer is still CodeBlock statements (JsonFragments), handed in at the template's depth.
            var value = new CodeBlock();
            json.WriteValue(value, type, local);
            write = value.Render(12);
        }

        return new RestBodyViewModel(form, payload.PropertyName, local, form == "Unsupported" ? CSharpNames.CommentText(payload.Name) : CSharpNames.StringLiteral(payload.Name), type.RequiresLength, write);
    }

    /// <summary>
    /// A restJson request's body: <c>Form</c> None, JsonMembers (<c>Write</c> is the serializer's <c>WriteMembers</c>), or
    /// the payload member's: Json, OptionalJson (<c>Write</c> is the value's statements), Stream, Blob, String, StringEnum,
    /// Unsupported (<c>Name</c> is comment text, else the member's name as a literal).
    /// </summary>
    private sealed record RestBodyViewModel(string Form, string Property, string Local, string Name, bool RequiresLength, string Write);

    private UnmarshalViewModel UnmarshalView(OperationSpec operation, ShapeSpec response)
    {
        var view = new UnmarshalViewModel { ResultType = ModelType(response.TypeName), Discard = response.Members.Count == 0 };
        if (response.EventStream is not null)
        {
            view.Text = EventStreamUnmarshal(response).Render(8);
            return view;
        }

        if (spec.Protocol is ProtocolKind.RestJson or ProtocolKind.RestXml)
        {
            view.HttpMembers.AddRange(HttpReads(response, keepEmptyHeaders: spec.Protocol == ProtocolKind.RestXml));
        }

        MemberSpec? payload = response.PayloadMember is null ? null : response.Members.First(m => m.Name == response.PayloadMember);
        var body = new CodeBlock();
        if (SpeaksXml && payload?.Type.Kind == TypeKind.Structure)
        {
            RestXmlPayloadUnmarshal(body, payload);
        }
        else if (SpeaksXml && payload is null)
        {
            XmlUnmarshalBody(operation, response, body);
        }
        else if (SpeaksCbor)
        {
            CborUnmarshalBody(response, body);
        }
        else if (payload is not null)
        {
            TypeRef type = payload.Type;
            view.PayloadProperty = payload.PropertyName;
            switch (type.Kind)
            {
                case TypeKind.Structure:
                case TypeKind.Document:
                    view.Body = "JsonPayload";
                    view.Read = json.ReadValue(type);
                    break;
                case TypeKind.Blob when type.IsStreaming:
                    view.Body = "StreamPayload";
                    break;
                case TypeKind.Blob:
                    view.Body = "BlobPayload";
                    break;
                case TypeKind.String:
                    view.Body = "StringPayload";
                    break;
                case TypeKind.StringEnum:
                    view.Body = "EnumPayload";
                    view.Read = ModelType(type.TypeName!);
                    break;
            }
        }
        else if (BodyMembers(response).Count > 0)
        {
            view.Body = "JsonMembers";
            view.Read = Call(response.TypeName, "ReadMembers");
        }

        view.BodyText = body.Render(8);
        return view;
    }

    /// <summary>
    /// An operation's <c>Unmarshal</c>: the result type, the members bound to the answer's HTTP parts (REST protocols), and
    /// how the body is read: <c>Body</c> JsonPayload (<c>Read</c> is the value's reader), StreamPayload, BlobPayload,
    /// StringPayload, EnumPayload (<c>Read</c> is the enum type), JsonMembers (<c>Read</c> is the serializer's
    /// <c>ReadMembers</c>) or None. The XML and CBOR readers and the event-stream unmarshaller still hand in their
    /// statements (<c>BodyText</c>, <c>Text</c>).
    /// </summary>
    private sealed class UnmarshalViewModel
    {
        public string ResultType { get; init; } = string.Empty;

        public bool Discard { get; init; }

        public List<HttpReadViewModel> HttpMembers { get; } = [];

        public string Body { get; set; } = "None";

        public string PayloadProperty { get; set; } = string.Empty;

        public string Read { get; set; } = string.Empty;

        public string BodyText { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;
    }
}

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
        WireValueView? value = form is "OptionalJson" or "Json" ? json.Write(type) : null;
        return new RestBodyViewModel(form, payload.PropertyName, local, form == "Unsupported" ? CSharpNames.CommentText(payload.Name) : CSharpNames.StringLiteral(payload.Name), type.RequiresLength, string.Empty) { Value = value };
    }

    /// <summary>
    /// A restJson request's body: <c>Form</c> None, JsonMembers (<c>Write</c> is the serializer's <c>WriteMembers</c>), or
    /// the payload member's: Json, OptionalJson (<c>Value</c> is the value's JSON writer), Stream, Blob, String, StringEnum,
    /// Unsupported (<c>Name</c> is comment text, else the member's name as a literal).
    /// </summary>
    private sealed record RestBodyViewModel(string Form, string Property, string Local, string Name, bool RequiresLength, string Write)
    {
        /// <summary>Json and OptionalJson: how the payload value is written (<c>json_write</c>).</summary>
        public WireValueView? Value { get; init; }
    }

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
        if (SpeaksXml && payload?.Type.Kind == TypeKind.Structure)
        {
            // restXml: the document's root element is the payload structure.
            view.Body = "XmlPayload";
            view.PayloadProperty = payload.PropertyName;
            view.Read = payload.Type.TypeName + "Serializer.Read";
        }
        else if (SpeaksXml && payload is null)
        {
            // awsQuery reads inside its XxxResult wrapper; ec2Query and restXml at the root.
            if (BodyMembers(response).Count > 0)
            {
                view.Body = "XmlMembers";
                view.Read = Call(response.TypeName, "ReadMembers");
                view.WrapperLiteral = protocol.WrapsResult
                    ? CSharpNames.StringLiteral(operation.Xml?.ResultWrapper ?? operation.Name + "Result")
                    : string.Empty;
            }
        }
        else if (SpeaksCbor)
        {
            if (BodyMembers(response).Count > 0)
            {
                view.Body = "CborMembers";
                view.Read = Call(response.TypeName, "ReadMembers");
            }
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
                    view.Value = json.Read(type);
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

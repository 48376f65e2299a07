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
        return TemplateRenderer.Render("Operation", new
        {
            Header = header,
            InternalNamespace,
            ModelNamespace,
            OperationName = Documentation.Escape(operation.Name),
            OperationLiteral = CSharpNames.StringLiteral(operation.Name),
            ClassName = OperationClass(operation),
            Binding = Documentation.Escape(BindingText(operation)),
            Auth = operation.Auth.ToString(),
            RequestType = ModelType(operation.RequestType),
            ResponseType = ModelType(operation.ResponseType),
            RequestSerializer = operation.RequestType + "Serializer",
            HasValidate = (request.Usage & ShapeUsage.Validated) != 0,
            Marshal = MarshalView(operation, request),
            Unmarshal = UnmarshalView(operation, response),
            ErrorAnswer = RestXmlErrorIn200(response),
            HasEndpoint = spec.EndpointRules is not null,
            Endpoint = spec.EndpointRules is null ? null : OperationEndpoint(operation, request),
            StreamsResponse = response.EventStream is not null || (response.PayloadMember is { } payloadName && response.Members.Any(m => m.Name == payloadName && m.Type.Kind == TypeKind.Blob && m.Type.IsStreaming)),
            operation.UnsignedPayload,
        });
    }

    /// <summary>The request member a checksum trait names, when it is a string or string enum.</summary>
    private static MemberSpec? ChecksumMember(ShapeSpec request, string? name) =>
        name is null ? null : request.Members.FirstOrDefault(m => m.Name == name && m.Type.Kind is TypeKind.String or TypeKind.StringEnum);

    /// <summary>The members the marshaller fills with a fresh token when the caller leaves them unset.</summary>
    private static IEnumerable<MemberSpec> IdempotencyTokens(ShapeSpec shape) =>
        shape.Members.Where(m => m.IsIdempotencyToken && m.Type.Kind == TypeKind.String);

    private void RestJsonBody(CodeBlock code, ShapeSpec request)
    {
        MemberSpec? payload = request.PayloadMember is null ? null : request.Members.First(m => m.Name == request.PayloadMember);
        if (payload is not null)
        {
            string local = Local(payload);
            TypeRef type = payload.Type;
            switch (type.Kind)
            {
                case TypeKind.Structure when shapesByType[type.TypeName!].Kind == ShapeKind.Union:
                case TypeKind.Document:
                    // An unset union or document sends no body at all (an unset structure sends {}).
                    code.Open($"if (request.{payload.PropertyName} is {{ }} {local})");
                    code.Line("var writer = builder.StartJsonBody(\"application/json\");");
                    json.WriteValue(code, type, local);
                    code.Line("builder.EndJsonBody();");
                    code.Close();
                    break;
                case TypeKind.Structure:
                    code.Line("var writer = builder.StartJsonBody(\"application/json\");");
                    code.Open($"if (request.{payload.PropertyName} is {{ }} {local})");
                    json.WriteValue(code, type, local);
                    code.Close();
                    code.Open("else");
                    code.Line("writer.WriteStartObject();");
                    code.Line("writer.WriteEndObject();");
                    code.Close();
                    code.Line("builder.EndJsonBody();");
                    break;
                case TypeKind.Blob when type.IsStreaming:
                    code.Open($"if (request.{payload.PropertyName} is {{ }} {local})");
                    code.Line($"builder.SetBody({local}, \"application/octet-stream\", {CSharpNames.StringLiteral(payload.Name)}, requiresLength: {(type.RequiresLength ? "true" : "false")});");
                    code.Close();
                    break;
                case TypeKind.Blob:
                    code.Open($"if (request.{payload.PropertyName} is {{ }} {local})");
                    code.Line($"builder.SetBody({local}, \"application/octet-stream\");");
                    code.Close();
                    break;
                case TypeKind.String:
                case TypeKind.StringEnum:
                    string text = type.Kind == TypeKind.String ? local : local + ".Value";
                    code.Open($"if (request.{payload.PropertyName} is {{ }} {local})");
                    code.Line($"builder.SetBody(System.Text.Encoding.UTF8.GetBytes({text}), \"text/plain\");");
                    code.Close();
                    break;
                default:
                    code.Line($"// The payload member {CSharpNames.CommentText(payload.Name)} has a type this protocol cannot carry as a payload.");
                    break;
            }

            return;
        }

        if (BodyMembers(request).Count > 0)
        {
            code.Line("var writer = builder.StartJsonBody(\"application/json\");");
            code.Line("writer.WriteStartObject();");
            code.Line($"{Call(request.TypeName, "WriteMembers")}(writer, request);");
            code.Line("writer.WriteEndObject();");
            code.Line("builder.EndJsonBody();");
        }
    }

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

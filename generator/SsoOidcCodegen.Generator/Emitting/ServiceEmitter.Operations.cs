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
            UnmarshalBody = (response.EventStream is null ? Unmarshal(operation, response) : EventStreamUnmarshal(response)).Render(8),
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

    private CodeBlock Unmarshal(OperationSpec operation, ShapeSpec response)
    {
        var code = new CodeBlock();
        code.Line($"var result = new {ModelType(response.TypeName)}();");
        ResponseHttpMembers(code, response);

        MemberSpec? payload = response.PayloadMember is null ? null : response.Members.First(m => m.Name == response.PayloadMember);
        if (SpeaksXml && payload?.Type.Kind == TypeKind.Structure)
        {
            RestXmlPayloadUnmarshal(code, payload);
        }
        else if (SpeaksXml && payload is null)
        {
            XmlUnmarshalBody(operation, response, code);
        }
        else if (SpeaksCbor)
        {
            CborUnmarshalBody(response, code);
        }
        else if (payload is not null)
        {
            TypeRef type = payload.Type;
            switch (type.Kind)
            {
                case TypeKind.Structure:
                case TypeKind.Document:
                    code.Open("if (response.TryReadJsonBody(out global::System.Text.Json.Utf8JsonReader reader))");
                    code.Line($"result.{payload.PropertyName} = {json.ReadValue(type)};");
                    code.Close();
                    break;
                case TypeKind.Blob when type.IsStreaming:
                    code.Line($"result.{payload.PropertyName} = response.BodyStream ?? new global::System.IO.MemoryStream(response.Body.ToArray(), writable: false);");
                    break;
                case TypeKind.Blob:
                    code.Open("if (!response.Body.IsEmpty)");
                    code.Line($"result.{payload.PropertyName} = response.Body.ToArray();");
                    code.Close();
                    break;
                case TypeKind.String:
                    code.Open("if (!response.Body.IsEmpty)");
                    code.Line($"result.{payload.PropertyName} = System.Text.Encoding.UTF8.GetString(response.Body.Span);");
                    code.Close();
                    break;
                case TypeKind.StringEnum:
                    code.Open("if (!response.Body.IsEmpty)");
                    code.Line($"result.{payload.PropertyName} = new {ModelType(type.TypeName!)}(System.Text.Encoding.UTF8.GetString(response.Body.Span));");
                    code.Close();
                    break;
            }
        }
        else if (BodyMembers(response).Count > 0)
        {
            code.Open("if (response.TryReadJsonBody(out global::System.Text.Json.Utf8JsonReader reader) && global::SsoOidcCodegen.Runtime.Protocols.JsonWire.StartObject(ref reader))");
            code.Line($"{Call(response.TypeName, "ReadMembers")}(ref reader, result);");
            code.Close();
        }

        if (response.Members.Count == 0)
        {
            code.Line("_ = response;");
        }

        code.Line("return result;");
        return code;
    }

    private void ResponseHeader(CodeBlock code, MemberSpec member, string target)
    {
        string name = CSharpNames.StringLiteral(member.LocationName ?? member.Name);
        TypeRef type = member.Type;
        string local = Local(member) + "Header";
        if (type.Kind == TypeKind.List)
        {
            string? parse = HttpFragments.Parse(type.Element!, "part", modelNamespace: ModelNamespace);
            if (parse is null)
            {
                return;
            }

            string split = type.Element!.Kind == TypeKind.Timestamp && type.Element.TimestampFormat is TimestampFormat.Default or TimestampFormat.Rfc822
                ? "global::SsoOidcCodegen.Runtime.Protocols.HttpWire.SplitHttpDateList"
                : "global::SsoOidcCodegen.Runtime.Protocols.HttpWire.SplitHeaderList";
            code.Open($"if (response.TryGetHeader({name}, out string? {local}))");
            code.Line($"var list = new {CSharpTypes.Plain(type, ModelNamespace)}();");
            code.Open($"foreach (string part in {split}({local}))");
            code.Line($"list.Add({parse});");
            code.Close();
            code.Line($"{target}.{member.PropertyName} = list;");
            code.Close();
            return;
        }

        string? value = HttpFragments.Parse(type, local, member.IsJsonValue, ModelNamespace);
        if (value is null)
        {
            return;
        }

        code.Open($"if (response.TryGetHeader({name}, out string? {local}))");
        code.Line($"{target}.{member.PropertyName} = {value};");
        code.Close();
    }

    /// <param name="keepEmpty">Set an empty map when no header has the prefix (restXml reads it so).</param>
    /// <summary>
    /// Reads the output's members that the REST protocols bind to the answer itself into <c>result</c>: headers, prefixed
    /// header maps and the status code (the RPC protocols have none). Shared by the buffered and the event-stream unmarshallers.
    /// </summary>
    private void ResponseHttpMembers(CodeBlock code, ShapeSpec response)
    {
        if (spec.Protocol is not (ProtocolKind.RestJson or ProtocolKind.RestXml))
        {
            return;
        }

        foreach (MemberSpec member in response.Members)
        {
            switch (member.Location)
            {
                case MemberLocation.Header:
                    ResponseHeader(code, member, "result");
                    code.Blank();
                    break;
                case MemberLocation.Headers:
                    ResponsePrefixHeaders(code, member, "result", keepEmpty: spec.Protocol == ProtocolKind.RestXml);
                    code.Blank();
                    break;
                case MemberLocation.StatusCode:
                    code.Line($"result.{member.PropertyName} = (int)response.StatusCode;");
                    code.Blank();
                    break;
            }
        }
    }

    /// <summary>Closes a modelled error's member reading: a member in an unexpected form stays unset, the error stands.</summary>
    private static void ErrorMembersReadTolerantly(CodeBlock code)
    {
        code.Open("catch (global::System.Exception failure) when (failure is global::System.Text.Json.JsonException or global::System.FormatException or global::System.OverflowException)");
        code.Line("// A member the service sent in an unexpected form is left unset; the error itself stands.");
        code.Close();
    }

    private static void ResponsePrefixHeaders(CodeBlock code, MemberSpec member, string target, bool keepEmpty = false)
    {
        string prefix = CSharpNames.StringLiteral(member.LocationName ?? string.Empty);
        string local = Local(member) + "Headers";
        code.Line($"var {local} = new global::System.Collections.Generic.Dictionary<string, string>();");
        code.Open($"foreach (var pair in response.HeadersWithPrefix({prefix}))");
        code.Line($"{local}[pair.Key] = pair.Value;");
        code.Close();
        code.Blank();
        if (keepEmpty)
        {
            code.Line($"{target}.{member.PropertyName} = {local};");
            return;
        }

        code.Open($"if ({local}.Count > 0)");
        code.Line($"{target}.{member.PropertyName} = {local};");
        code.Close();
    }
}

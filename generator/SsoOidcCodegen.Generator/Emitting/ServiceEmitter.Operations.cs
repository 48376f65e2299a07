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
            MarshalBody = Marshal(operation, request).Render(8),
            UnmarshalBody = (response.EventStream is null ? Unmarshal(operation, response) : EventStreamUnmarshal(response)).Render(8),
            ErrorAnswer = RestXmlErrorIn200(response),
            HasEndpoint = spec.EndpointRules is not null,
            Endpoint = spec.EndpointRules is null ? null : OperationEndpoint(operation, request),
            StreamsResponse = response.EventStream is not null || (response.PayloadMember is { } payloadName && response.Members.Any(m => m.Name == payloadName && m.Type.Kind == TypeKind.Blob && m.Type.IsStreaming)),
            operation.UnsignedPayload,
        });
    }

    private CodeBlock AwsJsonMarshal(OperationSpec operation, ShapeSpec request)
    {
        var code = new CodeBlock();
        FillIdempotencyTokens(code, request);
        code.Line("builder.Method = \"POST\";");
        code.Line("builder.AppendPath(\"/\");");
        code.Line($"builder.AddHeader(\"X-Amz-Target\", {CSharpNames.StringLiteral(spec.TargetPrefix + "." + operation.Name)});");
        string contentType = spec.Protocol == ProtocolKind.AwsJson10 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
        code.Line($"var writer = builder.StartJsonBody(\"{contentType}\");");
        code.Line($"{Call(request.TypeName, "Write")}(writer, request);");
        code.Line("builder.EndJsonBody();");
        HostPrefix(code, operation, request);
        Checksum(code, operation);
        return code;
    }

    /// <summary>
    /// Compression first, then the checksum: both describe the body as it is sent. An operation with the
    /// <c>httpChecksum</c> trait's algorithm member or required flag gets the flexible checksum, whose algorithm the
    /// runtime picks as the SDKs do (the caller's, else CRC32 when required or the client computes them when supported);
    /// the older <c>httpChecksumRequired</c> alone is <c>Content-MD5</c>. Response validation follows the mode member
    /// and the client's setting.
    /// </summary>
    private void Checksum(CodeBlock code, OperationSpec operation)
    {
        if (operation.RequestCompression is not null)
        {
            code.Line($"builder.CompressBody({CSharpNames.StringLiteral(operation.RequestCompression)});");
        }

        ShapeSpec request = shapesByType[operation.RequestType];
        HttpChecksumSpec? trait = operation.HttpChecksum;
        MemberSpec? algorithm = ChecksumMember(request, trait?.RequestAlgorithmMember);
        if (algorithm is not null || trait?.RequestChecksumRequired == true)
        {
            string value = algorithm is null ? "null" : $"request.{algorithm.PropertyName}{(algorithm.Type.Kind == TypeKind.StringEnum ? "?.Value" : string.Empty)}";
            code.Line($"builder.AddRequestChecksum({value}, {Literal(algorithm?.Name)}, {Literal(HeaderOf(algorithm))}, required: {(operation.RequestChecksumRequired ? "true" : "false")});");
        }
        else if (operation.RequestChecksumRequired)
        {
            code.Line("builder.AddContentMd5();");
        }

        MemberSpec? mode = ChecksumMember(request, trait?.RequestValidationModeMember);
        if (mode is not null && trait!.ResponseAlgorithms is { Length: > 0 } responseAlgorithms)
        {
            string value = $"request.{mode.PropertyName}{(mode.Type.Kind == TypeKind.StringEnum ? "?.Value" : string.Empty)}";
            code.Line($"builder.ValidateResponseChecksums({value}, {Literal(HeaderOf(mode))}, {CSharpNames.StringLiteral(responseAlgorithms)});");
        }

        static string Literal(string? text) => text is null ? "null" : CSharpNames.StringLiteral(text);

        static string? HeaderOf(MemberSpec? member) => member is { Location: MemberLocation.Header } ? member.LocationName ?? member.Name : null;
    }

    /// <summary>The request member a checksum trait names, when it is a string or string enum.</summary>
    private static MemberSpec? ChecksumMember(ShapeSpec request, string? name) =>
        name is null ? null : request.Members.FirstOrDefault(m => m.Name == name && m.Type.Kind is TypeKind.String or TypeKind.StringEnum);

    /// <summary>
    /// Fills unset idempotency tokens on a copy of the request, once per call (every retry sends the same token),
    /// never on the caller's object.
    /// </summary>
    private static void FillIdempotencyTokens(CodeBlock code, ShapeSpec request)
    {
        List<MemberSpec> tokens = IdempotencyTokens(request).ToList();
        if (tokens.Count == 0)
        {
            return;
        }

        code.Open("if (" + string.Join(" || ", tokens.Select(m => $"request.{m.PropertyName} is null")) + ")");
        code.Line($"request = request.{CSharpNames.CopyForIdempotencyTokens}();");
        foreach (MemberSpec member in tokens)
        {
            code.Line($"request.{member.PropertyName} ??= builder.NewIdempotencyToken();");
        }

        code.Close();
    }

    /// <summary>The members the marshaller fills with a fresh token when the caller leaves them unset.</summary>
    private static IEnumerable<MemberSpec> IdempotencyTokens(ShapeSpec shape) =>
        shape.Members.Where(m => m.IsIdempotencyToken && m.Type.Kind == TypeKind.String);

    private static void HostPrefix(CodeBlock code, OperationSpec operation, ShapeSpec request)
    {
        if (operation.HostPrefix is null)
        {
            return;
        }

        var parts = new List<string>();
        string prefix = operation.HostPrefix;
        int position = 0;
        while (position < prefix.Length)
        {
            int open = prefix.IndexOf('{', position);
            if (open < 0)
            {
                parts.Add(CSharpNames.StringLiteral(prefix.Substring(position)));
                break;
            }

            if (open > position)
            {
                parts.Add(CSharpNames.StringLiteral(prefix.Substring(position, open - position)));
            }

            int close = prefix.IndexOf('}', open);
            if (close < 0)
            {
                // The parser rejects an unclosed label; written as text, it can never break the build.
                parts.Add(CSharpNames.StringLiteral(prefix.Substring(position)));
                break;
            }

            string label = prefix.Substring(open + 1, close - open - 1);
            MemberSpec? member = request.Members.FirstOrDefault(m => m.Name == label);
            parts.Add(member is null
                ? CSharpNames.StringLiteral(string.Empty)
                : $"(request.{member.PropertyName} ?? throw new global::System.ArgumentException({CSharpNames.StringLiteral(member.Name + " is required: it is part of the host name.")}, nameof(request)))");
            position = close + 1;
        }

        code.Line("builder.HostPrefix = " + string.Join(" + ", parts) + ";");
    }

    private CodeBlock RestJsonMarshal(OperationSpec operation, ShapeSpec request)
    {
        var code = new CodeBlock();
        FillIdempotencyTokens(code, request);
        code.Line($"builder.Method = {CSharpNames.StringLiteral(operation.HttpMethod)};");
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
                code.Line($"builder.AppendPath({CSharpNames.StringLiteral(path.Substring(position))});");
                break;
            }

            if (open > position)
            {
                code.Line($"builder.AppendPath({CSharpNames.StringLiteral(path.Substring(position, open - position))});");
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
            if (member is null)
            {
                code.Line($"builder.AppendPath({CSharpNames.StringLiteral("{" + label + "}")});");
            }
            else
            {
                string value = $"(request.{member.PropertyName} ?? throw new global::System.ArgumentException({CSharpNames.StringLiteral(member.Name + " is required: it is part of the request URI.")}, nameof(request)))";
                string formatted = HttpFragments.Format(member.Type, value, HttpFragments.Place.Label) ?? "(" + value + ".ToString() ?? string.Empty)";
                code.Line($"builder.AppendLabel({formatted}, greedy: {(greedy ? "true" : "false")});");
            }

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
                code.Line($"builder.AddQuery({CSharpNames.StringLiteral(Uri.UnescapeDataString(name))}, {value});");
            }
        }

        // Named query members first: they win over the keys of a query map.
        foreach (MemberSpec member in request.Members.Where(m => m.Location == MemberLocation.QueryString).OrderBy(m => m.Type.Kind == TypeKind.Map ? 1 : 0))
        {
            QueryMember(code, member);
            code.Blank();
        }

        foreach (MemberSpec member in request.Members.Where(m => m.Location is MemberLocation.Header or MemberLocation.Headers))
        {
            HeaderMember(code, member);
            code.Blank();
        }

        HostPrefix(code, operation, request);
        if (SpeaksXml)
        {
            RestXmlBody(code, operation, request);
        }
        else
        {
            RestJsonBody(code, request);
            InputEventStreamBody(code, request);
        }

        Checksum(code, operation);
        code.Line($"builder.AddHeader(\"x-amz-api-version\", {CSharpNames.StringLiteral(spec.ApiVersion)});");
        return code;
    }

    private static void QueryMember(CodeBlock code, MemberSpec member)
    {
        string local = Local(member);
        string name = CSharpNames.StringLiteral(member.LocationName ?? member.Name);
        TypeRef type = member.Type;
        code.Open($"if (request.{member.PropertyName} is {{ }} {local})");
        switch (type.Kind)
        {
            case TypeKind.List:
                code.Open($"foreach (var item in {local})");
                code.Line($"builder.AddQuery({name}, {HttpFragments.Format(type.Element!, type.IsSparse && CSharpTypes.IsValueType(type.Element!) ? "item.Value" : "item", HttpFragments.Place.Query) ?? "item.ToString()"});");
                code.Close();
                break;
            case TypeKind.Map when type.Value!.Kind == TypeKind.List:
                code.Open($"foreach (var entry in {local})");
                code.Open("if (builder.HasQuery(entry.Key))");
                code.Line("continue;");
                code.Close();
                code.Blank();
                code.Open("foreach (var item in entry.Value)");
                code.Line($"builder.AddQuery(entry.Key, {HttpFragments.Format(type.Value.Element!, "item", HttpFragments.Place.Query) ?? "item.ToString()"});");
                code.Close();
                code.Close();
                break;
            case TypeKind.Map:
                code.Open($"foreach (var entry in {local})");
                code.Open("if (!builder.HasQuery(entry.Key))");
                code.Line($"builder.AddQuery(entry.Key, {HttpFragments.Format(type.Value!, "entry.Value", HttpFragments.Place.Query) ?? "entry.Value.ToString()"});");
                code.Close();
                code.Close();
                break;
            default:
                code.Line($"builder.AddQuery({name}, {HttpFragments.Format(type, local, HttpFragments.Place.Query) ?? local + ".ToString()"});");
                break;
        }

        code.Close();
    }

    private static void HeaderMember(CodeBlock code, MemberSpec member)
    {
        string local = Local(member);
        string name = CSharpNames.StringLiteral(member.LocationName ?? member.Name);
        string memberName = CSharpNames.StringLiteral(member.Name);
        TypeRef type = member.Type;
        if (member.Location == MemberLocation.Headers)
        {
            code.Open($"if (request.{member.PropertyName} is {{ }} {local})");
            code.Open($"foreach (var entry in {local})");
            code.Line($"builder.AddHeader({name} + entry.Key, {HttpFragments.Format(type.Value!, "entry.Value", HttpFragments.Place.Header) ?? "entry.Value.ToString()"}, {memberName});");
            code.Close();
            code.Close();
            return;
        }

        if (type.Kind == TypeKind.List)
        {
            // Text elements are quoted when they hold a comma or a quote, so the list can be split again.
            string element = HttpFragments.Format(type.Element!, "item", HttpFragments.Place.Header) ?? "item.ToString()";
            if (type.Element!.Kind is TypeKind.String or TypeKind.StringEnum)
            {
                element = $"global::SsoOidcCodegen.Runtime.Protocols.HttpWire.QuoteHeaderListElement({element})";
            }

            code.Open($"if (request.{member.PropertyName} is {{ }} {local})");
            code.Line($"builder.AddHeader({name}, string.Join(\", \", System.Linq.Enumerable.Select({local}, item => {element})), {memberName});");
            code.Close();
            return;
        }

        code.Open($"if (request.{member.PropertyName} is {{ }} {local})");
        code.Line($"builder.AddHeader({name}, {HttpFragments.Format(type, local, HttpFragments.Place.Header, member.IsJsonValue) ?? local + ".ToString()"}, {memberName});");
        code.Close();
    }

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

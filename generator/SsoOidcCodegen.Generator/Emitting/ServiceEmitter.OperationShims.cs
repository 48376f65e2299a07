namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// The CodeBlock writers of the idempotency tokens, host prefix and checksums that the awsQuery/ec2Query and
/// rpc-v2-cbor marshallers (<c>Protocols/Query</c>, <c>Protocols/Cbor</c>) still call, and the CodeBlock readers of the
/// answer's HTTP-bound members the event-stream unmarshaller (<c>Protocols/EventStream</c>) still calls, and the restJson
/// body writer the restXml marshaller calls for a payload that is not a structure. The JSON and REST operations get
/// the same from <see cref="MarshalViewModel"/> and <c>Templates/_Operations.sbn</c>; delete these when those protocols
/// hand the operation template view models too.
/// </content>
internal sealed partial class ServiceEmitter
{
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

    /// <summary>The restJson body as statements, for restXml's payloads that are not structures (<c>Protocols/RestXml</c>); restJson operations get it from <see cref="RestJsonBody(ShapeSpec)"/>.</summary>
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
}

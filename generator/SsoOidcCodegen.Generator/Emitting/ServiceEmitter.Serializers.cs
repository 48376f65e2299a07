namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>Per-structure JSON serializers and the shared collection codecs.</content>
internal sealed partial class ServiceEmitter
{
    /// <summary>Parameters and locals of generated methods, which a member's local must not shadow.</summary>
    private static readonly HashSet<string> CodecLocals = new()
    {
        "writer", "reader", "value", "context", "path", "text", "number", "bytes",
        "request", "builder", "response", "result", "exception", "item", "entry", "list", "part", "pair", "element",
        "failure", "key", "page", "parameters", "serviceUrl", "cancellationToken", "options",

        // Contextual keywords: a local with one of these names changes what nameof(...), var ... mean.
        "nameof", "var", "dynamic", "await", "async", "yield", "global", "when", "and", "or", "not", "with", "record",
        "scoped", "nint", "nuint", "file", "required", "field", "managed", "unmanaged", "args",
    };

    private string RenderSerializer(ShapeSpec shape, SerializerPlan plan)
    {
        if (SpeaksXml)
        {
            return RenderXmlSerializer(shape, plan);
        }

        if (SpeaksCbor)
        {
            return RenderCborSerializer(shape, plan);
        }

        List<MemberSpec> bodyMembers = BodyMembers(shape);
        return WithoutBlankLineBeforeEnd(TemplateRenderer.Render("Serializer", new
        {
            Header = header,
            InternalNamespace,
            ModelNamespace,
            TypeName = shape.TypeName,
            ModelType = ModelType(shape.TypeName),
            Summary = SerializerSummary(plan),
            ConstructorArguments = shape.Kind == ShapeKind.Exception ? "null" : string.Empty,
            HasWrite = plan.Write,
            HasWriteMembers = plan.WriteMembers,
            WriteBody = plan.WriteMembers ? WriteMembersBody(bodyMembers).Render(8) : string.Empty,
            HasRead = plan.Read,
            HasReadMembers = plan.ReadMembers,
            ReadBody = plan.ReadMembers ? ReadMembersBody(bodyMembers).Render(8) : string.Empty,
            HasValidate = plan.Validate,
            ValidateBody = plan.Validate ? ValidateBody(shape).Render(8) : string.Empty,
        }));
    }

    /// <summary>What the class summary says the serializer does: "Writes and validates", "Reads" ...</summary>
    private static string SerializerSummary(SerializerPlan plan)
    {
        var verbs = new List<string>();
        if (plan.Write || plan.WriteMembers)
        {
            verbs.Add("writes");
        }

        if (plan.Read || plan.ReadMembers)
        {
            verbs.Add("reads");
        }

        if (plan.Validate)
        {
            verbs.Add("validates");
        }

        string text = verbs.Count == 1 ? verbs[0] : string.Join(", ", verbs.Take(verbs.Count - 1)) + " and " + verbs[verbs.Count - 1];
        return char.ToUpperInvariant(text[0]) + text.Substring(1);
    }

    /// <summary>
    /// The members that travel inside the body (not headers, labels, query, status or payload). An error's
    /// message is the exception's own <c>Message</c>, read with the error code; any other shape's
    /// <c>Message</c> member (SNS Publish, batch result entries) is an ordinary member.
    /// </summary>
    private static List<MemberSpec> BodyMembers(ShapeSpec shape) =>
        shape.Members.Where(m => m.Location == MemberLocation.Body && m.Name != shape.PayloadMember && !(shape.Kind == ShapeKind.Exception && m.PropertyName == "Message")).ToList();

    /// <summary>
    /// The local that holds a member's value: its property name with the first letter lowered. Property names of
    /// one shape are unique and start with an upper-case letter, so their locals are unique too (<c>Tags</c> and
    /// <c>TAGS</c> give <c>tags</c> and <c>tAGS</c>); a name the generated code uses itself gets a <c>_</c>, which no
    /// property name ends with, and a keyword its <c>@</c>.
    /// </summary>
    private static string Local(MemberSpec member)
    {
        string property = member.PropertyName.TrimStart('@');
        string name = property.Length == 0 ? "member" : char.ToLowerInvariant(property[0]) + property.Substring(1);
        return CodecLocals.Contains(name) ? name + "_" : CSharpNames.EscapeKeyword(name);
    }

    private static string Utf8(string text) => CSharpNames.StringLiteral(text) + "u8";

    private CodeBlock WriteMembersBody(List<MemberSpec> members)
    {
        var code = new CodeBlock();

        // Members go out in ordinal order of their wire names, as the official AWS SDK for .NET sends them.
        foreach (MemberSpec member in members.OrderBy(m => m.WireName, System.StringComparer.Ordinal))
        {
            string local = Local(member);
            code.Open($"if (value.{member.PropertyName} is {{ }} {local})");
            code.Line($"writer.WritePropertyName({Utf8(member.WireName)});");
            json.WriteValue(code, member.Type, local);
            code.Close();
            code.Blank();
        }

        if (code.IsEmpty)
        {
            code.Line("_ = writer;");
            code.Line("_ = value;");
        }

        return code;
    }

    private CodeBlock ReadMembersBody(List<MemberSpec> members)
    {
        var code = new CodeBlock();
        code.Open("while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)");
        bool first = true;
        foreach (MemberSpec member in members)
        {
            code.Open($"{(first ? "if" : "else if")} (reader.ValueTextEquals({Utf8(member.WireName)}))");
            code.Line("reader.Read();");
            code.Line($"value.{member.PropertyName} = {json.ReadValue(member.Type)};");
            code.Close();
            first = false;
        }

        if (first)
        {
            code.Line("global::SsoOidcCodegen.Runtime.Protocols.JsonWire.SkipValue(ref reader);");
        }
        else
        {
            code.Open("else");
            code.Line("global::SsoOidcCodegen.Runtime.Protocols.JsonWire.SkipValue(ref reader);");
            code.Close();
        }

        code.Close();
        if (members.Count == 0)
        {
            code.Line("_ = value;");
        }

        return code;
    }

    private CodeBlock ValidateBody(ShapeSpec shape)
    {
        var code = new CodeBlock();
        int localCounter = 0;
        if (shape.Kind == ShapeKind.Union)
        {
            string count = string.Join(" + ", shape.Members.Select(m => $"(value.{m.PropertyName} is null ? 0 : 1)"));
            code.Open($"if ({(shape.Members.Count == 0 ? "0" : count)} != 1)");
            code.Line("context.Fail(path.Length == 0 ? \"(union)\" : path, \"must have exactly one member set\");");
            code.Close();
        }

        foreach (MemberSpec member in shape.Members)
        {
            if (member.PropertyName == "Message" && shape.Kind == ShapeKind.Exception)
            {
                continue;
            }

            string memberPath = $"global::SsoOidcCodegen.Runtime.AwsValidationContext.Join(path, {CSharpNames.StringLiteral(member.Name)})";
            string property = "value." + member.PropertyName;
            if (member.IsRequired && !member.IsIdempotencyToken)
            {
                code.Line($"context.Required({memberPath}, {property});");
            }

            Constraints c = member.Constraints;
            if (c.Min is not null || c.Max is not null)
            {
                string min = c.Min?.ToString(CultureInfo.InvariantCulture) ?? "null";
                string max = c.Max?.ToString(CultureInfo.InvariantCulture) ?? "null";
                switch (member.Type.Kind)
                {
                    case TypeKind.String:
                        code.Line($"context.Length({memberPath}, {property}, {min}, {max});");
                        break;
                    case TypeKind.List:
                    case TypeKind.Map:
                        code.Line($"context.Count({memberPath}, {property}?.Count, {min}, {max});");
                        break;
                    case TypeKind.Blob when !member.Type.IsStreaming:
                        code.Line($"context.Count({memberPath}, {property}?.Length, {min}, {max});");
                        break;
                    case TypeKind.Byte:
                    case TypeKind.Short:
                    case TypeKind.Integer:
                    case TypeKind.Long:
                    case TypeKind.Float:
                    case TypeKind.Double:
                        code.Line($"context.Range({memberPath}, {property}, {min}, {max});");
                        break;
                }
            }

            NestedValidation(code, member.Type, property, memberPath, ref localCounter);
        }

        if (code.IsEmpty)
        {
            code.Line("_ = value;");
            code.Line("_ = context;");
            code.Line("_ = path;");
        }

        return code;
    }

    private void NestedValidation(CodeBlock code, TypeRef type, string expression, string path, ref int counter)
    {
        if (!NeedsValidation(type))
        {
            return;
        }

        // Pattern variables leak into the enclosing block, so every local gets its own number.
        int depth = counter++;
        string local = "item" + depth.ToString(CultureInfo.InvariantCulture);
        switch (type.Kind)
        {
            case TypeKind.Structure:
                code.Open($"if ({expression} is {{ }} {local})");
                code.Line($"{type.TypeName}Serializer.Validate({local}, context, {path});");
                code.Close();
                break;
            case TypeKind.List:
                string index = "i" + depth.ToString(CultureInfo.InvariantCulture);
                code.Open($"if ({expression} is {{ }} {local})");
                code.Open($"for (int {index} = 0; {index} < {local}.Count; {index}++)");
                NestedValidation(code, type.Element!, $"{local}[{index}]", $"global::SsoOidcCodegen.Runtime.AwsValidationContext.Index({path}, {index})", ref counter);
                code.Close();
                code.Close();
                break;
            case TypeKind.Map:
                string entry = "entry" + depth.ToString(CultureInfo.InvariantCulture);
                code.Open($"if ({expression} is {{ }} {local})");
                code.Open($"foreach (var {entry} in {local})");
                NestedValidation(code, type.Value!, $"{entry}.Value", $"global::SsoOidcCodegen.Runtime.AwsValidationContext.Join({path}, {entry}.Key)", ref counter);
                code.Close();
                code.Close();
                break;
        }
    }

    /// <summary>True when a value of the type can break a rule (so validation must walk into it): the parser's <see cref="ShapeUsage.Validated"/>.</summary>
    private bool NeedsValidation(TypeRef type)
    {
        TypeRef current = type;
        while (current.Kind is TypeKind.List or TypeKind.Map)
        {
            current = current.Kind == TypeKind.List ? current.Element! : current.Value!;
        }

        return current.Kind == TypeKind.Structure
            && shapesByType.TryGetValue(current.TypeName!, out ShapeSpec? shape)
            && (shape.Usage & ShapeUsage.Validated) != 0;
    }

    /// <summary>The list and map codecs the rendered serializers call, and those they call in turn; null when there are none.</summary>
    private string? RenderCollections()
    {
        if (SpeaksXml)
        {
            return RenderXmlCollections();
        }

        if (SpeaksCbor)
        {
            return RenderCborCollections();
        }

        // Close the demand first (a codec's items may need codecs of their own), then write every codec once.
        json.CloseCollectionDemand();
        var code = new CodeBlock();
        foreach (KeyValuePair<string, TypeRef> pair in json.Collections.ToList())
        {
            EmitCollectionCodec(code, pair.Value, json.WrittenCollections.Contains(pair.Key), json.ReadCollections.Contains(pair.Key));
        }

        if (code.IsEmpty)
        {
            return null;
        }

        return TemplateRenderer.Render("Collections", new
        {
            Header = header,
            InternalNamespace,
            ModelNamespace,
            ServiceId = Documentation.Escape(spec.ServiceId),
            ClassName = CollectionsClass,
            Body = code.Render(4),
        });
    }

    private void EmitCollectionCodec(CodeBlock code, TypeRef type, bool write, bool read)
    {
        string name = CSharpTypes.CollectionName(type);
        string csType = CSharpTypes.Plain(type, ModelNamespace);
        bool isList = type.Kind == TypeKind.List;
        TypeRef element = isList ? type.Element! : type.Value!;
        string elementType = CSharpTypes.Element(element, type.IsSparse, ModelNamespace);
        if (write)
        {
            EmitCollectionWriter(code, name, csType, isList, element, elementType, type.IsSparse);
        }

        if (read)
        {
            EmitCollectionReader(code, name, csType, isList, element, elementType, type.IsSparse);
        }
    }

    private void EmitCollectionWriter(CodeBlock code, string name, string csType, bool isList, TypeRef element, string elementType, bool sparse)
    {

        code.Line($"/// <summary>Writes a <c>{Documentation.Escape(csType)}</c>.</summary>");
        code.Open($"public static void Write{name}(global::System.Text.Json.Utf8JsonWriter writer, {csType} value)");
        if (isList)
        {
            code.Line("writer.WriteStartArray();");
            code.Open($"foreach ({elementType} item in value)");
            WriteElement(code, element, "item", sparse);
            code.Close();
            code.Line("writer.WriteEndArray();");
        }
        else
        {
            code.Line("writer.WriteStartObject();");
            code.Open($"foreach (global::System.Collections.Generic.KeyValuePair<string, {elementType}> entry in value)");
            code.Line("writer.WritePropertyName(entry.Key);");
            WriteElement(code, element, "entry.Value", sparse);
            code.Close();
            code.Line("writer.WriteEndObject();");
        }

        code.Close();
        code.Blank();
    }

    private void EmitCollectionReader(CodeBlock code, string name, string csType, bool isList, TypeRef element, string elementType, bool sparse)
    {
        code.Line($"/// <summary>Reads a <c>{Documentation.Escape(csType)}</c> (or null) at the reader's current token.</summary>");
        code.Open($"public static {csType}? Read{name}(ref global::System.Text.Json.Utf8JsonReader reader)");
        if (isList)
        {
            code.Open("if (!global::SsoOidcCodegen.Runtime.Protocols.JsonWire.StartArray(ref reader))");
            code.Line("return null;");
            code.Close();
            code.Blank();
            code.Line($"var result = new {csType}();");
            code.Open("while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndArray)");
            if (sparse)
            {
                code.Line($"result.Add({json.ReadValue(element)});");
            }
            else
            {
                code.Open($"if (({json.ReadValue(element)}) is {{ }} item)");
                code.Line("result.Add(item);");
                code.Close();
            }

            code.Close();
        }
        else
        {
            // JsonWire.ReadMap sizes the dictionary once from the entries read and reuses key strings
            // (a Query's items repeat the same attribute names); the lambda reads one value.
            code.Open($"return global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadMap(ref reader, static (ref global::System.Text.Json.Utf8JsonReader reader, out {elementType} value) =>");
            if (sparse)
            {
                code.Line($"value = {json.ReadValue(element)};");
                code.Line("return true;");
            }
            else
            {
                code.Open($"if (({json.ReadValue(element)}) is {{ }} item)");
                code.Line("value = item;");
                code.Line("return true;");
                code.Close();
                code.Blank();
                code.Line("value = default!;");
                code.Line("return false;");
            }

            code.Close("});");
            code.Close();
            code.Blank();
            return;
        }

        code.Blank();
        code.Line("return result;");
        code.Close();
        code.Blank();
    }

    private void WriteElement(CodeBlock code, TypeRef element, string expression, bool sparse)
    {
        if (!sparse)
        {
            json.WriteValue(code, element, expression);
            return;
        }

        code.Open($"if ({expression} is {{ }} element)");
        json.WriteValue(code, element, "element");
        code.Close();
        code.Open("else");
        code.Line("writer.WriteNullValue();");
        code.Close();
    }
}

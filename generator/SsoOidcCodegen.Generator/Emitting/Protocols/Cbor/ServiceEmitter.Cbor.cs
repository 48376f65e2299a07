namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// smithy-rpc-v2-cbor: <c>POST /service/{service}/operation/{operation}</c> with <c>smithy-protocol:
/// rpc-v2-cbor</c>, CBOR bodies through System.Formats.Cbor (structures as maps keyed by member name,
/// timestamps as tag 1 epoch seconds), errors named by <c>__type</c>.
/// </content>
internal sealed partial class ServiceEmitter
{
    private readonly SortedDictionary<string, TypeRef> cborCodecs = new(StringComparer.Ordinal);

    /// <summary>The list and map codecs whose writer is called (the others are only read).</summary>
    private readonly HashSet<string> cborWrittenCodecs = new(StringComparer.Ordinal);

    /// <summary>The list and map codecs whose reader is called.</summary>
    private readonly HashSet<string> cborReadCodecs = new(StringComparer.Ordinal);

    private bool SpeaksCbor => spec.Protocol == ProtocolKind.RpcV2Cbor;

    private string RenderCborSerializer(ShapeSpec shape, SerializerPlan plan)
    {
        List<MemberSpec> members = BodyMembers(shape);
        return WithoutBlankLineBeforeEnd(TemplateRenderer.Render("CborSerializer", new
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
            WriteBody = plan.WriteMembers ? CborWriteMembersBody(members).Render(8) : string.Empty,
            HasRead = plan.Read,
            HasReadMembers = plan.ReadMembers,
            ReadBody = plan.ReadMembers ? CborReadMembersBody(members).Render(8) : string.Empty,
            HasValidate = plan.Validate,
            ValidateBody = plan.Validate ? ValidateBody(shape).Render(8) : string.Empty,
        }));
    }

    private CodeBlock CborWriteMembersBody(List<MemberSpec> members)
    {
        var code = new CodeBlock();
        foreach (MemberSpec member in members)
        {
            string local = ProtocolLocal(member);
            code.Open($"if (value.{member.PropertyName} is {{ }} {local})");
            code.Line($"writer.WriteTextString({CSharpNames.StringLiteral(member.Name)});");
            CborWriteValue(code, member.Type, local);
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

    private void CborWriteValue(CodeBlock code, TypeRef type, string expression)
    {
        string line = type.Kind switch
        {
            TypeKind.String => $"writer.WriteTextString({expression});",
            TypeKind.StringEnum => $"writer.WriteTextString({expression}.Value);",
            TypeKind.IntEnum => $"writer.WriteInt32({expression}.Value);",
            TypeKind.Boolean => $"writer.WriteBoolean({expression});",
            TypeKind.Byte or TypeKind.Short or TypeKind.Integer => $"writer.WriteInt32({expression});",
            TypeKind.Long => $"writer.WriteInt64({expression});",
            TypeKind.Float => $"writer.WriteSingle({expression});",
            TypeKind.Double => $"writer.WriteDouble({expression});",
            TypeKind.BigInteger => $"writer.WriteBigInteger({expression});",
            TypeKind.BigDecimal => $"writer.WriteDecimal({expression});",
            TypeKind.Timestamp => $"global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.WriteTimestamp(writer, {expression});",
            TypeKind.Blob when type.IsStreaming => $"writer.WriteByteString(global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadAll({expression}));",
            TypeKind.Blob => $"writer.WriteByteString({expression});",
            TypeKind.Structure => $"{type.TypeName}Serializer.Write(writer, {expression});",
            TypeKind.List or TypeKind.Map => $"{CollectionsClass}.Write{CborCodec(type, write: true)}(writer, {expression});",
            _ => "writer.WriteNull(); // A document cannot travel in CBOR.",
        };
        code.Line(line);
    }

    /// <summary>An expression that reads the next value as the type.</summary>
    private string CborReadValue(TypeRef type) => type.Kind switch
    {
        TypeKind.String => "reader.ReadTextString()",
        TypeKind.StringEnum => $"new {ModelType(type.TypeName!)}(reader.ReadTextString())",
        TypeKind.IntEnum => $"new {ModelType(type.TypeName!)}(checked((int)global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.ReadInt64(reader)))",
        TypeKind.Boolean => "reader.ReadBoolean()",
        TypeKind.Byte => "checked((sbyte)global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.ReadInt64(reader))",
        TypeKind.Short => "checked((short)global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.ReadInt64(reader))",
        TypeKind.Integer => "checked((int)global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.ReadInt64(reader))",
        TypeKind.Long => "global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.ReadInt64(reader)",
        TypeKind.Float => "global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.ReadSingle(reader)",
        TypeKind.Double => "global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.ReadDouble(reader)",
        TypeKind.BigInteger => "reader.ReadBigInteger()",
        TypeKind.BigDecimal => "reader.ReadDecimal()",
        TypeKind.Timestamp => "global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.ReadTimestamp(reader)",
        TypeKind.Blob when type.IsStreaming => "new global::System.IO.MemoryStream(reader.ReadByteString(), writable: false)",
        TypeKind.Blob => "reader.ReadByteString()",
        TypeKind.Structure => $"{type.TypeName}Serializer.Read(reader)",
        TypeKind.List or TypeKind.Map => $"{CollectionsClass}.Read{CborCodec(type, write: false)}(reader)",
        _ => "global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.Skip<global::System.Text.Json.JsonElement>(reader)",
    };

    private CodeBlock CborReadMembersBody(List<MemberSpec> members)
    {
        var code = new CodeBlock();
        code.Line("reader.ReadStartMap();");
        code.Open("while (reader.PeekState() != global::System.Formats.Cbor.CborReaderState.EndMap)");
        code.Line("string name = reader.ReadTextString();");
        code.Open("if (global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.ReadNull(reader))");
        code.Line("continue;");
        code.Close();
        code.Blank();
        code.Open("switch (name)");
        foreach (MemberSpec member in members)
        {
            code.Line($"case {CSharpNames.StringLiteral(member.Name)}:");
            code.Line($"    value.{member.PropertyName} = {CborReadValue(member.Type)};");
            code.Line("    break;");
        }

        code.Line("default:");
        code.Line("    reader.SkipValue();");
        code.Line("    break;");
        code.Close();
        code.Close();
        code.Blank();
        code.Line("reader.ReadEndMap();");
        if (members.Count == 0)
        {
            code.Line("_ = value;");
        }

        return code;
    }

    /// <summary>
    /// The name of the codec of a list or map type, recording that its writer or reader is called; the first call for
    /// a direction records what that codec calls for its items too, so every codec is known before any is written.
    /// </summary>
    private string CborCodec(TypeRef type, bool write)
    {
        string name = CSharpTypes.CollectionName(type);
        if (!cborCodecs.ContainsKey(name))
        {
            cborCodecs.Add(name, type);
        }

        if ((write ? cborWrittenCodecs : cborReadCodecs).Add(name))
        {
            TypeRef item = type.Kind == TypeKind.List ? type.Element! : type.Value!;
            if (write)
            {
                CborWriteValue(new CodeBlock(), item, "item");
            }
            else
            {
                _ = CborReadValue(item);
            }
        }

        return name;
    }

    private string? RenderCborCollections()
    {
        var code = new CodeBlock();
        foreach (KeyValuePair<string, TypeRef> pair in cborCodecs.ToList())
        {
            EmitCborCodec(code, pair.Key, pair.Value);
        }

        if (code.IsEmpty)
        {
            return null;
        }

        return TemplateRenderer.Render("CborCollections", new
        {
            Header = header,
            InternalNamespace,
            ServiceId = Documentation.Escape(spec.ServiceId),
            ClassName = CollectionsClass,
            Body = code.Render(4),
        });
    }

    private void EmitCborCodec(CodeBlock code, string name, TypeRef type)
    {
        string csType = CSharpTypes.Plain(type, ModelNamespace);
        bool isList = type.Kind == TypeKind.List;
        TypeRef element = isList ? type.Element! : type.Value!;
        if (cborWrittenCodecs.Contains(name))
        {
            EmitCborWriter(code, name, type, csType, isList, element);
        }

        if (cborReadCodecs.Contains(name))
        {
            EmitCborReader(code, name, type, csType, isList, element);
        }
    }

    private void EmitCborWriter(CodeBlock code, string name, TypeRef type, string csType, bool isList, TypeRef element)
    {
        code.Line($"/// <summary>Writes a <c>{Documentation.Escape(csType)}</c> (nulls of a sparse collection as CBOR null).</summary>");
        code.Open($"public static void Write{name}(global::System.Formats.Cbor.CborWriter writer, {csType} value)");
        code.Line(isList ? "writer.WriteStartArray(value.Count);" : "writer.WriteStartMap(value.Count);");
        code.Open(isList ? "foreach (var item in value)" : "foreach (var entry in value)");
        if (!isList)
        {
            code.Line("writer.WriteTextString(entry.Key);");
        }

        string itemExpression = isList ? "item" : "entry.Value";
        if (type.IsSparse)
        {
            code.Open($"if ({itemExpression} is not {{ }} present)");
            code.Line("writer.WriteNull();");
            code.Line("continue;");
            code.Close();
            code.Blank();
            itemExpression = "present";
        }

        CborWriteValue(code, element, itemExpression);
        code.Close();
        code.Line(isList ? "writer.WriteEndArray();" : "writer.WriteEndMap();");
        code.Close();
        code.Blank();
    }

    private void EmitCborReader(CodeBlock code, string name, TypeRef type, string csType, bool isList, TypeRef element)
    {
        code.Line($"/// <summary>Reads a <c>{Documentation.Escape(csType)}</c>; nulls are kept only in sparse collections.</summary>");
        code.Open($"public static {csType} Read{name}(global::System.Formats.Cbor.CborReader reader)");
        code.Line($"var result = new {csType}();");
        code.Line(isList ? "reader.ReadStartArray();" : "reader.ReadStartMap();");
        code.Open($"while (reader.PeekState() != global::System.Formats.Cbor.CborReaderState.{(isList ? "EndArray" : "EndMap")})");
        if (!isList)
        {
            code.Line("string key = reader.ReadTextString();");
        }

        code.Open("if (global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.ReadNull(reader))");
        if (type.IsSparse)
        {
            code.Line(isList ? "result.Add(null);" : "result[key] = null;");
        }

        code.Line("continue;");
        code.Close();
        code.Blank();
        code.Line(isList ? $"result.Add({CborReadValue(element)});" : $"result[key] = {CborReadValue(element)};");
        code.Close();
        code.Blank();
        code.Line(isList ? "reader.ReadEndArray();" : "reader.ReadEndMap();");
        code.Line("return result;");
        code.Close();
        code.Blank();
    }

    private CodeBlock CborMarshal(OperationSpec operation, ShapeSpec request)
    {
        var code = new CodeBlock();
        FillIdempotencyTokens(code, request);
        code.Line("builder.Method = \"POST\";");
        code.Line($"builder.AppendPath({CSharpNames.StringLiteral("/service/" + spec.TargetPrefix + "/operation/" + operation.Name)});");
        code.Line("builder.AddHeader(\"smithy-protocol\", \"rpc-v2-cbor\");");
        code.Line("builder.AddHeader(\"Accept\", global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.ContentType);");
        if (operation.InputShape is not null)
        {
            code.Line("var writer = global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.CreateWriter();");
            code.Line($"{Call(request.TypeName, "Write")}(writer, request);");
            code.Line("builder.SetBody(writer.Encode(), global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.ContentType);");
        }

        HostPrefix(code, operation, request);
        Checksum(code, operation);
        return code;
    }

    private void CborUnmarshalBody(ShapeSpec response, CodeBlock code)
    {
        if (BodyMembers(response).Count == 0)
        {
            return;
        }

        code.Open("if (global::SsoOidcCodegen.Runtime.Protocols.Cbor.CborWire.TryReadBody(response, out global::System.Formats.Cbor.CborReader reader))");
        code.Line($"{Call(response.TypeName, "ReadMembers")}(reader, result);");
        code.Close();
    }
}

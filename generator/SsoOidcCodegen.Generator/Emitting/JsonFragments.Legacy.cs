namespace SsoOidcCodegen.Generator.Emitting;

using SsoOidcCodegen.Generator.Model;

/// <summary>
/// The statement-building form of the JSON fragments, for the emitters that still hand templates rendered code
/// (operation payloads, event streams). It goes once they call the <c>json_write</c> and <c>json_read</c> funcs of
/// <c>Templates/_Json.sbn</c> with <see cref="Write"/> and <see cref="Read"/> views.
/// </summary>
internal sealed partial class JsonFragments
{
    /// <summary>Writes <paramref name="expression"/> (a non-null value of <paramref name="type"/>) as a JSON value.</summary>
    public void WriteValue(CodeBlock code, TypeRef type, string expression)
    {
        switch (type.Kind)
        {
            case TypeKind.String:
                code.Line($"writer.WriteStringValue({expression});");
                break;
            case TypeKind.StringEnum:
                code.Line($"writer.WriteStringValue({expression}.Value);");
                break;
            case TypeKind.IntEnum:
                code.Line($"writer.WriteNumberValue({expression}.Value);");
                break;
            case TypeKind.Boolean:
                code.Line($"writer.WriteBooleanValue({expression});");
                break;
            case TypeKind.Byte:
            case TypeKind.Short:
            case TypeKind.Integer:
            case TypeKind.Long:
            case TypeKind.BigDecimal:
                code.Line($"writer.WriteNumberValue({expression});");
                break;
            case TypeKind.Float:
                code.Line($"global::SsoOidcCodegen.Runtime.Protocols.JsonWire.WriteSingle(writer, {expression});");
                break;
            case TypeKind.Double:
                code.Line($"global::SsoOidcCodegen.Runtime.Protocols.JsonWire.WriteDouble(writer, {expression});");
                break;
            case TypeKind.BigInteger:
                code.Line($"global::SsoOidcCodegen.Runtime.Protocols.JsonWire.WriteBigInteger(writer, {expression});");
                break;
            case TypeKind.Timestamp:
                code.Line($"global::SsoOidcCodegen.Runtime.Protocols.JsonWire.WriteTimestamp(writer, {expression}, {CSharpTypes.JsonTimestampFormat(type.TimestampFormat)});");
                break;
            case TypeKind.Blob:
                code.Line(type.IsStreaming ? $"writer.WriteBase64StringValue(global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadAll({expression}));" : $"writer.WriteBase64StringValue({expression});");
                break;
            case TypeKind.Document:
                code.Line($"global::SsoOidcCodegen.Runtime.Protocols.JsonWire.WriteDocument(writer, {expression});");
                break;
            case TypeKind.Structure:
                code.Line($"{type.TypeName}Serializer.Write(writer, {expression});");
                break;
            default:
                code.Line($"{collectionsClass}.Write{Collection(type, WrittenCollections)}(writer, {expression});");
                break;
        }
    }

    /// <summary>An expression that reads a value of <paramref name="type"/> (nullable) at the reader's current token.</summary>
    public string ReadValue(TypeRef type) => type.Kind switch
    {
        TypeKind.String => "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadString(ref reader)",
        TypeKind.StringEnum => $"global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadString(ref reader) is string text ? new {CSharpTypes.Model(type.TypeName!, modelNamespace)}(text) : ({CSharpTypes.Model(type.TypeName!, modelNamespace)}?)null",
        TypeKind.IntEnum => $"global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadInt32(ref reader) is int number ? new {CSharpTypes.Model(type.TypeName!, modelNamespace)}(number) : ({CSharpTypes.Model(type.TypeName!, modelNamespace)}?)null",
        TypeKind.Boolean => "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadBoolean(ref reader)",
        TypeKind.Byte => "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadByte(ref reader)",
        TypeKind.Short => "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadInt16(ref reader)",
        TypeKind.Integer => "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadInt32(ref reader)",
        TypeKind.Long => "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadInt64(ref reader)",
        TypeKind.Float => "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadSingle(ref reader)",
        TypeKind.Double => "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadDouble(ref reader)",
        TypeKind.BigInteger => "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadBigInteger(ref reader)",
        TypeKind.BigDecimal => "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadDecimal(ref reader)",
        TypeKind.Timestamp => "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadTimestamp(ref reader)",
        TypeKind.Blob => type.IsStreaming ? "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadBlob(ref reader) is byte[] bytes ? new global::System.IO.MemoryStream(bytes, writable: false) : null" : "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadBlob(ref reader)",
        TypeKind.Document => "global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadDocument(ref reader)",
        TypeKind.Structure => $"{type.TypeName}Serializer.Read(ref reader)",
        _ => $"{collectionsClass}.Read{Collection(type, ReadCollections)}(ref reader)",
    };
}

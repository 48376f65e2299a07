namespace SsoOidcCodegen.Generator.Emitting;

using SsoOidcCodegen.Generator.Model;

/// <summary>The statements and expressions that write and read one value with Utf8JsonWriter/Reader.</summary>
internal sealed class JsonFragments
{
    private readonly string collectionsClass;
    private readonly string? modelNamespace;

    public JsonFragments(string collectionsClass, string? modelNamespace = null)
    {
        this.collectionsClass = collectionsClass;
        this.modelNamespace = modelNamespace;
    }

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
                code.Line($"JsonWire.WriteSingle(writer, {expression});");
                break;
            case TypeKind.Double:
                code.Line($"JsonWire.WriteDouble(writer, {expression});");
                break;
            case TypeKind.BigInteger:
                code.Line($"JsonWire.WriteBigInteger(writer, {expression});");
                break;
            case TypeKind.Timestamp:
                code.Line($"JsonWire.WriteTimestamp(writer, {expression}, {CSharpTypes.JsonTimestampFormat(type.TimestampFormat)});");
                break;
            case TypeKind.Blob:
                code.Line(type.IsStreaming ? $"writer.WriteBase64StringValue(JsonWire.ReadAll({expression}));" : $"writer.WriteBase64StringValue({expression});");
                break;
            case TypeKind.Document:
                code.Line($"JsonWire.WriteDocument(writer, {expression});");
                break;
            case TypeKind.Structure:
                code.Line($"{type.TypeName}Serializer.Write(writer, {expression});");
                break;
            default:
                code.Line($"{collectionsClass}.Write{CSharpTypes.CollectionName(type)}(writer, {expression});");
                break;
        }
    }

    /// <summary>An expression that reads a value of <paramref name="type"/> (nullable) at the reader's current token.</summary>
    public string ReadValue(TypeRef type) => type.Kind switch
    {
        TypeKind.String => "JsonWire.ReadString(ref reader)",
        TypeKind.StringEnum => $"JsonWire.ReadString(ref reader) is string text ? new {CSharpTypes.Model(type.TypeName!, modelNamespace)}(text) : ({CSharpTypes.Model(type.TypeName!, modelNamespace)}?)null",
        TypeKind.IntEnum => $"JsonWire.ReadInt32(ref reader) is int number ? new {CSharpTypes.Model(type.TypeName!, modelNamespace)}(number) : ({CSharpTypes.Model(type.TypeName!, modelNamespace)}?)null",
        TypeKind.Boolean => "JsonWire.ReadBoolean(ref reader)",
        TypeKind.Byte => "JsonWire.ReadByte(ref reader)",
        TypeKind.Short => "JsonWire.ReadInt16(ref reader)",
        TypeKind.Integer => "JsonWire.ReadInt32(ref reader)",
        TypeKind.Long => "JsonWire.ReadInt64(ref reader)",
        TypeKind.Float => "JsonWire.ReadSingle(ref reader)",
        TypeKind.Double => "JsonWire.ReadDouble(ref reader)",
        TypeKind.BigInteger => "JsonWire.ReadBigInteger(ref reader)",
        TypeKind.BigDecimal => "JsonWire.ReadDecimal(ref reader)",
        TypeKind.Timestamp => "JsonWire.ReadTimestamp(ref reader)",
        TypeKind.Blob => type.IsStreaming ? "JsonWire.ReadBlob(ref reader) is byte[] bytes ? new MemoryStream(bytes, writable: false) : null" : "JsonWire.ReadBlob(ref reader)",
        TypeKind.Document => "JsonWire.ReadDocument(ref reader)",
        TypeKind.Structure => $"{type.TypeName}Serializer.Read(ref reader)",
        _ => $"{collectionsClass}.Read{CSharpTypes.CollectionName(type)}(ref reader)",
    };
}

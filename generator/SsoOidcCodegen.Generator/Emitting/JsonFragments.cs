namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// The statements and expressions that write and read one value with Utf8JsonWriter/Reader. Every list and
/// map codec they call is recorded, so the collections class holds exactly the codecs that are called.
/// </summary>
internal sealed class JsonFragments
{
    private readonly string collectionsClass;
    private readonly string? modelNamespace;

    /// <summary>Every collection type a codec is called for, by codec name.</summary>
    public SortedDictionary<string, TypeRef> Collections { get; } = new(StringComparer.Ordinal);

    /// <summary>The collections whose writer is called.</summary>
    public HashSet<string> WrittenCollections { get; } = new(StringComparer.Ordinal);

    /// <summary>The collections whose reader is called.</summary>
    public HashSet<string> ReadCollections { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds the codecs the called codecs call for their items (a list of lists needs both), one level per pass of a queue.</summary>
    public void CloseCollectionDemand()
    {
        var work = new Queue<string>(Collections.Keys);
        while (work.Count > 0)
        {
            string name = work.Dequeue();
            TypeRef type = Collections[name];
            TypeRef item = type.Kind == TypeKind.List ? type.Element! : type.Value!;
            if (item.Kind is not (TypeKind.List or TypeKind.Map))
            {
                continue;
            }

            string itemName = CSharpTypes.CollectionName(item);
            bool added = !Collections.ContainsKey(itemName);
            if (added)
            {
                Collections.Add(itemName, item);
            }

            added |= WrittenCollections.Contains(name) && WrittenCollections.Add(itemName);
            added |= ReadCollections.Contains(name) && ReadCollections.Add(itemName);
            if (added)
            {
                work.Enqueue(itemName);
            }
        }
    }

    private string Collection(TypeRef type, HashSet<string> direction)
    {
        string name = CSharpTypes.CollectionName(type);
        if (!Collections.ContainsKey(name))
        {
            Collections.Add(name, type);
        }

        direction.Add(name);
        return name;
    }

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

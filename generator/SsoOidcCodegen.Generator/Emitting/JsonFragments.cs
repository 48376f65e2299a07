namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// The statements and expressions that write and read one value with Utf8JsonWriter/Reader. Every list and
/// map codec they call is recorded, so the collections class holds exactly the codecs that are called.
/// </summary>
internal sealed partial class JsonFragments
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

    /// <summary>How a template writes a non-null value of <paramref name="type"/> (<c>json_write</c>); records the codec it calls.</summary>
    public WireValueView Write(TypeRef type) => View(type, WrittenCollections, "Write");

    /// <summary>How a template reads a value of <paramref name="type"/> (<c>json_read</c>); records the codec it calls.</summary>
    public WireValueView Read(TypeRef type) => View(type, ReadCollections, "Read");

    private WireValueView View(TypeRef type, HashSet<string> direction, string verb) => type.Kind switch
    {
        TypeKind.StringEnum or TypeKind.IntEnum => new WireValueView(type.Kind.ToString(), CSharpTypes.Model(type.TypeName!, modelNamespace), null, false),
        TypeKind.Structure => new WireValueView("Structure", type.TypeName, null, false),
        TypeKind.Timestamp => new WireValueView("Timestamp", null, CSharpTypes.JsonTimestampFormat(type.TimestampFormat), false),
        TypeKind.List or TypeKind.Map => new WireValueView("Collection", null, collectionsClass + "." + verb + Collection(type, direction), false),
        _ => new WireValueView(type.Kind.ToString(), null, null, type.IsStreaming),
    };
}

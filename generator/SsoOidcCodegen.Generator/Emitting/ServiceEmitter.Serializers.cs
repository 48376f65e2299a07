namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>The JSON and CBOR serializers of the structures and their collection codecs: the view models their templates loop over.</content>
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

    /// <summary>A shape's serializer class, its view model built (which records the collection codecs it calls), not yet rendered.</summary>
    private ClassRender SerializerRender(ShapeSpec shape, SerializerPlan plan)
    {
        if (SpeaksXml)
        {
            return XmlSerializerRender(shape, plan);
        }

        List<MemberSpec> members = BodyMembers(shape);
        return new ClassRender(shape.TypeName + "Serializer", SpeaksCbor ? "CborSerializer" : "Serializer", new SerializerView(
            Header: header,
            InternalNamespace: InternalNamespace,
            TypeName: shape.TypeName,
            ModelType: ModelType(shape.TypeName),
            Summary: SerializerSummary(plan),
            ConstructorArguments: shape.Kind == ShapeKind.Exception ? "null" : string.Empty,
            HasWrite: plan.Write,
            HasWriteMembers: plan.WriteMembers,
            HasRead: plan.Read,
            HasReadMembers: plan.ReadMembers,
            HasReadMember: plan.ReadMember,
            HasValidate: plan.Validate,
            HasMembers: members.Count > 0,
            WriteMembers: plan.WriteMembers ? (SpeaksCbor ? CborWriteMembers(members) : JsonWriteMembers(members)) : new List<SerializerMemberView>(),
            ReadMembers: plan.ReadMembers || plan.ReadMember ? (SpeaksCbor ? CborReadMembers(members) : JsonReadMembers(members)) : new List<SerializerMemberView>(),
            Validation: plan.Validate ? Validation(shape) : null), withoutBlankLineBeforeEnd: true);
    }

    /// <summary>What the class summary says the serializer does: "Writes and validates", "Reads" ...</summary>
    private static string SerializerSummary(SerializerPlan plan)
    {
        var verbs = new List<string>();
        if (plan.Write || plan.WriteMembers)
        {
            verbs.Add("writes");
        }

        if (plan.Read || plan.ReadMembers || plan.ReadMember)
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

    /// <summary>The members <c>WriteMembers</c> writes, in ordinal order of their wire names, as the official AWS SDK for .NET sends them.</summary>
    private List<SerializerMemberView> JsonWriteMembers(List<MemberSpec> members) =>
        members.OrderBy(m => m.WireName, System.StringComparer.Ordinal)
            .Select(m => new SerializerMemberView(m.PropertyName, Local(m), Utf8(m.WireName), json.Write(m.Type)))
            .ToList();

    /// <summary>The members <c>ReadMembers</c> recognises, in model order.</summary>
    private List<SerializerMemberView> JsonReadMembers(List<MemberSpec> members) =>
        members.Select(m => new SerializerMemberView(m.PropertyName, Local(m), Utf8(m.WireName), json.Read(m.Type))).ToList();

    /// <summary>What <c>Validate</c> checks: the union rule, then each member's rules and the values inside it.</summary>
    private ValidationView Validation(ShapeSpec shape)
    {
        int localCounter = 0;
        var members = new List<ValidatedMemberView>();
        foreach (MemberSpec member in shape.Members)
        {
            if (member.PropertyName == "Message" && shape.Kind == ShapeKind.Exception)
            {
                continue;
            }

            Constraints c = member.Constraints;
            string? check = c.Min is null && c.Max is null ? null : member.Type.Kind switch
            {
                TypeKind.String => "Length",
                TypeKind.List or TypeKind.Map => "Count",
                TypeKind.Blob when !member.Type.IsStreaming => "BlobCount",
                TypeKind.Byte or TypeKind.Short or TypeKind.Integer or TypeKind.Long or TypeKind.Float or TypeKind.Double => "Range",
                _ => null,
            };
            ValidatedMemberView view = new(
                member.PropertyName,
                CSharpNames.StringLiteral(member.Name),
                member.IsRequired && !member.IsIdempotencyToken,
                check,
                c.Min?.ToString(CultureInfo.InvariantCulture) ?? "null",
                c.Max?.ToString(CultureInfo.InvariantCulture) ?? "null",
                NestedValidation(member.Type, ref localCounter));
            if (view.Required || view.Check is not null || view.Nested is not null)
            {
                members.Add(view);
            }
        }

        bool isUnion = shape.Kind == ShapeKind.Union;
        return new ValidationView(
            isUnion,
            isUnion && shape.Members.Count > 0,
            isUnion ? shape.Members.Select(m => m.PropertyName).ToList() : new List<string>(),
            members,
            IsEmpty: !isUnion && members.Count == 0);
    }

    /// <summary>The walk into a value that can break a rule; null when none can. Pattern variables leak into the enclosing block, so every node's locals get their own number.</summary>
    private ValidationNodeView? NestedValidation(TypeRef type, ref int counter)
    {
        if (!NeedsValidation(type))
        {
            return null;
        }

        string number = (counter++).ToString(CultureInfo.InvariantCulture);
        return type.Kind switch
        {
            TypeKind.List => new ValidationNodeView("List", number, null, NestedValidation(type.Element!, ref counter)),
            TypeKind.Map => new ValidationNodeView("Map", number, null, NestedValidation(type.Value!, ref counter)),
            _ => new ValidationNodeView("Structure", number, type.TypeName, null),
        };
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
    private ClassRender? CollectionsRender()
    {
        if (SpeaksXml)
        {
            return XmlCollectionsRender();
        }

        if (SpeaksCbor)
        {
            return CborCollectionsRender();
        }

        // Close the demand first (a codec's items may need codecs of their own), then write every codec once.
        json.CloseCollectionDemand();
        List<CollectionCodecView> codecs = CollectionCodecs(json.Collections, json.WrittenCollections, json.ReadCollections, (type, write) => write ? json.Write(type) : json.Read(type));
        return codecs.Count == 0 ? null : CollectionsRender("Collections", codecs);
    }

    /// <summary>One collections class: its codecs in order, a blank line between two.</summary>
    private ClassRender CollectionsRender(string template, List<CollectionCodecView> codecs) =>
        new(CollectionsClass, template, new CollectionsView(header, InternalNamespace, Documentation.Escape(spec.ServiceId), CollectionsClass, codecs), withoutBlankLineBeforeEnd: false);

    /// <summary>The codec methods of the collections, in name order: a collection's writer if it is written, then its reader if it is read.</summary>
    private List<CollectionCodecView> CollectionCodecs(SortedDictionary<string, TypeRef> collections, HashSet<string> written, HashSet<string> read, System.Func<TypeRef, bool, WireValueView> value)
    {
        var codecs = new List<CollectionCodecView>();
        foreach (KeyValuePair<string, TypeRef> pair in collections.ToList())
        {
            if (written.Contains(pair.Key))
            {
                codecs.Add(CollectionCodec(pair.Value, "Write", value(Item(pair.Value), true)));
            }

            if (read.Contains(pair.Key))
            {
                codecs.Add(CollectionCodec(pair.Value, "Read", value(Item(pair.Value), false)));
            }
        }

        return codecs;
    }

    /// <summary>A list's element or a map's value.</summary>
    private static TypeRef Item(TypeRef collection) => collection.Kind == TypeKind.List ? collection.Element! : collection.Value!;

    /// <summary>The writer or reader of a list or map type; <paramref name="item"/> is the view of its items (made first, so the codecs they call are recorded).</summary>
    private CollectionCodecView CollectionCodec(TypeRef type, string direction, WireValueView item)
    {
        string csType = CSharpTypes.Plain(type, ModelNamespace);
        return new CollectionCodecView(
            direction,
            CSharpTypes.CollectionName(type),
            csType,
            Documentation.Escape(csType),
            type.Kind == TypeKind.List,
            CSharpTypes.Element(Item(type), type.IsSparse, ModelNamespace),
            type.IsSparse,
            item);
    }
}

/// <summary>One value a serializer or codec writes or reads, as the <c>json_*</c> and <c>cbor_*</c> funcs take it.</summary>
/// <param name="Kind">The <see cref="TypeKind"/> name; <c>Collection</c> for a list or map.</param>
/// <param name="Type">An enum's model type, or a structure's type name (its serializer is <c>{Type}Serializer</c>).</param>
/// <param name="Method">A collection's codec method (<c>JsonCollections.WriteStringList</c>) or a JSON timestamp's wire format.</param>
/// <param name="Streaming">A blob that is a stream.</param>
internal sealed record WireValueView(string Kind, string? Type, string? Method, bool Streaming);

/// <summary>A structure's serializer class (<c>Serializer.sbn</c>, <c>CborSerializer.sbn</c>).</summary>
internal sealed record SerializerView(
    string Header,
    string InternalNamespace,
    string TypeName,
    string ModelType,
    string Summary,
    string ConstructorArguments,
    bool HasWrite,
    bool HasWriteMembers,
    bool HasRead,
    bool HasReadMembers,
    bool HasReadMember,
    bool HasValidate,
    bool HasMembers,
    List<SerializerMemberView> WriteMembers,
    List<SerializerMemberView> ReadMembers,
    ValidationView? Validation);

/// <summary>A body member: its property, the local its value is matched into, its name on the wire as a literal and its value.</summary>
internal sealed record SerializerMemberView(string Property, string Local, string Name, WireValueView Value);

/// <summary>A serializer's <c>Validate</c> method (<c>validation_method</c> in <c>Templates/_Validation.sbn</c>).</summary>
/// <param name="IsUnion">Exactly one of <paramref name="UnionProperties"/> must be set.</param>
/// <param name="HasUnionMembers">The union has members (one without can never be valid).</param>
/// <param name="IsEmpty">Nothing to check: the method only discards its parameters.</param>
internal sealed record ValidationView(bool IsUnion, bool HasUnionMembers, List<string> UnionProperties, List<ValidatedMemberView> Members, bool IsEmpty);

/// <summary>A member with a rule.</summary>
/// <param name="Name">The member's model name as a literal: its path segment.</param>
/// <param name="Check">Which bound to check: <c>Length</c> (string), <c>Count</c> (list, map), <c>BlobCount</c>, <c>Range</c>; null for none.</param>
/// <param name="Min">The lower bound as a literal (<c>null</c> for none).</param>
/// <param name="Max">The upper bound as a literal (<c>null</c> for none).</param>
/// <param name="Nested">The walk into the value; null when nothing inside can break a rule.</param>
internal sealed record ValidatedMemberView(string Property, string Name, bool Required, string? Check, string Min, string Max, ValidationNodeView? Nested);

/// <summary>A value validation walks into: <c>Structure</c> (its serializer validates it), <c>List</c> or <c>Map</c> (with <paramref name="Item"/>).</summary>
/// <param name="Number">The suffix of this node's locals (<c>item0</c>, <c>i0</c>, <c>entry0</c>).</param>
internal sealed record ValidationNodeView(string Kind, string Number, string? Serializer, ValidationNodeView? Item);

/// <summary>A collections class (<c>Collections.sbn</c>, <c>CborCollections.sbn</c>).</summary>
internal sealed record CollectionsView(string Header, string InternalNamespace, string ServiceId, string ClassName, List<CollectionCodecView> Codecs);

/// <summary>One codec method: <paramref name="Direction"/> <c>Write</c> or <c>Read</c> of a list or map type.</summary>
/// <param name="Name">The codec's name (<c>Write{Name}</c>).</param>
/// <param name="Type">The collection's C# type.</param>
/// <param name="TypeDoc">The type as doc text.</param>
/// <param name="ElementType">The item's (a map's value's) C# type, nullable when sparse.</param>
internal sealed record CollectionCodecView(string Direction, string Name, string Type, string TypeDoc, bool IsList, string ElementType, bool Sparse, WireValueView Item);

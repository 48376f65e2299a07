namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// The XML side of awsQuery, ec2Query and restXml: per-structure readers over an <c>XmlReader</c>,
/// the shared list and map readers, the error table and the client's XML error reader.
/// </content>
internal sealed partial class ServiceEmitter
{
    /// <summary>List and map readers by method name, filled while serializers are rendered.</summary>
    private readonly SortedDictionary<string, TypeRef> xmlReadCodecs = new(StringComparer.Ordinal);

    /// <summary>The maps read whole (not only entry by entry, as a flattened map is): their <c>Read</c> method is called.</summary>
    private readonly HashSet<string> xmlWholeMapReads = new(StringComparer.Ordinal);

    private bool SpeaksXml => protocol.Codec == BodyCodec.Xml;

    /// <summary>
    /// The answer's XML document: restXml's payload structure as the root element, or the output's members, which awsQuery
    /// reads inside its <c>XxxResult</c> wrapper and ec2Query and restXml at the root.
    /// </summary>
    private void XmlReadBody(UnmarshalViewModel view, OperationSpec operation, ShapeSpec response, MemberSpec? payload)
    {
        if (payload is not null)
        {
            view.Body = "XmlPayload";
            view.PayloadProperty = payload.PropertyName;
            view.Read = payload.Type.TypeName + "Serializer.Read";
        }
        else if (BodyMembers(response).Count > 0)
        {
            view.Body = "XmlMembers";
            view.Read = Call(response.TypeName, "ReadMembers");
            view.WrapperLiteral = protocol.WrapsResult
                ? CSharpNames.StringLiteral(operation.Xml?.ResultWrapper ?? operation.Name + "Result")
                : string.Empty;
        }
    }

    private ClassRender XmlSerializerRender(ShapeSpec shape, SerializerPlan plan)
    {
        List<MemberSpec> bodyMembers = BodyMembers(shape);
        bool query = protocol.Request == RequestForm.Query;
        return new ClassRender(shape.TypeName + "Serializer", "XmlSerializer", new
        {
            Header = header,
            InternalNamespace,
            ModelNamespace,
            TypeName = shape.TypeName,
            ModelType = ModelType(shape.TypeName),
            Summary = SerializerSummary(plan),
            ConstructorArguments = shape.Kind == ShapeKind.Exception ? "null" : string.Empty,
            HasQueryWriter = query && plan.Write,
            QueryMembers = query && plan.Write ? QueryMembers(bodyMembers) : new List<QueryMemberView>(),
            HasXmlWriter = !query && plan.Write,
            HasXmlWriteMembers = !query && plan.WriteMembers,
            XmlWriteMembers = !query && plan.WriteMembers ? XmlWriteMembers(bodyMembers) : new List<XmlMemberWriteView>(),
            HasRead = plan.Read,
            HasReadMembers = plan.ReadMembers,
            HasMembers = bodyMembers.Count > 0,
            ReadAttributes = plan.ReadMembers ? XmlReadAttributes(bodyMembers) : new List<XmlAttributeReadView>(),
            ReadElements = plan.ReadMembers ? XmlReadElements(bodyMembers) : new List<XmlElementReadView>(),
            HasValidate = plan.Validate,
            Validation = plan.Validate ? Validation(shape) : null,
        }, withoutBlankLineBeforeEnd: true);
    }

    /// <summary>The attributes a structure's reader reads (those whose type a text carries), each by its name.</summary>
    private List<XmlAttributeReadView> XmlReadAttributes(List<MemberSpec> members)
    {
        var views = new List<XmlAttributeReadView>();
        foreach (MemberSpec member in members.Where(m => m.Xml?.IsAttribute == true))
        {
            if (XmlParseOf(member.Type) is { Kind: not null } parse)
            {
                views.Add(new XmlAttributeReadView(member.PropertyName, ProtocolLocal(member) + "Attribute", CSharpNames.StringLiteral(member.WireName), parse));
            }
        }

        return views;
    }

    /// <summary>
    /// The child elements a structure's reader matches by local name (the first member of a name wins); flattened
    /// lists and maps collect their repeated elements.
    /// </summary>
    private List<XmlElementReadView> XmlReadElements(List<MemberSpec> members)
    {
        var views = new List<XmlElementReadView>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (MemberSpec member in members.Where(m => m.Xml?.IsAttribute != true))
        {
            string name = LocalPart(ItemsName(member));
            if (!seen.Add(name))
            {
                continue;
            }

            TypeRef type = member.Type;
            bool flattened = member.Xml?.Flattened == true || type.Xml?.Flattened == true;
            string literal = CSharpNames.StringLiteral(name);
            views.Add(flattened && type.Kind == TypeKind.List
                ? new XmlElementReadView(literal, member.PropertyName, "FlatList", XmlReadValue(type.Element!)) { CollectionType = CSharpTypes.Plain(type, ModelNamespace) }
                : flattened && type.Kind == TypeKind.Map
                ? new XmlElementReadView(literal, member.PropertyName, "FlatMap", null)
                {
                    CollectionType = CSharpTypes.Plain(type, ModelNamespace),
                    EntryReader = $"{CollectionsClass}.ReadEntry{XmlReadCodec(type, whole: false)}",
                }
                : new XmlElementReadView(literal, member.PropertyName, "Value", XmlReadValue(type)));
        }

        return views;
    }

    /// <summary>
    /// The name a member's items travel under: a list flattened at the shape itself (older models, such as SimpleDB's
    /// <c>AttributeList</c>) names its repeated items by its member's <c>locationName</c> (botocore's readers and query
    /// writer do the same); otherwise, and for a list flattened only at the reference (Smithy's <c>@xmlFlattened</c>,
    /// which ignores the list member's name), the member's own wire name.
    /// </summary>
    private static string ItemsName(MemberSpec member) =>
        member.Type is { Kind: TypeKind.List, Xml: { Flattened: true, MemberName: { } itemName } } ? itemName : member.WireName;

    private static string LocalPart(string name)
    {
        int colon = name.IndexOf(':');
        return colon < 0 ? name : name.Substring(colon + 1);
    }

    /// <summary>How the element at the reader is read as a value of the type (the reader moves past it).</summary>
    private XmlReadValueView XmlReadValue(TypeRef type) => type.Kind switch
    {
        TypeKind.Structure => new XmlReadValueView("Structure", type.TypeName + "Serializer.Read"),
        TypeKind.List or TypeKind.Map => new XmlReadValueView("Collection", $"{CollectionsClass}.Read{XmlReadCodec(type)}"),
        TypeKind.Blob when type.IsStreaming => new XmlReadValueView("StreamBlob", null),
        _ => new XmlReadValueView("Scalar", null) { Parse = XmlParseOf(type), PlainType = CSharpTypes.Plain(type, ModelNamespace) },
    };

    /// <summary>How text becomes a scalar of the type (the template's <c>xml_parse</c>); a null kind for a type no text carries.</summary>
    private XmlParseView XmlParseOf(TypeRef type) => type.Kind switch
    {
        TypeKind.StringEnum or TypeKind.IntEnum => new XmlParseView(type.Kind.ToString(), CSharpTypes.Model(type.TypeName!, ModelNamespace)),
        TypeKind.Byte => new XmlParseView("Integer", "sbyte"),
        TypeKind.Short => new XmlParseView("Integer", "short"),
        TypeKind.Integer => new XmlParseView("Integer", "int"),
        TypeKind.Long => new XmlParseView("Integer", "long"),
        TypeKind.Blob when type.IsStreaming => new XmlParseView(null, null),
        TypeKind.String or TypeKind.Boolean or TypeKind.BigInteger or TypeKind.BigDecimal or TypeKind.Float or TypeKind.Double
            or TypeKind.Timestamp or TypeKind.Blob => new XmlParseView(type.Kind.ToString(), null),
        _ => new XmlParseView(null, null),
    };

    /// <summary>The name of the reader of a list or map type; the names a map reader matches are part of it.</summary>
    /// <param name="type">A list or map type.</param>
    /// <param name="whole">Whether the caller reads the whole collection (false: one entry of a flattened map).</param>
    private string XmlReadCodec(TypeRef type, bool whole = true)
    {
        string traits = ReadTraits(type);
        string name = CSharpTypes.CollectionName(type) + (traits.Length == 0 ? string.Empty : "_" + StableHash(traits));
        if (whole && type.Kind == TypeKind.Map)
        {
            xmlWholeMapReads.Add(name);
        }

        if (!xmlReadCodecs.ContainsKey(name))
        {
            xmlReadCodecs[name] = type;
            if (type.Kind == TypeKind.List)
            {
                _ = XmlReadValue(type.Element!);
            }
            else
            {
                _ = XmlReadValue(type.Value!);
            }
        }

        return name;
    }

    /// <summary>What a reader of the type depends on besides its signature: the key and value names of maps inside it.</summary>
    private static string ReadTraits(TypeRef type) => type.Kind switch
    {
        TypeKind.Map => $"{type.Xml?.KeyName ?? "key"}/{type.Xml?.ValueName ?? "value"}({ReadTraits(type.Value!)})",
        TypeKind.List => ReadTraits(type.Element!) is { Length: > 0 } inner ? "[" + inner + "]" : string.Empty,
        _ => string.Empty,
    };

    private static string StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    private ClassRender? XmlCollectionsRender()
    {
        // The readers are those the rendered serializers call; registering one registers what it calls in turn.
        var methods = new List<XmlCollectionReaderView>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (xmlReadCodecs.Keys.FirstOrDefault(k => !done.Contains(k)) is { } name)
        {
            done.Add(name);
            TypeRef type = xmlReadCodecs[name];
            string csType = CSharpTypes.Plain(type, ModelNamespace);
            if (type.Kind == TypeKind.List)
            {
                methods.Add(new XmlCollectionReaderView("List", name, csType, Documentation.Escape(csType), XmlReadValue(type.Element!)));
                continue;
            }

            XmlReadValueView value = XmlReadValue(type.Value!);
            if (xmlWholeMapReads.Contains(name))
            {
                methods.Add(new XmlCollectionReaderView("Map", name, csType, Documentation.Escape(csType), value));
            }

            methods.Add(new XmlCollectionReaderView("Entry", name, csType, Documentation.Escape(csType), value)
            {
                ValueType = CSharpTypes.Plain(type.Value!, ModelNamespace),
                KeyLiteral = CSharpNames.StringLiteral(type.Xml?.KeyName ?? "key"),
                ValueLiteral = CSharpNames.StringLiteral(type.Xml?.ValueName ?? "value"),
            });
        }

        if (methods.Count == 0)
        {
            return null;
        }

        return new ClassRender(CollectionsClass, "XmlCollections", new
        {
            Header = header,
            InternalNamespace,
            ServiceId = Documentation.Escape(spec.ServiceId),
            ClassName = CollectionsClass,
            Methods = methods,
        }, withoutBlankLineBeforeEnd: false);
    }
}

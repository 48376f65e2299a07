namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
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

    private bool SpeaksXml => spec.Protocol is ProtocolKind.AwsQuery or ProtocolKind.Ec2Query or ProtocolKind.RestXml;

    private string RenderXmlSerializer(ShapeSpec shape, SerializerPlan plan)
    {
        List<MemberSpec> bodyMembers = BodyMembers(shape);
        bool query = spec.Protocol is ProtocolKind.AwsQuery or ProtocolKind.Ec2Query;
        return WithoutBlankLineBeforeEnd(TemplateRenderer.Render("XmlSerializer", new
        {
            Header = header,
            InternalNamespace,
            ModelNamespace,
            TypeName = shape.TypeName,
            ModelType = ModelType(shape.TypeName),
            Summary = SerializerSummary(plan),
            ConstructorArguments = shape.Kind == ShapeKind.Exception ? "null" : string.Empty,
            HasQueryWriter = query && plan.Write,
            QueryBody = query && plan.Write ? QueryMembersBody(bodyMembers).Render(8) : string.Empty,
            HasXmlWriter = !query && plan.Write,
            HasXmlWriteMembers = !query && plan.WriteMembers,
            XmlWriteBody = !query && plan.WriteMembers ? XmlWriteMembersBody(bodyMembers).Render(8) : string.Empty,
            HasRead = plan.Read,
            HasReadMembers = plan.ReadMembers,
            ReadBody = plan.ReadMembers ? XmlReadMembersBody(bodyMembers).Render(8) : string.Empty,
            HasValidate = plan.Validate,
            ValidateBody = plan.Validate ? ValidateBody(shape).Render(8) : string.Empty,
        }));
    }

    /// <summary>
    /// Attributes first (they are only readable at the start tag), then each child element by its
    /// local name; flattened lists and maps collect their repeated elements.
    /// </summary>
    private CodeBlock XmlReadMembersBody(List<MemberSpec> members)
    {
        var code = new CodeBlock();
        foreach (MemberSpec member in members.Where(m => m.Xml?.IsAttribute == true))
        {
            string local = ProtocolLocal(member) + "Attribute";
            string? parse = HttpFragments.Parse(member.Type, local, modelNamespace: ModelNamespace);
            if (parse is null)
            {
                continue;
            }

            code.Open($"if (reader.GetAttribute({CSharpNames.StringLiteral(member.WireName)}) is {{ }} {local})");
            code.Line($"value.{member.PropertyName} = {parse};");
            code.Close();
            code.Blank();
        }

        var elements = members.Where(m => m.Xml?.IsAttribute != true).ToList();
        code.Open("if (!global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.Enter(reader))");
        code.Line(members.Count == 0 ? "_ = value;" : "// An empty element: no members.");
        code.Line("return;");
        code.Close();
        code.Blank();
        code.Open("while (global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.NextChild(reader))");
        if (elements.Count == 0)
        {
            code.Line("reader.Skip();");
        }
        else
        {
            code.Open("switch (reader.LocalName)");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (MemberSpec member in elements)
            {
                string name = LocalPart(member.WireName);
                if (!seen.Add(name))
                {
                    continue;
                }

                code.Line($"case {CSharpNames.StringLiteral(name)}:");
                code.Open(string.Empty);
                XmlReadMember(code, member);
                code.Line("break;");
                code.Close();
            }

            code.Line("default:");
            code.Line("    reader.Skip();");
            code.Line("    break;");
            code.Close();
        }

        code.Close();
        return code;
    }

    private static string LocalPart(string name)
    {
        int colon = name.IndexOf(':');
        return colon < 0 ? name : name.Substring(colon + 1);
    }

    private void XmlReadMember(CodeBlock code, MemberSpec member)
    {
        TypeRef type = member.Type;
        bool flattened = member.Xml?.Flattened == true || type.Xml?.Flattened == true;
        if (flattened && type.Kind == TypeKind.List)
        {
            code.Line($"(value.{member.PropertyName} ??= new {CSharpTypes.Plain(type, ModelNamespace)}()).Add({XmlReadValue(type.Element!)});");
            return;
        }

        if (flattened && type.Kind == TypeKind.Map)
        {
            code.Line($"{CollectionsClass}.ReadEntry{XmlReadCodec(type, whole: false)}(reader, value.{member.PropertyName} ??= new {CSharpTypes.Plain(type, ModelNamespace)}());");
            return;
        }

        code.Line($"value.{member.PropertyName} = {XmlReadValue(type)};");
    }

    /// <summary>An expression that reads the element at the reader as a value of the type (and moves past it).</summary>
    private string XmlReadValue(TypeRef type) => type.Kind switch
    {
        TypeKind.Structure => $"{type.TypeName}Serializer.Read(reader)",
        TypeKind.List or TypeKind.Map => $"{CollectionsClass}.Read{XmlReadCodec(type)}(reader)",
        TypeKind.Blob when type.IsStreaming => "new global::System.IO.MemoryStream(global::System.Convert.FromBase64String(global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.ReadText(reader)), writable: false)",
        _ => HttpFragments.Parse(type, "global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.ReadText(reader)", modelNamespace: ModelNamespace) ?? $"global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.Skip<{CSharpTypes.Plain(type, ModelNamespace)}>(reader)",
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

    private string? RenderXmlCollections()
    {
        // The readers are those the rendered serializers call; registering one registers what it calls in turn.
        var code = new CodeBlock();
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (xmlReadCodecs.Keys.FirstOrDefault(k => !done.Contains(k)) is { } name)
        {
            done.Add(name);
            EmitXmlReadCodec(code, name, xmlReadCodecs[name]);
        }

        if (code.IsEmpty)
        {
            return null;
        }

        return TemplateRenderer.Render("XmlCollections", new
        {
            Header = header,
            InternalNamespace,
            ServiceId = Documentation.Escape(spec.ServiceId),
            ClassName = CollectionsClass,
            Body = code.Render(4),
        });
    }

    /// <summary>A reader of a list or whole map: <paramref name="readChild"/> runs for every child element.</summary>
    private static void EmitXmlChildLoop(CodeBlock code, string name, string csType, string childKind, string readChild)
    {
        code.Line($"/// <summary>Reads a <c>{Documentation.Escape(csType)}</c>: every child element is an {childKind}.</summary>");
        code.Open($"public static {csType} Read{name}(global::System.Xml.XmlReader reader)");
        code.Line($"var result = new {csType}();");
        code.Open("if (global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.Enter(reader))");
        code.Open("while (global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.NextChild(reader))");
        code.Line(readChild);
        code.Close();
        code.Close();
        code.Blank();
        code.Line("return result;");
        code.Close();
        code.Blank();
    }

    private void EmitXmlReadCodec(CodeBlock code, string name, TypeRef type)
    {
        string csType = CSharpTypes.Plain(type, ModelNamespace);
        if (type.Kind == TypeKind.List)
        {
            EmitXmlChildLoop(code, name, csType, "item", $"result.Add({XmlReadValue(type.Element!)});");
            return;
        }

        TypeRef value = type.Value!;
        string keyName = CSharpNames.StringLiteral(type.Xml?.KeyName ?? "key");
        string valueName = CSharpNames.StringLiteral(type.Xml?.ValueName ?? "value");
        if (xmlWholeMapReads.Contains(name))
        {
            EmitXmlChildLoop(code, name, csType, "entry", $"ReadEntry{name}(reader, result);");
        }

        code.Line($"/// <summary>Reads one entry (its key and value elements) into the map.</summary>");
        code.Open($"public static void ReadEntry{name}(global::System.Xml.XmlReader reader, {csType} result)");
        code.Line("string? key = null;");
        code.Line($"{CSharpTypes.Plain(value, ModelNamespace)}? item = null;");
        code.Open("if (global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.Enter(reader))");
        code.Open("while (global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.NextChild(reader))");
        code.Open($"if (reader.LocalName == {keyName})");
        code.Line("key = global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.ReadText(reader);");
        code.Close();
        code.Open($"else if (reader.LocalName == {valueName})");
        code.Line($"item = {XmlReadValue(value)};");
        code.Close();
        code.Open("else");
        code.Line("reader.Skip();");
        code.Close();
        code.Close();
        code.Close();
        code.Blank();
        code.Open("if (key is not null && item is { } found)");
        code.Line("result[key] = found;");
        code.Close();
        code.Close();
        code.Blank();
    }

    /// <summary>Reads the response document: awsQuery inside its <c>XxxResult</c> wrapper, ec2Query and restXml at the root.</summary>
    private CodeBlock XmlUnmarshalBody(OperationSpec operation, ShapeSpec response, CodeBlock code)
    {
        if (BodyMembers(response).Count == 0)
        {
            return code;
        }

        code.Open("if (global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.TryReadRoot(response, out global::System.Xml.XmlReader reader))");
        code.Open("using (reader)");
        if (spec.Protocol == ProtocolKind.AwsQuery)
        {
            string wrapper = operation.Xml?.ResultWrapper ?? operation.Name + "Result";
            code.Open($"if (global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.FindChild(reader, {CSharpNames.StringLiteral(wrapper)}))");
            code.Line($"{Call(response.TypeName, "ReadMembers")}(reader, result);");
            code.Close();
        }
        else
        {
            code.Line($"{Call(response.TypeName, "ReadMembers")}(reader, result);");
        }

        code.Close();
        code.Close();
        return code;
    }
}

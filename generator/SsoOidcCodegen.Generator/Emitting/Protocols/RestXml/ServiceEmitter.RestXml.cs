namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// The body side of restXml (the HTTP bindings are rest-json's): XML bodies with namespaces,
/// attributes, flattened lists and maps, and the response readers for payload members.
/// </content>
internal sealed partial class ServiceEmitter
{
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Writes the request body: the payload member, or every body member inside the input's element.</summary>
    private void RestXmlBody(CodeBlock code, OperationSpec operation, ShapeSpec request)
    {
        MemberSpec? payload = request.PayloadMember is null ? null : request.Members.First(m => m.Name == request.PayloadMember);
        if (payload is not null)
        {
            if (payload.Type.Kind != TypeKind.Structure)
            {
                RestJsonBody(code, request);
                return;
            }

            ShapeSpec target = shapesByType[payload.Type.TypeName!];
            XmlNamespaceSpec? ns = payload.Xml?.Namespace ?? target.Xml?.Namespace;
            string local = ProtocolLocal(payload);

            // An unset structure payload sends no body at all.
            code.Open($"if (request.{payload.PropertyName} is {{ }} {local})");
            code.Line("using var xmlBody = new global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlBody();");
            code.Line($"{Call(target.TypeName, "WriteXml")}(xmlBody.Writer, {CSharpNames.StringLiteral(PayloadElementName(payload, target))}, {NamespaceArguments(ns)}, {local});");
            code.Line("builder.SetBody(xmlBody.ToArray(), \"application/xml\");");
            code.Close();
            return;
        }

        List<MemberSpec> members = BodyMembers(request);
        if (members.Count == 0)
        {
            return;
        }

        string name = request.Xml?.ElementName ?? operation.Xml?.InputElementName ?? request.Name;
        XmlNamespaceSpec? inputNamespace = operation.Xml?.InputNamespace ?? request.Xml?.Namespace;
        code.Open("if (" + string.Join(" || ", members.Select(m => $"request.{m.PropertyName} is not null")) + ")");
        code.Line("using var xmlBody = new global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlBody();");
        code.Line($"{Call(request.TypeName, "WriteXml")}(xmlBody.Writer, {CSharpNames.StringLiteral(name)}, {NamespaceArguments(inputNamespace)}, request);");
        code.Line("builder.SetBody(xmlBody.ToArray(), \"application/xml\");");
        code.Close();
    }

    /// <summary>
    /// The element of a structure payload: the member's <c>locationName</c>, else the target's, else the
    /// target's name. A <c>locationName</c> that only repeats a camelCase member name is how the Smithy
    /// test models' conversion marks "no xmlName" (AWS models name members in PascalCase), so it does not count.
    /// </summary>
    private static string PayloadElementName(MemberSpec payload, ShapeSpec target)
    {
        bool memberNamed = payload.Xml?.HasLocationName == true && payload.LocationName is not null
            && (payload.LocationName != payload.Name || (payload.Name.Length > 0 && char.IsUpper(payload.Name[0])));
        return memberNamed ? payload.LocationName! : target.Xml?.ElementName ?? target.Name;
    }

    private static string NamespaceArguments(XmlNamespaceSpec? ns) =>
        ns is null ? "null, null" : CSharpNames.StringLiteral(ns.Uri) + ", " + (ns.Prefix is null ? "null" : CSharpNames.StringLiteral(ns.Prefix));

    private CodeBlock XmlWriteMembersBody(List<MemberSpec> members)
    {
        var code = new CodeBlock();
        foreach (MemberSpec member in members.Where(m => m.Xml?.IsAttribute == true))
        {
            string local = ProtocolLocal(member);
            string? text = HttpFragments.Format(member.Type, local, HttpFragments.Place.Query);
            if (text is null)
            {
                continue;
            }

            string name = member.WireName;
            int colon = name.IndexOf(':');
            code.Open($"if (value.{member.PropertyName} is {{ }} {local})");
            code.Line(colon > 0 && name.Substring(0, colon) == "xsi"
                ? $"writer.WriteAttributeString(\"xsi\", {CSharpNames.StringLiteral(name.Substring(colon + 1))}, {CSharpNames.StringLiteral(XsiNamespace)}, {text});"
                : $"writer.WriteAttributeString({CSharpNames.StringLiteral(name)}, {text});");
            code.Close();
            code.Blank();
        }

        foreach (MemberSpec member in members.Where(m => m.Xml?.IsAttribute != true))
        {
            string local = ProtocolLocal(member);
            code.Open($"if (value.{member.PropertyName} is {{ }} {local})");
            XmlWriteValue(code, member.Type, member.WireName, member.Xml?.Namespace, local, member.Xml?.Flattened == true, 0);
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

    /// <summary>Writes a non-null value as an element (or, flattened, as repeated elements) with the name.</summary>
    private void XmlWriteValue(CodeBlock code, TypeRef type, string name, XmlNamespaceSpec? ns, string expression, bool memberFlattened, int depth)
    {
        string d = depth.ToString(CultureInfo.InvariantCulture);
        string nameLiteral = CSharpNames.StringLiteral(name);
        switch (type.Kind)
        {
            case TypeKind.Structure:
                XmlNamespaceSpec? structureNamespace = ns ?? shapesByType[type.TypeName!].Xml?.Namespace;
                code.Line($"{type.TypeName}Serializer.WriteXml(writer, {nameLiteral}, {NamespaceArguments(structureNamespace)}, {expression});");
                break;
            case TypeKind.List:
                bool flattened = memberFlattened || type.Xml?.Flattened == true;
                if (!flattened)
                {
                    code.Line($"global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlBody.StartElement(writer, {nameLiteral}, {NamespaceArguments(ns)});");
                }

                code.Open($"foreach (var item{d} in {expression})");
                string item = $"item{d}";
                if (type.IsSparse)
                {
                    code.Open($"if ({item} is not {{ }} present{d})");
                    code.Line("continue;");
                    code.Close();
                    item = $"present{d}";
                }

                XmlWriteValue(
                    code,
                    type.Element!,
                    flattened ? name : type.Xml?.MemberName ?? "member",
                    flattened ? type.Xml?.MemberNamespace ?? ns : type.Xml?.MemberNamespace,
                    item,
                    false,
                    depth + 1);
                code.Close();
                if (!flattened)
                {
                    code.Line("writer.WriteFullEndElement();");
                }

                break;
            case TypeKind.Map:
                bool flatMap = memberFlattened || type.Xml?.Flattened == true;
                if (!flatMap)
                {
                    code.Line($"global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlBody.StartElement(writer, {nameLiteral}, {NamespaceArguments(ns)});");
                }

                code.Open($"foreach (var entry{d} in {expression})");
                string entryValue = $"entry{d}.Value";
                if (type.IsSparse)
                {
                    code.Open($"if ({entryValue} is not {{ }} present{d})");
                    code.Line("continue;");
                    code.Close();
                    entryValue = $"present{d}";
                }

                code.Line(flatMap
                    ? $"global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlBody.StartElement(writer, {nameLiteral}, {NamespaceArguments(ns)});"
                    : "writer.WriteStartElement(\"entry\");");
                code.Line($"global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlBody.Element(writer, {CSharpNames.StringLiteral(type.Xml?.KeyName ?? "key")}, {NamespaceArguments(type.Xml?.KeyNamespace)}, entry{d}.Key);");
                XmlWriteValue(code, type.Value!, type.Xml?.ValueName ?? "value", type.Xml?.ValueNamespace, entryValue, false, depth + 1);
                code.Line("writer.WriteFullEndElement();");
                code.Close();
                if (!flatMap)
                {
                    code.Line("writer.WriteFullEndElement();");
                }

                break;
            default:
                string? text = type.Kind == TypeKind.Blob && type.IsStreaming
                    ? $"global::System.Convert.ToBase64String(global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadAll({expression}))"
                    : HttpFragments.Format(type, expression, HttpFragments.Place.Query);
                code.Line(text is null
                    ? $"// A {type.Kind} cannot travel in an XML body."
                    : $"global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlBody.Element(writer, {nameLiteral}, {NamespaceArguments(ns)}, {text});");
                break;
        }
    }

    /// <summary>
    /// S3 answers some calls (CopyObject, UploadPartCopy, CompleteMultipartUpload) with 200 and an
    /// <c>Error</c> document: for an operation whose answer is an XML body, the descriptor's check that
    /// makes the pipeline read such an answer as an error response (null for the others). Raw payloads
    /// (a blob or text the caller stored) are never inspected.
    /// </summary>
    private string? RestXmlErrorIn200(ShapeSpec response)
    {
        MemberSpec? payload = response.PayloadMember is null ? null : response.Members.First(m => m.Name == response.PayloadMember);
        if (spec.Protocol != ProtocolKind.RestXml || (payload is not null && payload.Type.Kind != TypeKind.Structure)
            || (payload is null && BodyMembers(response).Count == 0))
        {
            return null;
        }

        return "global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.IsErrorDocument";
    }

    /// <summary>Reads a restXml payload member that is a structure: the document's root element is the structure.</summary>
    private static void RestXmlPayloadUnmarshal(CodeBlock code, MemberSpec payload)
    {
        code.Open("if (global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.TryReadRoot(response, out global::System.Xml.XmlReader reader))");
        code.Open("using (reader)");
        code.Line($"result.{payload.PropertyName} = {payload.Type.TypeName}Serializer.Read(reader);");
        code.Close();
        code.Close();
    }
}

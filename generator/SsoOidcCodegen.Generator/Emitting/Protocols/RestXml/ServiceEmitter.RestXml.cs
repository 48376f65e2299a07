namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// The body side of restXml (the HTTP bindings are rest-json's): XML bodies with namespaces,
/// attributes, flattened lists and maps, and the response readers for payload members.
/// </content>
internal sealed partial class ServiceEmitter
{
    /// <summary>
    /// A restXml request body: <c>Form</c> Payload (the structure member <c>Property</c>, bound to <c>Local</c>) or Members
    /// (sent when one of <c>Properties</c> is set); <c>Write</c> is the serializer's <c>WriteXml</c>, <c>ElementLiteral</c>
    /// the root element and <c>NamespaceArguments</c> its namespace arguments.
    /// </summary>
    private sealed record XmlBodyViewModel(string Form, string Property, string Local, List<string> Properties, string Write, string ElementLiteral, string NamespaceArguments);

    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>
    /// The request body: the payload member (a structure as the document's root element; any other payload as restJson
    /// sends it, in <see cref="MarshalViewModel.JsonBody"/>), or every body member inside the input's element.
    /// </summary>
    private void RestXmlBody(MarshalViewModel view, OperationSpec operation, ShapeSpec request)
    {
        MemberSpec? payload = request.PayloadMember is null ? null : request.Members.First(m => m.Name == request.PayloadMember);
        if (payload is not null)
        {
            if (payload.Type.Kind != TypeKind.Structure)
            {
                view.JsonBody = RestJsonBody(request);
                return;
            }

            // An unset structure payload sends no body at all.
            ShapeSpec target = shapesByType[payload.Type.TypeName!];
            view.XmlBody = new XmlBodyViewModel(
                "Payload",
                payload.PropertyName,
                ProtocolLocal(payload),
                [],
                Call(target.TypeName, "WriteXml"),
                CSharpNames.StringLiteral(PayloadElementName(payload, target)),
                NamespaceArguments(payload.Xml?.Namespace ?? target.Xml?.Namespace));
            return;
        }

        List<MemberSpec> members = BodyMembers(request);
        if (members.Count > 0)
        {
            view.XmlBody = new XmlBodyViewModel(
                "Members",
                string.Empty,
                string.Empty,
                members.Select(m => m.PropertyName).ToList(),
                Call(request.TypeName, "WriteXml"),
                CSharpNames.StringLiteral(request.Xml?.ElementName ?? operation.Xml?.InputElementName ?? request.Name),
                NamespaceArguments(operation.Xml?.InputNamespace ?? request.Xml?.Namespace));
        }
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

    /// <summary>The members a structure's XML writer writes: its attributes first, then its elements.</summary>
    private List<XmlMemberWriteView> XmlWriteMembers(List<MemberSpec> members)
    {
        var views = new List<XmlMemberWriteView>();
        foreach (MemberSpec member in members.Where(m => m.Xml?.IsAttribute == true))
        {
            if (member.Type.Kind == TypeKind.Blob && member.Type.IsStreaming || TextFormat(member.Type) is not { } format)
            {
                continue;
            }

            string name = member.WireName;
            int colon = name.IndexOf(':');
            bool xsi = colon > 0 && name.Substring(0, colon) == "xsi";
            views.Add(new XmlMemberWriteView(member.PropertyName, ProtocolLocal(member))
            {
                Attribute = new XmlAttributeWriteView(CSharpNames.StringLiteral(xsi ? name.Substring(colon + 1) : name), xsi, format),
            });
        }

        foreach (MemberSpec member in members.Where(m => m.Xml?.IsAttribute != true))
        {
            views.Add(new XmlMemberWriteView(member.PropertyName, ProtocolLocal(member))
            {
                Element = XmlWriteValueOf(member.Type, member.WireName, member.Xml?.Namespace, member.Xml?.Flattened == true),
            });
        }

        return views;
    }

    /// <summary>How a non-null value is written as an element (or, flattened, as repeated elements) with the name.</summary>
    private XmlWriteValueView XmlWriteValueOf(TypeRef type, string name, XmlNamespaceSpec? ns, bool memberFlattened)
    {
        switch (type.Kind)
        {
            case TypeKind.Structure:
                return new XmlWriteValueView("Structure", type.Kind.ToString(), new XmlNameView(name, ns ?? shapesByType[type.TypeName!].Xml?.Namespace)) { TypeName = type.TypeName };
            case TypeKind.List:
                bool flattened = memberFlattened || type.Xml?.Flattened == true;
                return new XmlWriteValueView("List", type.Kind.ToString(), new XmlNameView(name, ns))
                {
                    Flattened = flattened,
                    Sparse = type.IsSparse,
                    Element = XmlWriteValueOf(
                        type.Element!,
                        flattened ? name : type.Xml?.MemberName ?? "member",
                        flattened ? type.Xml?.MemberNamespace ?? ns : type.Xml?.MemberNamespace,
                        false),
                };
            case TypeKind.Map:
                return new XmlWriteValueView("Map", type.Kind.ToString(), new XmlNameView(name, ns))
                {
                    Flattened = memberFlattened || type.Xml?.Flattened == true,
                    Sparse = type.IsSparse,
                    Key = new XmlNameView(type.Xml?.KeyName ?? "key", type.Xml?.KeyNamespace),
                    Element = XmlWriteValueOf(type.Value!, type.Xml?.ValueName ?? "value", type.Xml?.ValueNamespace, false),
                };
            default:
                return new XmlWriteValueView("Scalar", type.Kind.ToString(), new XmlNameView(name, ns)) { Format = TextFormat(type) };
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
        if (!protocol.ErrorDocumentIn200 || (payload is not null && payload.Type.Kind != TypeKind.Structure)
            || (payload is null && BodyMembers(response).Count == 0))
        {
            return null;
        }

        return "global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.IsErrorDocument";
    }
}

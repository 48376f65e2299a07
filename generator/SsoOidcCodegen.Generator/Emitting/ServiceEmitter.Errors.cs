namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// The error table of every protocol (one template, <c>Errors.sbn</c>): each modelled error's codes and how its members
/// are read, and the answer's HTTP-bound members (headers, prefixed headers, status code) that operations read too.
/// </content>
internal sealed partial class ServiceEmitter
{
    private string RenderErrors()
    {
        Dictionary<ShapeSpec, List<string>> labels = ErrorCaseLabels();
        var errors = labels.Select(entry => new ErrorCaseView(
            entry.Value.Select(CSharpNames.StringLiteral).ToList(),
            entry.Key.TypeName,
            Call(entry.Key.TypeName, "ReadMembers"),
            SpeaksCbor || entry.Key.Members.All(m => m.Location == MemberLocation.Body),
            HttpReads(entry.Key, keepEmptyHeaders: false))).ToList();
        return TemplateRenderer.Render("Errors", new ErrorTableView(
            header,
            InternalNamespace,
            ModelNamespace,
            Documentation.Escape(spec.ServiceId),
            ErrorsClass,
            "global::" + spec.Namespace + "." + BaseException,
            SpeaksXml ? "Xml" : SpeaksCbor ? "Cbor" : "Json",
            errors.Count > 0,
            errors));
    }

    /// <summary>
    /// The members of an answer (an output or an error) bound to its HTTP parts, in member order; a header whose type
    /// cannot be read from text has the location None (nothing is read). The RPC protocols bind none, but an error table
    /// reads them where modelled.
    /// </summary>
    /// <param name="keepEmptyHeaders">Set an empty map when no header has the prefix (restXml reads it so).</param>
    private List<HttpReadView> HttpReads(ShapeSpec shape, bool keepEmptyHeaders)
    {
        var reads = new List<HttpReadView>();
        foreach (MemberSpec member in shape.Members)
        {
            string name = CSharpNames.StringLiteral(member.LocationName ?? (member.Location == MemberLocation.Headers ? string.Empty : member.Name));
            TypeRef type = member.Type;
            switch (member.Location)
            {
                case MemberLocation.Header when type.Kind == TypeKind.List:
                    if (HttpFragments.Parse(type.Element!, "part", modelNamespace: ModelNamespace) is { } element)
                    {
                        bool httpDates = type.Element!.Kind == TypeKind.Timestamp && type.Element.TimestampFormat is TimestampFormat.Default or TimestampFormat.Rfc822;
                        reads.Add(new HttpReadView("HeaderList", member.PropertyName, name, Local(member) + "Header", element, CSharpTypes.Plain(type, ModelNamespace), httpDates, false));
                    }
                    else
                    {
                        reads.Add(new HttpReadView("None", member.PropertyName, name, string.Empty, null, null, false, false));
                    }

                    break;
                case MemberLocation.Header:
                    string local = Local(member) + "Header";
                    if (HttpFragments.Parse(type, local, member.IsJsonValue, ModelNamespace) is { } value)
                    {
                        reads.Add(new HttpReadView("Header", member.PropertyName, name, local, value, null, false, false));
                    }
                    else
                    {
                        reads.Add(new HttpReadView("None", member.PropertyName, name, string.Empty, null, null, false, false));
                    }

                    break;
                case MemberLocation.Headers:
                    reads.Add(new HttpReadView("Headers", member.PropertyName, name, Local(member) + "Headers", null, null, false, keepEmptyHeaders));
                    break;
                case MemberLocation.StatusCode:
                    reads.Add(new HttpReadView("StatusCode", member.PropertyName, name, string.Empty, null, null, false, false));
                    break;
            }
        }

        return reads;
    }

    /// <summary>The error table: one case per modelled error, read by the protocol's rules (<c>Wire</c>: Json, Xml or Cbor).</summary>
    private sealed record ErrorTableView(
        string Header,
        string InternalNamespace,
        string ModelNamespace,
        string ServiceId,
        string ClassName,
        string BaseException,
        string Wire,
        bool HasCases,
        List<ErrorCaseView> Errors);

    /// <summary>One modelled error: its codes as literals, its type, its serializer's <c>ReadMembers</c>, and its HTTP-bound members.</summary>
    /// <param name="BodyOnly">Every member is in the body: the case is one line.</param>
    private sealed record ErrorCaseView(List<string> Labels, string TypeName, string ReadMembers, bool BodyOnly, List<HttpReadView> HttpMembers);

    /// <summary>
    /// A member read from the answer's HTTP parts (<c>Location</c>: Header, HeaderList, Headers, StatusCode or None): the header
    /// name or prefix as a literal, the local the text goes to, and the expression that parses it (of <c>part</c> for a list).
    /// </summary>
    private sealed record HttpReadView(string Location, string Property, string NameLiteral, string Local, string? Parse, string? ListType, bool HttpDates, bool KeepEmpty);
}

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
    private ClassRender ErrorsRender()
    {
        Dictionary<ShapeSpec, List<string>> labels = ErrorCaseLabels();
        var errors = labels.Select(entry => new ErrorCaseViewModel(
            entry.Value.Select(CSharpNames.StringLiteral).ToList(),
            entry.Key.TypeName,
            Call(entry.Key.TypeName, SpeaksCbor || SpeaksXml ? "ReadMembers" : "ReadMember"),
            SpeaksCbor || entry.Key.Members.All(m => m.Location == MemberLocation.Body),
            HttpReads(entry.Key, keepEmptyHeaders: false))).ToList();
        return new ClassRender(ErrorsClass, "Errors", new ErrorTableViewModel(
            header,
            InternalNamespace,
            ModelNamespace,
            Documentation.Escape(spec.ServiceId),
            ErrorsClass,
            "global::" + spec.Namespace + "." + BaseException,
            protocol.Codec.ToString(),
            errors.Count > 0,
            errors), withoutBlankLineBeforeEnd: false);
    }

    /// <summary>
    /// The members of an answer (an output or an error) bound to its HTTP parts, in member order; a header whose type
    /// cannot be read from text has the location None (nothing is read). The RPC protocols bind none, but an error table
    /// reads them where modelled.
    /// </summary>
    /// <param name="keepEmptyHeaders">Set an empty map when no header has the prefix (restXml reads it so).</param>
    private List<HttpReadViewModel> HttpReads(ShapeSpec shape, bool keepEmptyHeaders)
    {
        var reads = new List<HttpReadViewModel>();
        foreach (MemberSpec member in shape.Members)
        {
            string name = CSharpNames.StringLiteral(member.LocationName ?? (member.Location == MemberLocation.Headers ? string.Empty : member.Name));
            TypeRef type = member.Type;
            switch (member.Location)
            {
                case MemberLocation.Header when type.Kind == TypeKind.List:
                    if (HttpReadable(type.Element!, jsonValue: false))
                    {
                        bool httpDates = type.Element!.Kind == TypeKind.Timestamp && type.Element.TimestampFormat is TimestampFormat.Default or TimestampFormat.Rfc822;
                        reads.Add(new HttpReadViewModel("HeaderList", member.PropertyName, name, Local(member) + "Header", HttpValue(type.Element!), CSharpTypes.Plain(type, ModelNamespace), httpDates, false));
                    }
                    else
                    {
                        reads.Add(new HttpReadViewModel("None", member.PropertyName, name, string.Empty, null, null, false, false));
                    }

                    break;
                case MemberLocation.Header:
                    if (HttpReadable(type, member.IsJsonValue))
                    {
                        reads.Add(new HttpReadViewModel("Header", member.PropertyName, name, Local(member) + "Header", HttpValue(type, member.IsJsonValue), null, false, false));
                    }
                    else
                    {
                        reads.Add(new HttpReadViewModel("None", member.PropertyName, name, string.Empty, null, null, false, false));
                    }

                    break;
                case MemberLocation.Headers:
                    reads.Add(new HttpReadViewModel("Headers", member.PropertyName, name, Local(member) + "Headers", null, null, false, keepEmptyHeaders));
                    break;
                case MemberLocation.StatusCode:
                    reads.Add(new HttpReadViewModel("StatusCode", member.PropertyName, name, string.Empty, null, null, false, false));
                    break;
            }
        }

        return reads;
    }

    /// <summary>Whether a scalar can be read from header text (<c>http_parse</c> in <c>Templates/_Http.sbn</c>).</summary>
    private static bool HttpReadable(TypeRef type, bool jsonValue) => type.Kind switch
    {
        TypeKind.String or TypeKind.StringEnum or TypeKind.IntEnum or TypeKind.Boolean or TypeKind.Byte or TypeKind.Short
            or TypeKind.Integer or TypeKind.Long or TypeKind.BigInteger or TypeKind.BigDecimal or TypeKind.Float or TypeKind.Double
            or TypeKind.Timestamp => true,
        TypeKind.Blob => !type.IsStreaming,
        TypeKind.Document => jsonValue,
        _ => false,
    };

    /// <summary>The error table: one case per modelled error, read by the protocol's rules (<c>Wire</c>: Json, Xml or Cbor).</summary>
    private sealed record ErrorTableViewModel(
        string Header,
        string InternalNamespace,
        string ModelNamespace,
        string ServiceId,
        string ClassName,
        string BaseException,
        string Wire,
        bool HasCases,
        List<ErrorCaseViewModel> Errors);

    /// <summary>One modelled error: its codes as literals, its type, its serializer's reader (<c>ReadMember</c> for JSON, one member at a time; <c>ReadMembers</c> for XML and CBOR), and its HTTP-bound members.</summary>
    /// <param name="BodyOnly">Every member is in the body: the case is one line.</param>
    private sealed record ErrorCaseViewModel(List<string> Labels, string TypeName, string ReadMembers, bool BodyOnly, List<HttpReadViewModel> HttpMembers);

    /// <summary>
    /// A member read from the answer's HTTP parts (<c>Location</c>: Header, HeaderList, Headers, StatusCode or None): the header
    /// name or prefix as a literal, the local the text goes to, and the scalar (of each element for a list).
    /// </summary>
    private sealed record HttpReadViewModel(string Location, string Property, string NameLiteral, string Local, HttpValueViewModel? Value, string? ListType, bool HttpDates, bool KeepEmpty);
}

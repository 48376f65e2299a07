namespace SsoOidcCodegen.Generator.Parsing;

using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Emitting;
using SsoOidcCodegen.Generator.Model;

/// <content>The naming traits of the query and XML protocols (flattening, element names, namespaces, attributes).</content>
internal sealed partial class ServiceModelParser
{
    private bool SpeaksXml => protocol.Codec == BodyCodec.Xml;

    private XmlMemberTraits? ReadMemberXml(JObject member)
    {
        if (!SpeaksXml)
        {
            return null;
        }

        XmlNamespaceSpec? ns = ReadNamespace(member["xmlNamespace"]);
        bool flattened = IsTrue(member, "flattened");
        bool attribute = IsTrue(member, "xmlAttribute");
        string? queryName = String(member, "queryName");
        bool hasLocationName = String(member, "locationName") is not null;
        return new XmlMemberTraits { Flattened = flattened, IsAttribute = attribute, Namespace = ns, QueryName = queryName, HasLocationName = hasLocationName };
    }

    private XmlCollectionTraits? ReadCollectionXml(JObject shape)
    {
        if (!SpeaksXml)
        {
            return null;
        }

        JObject? member = shape["member"] as JObject;
        JObject? key = shape["key"] as JObject;
        JObject? value = shape["value"] as JObject;
        return new XmlCollectionTraits
        {
            Flattened = IsTrue(shape, "flattened"),
            MemberName = member is null ? null : String(member, "locationName"),
            MemberNamespace = member is null ? null : ReadNamespace(member["xmlNamespace"]),
            KeyName = key is null ? null : String(key, "locationName"),
            KeyNamespace = key is null ? null : ReadNamespace(key["xmlNamespace"]),
            ValueName = value is null ? null : String(value, "locationName"),
            ValueNamespace = value is null ? null : ReadNamespace(value["xmlNamespace"]),
        };
    }

    private XmlShapeTraits? ReadShapeXml(JObject shape)
    {
        if (!SpeaksXml)
        {
            return null;
        }

        string? name = String(shape, "locationName");
        XmlNamespaceSpec? ns = ReadNamespace(shape["xmlNamespace"]);
        return name is null && ns is null ? null : new XmlShapeTraits { ElementName = name, Namespace = ns };
    }

    private XmlOperationTraits? ReadOperationXml(JObject operation)
    {
        if (!SpeaksXml)
        {
            return null;
        }

        string? wrapper = operation["output"] is JObject output ? String(output, "resultWrapper") : null;
        JObject? input = operation["input"] as JObject;
        string? inputName = input is null ? null : String(input, "locationName");
        XmlNamespaceSpec? inputNamespace = input is null ? null : ReadNamespace(input["xmlNamespace"]);
        return wrapper is null && inputName is null && inputNamespace is null ? null : new XmlOperationTraits { ResultWrapper = wrapper, InputElementName = inputName, InputNamespace = inputNamespace };
    }

    /// <summary><c>xmlNamespace</c> is either a URI string or an object with <c>uri</c> and <c>prefix</c>.</summary>
    private static XmlNamespaceSpec? ReadNamespace(JToken? token) => token switch
    {
        JValue { Type: JTokenType.String } uri => new XmlNamespaceSpec { Uri = (string)uri!, Prefix = null },
        JObject obj when String(obj, "uri") is { } uri => new XmlNamespaceSpec { Uri = uri, Prefix = String(obj, "prefix") },
        _ => null,
    };
}

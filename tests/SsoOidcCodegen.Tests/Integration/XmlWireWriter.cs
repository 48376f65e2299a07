namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

/// <summary>
/// Writes an operation's output, given in the suites' JSON conventions (members by model name, timestamps
/// as epoch seconds, blobs as text), as an XML-protocol HTTP response: awsQuery (the <c>{Operation}Response</c>
/// envelope around the <c>resultWrapper</c> element), ec2Query (the envelope without a wrapper) and restXml
/// (body, <c>header</c>, <c>headers</c>, <c>statusCode</c> and payload bindings). Every XML name and trait
/// (<c>locationName</c>, <c>flattened</c>, <c>xmlAttribute</c>, list member and map key and value names,
/// <c>timestampFormat</c>) is read from the model JSON itself, the way botocore's parsers read them, so the
/// writer shares nothing with the generator it checks.
/// </summary>
internal sealed class XmlWireWriter
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    private readonly JsonElement shapes;
    private readonly JsonElement operations;
    private readonly string protocol;
    private readonly XNamespace serviceNamespace;

    public XmlWireWriter(JsonElement model, string protocol)
    {
        shapes = model.GetProperty("shapes");
        operations = model.GetProperty("operations");
        this.protocol = protocol;
        JsonElement metadata = model.GetProperty("metadata");
        serviceNamespace = metadata.TryGetProperty("xmlNamespace", out JsonElement ns) && ns.ValueKind == JsonValueKind.String
            ? XNamespace.Get(ns.GetString()!)
            : XNamespace.None;
    }

    /// <summary>
    /// The part of an output the XML wire can carry, which is what <see cref="Response"/> writes: an empty flattened list
    /// or map is no element at all (so it reads back as absent), and of two members of a structure that the model gives
    /// one element name (S3's deprecated <c>Event</c> and <c>Events</c>), only the first is written.
    /// </summary>
    public JsonElement Representable(string operationName, JsonElement values)
    {
        JsonElement output = operations.GetProperty(operationName).GetProperty("output");
        return JsonSerializer.SerializeToElement(RepresentableStructure(shapes.GetProperty(output.GetProperty("shape").GetString()!), values, protocol == "rest-xml"));
    }

    private JsonObject RepresentableStructure(JsonElement shape, JsonElement values, bool topLevel)
    {
        var result = new JsonObject();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty member in shape.GetProperty("members").EnumerateObject())
        {
            if (!values.TryGetProperty(member.Name, out JsonElement value))
            {
                continue;
            }

            JsonElement target = Target(member.Value);
            bool element = !IsTrue(member.Value, "xmlAttribute") && !(topLevel && member.Value.TryGetProperty("location", out _));
            bool flattened = IsTrue(member.Value, "flattened") || IsTrue(target, "flattened");
            if (element && !names.Add(ElementName(member.Value, member.Name, target)))
            {
                continue;
            }

            if (flattened && value.ValueKind is JsonValueKind.Array or JsonValueKind.Object && !HasItems(value))
            {
                continue;
            }

            result[member.Name] = RepresentableValue(target, value);
        }

        return result;
    }

    private JsonNode? RepresentableValue(JsonElement target, JsonElement value) => target.GetProperty("type").GetString() switch
    {
        "structure" => RepresentableStructure(target, value, topLevel: false),
        "list" => new JsonArray(value.EnumerateArray().Select(item => RepresentableValue(Target(target.GetProperty("member")), item)).ToArray()),
        "map" => new JsonObject(value.EnumerateObject().Select(entry => KeyValuePair.Create(entry.Name, RepresentableValue(Target(target.GetProperty("value")), entry.Value)))),
        _ => JsonNode.Parse(value.GetRawText()),
    };

    private static bool HasItems(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() > 0 : value.EnumerateObject().Any();

    public HttpResponseMessage Response(string operationName, JsonElement values)
    {
        JsonElement output = operations.GetProperty(operationName).GetProperty("output");
        string shapeName = output.GetProperty("shape").GetString()!;
        JsonElement shape = shapes.GetProperty(shapeName);
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        byte[] body;
        string contentType = "text/xml";
        bool rest = protocol == "rest-xml";
        if (rest)
        {
            body = RestXmlBody(shapeName, shape, values, ref contentType);
        }
        else
        {
            var envelope = new XElement(serviceNamespace + operationName + "Response");
            XElement result = envelope;
            if (protocol == "query")
            {
                string wrapper = output.TryGetProperty("resultWrapper", out JsonElement w) ? w.GetString()! : operationName + "Result";
                result = new XElement(serviceNamespace + wrapper);
                envelope.Add(result);
                envelope.Add(new XElement(serviceNamespace + "ResponseMetadata", new XElement(serviceNamespace + "RequestId", "request-1")));
            }
            else
            {
                envelope.Add(new XElement(serviceNamespace + "requestId", "request-1"));
            }

            WriteMembers(result, shape, values);
            body = Encoding.UTF8.GetBytes(envelope.ToString(SaveOptions.DisableFormatting));
        }

        response.Content = new ByteArrayContent(body);
        response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (rest)
        {
            AddBindings(response, shape, values);
        }

        return response;
    }

    private byte[] RestXmlBody(string shapeName, JsonElement shape, JsonElement values, ref string contentType)
    {
        if (shape.TryGetProperty("payload", out JsonElement payloadName))
        {
            string name = payloadName.GetString()!;
            if (!values.TryGetProperty(name, out JsonElement value))
            {
                return Array.Empty<byte>();
            }

            JsonElement reference = shape.GetProperty("members").GetProperty(name);
            JsonElement target = Target(reference);
            switch (target.GetProperty("type").GetString())
            {
                case "blob":
                    contentType = "application/octet-stream";
                    return Encoding.UTF8.GetBytes(value.GetString()!);
                case "string":
                    contentType = "text/plain";
                    return Encoding.UTF8.GetBytes(value.GetString()!);
                default:
                    var root = new XElement(XNamespace.None + ElementName(reference, name, target));
                    WriteMembers(root, target, value);
                    return Encoding.UTF8.GetBytes(root.ToString(SaveOptions.DisableFormatting));
            }
        }

        var document = new XElement(XNamespace.None + (shape.TryGetProperty("locationName", out JsonElement own) ? own.GetString()! : shapeName));
        WriteMembers(document, shape, values);
        return Encoding.UTF8.GetBytes(document.ToString(SaveOptions.DisableFormatting));
    }

    private void AddBindings(HttpResponseMessage response, JsonElement shape, JsonElement values)
    {
        foreach (JsonProperty member in shape.GetProperty("members").EnumerateObject())
        {
            if (!values.TryGetProperty(member.Name, out JsonElement value) || !member.Value.TryGetProperty("location", out JsonElement location))
            {
                continue;
            }

            string name = member.Value.TryGetProperty("locationName", out JsonElement n) ? n.GetString()! : member.Name;
            JsonElement target = Target(member.Value);
            switch (location.GetString())
            {
                case "header":
                    AddHeader(response, name, HeaderText(member.Value, target, value));
                    break;
                case "headers":
                    JsonElement valueReference = target.GetProperty("value");
                    foreach (JsonProperty entry in value.EnumerateObject())
                    {
                        AddHeader(response, name + entry.Name, HeaderText(valueReference, Target(valueReference), entry.Value));
                    }

                    break;
                case "statusCode":
                    response.StatusCode = (HttpStatusCode)value.GetInt32();
                    break;
            }
        }
    }

    private void WriteMembers(XElement parent, JsonElement shape, JsonElement values)
    {
        foreach (JsonProperty member in shape.GetProperty("members").EnumerateObject())
        {
            if (!values.TryGetProperty(member.Name, out JsonElement value) || (protocol == "rest-xml" && member.Value.TryGetProperty("location", out _)))
            {
                continue;
            }

            JsonElement target = Target(member.Value);
            string name = ElementName(member.Value, member.Name, target);
            if (IsTrue(member.Value, "xmlAttribute"))
            {
                parent.SetAttributeValue(AttributeName(parent, shape, member.Value, name), Scalar(member.Value, target, value));
                continue;
            }

            WriteValue(parent, name, member.Value, target, value, IsTrue(member.Value, "flattened") || IsTrue(target, "flattened"));
        }
    }

    private void WriteValue(XElement parent, string name, JsonElement reference, JsonElement target, JsonElement value, bool flattened)
    {
        XNamespace ns = parent.Name.Namespace;
        switch (target.GetProperty("type").GetString())
        {
            case "structure":
                var structure = new XElement(ns + name);
                WriteMembers(structure, target, value);
                parent.Add(structure);
                break;
            case "list":
                JsonElement itemReference = target.GetProperty("member");
                JsonElement itemTarget = Target(itemReference);
                string itemName = itemReference.TryGetProperty("locationName", out JsonElement item) ? item.GetString()! : flattened ? name : "member";
                XElement items = flattened ? parent : new XElement(ns + name);
                foreach (JsonElement element in value.EnumerateArray())
                {
                    WriteValue(items, itemName, itemReference, itemTarget, element, IsTrue(itemTarget, "flattened"));
                }

                if (!flattened)
                {
                    parent.Add(items);
                }

                break;
            case "map":
                JsonElement keyReference = target.GetProperty("key");
                JsonElement valueReference = target.GetProperty("value");
                string keyName = keyReference.TryGetProperty("locationName", out JsonElement k) ? k.GetString()! : "key";
                string valueName = valueReference.TryGetProperty("locationName", out JsonElement v) ? v.GetString()! : "value";
                XElement entries = flattened ? parent : new XElement(ns + name);
                foreach (JsonProperty entry in value.EnumerateObject())
                {
                    var pair = new XElement(ns + (flattened ? name : "entry"), new XElement(ns + keyName, entry.Name));
                    WriteValue(pair, valueName, valueReference, Target(valueReference), entry.Value, false);
                    entries.Add(pair);
                }

                if (!flattened)
                {
                    parent.Add(entries);
                }

                break;
            default:
                parent.Add(new XElement(ns + name, Scalar(reference, target, value)));
                break;
        }
    }

    /// <summary>
    /// An attribute's name; a prefixed one (S3's <c>xsi:type</c>) is in the namespace the <c>xmlNamespace</c> of its
    /// reference or of its structure declares for that prefix, declared on the element.
    /// </summary>
    private static XName AttributeName(XElement element, JsonElement structure, JsonElement reference, string name)
    {
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return XNamespace.None + name;
        }

        string prefix = name[..colon];
        string uri = new[] { reference, structure }
            .Where(e => e.TryGetProperty("xmlNamespace", out JsonElement ns) && ns.ValueKind == JsonValueKind.Object
                && ns.TryGetProperty("prefix", out JsonElement p) && p.GetString() == prefix)
            .Select(e => e.GetProperty("xmlNamespace").GetProperty("uri").GetString()!)
            .FirstOrDefault() ?? "urn:" + prefix;
        element.SetAttributeValue(XNamespace.Xmlns + prefix, uri);
        return XNamespace.Get(uri) + name[(colon + 1)..];
    }

    private static string ElementName(JsonElement reference, string memberName, JsonElement target)
    {
        // A flattened list's elements take the list member's name when it has one (botocore's parsers do the same).
        if (target.GetProperty("type").GetString() == "list" && (IsTrue(reference, "flattened") || IsTrue(target, "flattened"))
            && target.GetProperty("member").TryGetProperty("locationName", out JsonElement itemName))
        {
            return itemName.GetString()!;
        }

        return reference.TryGetProperty("locationName", out JsonElement name) ? name.GetString()! : memberName;
    }

    private static string Scalar(JsonElement reference, JsonElement target, JsonElement value) => target.GetProperty("type").GetString() switch
    {
        "timestamp" => TimestampFormat(reference, target) switch
        {
            "rfc822" => Time(value).ToString("r", CultureInfo.InvariantCulture),
            "unixTimestamp" => value.GetInt64().ToString(CultureInfo.InvariantCulture),
            _ => Time(value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        },
        "blob" => Convert.ToBase64String(Encoding.UTF8.GetBytes(value.GetString()!)),
        "boolean" => value.GetBoolean() ? "true" : "false",
        "string" => value.GetString()!,
        _ => value.GetRawText(),
    };

    private static string HeaderText(JsonElement reference, JsonElement target, JsonElement value) => target.GetProperty("type").GetString() switch
    {
        "timestamp" => TimestampFormat(reference, target) switch
        {
            "iso8601" => Time(value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "unixTimestamp" => value.GetInt64().ToString(CultureInfo.InvariantCulture),
            _ => Time(value).ToString("r", CultureInfo.InvariantCulture),
        },
        "list" => string.Join(", ", value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText())),
        _ => Scalar(reference, target, value),
    };

    private static string? TimestampFormat(JsonElement reference, JsonElement target) =>
        reference.TryGetProperty("timestampFormat", out JsonElement own) ? own.GetString()
        : target.TryGetProperty("timestampFormat", out JsonElement shared) ? shared.GetString()
        : null;

    private static void AddHeader(HttpResponseMessage response, string name, string value)
    {
        if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
        {
            // A modelled Content-Type member is the response's content type, not a second value of it.
            response.Content!.Headers.Remove("Content-Type");
        }

        if (!response.Headers.TryAddWithoutValidation(name, value))
        {
            response.Content!.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private JsonElement Target(JsonElement reference) => shapes.GetProperty(reference.GetProperty("shape").GetString()!);

    private static bool IsTrue(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement flag) && flag.ValueKind == JsonValueKind.True;

    private static DateTimeOffset Time(JsonElement value) => Epoch.AddSeconds(value.GetInt64());
}

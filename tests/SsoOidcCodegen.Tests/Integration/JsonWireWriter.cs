namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// Writes an operation's output, given in the suites' JSON conventions (members by model name, timestamps
/// as epoch seconds, blobs as text), as a JSON-protocol HTTP response: what a service sends. Written from
/// the protocol rules (awsJson: everything in the body; restJson: body, <c>header</c>, <c>headers</c>,
/// <c>statusCode</c> and payload bindings), independently of the generated readers it feeds.
/// </summary>
internal sealed class JsonWireWriter(ServiceSpec spec)
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    public HttpResponseMessage Response(ShapeSpec output, JsonElement values)
    {
        bool rest = spec.Protocol == ProtocolKind.RestJson;
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        byte[] body;
        string contentType = rest ? "application/json" : spec.Protocol == ProtocolKind.AwsJson10 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
        MemberSpec? payload = rest && output.PayloadMember is { } payloadName ? output.Members.First(m => m.Name == payloadName) : null;
        if (payload is not null)
        {
            body = values.TryGetProperty(payload.Name, out JsonElement value) ? PayloadBytes(payload.Type, value, ref contentType) : Array.Empty<byte>();
        }
        else
        {
            var document = new JsonObject();
            foreach (MemberSpec member in output.Members.Where(m => !rest || m.Location == MemberLocation.Body))
            {
                if (values.TryGetProperty(member.Name, out JsonElement value))
                {
                    document[member.WireName] = Body(member.Type, value);
                }
            }

            body = Encoding.UTF8.GetBytes(document.ToJsonString());
        }

        response.Content = new ByteArrayContent(body);
        response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (!rest)
        {
            return response;
        }

        foreach (MemberSpec member in output.Members)
        {
            if (!values.TryGetProperty(member.Name, out JsonElement value))
            {
                continue;
            }

            switch (member.Location)
            {
                case MemberLocation.Header:
                    AddHeader(response, member.LocationName ?? member.Name, member.IsJsonValue
                        ? Convert.ToBase64String(Encoding.UTF8.GetBytes(value.GetString()!))
                        : HeaderText(member.Type, value));
                    break;
                case MemberLocation.Headers:
                    foreach (JsonProperty entry in value.EnumerateObject())
                    {
                        AddHeader(response, (member.LocationName ?? string.Empty) + entry.Name, HeaderText(member.Type.Value!, entry.Value));
                    }

                    break;
                case MemberLocation.StatusCode:
                    response.StatusCode = (HttpStatusCode)value.GetInt32();
                    break;
            }
        }

        return response;
    }

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

    private byte[] PayloadBytes(TypeRef type, JsonElement value, ref string contentType)
    {
        switch (type.Kind)
        {
            case TypeKind.Blob:
                contentType = "application/octet-stream";
                return Encoding.UTF8.GetBytes(value.GetString()!);
            case TypeKind.String:
            case TypeKind.StringEnum:
                contentType = "text/plain";
                return Encoding.UTF8.GetBytes(value.GetString()!);
            default:
                return Encoding.UTF8.GetBytes(Body(type, value)!.ToJsonString());
        }
    }

    private JsonNode? Body(TypeRef type, JsonElement value)
    {
        switch (type.Kind)
        {
            case TypeKind.Timestamp:
                return type.TimestampFormat switch
                {
                    TimestampFormat.Iso8601 => JsonValue.Create(Time(value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                    TimestampFormat.Rfc822 => JsonValue.Create(Time(value).ToString("r", CultureInfo.InvariantCulture)),
                    _ => JsonValue.Create(value.GetInt64()),
                };
            case TypeKind.Blob:
                return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(value.GetString()!)));
            case TypeKind.Structure:
                ShapeSpec shape = spec.Shapes.First(s => s.TypeName == type.TypeName);
                var structure = new JsonObject();
                foreach (MemberSpec member in shape.Members)
                {
                    if (value.TryGetProperty(member.Name, out JsonElement memberValue))
                    {
                        structure[member.WireName] = Body(member.Type, memberValue);
                    }
                }

                return structure;
            case TypeKind.List:
                return new JsonArray(value.EnumerateArray().Select(item => Body(type.Element!, item)).ToArray());
            case TypeKind.Map:
                var map = new JsonObject();
                foreach (JsonProperty entry in value.EnumerateObject())
                {
                    map[entry.Name] = Body(type.Value!, entry.Value);
                }

                return map;
            default:
                return JsonNode.Parse(value.GetRawText());
        }
    }

    private static string HeaderText(TypeRef type, JsonElement value) => type.Kind switch
    {
        TypeKind.Timestamp => type.TimestampFormat switch
        {
            TimestampFormat.Iso8601 => Time(value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            TimestampFormat.EpochSeconds => value.GetInt64().ToString(CultureInfo.InvariantCulture),
            _ => Time(value).ToString("r", CultureInfo.InvariantCulture),
        },
        TypeKind.Blob => Convert.ToBase64String(Encoding.UTF8.GetBytes(value.GetString()!)),
        TypeKind.List => string.Join(", ", value.EnumerateArray().Select(item => HeaderText(type.Element!, item))),
        TypeKind.Boolean => value.GetBoolean() ? "true" : "false",
        TypeKind.String or TypeKind.StringEnum => value.GetString()!,
        _ => value.GetRawText(),
    };

    private static DateTimeOffset Time(JsonElement value) => Epoch.AddSeconds(value.GetInt64());
}

namespace SsoOidcCodegen.Tests.EventStreams;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Protocols.EventStream;

/// <summary>
/// The independent check of signed input event frames: <c>node tests/node/eventstream-sign-verify.js</c> reads each
/// envelope with <c>@smithy/eventstream-codec</c> and recomputes its signature with node's own <c>crypto</c>, chained
/// from the seed. Skipped with the reason without node or the package (a failure under <c>CI=true</c>).
/// </summary>
internal static class NodeEventStreamSigning
{
    /// <summary>What node reads and recomputes for each frame, in order.</summary>
    public static async Task<IReadOnlyList<Frame>> VerifyAsync(string secret, string region, string service, string seed, IEnumerable<byte[]> frames)
    {
        var request = new JsonObject
        {
            ["secret"] = secret,
            ["region"] = region,
            ["service"] = service,
            ["seed"] = seed,
            ["frames"] = new JsonArray(frames.Select(f => (JsonNode?)Convert.ToBase64String(f)).ToArray()),
        };
        JsonNode answer = await NodeEventStreamCodec.RunAsync(request, "eventstream-sign-verify.js");
        return answer["frames"]!.AsArray().Select(f => new Frame(
            long.Parse(f!["date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            f["signature"]!.GetValue<string>(),
            f["expected"]!.GetValue<string>(),
            f["stringToSign"]!.GetValue<string>(),
            Convert.FromBase64String(f["payload"]!.GetValue<string>()),
            f["inner"] is JsonObject inner ? Inner(inner) : null,
            f["headerNames"]!.AsArray().Select(n => n!.GetValue<string>()).ToList())).ToList();
    }

    private static EventStreamMessage Inner(JsonObject inner)
    {
        var headers = new List<EventStreamHeader>();
        foreach (JsonNode? header in inner["headers"]!.AsArray())
        {
            string name = header!["name"]!.GetValue<string>();
            JsonNode value = header["value"]!;
            headers.Add(header["type"]!.GetValue<string>() switch
            {
                "boolean" => EventStreamHeader.Boolean(name, value.GetValue<bool>()),
                "byte" => EventStreamHeader.Byte(name, value.GetValue<sbyte>()),
                "short" => EventStreamHeader.Short(name, value.GetValue<short>()),
                "integer" => EventStreamHeader.Integer(name, value.GetValue<int>()),
                "long" => EventStreamHeader.Long(name, long.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)),
                "timestamp" => EventStreamHeader.Timestamp(name, long.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)),
                "binary" => EventStreamHeader.ByteArray(name, Convert.FromBase64String(value.GetValue<string>())),
                "string" => EventStreamHeader.String(name, value.GetValue<string>()),
                string other => throw new InvalidOperationException("Unknown header type from node: " + other),
            });
        }

        return new EventStreamMessage(headers, Convert.FromBase64String(inner["body"]!.GetValue<string>()));
    }

    /// <summary>One envelope as node read it: its <c>:date</c>, the signature sent and the one recomputed, the payload, and the inner message node decoded from it (null for the empty end frame).</summary>
    public sealed record Frame(long DateMilliseconds, string Signature, string Expected, string StringToSign, byte[] Payload, EventStreamMessage? Inner, IReadOnlyList<string> HeaderNames);
}

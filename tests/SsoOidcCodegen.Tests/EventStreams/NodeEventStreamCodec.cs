namespace SsoOidcCodegen.Tests.EventStreams;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Protocols.EventStream;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The independent peer of our event-stream codec: the npm package <c>@smithy/eventstream-codec</c> (pinned in
/// <c>tests/node/package-lock.json</c>) run by <c>node tests/node/eventstream-codec.js</c>. Without node or the
/// package the test is skipped with the reason, except under CI (<c>CI=true</c>), where their absence is a failure.
/// </summary>
internal static class NodeEventStreamCodec
{
    /// <summary>Frames the npm encoder writes for the messages.</summary>
    public static async Task<IReadOnlyList<byte[]>> EncodeAsync(IEnumerable<EventStreamMessage> messages)
    {
        var request = new JsonObject
        {
            ["mode"] = "encode",
            ["messages"] = new JsonArray(messages.Select(ToJson).ToArray<JsonNode?>()),
        };
        JsonNode answer = await RunAsync(request);
        return answer["frames"]!.AsArray().Select(f => Convert.FromBase64String(f!.GetValue<string>())).ToList();
    }

    /// <summary>What the npm decoder reads from each frame: the message, or its error text.</summary>
    public static async Task<IReadOnlyList<(EventStreamMessage? Message, string? Error)>> DecodeAsync(IEnumerable<byte[]> frames)
    {
        var request = new JsonObject
        {
            ["mode"] = "decode",
            ["frames"] = new JsonArray(frames.Select(f => (JsonNode?)Convert.ToBase64String(f)).ToArray()),
        };
        JsonNode answer = await RunAsync(request);
        return answer["messages"]!.AsArray()
            .Select(m => m!["error"] is { } error ? ((EventStreamMessage?)null, (string?)error.GetValue<string>()) : (FromJson(m), null))
            .ToList();
    }

    private static JsonObject ToJson(EventStreamMessage message) => new()
    {
        ["headers"] = new JsonArray(message.Headers.Select(h => (JsonNode?)new JsonObject
        {
            ["name"] = h.Name,
            ["type"] = TypeName(h.Type),
            ["value"] = h.Type switch
            {
                EventStreamHeaderType.BoolTrue => true,
                EventStreamHeaderType.BoolFalse => false,
                EventStreamHeaderType.Byte or EventStreamHeaderType.Short or EventStreamHeaderType.Integer => h.IntegerValue,
                EventStreamHeaderType.Long => h.IntegerValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                EventStreamHeaderType.Timestamp => h.TimestampMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                EventStreamHeaderType.ByteArray => Convert.ToBase64String(h.BytesValue.Span),
                EventStreamHeaderType.String => h.StringValue,
                _ => h.UuidValue.ToString("D"),
            },
        }).ToArray()),
        ["body"] = Convert.ToBase64String(message.Payload.Span),
    };

    private static EventStreamMessage FromJson(JsonNode message)
    {
        var headers = new List<EventStreamHeader>();
        foreach (JsonNode? header in message["headers"]!.AsArray())
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
                "uuid" => EventStreamHeader.Uuid(name, Guid.Parse(value.GetValue<string>())),
                string other => throw new InvalidOperationException("Unknown header type from node: " + other),
            });
        }

        return new EventStreamMessage(headers, Convert.FromBase64String(message["body"]!.GetValue<string>()));
    }

    private static string TypeName(EventStreamHeaderType type) => type switch
    {
        EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => "boolean",
        EventStreamHeaderType.Byte => "byte",
        EventStreamHeaderType.Short => "short",
        EventStreamHeaderType.Integer => "integer",
        EventStreamHeaderType.Long => "long",
        EventStreamHeaderType.ByteArray => "binary",
        EventStreamHeaderType.String => "string",
        EventStreamHeaderType.Timestamp => "timestamp",
        _ => "uuid",
    };

    /// <summary>Runs one of the node scripts of <c>tests/node</c> with the request on stdin; skips (or fails under CI) without node or the package.</summary>
    internal static async Task<JsonNode> RunAsync(JsonObject request, string script = "eventstream-codec.js")
    {
        string nodeProject = Path.Combine(ReferenceData.RepoRoot, "tests", "node");
        string? node = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "node"))
            .FirstOrDefault(File.Exists);
        if (node is null)
        {
            Unavailable("node is not on PATH (install Node.js; .ci/run requires it).");
        }

        if (!File.Exists(Path.Combine(nodeProject, "node_modules", "@smithy", "eventstream-codec", "package.json")))
        {
            Unavailable($"@smithy/eventstream-codec is not installed: run 'npm ci' in {nodeProject} (.ci/run does).");
        }

        var start = new ProcessStartInfo(node!)
        {
            WorkingDirectory = nodeProject,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(nodeProject, script));
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.StandardInput.WriteAsync(request.ToJsonString());
        process.StandardInput.Close();
        Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
        string output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {await error}");
        }

        return JsonNode.Parse(output) ?? throw new JsonException(script + " wrote no JSON.");
    }

    private static void Unavailable(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true and the event-stream codec cannot be checked: " + reason);
        }

        Assert.Skip(reason);
    }
}

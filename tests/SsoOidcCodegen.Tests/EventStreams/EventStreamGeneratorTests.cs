namespace SsoOidcCodegen.Tests.EventStreams;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Protocols.EventStream;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Output event streams become typed event hierarchies: a synthetic model whose event names clash with every name
/// the generated hierarchy uses, with header members of every type and payload members of every kind, compiles and
/// reads messages into the right cases; every model in the reference data generates all its event-stream
/// operations, input ones included (SOC007 is left only for input event streams over a protocol other than restJson).
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class EventStreamGeneratorTests
{
    private const string SyntheticModel = """
    {
      "version": "2.0",
      "metadata": { "apiVersion": "2024-01-01", "endpointPrefix": "synth", "protocol": "PROTOCOL", "jsonVersion": "1.1", "targetPrefix": "Synth", "serviceId": "Synth", "signatureVersion": "v4", "uid": "synth-2024-01-01" },
      "operations": {
        "Watch": { "name": "Watch", "http": { "method": "POST", "requestUri": "/watch" }, "input": { "shape": "WatchRequest" }, "output": { "shape": "WatchResponse" } },
        "Send": { "name": "Send", "http": { "method": "POST", "requestUri": "/send" }, "input": { "shape": "SendRequest" }, "output": { "shape": "SendResponse" } }
      },
      "shapes": {
        "WatchRequest": { "type": "structure", "members": { "Name": { "shape": "String" } } },
        "WatchResponse": { "type": "structure", "members": { "Tag": { "shape": "String", "location": "header", "locationName": "x-tag" }, "Events": { "shape": "Events" } }, "payload": "Events" },
        "Events": { "type": "structure", "eventstream": true, "members": {
          "value": { "shape": "Headers" }, "eventType": { "shape": "Blobby" }, "unknownEvent": { "shape": "Texty" },
          "events": { "shape": "Doc" }, "toString": { "shape": "Empty" }, "boom": { "shape": "BoomException" } } },
        "Headers": { "type": "structure", "members": {
          "B": { "shape": "Boolean", "eventheader": true }, "Y": { "shape": "Byte", "eventheader": true }, "S": { "shape": "Short", "eventheader": true },
          "I": { "shape": "Integer", "eventheader": true }, "L": { "shape": "Long", "eventheader": true }, "Bin": { "shape": "Blob", "eventheader": true },
          "Str": { "shape": "String", "eventheader": true }, "T": { "shape": "Timestamp", "eventheader": true }, "Body": { "shape": "String" } } },
        "Blobby": { "type": "structure", "members": { "Data": { "shape": "Blob", "eventpayload": true } } },
        "Texty": { "type": "structure", "members": { "Text": { "shape": "String", "eventpayload": true } } },
        "Doc": { "type": "structure", "members": { "Inner": { "shape": "Inner", "eventpayload": true }, "Id": { "shape": "String", "eventheader": true } } },
        "Inner": { "type": "structure", "members": { "N": { "shape": "Integer" } } },
        "Empty": { "type": "structure", "members": {} },
        "BoomException": { "type": "structure", "members": { "message": { "shape": "String" }, "Level": { "shape": "Integer" } }, "exception": true, "error": { "httpStatusCode": 400 } },
        "SendRequest": { "type": "structure", "members": { "In": { "shape": "InEvents" } }, "payload": "In" },
        "SendResponse": { "type": "structure", "members": {} },
        "InEvents": { "type": "structure", "eventstream": true, "members": { "a": { "shape": "Empty" } } },
        "String": { "type": "string" }, "Boolean": { "type": "boolean" }, "Byte": { "type": "byte" }, "Short": { "type": "short" },
        "Integer": { "type": "integer" }, "Long": { "type": "long" }, "Blob": { "type": "blob" }, "Timestamp": { "type": "timestamp" }
      }
    }
    """;

    [Theory]
    [InlineData("rest-json")]
    [InlineData("json")]
    public void Events_named_like_the_generated_members_get_cases_of_their_own_and_read_headers_and_payloads(string protocol)
    {
        GeneratorRun run = GeneratorHarness.Run([new ModelFile("synth.json", SyntheticModel.Replace("PROTOCOL", protocol, StringComparison.Ordinal), Namespace: "Synth")]);

        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        if (protocol == "json")
        {
            Diagnostic leftOut = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC007");
            Assert.Contains("Send", leftOut.GetMessage(), StringComparison.Ordinal);
            Assert.Contains("input event streams are generated for restJson only", leftOut.GetMessage(), StringComparison.Ordinal);
        }
        else
        {
            // restJson sends the input stream (InputEventStreamGeneratorTests).
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "SOC007");
        }

        Assembly assembly = Load(run);
        Type events = assembly.GetType("Synth.Model.Events")!;
        Assert.True(events.IsAbstract);
        Assert.Equal(
            ["EventType2", "Events2", "ToString2", "UnknownEvent", "UnknownEvent2", "Value2"],
            events.GetNestedTypes().Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(events.GetNestedTypes(), t => Assert.True(t.IsSealed && t.BaseType == events));
        Type response = assembly.GetType("Synth.Model.WatchResponse")!;
        Assert.Equal(typeof(AwsEventStream<>).MakeGenericType(events), response.GetProperty("Events")!.PropertyType);

        MethodInfo readEvent = assembly.GetType("Synth.Internal.EventsEventReader")!.GetMethod("ReadEvent")!;
        var time = new DateTimeOffset(2026, 12, 1, 3, 4, 5, 678, TimeSpan.Zero);
        object headers = readEvent.Invoke(null, [Event("value", """{"Body":"the body"}""",
            EventStreamHeader.Boolean("B", true), EventStreamHeader.Byte("Y", -7), EventStreamHeader.Short("S", -300),
            EventStreamHeader.Integer("I", 70_000), EventStreamHeader.Long("L", long.MinValue), EventStreamHeader.ByteArray("Bin", [1, 2, 3]),
            EventStreamHeader.String("Str", "text"), EventStreamHeader.Timestamp("T", time))])!;
        Assert.Equal("Value2", headers.GetType().Name);
        object value = Get(headers, "Value");
        Assert.Equal(true, Get(value, "B"));
        Assert.Equal((sbyte)-7, Get(value, "Y"));
        Assert.Equal((short)-300, Get(value, "S"));
        Assert.Equal(70_000, Get(value, "I"));
        Assert.Equal(long.MinValue, Get(value, "L"));
        Assert.Equal(new byte[] { 1, 2, 3 }, Get(value, "Bin"));
        Assert.Equal("text", Get(value, "Str"));
        Assert.Equal(time, Get(value, "T"));
        Assert.Equal("the body", Get(value, "Body"));
        Assert.Equal("value", Get(headers, "EventType"));

        object blob = readEvent.Invoke(null, [Event("eventType", "\u0000\u00ffraw")])!;
        Assert.Equal("EventType2", blob.GetType().Name);
        Assert.Equal(Encoding.UTF8.GetBytes("\u0000\u00ffraw"), Get(Get(blob, "Value"), "Data"));

        object text = readEvent.Invoke(null, [Event("unknownEvent", "plain text, not JSON")])!;
        Assert.Equal("UnknownEvent2", text.GetType().Name);
        Assert.Equal("plain text, not JSON", Get(Get(text, "Value"), "Text"));

        object doc = readEvent.Invoke(null, [Event("events", """{"N":42}""", EventStreamHeader.String("Id", "id-1"))])!;
        Assert.Equal("Events2", doc.GetType().Name);
        Assert.Equal(42, Get(Get(Get(doc, "Value"), "Inner"), "N"));
        Assert.Equal("id-1", Get(Get(doc, "Value"), "Id"));

        Assert.Equal("ToString2", readEvent.Invoke(null, [Event("toString", string.Empty)])!.GetType().Name);

        EventStreamMessage newer = Event("fromTheFuture", "{}");
        object unknown = readEvent.Invoke(null, [newer])!;
        Assert.Equal("UnknownEvent", unknown.GetType().Name);
        Assert.Equal("fromTheFuture", Get(unknown, "EventType"));
        Assert.Same(newer, Get(unknown, "Message"));

        MethodInfo readError = assembly.GetType("Synth.Internal.EventsEventReader")!.GetMethod("ReadError")!;
        var boom = (AwsServiceException)readError.Invoke(null, [Message("exception", ":exception-type", "boom", """{"message":"it broke","Level":3}"""), System.Net.HttpStatusCode.OK, "req-1"])!;
        Assert.Equal("Synth.Model.BoomException", boom.GetType().FullName);
        Assert.Equal("it broke", boom.Message);
        Assert.Equal(3, Get(boom, "Level"));
        Assert.Equal("req-1", boom.RequestId);

        var other = (AwsServiceException)readError.Invoke(null, [Message("exception", ":exception-type", "notModelled", """{"Message":"who knows"}"""), System.Net.HttpStatusCode.OK, null])!;
        Assert.Equal("Synth.SynthException", other.GetType().FullName);
        Assert.Equal("notModelled", other.ErrorCode);
        Assert.Equal("who knows", other.Message);

        var error = (AwsServiceException)readError.Invoke(null, [new EventStreamMessage([EventStreamHeader.String(":message-type", "error"), EventStreamHeader.String(":error-code", "Oops"), EventStreamHeader.String(":error-message", "went wrong")], default), System.Net.HttpStatusCode.OK, null])!;
        Assert.Equal("Synth.SynthException", error.GetType().FullName);
        Assert.Equal("Oops", error.ErrorCode);
        Assert.Equal("went wrong", error.Message);
    }

    [Theory]
    // awsJson ignores the header location: Tag is a body member, named x-tag by its locationName.
    [InlineData("json", "from the initial response")]
    [InlineData("rest-json", "from the header")]
    public async Task The_response_holds_the_stream_and_its_other_members_come_from_the_headers_or_the_initial_response(string protocol, string tag)
    {
        GeneratorRun run = GeneratorHarness.Run([new ModelFile("synth.json", SyntheticModel.Replace("PROTOCOL", protocol, StringComparison.Ordinal), Namespace: "Synth")]);
        Assembly assembly = Load(run);
        MethodInfo unmarshal = assembly.GetType("Synth.Internal.WatchOperation")!.GetMethod("Unmarshal")!;
        byte[] body =
        [
            .. EventStreamCodec.Encode(Event("initial-response", "{\"x-tag\":\"from the initial response\"}")),
            .. EventStreamCodec.Encode(Event("toString", "{}")),
            .. EventStreamCodec.Encode(Event("unknownEvent", "last")),
        ];
        using var message = new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new System.Net.Http.ByteArrayContent([]) };
        message.Headers.TryAddWithoutValidation("x-tag", "from the header");
        var stream = new ChunkedStream(body, 7);

        object result = unmarshal.Invoke(null, [new SsoOidcCodegen.Runtime.Http.AwsResponse(message, ReadOnlyMemory<byte>.Empty, stream)])!;
        var events = (IAsyncEnumerable<object>)Get(result, "Events");
        Assert.Equal(0, stream.BytesRead);
        var names = new List<string>();
        await foreach (object item in events.WithCancellation(TestContext.Current.CancellationToken))
        {
            names.Add(item.GetType().Name);
        }

        Assert.Equal(["ToString2", "UnknownEvent2"], names);
        Assert.Equal(tag, Get(result, "Tag"));
        Assert.True(stream.Disposed);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await events.GetAsyncEnumerator(TestContext.Current.CancellationToken).MoveNextAsync());
    }

    public static TheoryData<string> ModelsWithEventStreams()
    {
        var data = new TheoryData<string>();
        foreach ((string variable, string fallback, SearchOption search) in new[] { ("AWS_MODELS_DIR", "aws/models", SearchOption.AllDirectories), ("AWS_NEXT_MODELS_DIR", "aws/next/models", SearchOption.TopDirectoryOnly) })
        {
            string? directory = ReferenceData.TryGet(variable, fallback);
            if (directory is null)
            {
                data.Add($"({variable} missing)");
                continue;
            }

            foreach (string file in Directory.GetFiles(directory, "*.json", search).Order(StringComparer.Ordinal))
            {
                if (File.ReadAllText(file).Contains("\"eventstream\"", StringComparison.Ordinal))
                {
                    data.Add(variable + ":" + Path.GetRelativePath(directory, file).Replace('\\', '/'));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsWithEventStreams))]
    public void Every_operation_with_an_event_stream_is_generated_and_only_input_event_streams_over_other_protocols_are_left_out(string model)
    {
        string[] parts = model.Split(':', 2);
        string directory = parts[0] == "AWS_MODELS_DIR" ? ReferenceData.Require("AWS_MODELS_DIR", "aws/models") : ReferenceData.Require("AWS_NEXT_MODELS_DIR", "aws/next/models");
        string path = Path.Combine(directory, parts[1]);
        (List<string> outputStreams, List<string> inputStreams) = EventStreamOperations(path);
        Assert.NotEmpty(outputStreams.Concat(inputStreams));

        GeneratorRun run = GeneratorHarness.Run(ModelFile.FromDisk(path));

        string client = run.Sources.Single(s => s.HintName.EndsWith("Client.g.cs", StringComparison.Ordinal) && !s.HintName.Contains(".I", StringComparison.Ordinal)).SourceText.ToString();
        bool restJson = File.ReadAllText(path).Contains("\"protocol\":\"rest-json\"", StringComparison.Ordinal)
            || File.ReadAllText(path).Contains("\"protocol\": \"rest-json\"", StringComparison.Ordinal);
        foreach (string operation in outputStreams.Concat(restJson ? inputStreams : []))
        {
            Assert.Contains($" {operation}Async(", client, StringComparison.Ordinal);
        }

        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        List<string> leftOut = run.GeneratorDiagnostics.Where(d => d.Id == "SOC007").Select(d => d.GetMessage()).ToList();
        Assert.All(leftOut.Where(m => m.Contains("streams events", StringComparison.Ordinal)), m => Assert.Contains("input event streams are generated for restJson only", m, StringComparison.Ordinal));
        foreach (string operation in restJson ? [] : inputStreams)
        {
            Assert.Contains(leftOut, m => m.StartsWith($"Operation '{operation}' is left out: its input streams events", StringComparison.Ordinal));
        }
    }

    /// <summary>The operations whose output (and not input) holds an event stream, and those whose input does, read from the model itself.</summary>
    private static (List<string> Output, List<string> Input) EventStreamOperations(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement shapes = document.RootElement.GetProperty("shapes");
        bool Streams(JsonElement operation, string key) =>
            operation.TryGetProperty(key, out JsonElement reference)
            && shapes.GetProperty(reference.GetProperty("shape").GetString()!).TryGetProperty("members", out JsonElement members)
            && members.EnumerateObject().Any(m => shapes.GetProperty(m.Value.GetProperty("shape").GetString()!).TryGetProperty("eventstream", out JsonElement flag) && flag.GetBoolean());
        var output = new List<string>();
        var input = new List<string>();
        foreach (JsonProperty operation in document.RootElement.GetProperty("operations").EnumerateObject())
        {
            if (Streams(operation.Value, "input"))
            {
                input.Add(operation.Name);
            }
            else if (Streams(operation.Value, "output"))
            {
                output.Add(operation.Name);
            }
        }

        return (output, input);
    }

    private static EventStreamMessage Event(string type, string payload, params EventStreamHeader[] headers) =>
        new([EventStreamHeader.String(":message-type", "event"), EventStreamHeader.String(":event-type", type), .. headers], Encoding.UTF8.GetBytes(payload));

    private static EventStreamMessage Message(string messageType, string typeHeader, string type, string payload) =>
        new([EventStreamHeader.String(":message-type", messageType), EventStreamHeader.String(typeHeader, type)], Encoding.UTF8.GetBytes(payload));

    private static object Get(object target, string property) =>
        target.GetType().GetProperty(property)!.GetValue(target)!;

    private static Assembly Load(GeneratorRun run)
    {
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = run.Compilation.Emit(image);
        Assert.True(result.Success, GeneratorRun.Describe(result.Diagnostics));
        image.Position = 0;
        return TestAssemblies.Load("event streams " + Guid.NewGuid().ToString("N"), image);
    }
}

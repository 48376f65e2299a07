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
using SsoOidcCodegen.Runtime.Http;
using SsoOidcCodegen.Runtime.Protocols.EventStream;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Input event streams (restJson) are generated: a synthetic model shaped like Transcribe Streaming's
/// StartStreamTranscription (the audio stream is the payload, the other members are headers; events with header
/// members of every type and blob, string, structure and document payloads; an output stream with an error event)
/// compiles without SOC007, its request carries the caller's events, and its writer turns each event into the message
/// the Smithy event-stream rules describe, refusing an event whose required member is missing.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class InputEventStreamGeneratorTests
{
    internal const string TranscribeShaped = """
    {
      "version": "2.0",
      "metadata": { "apiVersion": "2024-01-01", "endpointPrefix": "listen", "protocol": "PROTOCOL", "jsonVersion": "1.1", "targetPrefix": "Listen", "serviceId": "Listen", "signatureVersion": "v4", "signingName": "listen", "uid": "listen-2024-01-01" },
      "operations": {
        "StartListening": { "name": "StartListening", "http": { "method": "POST", "requestUri": "/listen/{Room}" }, "input": { "shape": "StartListeningRequest" }, "output": { "shape": "StartListeningResponse" } }
      },
      "shapes": {
        "StartListeningRequest": { "type": "structure", "required": ["Room", "LanguageCode", "AudioStream"], "members": {
          "Room": { "shape": "String", "location": "uri", "locationName": "Room" },
          "LanguageCode": { "shape": "String", "location": "header", "locationName": "x-amzn-listen-language-code" },
          "SampleRate": { "shape": "Integer", "location": "header", "locationName": "x-amzn-listen-sample-rate" },
          "Verbose": { "shape": "Boolean", "location": "querystring", "locationName": "verbose" },
          "AudioStream": { "shape": "AudioStream" } }, "payload": "AudioStream" },
        "StartListeningResponse": { "type": "structure", "members": {
          "SessionId": { "shape": "String", "location": "header", "locationName": "x-amzn-listen-session-id" },
          "ResultStream": { "shape": "ResultStream" } }, "payload": "ResultStream" },
        "AudioStream": { "type": "structure", "eventstream": true, "members": {
          "AudioEvent": { "shape": "AudioEvent" }, "ConfigurationEvent": { "shape": "ConfigurationEvent" },
          "TextEvent": { "shape": "TextEvent" }, "SettingsEvent": { "shape": "SettingsEvent" }, "value": { "shape": "Headers" } } },
        "AudioEvent": { "type": "structure", "members": { "AudioChunk": { "shape": "Blob", "eventpayload": true } } },
        "ConfigurationEvent": { "type": "structure", "required": ["Name"], "members": {
          "Name": { "shape": "String" }, "Channels": { "shape": "Channels" }, "Tag": { "shape": "String", "eventheader": true } } },
        "Channels": { "type": "list", "member": { "shape": "Channel" } },
        "Channel": { "type": "structure", "required": ["Id"], "members": { "Id": { "shape": "Integer" }, "Label": { "shape": "String" } } },
        "TextEvent": { "type": "structure", "members": { "Text": { "shape": "String", "eventpayload": true } } },
        "SettingsEvent": { "type": "structure", "members": { "Settings": { "shape": "Settings", "eventpayload": true }, "Id": { "shape": "String", "eventheader": true } } },
        "Settings": { "type": "structure", "members": { "Level": { "shape": "Integer" }, "Mode": { "shape": "Mode" } } },
        "Mode": { "type": "string", "enum": ["fast", "careful"] },
        "Headers": { "type": "structure", "members": {
          "B": { "shape": "Boolean", "eventheader": true }, "Y": { "shape": "Byte", "eventheader": true }, "S": { "shape": "Short", "eventheader": true },
          "I": { "shape": "Integer", "eventheader": true }, "L": { "shape": "Long", "eventheader": true }, "Bin": { "shape": "Blob", "eventheader": true },
          "Str": { "shape": "String", "eventheader": true }, "T": { "shape": "Timestamp", "eventheader": true }, "E": { "shape": "Mode", "eventheader": true },
          "Body": { "shape": "String" } } },
        "ResultStream": { "type": "structure", "eventstream": true, "members": {
          "TranscriptEvent": { "shape": "TranscriptEvent" }, "BadRequestException": { "shape": "BadRequestException" } } },
        "TranscriptEvent": { "type": "structure", "members": { "Transcript": { "shape": "String" }, "Final": { "shape": "Boolean" } } },
        "BadRequestException": { "type": "structure", "members": { "Message": { "shape": "String" } }, "exception": true, "error": { "httpStatusCode": 400 } },
        "String": { "type": "string" }, "Boolean": { "type": "boolean" }, "Byte": { "type": "byte" }, "Short": { "type": "short" },
        "Integer": { "type": "integer" }, "Long": { "type": "long" }, "Blob": { "type": "blob" }, "Timestamp": { "type": "timestamp" }
      }
    }
    """;

    [Fact]
    public void A_restJson_operation_with_an_input_event_stream_is_generated_and_its_request_takes_the_callers_events()
    {
        GeneratorRun run = Generate("rest-json");

        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "SOC007" || d.Severity >= DiagnosticSeverity.Warning);
        Assembly assembly = Load(run);
        Type events = assembly.GetType("Listen.Model.AudioStream")!;
        Assert.Equal(
            ["AudioEvent", "ConfigurationEvent", "SettingsEvent", "TextEvent", "UnknownEvent", "Value2"],
            events.GetNestedTypes().Select(t => t.Name).Order(StringComparer.Ordinal));
        Type request = assembly.GetType("Listen.Model.StartListeningRequest")!;
        Assert.Equal(typeof(IAsyncEnumerable<>).MakeGenericType(events), request.GetProperty("AudioStream")!.PropertyType);
        Type response = assembly.GetType("Listen.Model.StartListeningResponse")!;
        Assert.Equal(typeof(AwsEventStream<>).MakeGenericType(assembly.GetType("Listen.Model.ResultStream")!), response.GetProperty("ResultStream")!.PropertyType);
        string client = run.Sources.Single(s => s.HintName.EndsWith(".ListenClient.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains(" StartListeningAsync(", client, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("rest-xml")]
    public void Over_the_other_protocols_an_input_event_stream_still_leaves_its_operation_out_with_the_reason(string protocol)
    {
        GeneratorRun run = Generate(protocol);

        Diagnostic leftOut = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC007");
        Assert.Equal(DiagnosticSeverity.Info, leftOut.Severity);
        Assert.Contains("StartListening", leftOut.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("input event streams are generated for restJson only", leftOut.GetMessage(), StringComparison.Ordinal);
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
    }

    [Fact]
    public async Task The_marshaller_binds_the_other_members_to_the_uri_headers_and_query_and_hands_the_events_to_the_builder()
    {
        Assembly assembly = Load(Generate("rest-json"));
        object request = New(assembly, "Listen.Model.StartListeningRequest");
        Set(request, "Room", "room 1");
        Set(request, "LanguageCode", "en-GB");
        Set(request, "SampleRate", 16000);
        Set(request, "Verbose", true);
        object audio = New(assembly, "Listen.Model.AudioEvent");
        Set(audio, "AudioChunk", new byte[] { 0, 1, 2, 255 });
        object text = New(assembly, "Listen.Model.TextEvent");
        Set(text, "Text", "hello");
        Set(request, "AudioStream", Sequence(assembly, "Listen.Model.AudioStream", Case(assembly, "AudioEvent", audio), Case(assembly, "TextEvent", text)));
        var builder = new AwsRequestBuilder { OperationName = "StartListening" };

        assembly.GetType("Listen.Internal.StartListeningOperation")!.GetMethod("Marshal")!.Invoke(null, [request, builder]);

        Assert.Equal("POST", builder.Method);
        Assert.Equal("/listen/room%201", builder.Path);
        Assert.Equal([new("verbose", "true")], builder.Query);
        Assert.Contains(new KeyValuePair<string, string>("x-amzn-listen-language-code", "en-GB"), builder.Headers);
        Assert.Contains(new KeyValuePair<string, string>("x-amzn-listen-sample-rate", "16000"), builder.Headers);
        Assert.Equal("application/vnd.amazon.eventstream", builder.ContentType);
        Assert.True(builder.Body.IsEmpty);
        var messages = new List<EventStreamMessage>();
        await foreach (EventStreamMessage message in builder.EventStreamBody!.WithCancellation(TestContext.Current.CancellationToken))
        {
            messages.Add(message);
        }

        Assert.Equal(["AudioEvent", "TextEvent"], messages.Select(m => m.EventType));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, messages[0].Payload.ToArray());
        Assert.Equal("hello", Encoding.UTF8.GetString(messages[1].Payload.Span));
    }

    [Fact]
    public void An_unset_event_stream_is_a_validation_error_naming_the_member()
    {
        Assembly assembly = Load(Generate("rest-json"));
        object request = New(assembly, "Listen.Model.StartListeningRequest");
        Set(request, "Room", "r");
        var builder = new AwsRequestBuilder { OperationName = "StartListening" };

        var error = Assert.IsType<AwsValidationException>(Assert.Throws<TargetInvocationException>(
            () => assembly.GetType("Listen.Internal.StartListeningOperation")!.GetMethod("Marshal")!.Invoke(null, [request, builder])).InnerException);
        Assert.Contains("AudioStream: the event stream is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_event_becomes_a_message_with_its_type_content_type_typed_headers_and_payload()
    {
        Assembly assembly = Load(Generate("rest-json"));
        MethodInfo write = assembly.GetType("Listen.Internal.AudioStreamEventWriter")!.GetMethod("WriteEvent")!;

        object audio = New(assembly, "Listen.Model.AudioEvent");
        Set(audio, "AudioChunk", new byte[] { 9, 8, 7 });
        var audioMessage = (EventStreamMessage)write.Invoke(null, [Case(assembly, "AudioEvent", audio)])!;
        Assert.Equal(
            [":message-type: event", ":event-type: AudioEvent", ":content-type: application/octet-stream"],
            audioMessage.Headers.Select(h => h.ToString()));
        Assert.Equal(new byte[] { 9, 8, 7 }, audioMessage.Payload.ToArray());

        object configuration = New(assembly, "Listen.Model.ConfigurationEvent");
        Set(configuration, "Name", "two channels");
        Set(configuration, "Tag", "t-1");
        object channel = New(assembly, "Listen.Model.Channel");
        Set(channel, "Id", 2);
        Set(channel, "Label", "right");
        object channels = Activator.CreateInstance(typeof(List<>).MakeGenericType(channel.GetType()))!;
        ((System.Collections.IList)channels).Add(channel);
        Set(configuration, "Channels", channels);
        var configurationMessage = (EventStreamMessage)write.Invoke(null, [Case(assembly, "ConfigurationEvent", configuration)])!;
        Assert.Equal("ConfigurationEvent", configurationMessage.EventType);
        Assert.Equal("application/json", configurationMessage.GetString(":content-type"));
        Assert.Equal("t-1", configurationMessage.GetString("Tag"));
        using (JsonDocument document = JsonDocument.Parse(configurationMessage.Payload))
        {
            // The header member stays out of the payload; the others are the event's JSON document.
            Assert.Equal(["Channels", "Name"], document.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("two channels", document.RootElement.GetProperty("Name").GetString());
            Assert.Equal(2, document.RootElement.GetProperty("Channels")[0].GetProperty("Id").GetInt32());
            Assert.Equal("right", document.RootElement.GetProperty("Channels")[0].GetProperty("Label").GetString());
        }

        object settings = New(assembly, "Listen.Model.SettingsEvent");
        object inner = New(assembly, "Listen.Model.Settings");
        Set(inner, "Level", 3);
        Set(settings, "Settings", inner);
        Set(settings, "Id", "s-1");
        var settingsMessage = (EventStreamMessage)write.Invoke(null, [Case(assembly, "SettingsEvent", settings)])!;
        Assert.Equal("application/json", settingsMessage.GetString(":content-type"));
        Assert.Equal("s-1", settingsMessage.GetString("Id"));
        Assert.Equal("""{"Level":3}""", Encoding.UTF8.GetString(settingsMessage.Payload.Span));

        object text = New(assembly, "Listen.Model.TextEvent");
        Set(text, "Text", "grüße");
        var textMessage = (EventStreamMessage)write.Invoke(null, [Case(assembly, "TextEvent", text)])!;
        Assert.Equal("text/plain", textMessage.GetString(":content-type"));
        Assert.Equal("grüße", Encoding.UTF8.GetString(textMessage.Payload.Span));

        var time = new DateTimeOffset(2026, 12, 1, 3, 4, 5, 678, TimeSpan.Zero);
        object headers = New(assembly, "Listen.Model.Headers");
        Set(headers, "B", false);
        Set(headers, "Y", (sbyte)-7);
        Set(headers, "S", (short)-300);
        Set(headers, "I", 70_000);
        Set(headers, "L", long.MinValue);
        Set(headers, "Bin", new byte[] { 1, 2, 3 });
        Set(headers, "Str", "text");
        Set(headers, "T", time);
        Set(headers, "E", Activator.CreateInstance(assembly.GetType("Listen.Model.Mode")!, "careful"));
        Set(headers, "Body", "the body");
        var headersMessage = (EventStreamMessage)write.Invoke(null, [Case(assembly, "Value2", headers)])!;
        Assert.Equal("value", headersMessage.EventType);
        Assert.Equal(EventStreamHeader.Boolean("B", false), headersMessage.Find("B"));
        Assert.Equal(EventStreamHeader.Byte("Y", -7), headersMessage.Find("Y"));
        Assert.Equal(EventStreamHeader.Short("S", -300), headersMessage.Find("S"));
        Assert.Equal(EventStreamHeader.Integer("I", 70_000), headersMessage.Find("I"));
        Assert.Equal(EventStreamHeader.Long("L", long.MinValue), headersMessage.Find("L"));
        Assert.Equal(EventStreamHeader.ByteArray("Bin", [1, 2, 3]), headersMessage.Find("Bin"));
        Assert.Equal(EventStreamHeader.String("Str", "text"), headersMessage.Find("Str"));
        Assert.Equal(EventStreamHeader.Timestamp("T", time), headersMessage.Find("T"));
        Assert.Equal(EventStreamHeader.String("E", "careful"), headersMessage.Find("E"));
        Assert.Equal("""{"Body":"the body"}""", Encoding.UTF8.GetString(headersMessage.Payload.Span));

        // A message the model does not list goes out as the caller built it.
        var raw = new EventStreamMessage([EventStreamHeader.String(":message-type", "event"), EventStreamHeader.String(":event-type", "FromTheFuture")], new byte[] { 42 });
        object unknown = Activator.CreateInstance(assembly.GetType("Listen.Model.AudioStream+UnknownEvent")!, "FromTheFuture", raw)!;
        Assert.Same(raw, write.Invoke(null, [unknown]));
    }

    [Fact]
    public void An_event_whose_required_member_is_missing_is_refused_naming_the_event_and_the_member()
    {
        Assembly assembly = Load(Generate("rest-json"));
        MethodInfo write = assembly.GetType("Listen.Internal.AudioStreamEventWriter")!.GetMethod("WriteEvent")!;
        object configuration = New(assembly, "Listen.Model.ConfigurationEvent");
        object channel = New(assembly, "Listen.Model.Channel");
        object channels = Activator.CreateInstance(typeof(List<>).MakeGenericType(channel.GetType()))!;
        ((System.Collections.IList)channels).Add(channel);
        Set(configuration, "Channels", channels);

        var error = Assert.IsType<AwsValidationException>(Assert.Throws<TargetInvocationException>(() => write.Invoke(null, [Case(assembly, "ConfigurationEvent", configuration)])).InnerException);

        Assert.Equal("AudioStream", error.Operation);
        Assert.Contains(error.Problems, p => p.StartsWith("ConfigurationEvent.Name", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("ConfigurationEvent.Channels[0].Id", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stream_one_operation_sends_and_another_receives_gets_both_a_writer_and_a_reader()
    {
        string model = """
        {
          "version": "2.0",
          "metadata": { "apiVersion": "2024-01-01", "endpointPrefix": "echo", "protocol": "rest-json", "serviceId": "Echo", "signatureVersion": "v4", "uid": "echo-2024-01-01" },
          "operations": {
            "Receive": { "name": "Receive", "http": { "method": "GET", "requestUri": "/receive" }, "output": { "shape": "ReceiveOut" } },
            "Send": { "name": "Send", "http": { "method": "POST", "requestUri": "/send" }, "input": { "shape": "SendIn" } }
          },
          "shapes": {
            "ReceiveOut": { "type": "structure", "members": { "Events": { "shape": "Notes" } }, "payload": "Events" },
            "SendIn": { "type": "structure", "members": { "Events": { "shape": "Notes" } }, "payload": "Events" },
            "Notes": { "type": "structure", "eventstream": true, "members": { "Note": { "shape": "Note" } } },
            "Note": { "type": "structure", "required": ["Text"], "members": { "Text": { "shape": "String" } } },
            "String": { "type": "string" }
          }
        }
        """;

        GeneratorRun run = GeneratorHarness.Run([new ModelFile("echo.json", model, Namespace: "Echo")]);

        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "SOC007");
        Assembly assembly = Load(run);
        Type notes = assembly.GetType("Echo.Model.Notes")!;
        object note = Activator.CreateInstance(assembly.GetType("Echo.Model.Note")!)!;
        Set(note, "Text", "round trip");
        object written = assembly.GetType("Echo.Internal.NotesEventWriter")!.GetMethod("WriteEvent")!.Invoke(null, [Activator.CreateInstance(assembly.GetType("Echo.Model.Notes+Note")!, note)])!;
        object read = assembly.GetType("Echo.Internal.NotesEventReader")!.GetMethod("ReadEvent")!.Invoke(null, [written])!;
        Assert.Equal("round trip", read.GetType().GetProperty("Value")!.GetValue(read)!.GetType().GetProperty("Text")!.GetValue(read.GetType().GetProperty("Value")!.GetValue(read)));
        Assert.Equal(typeof(IAsyncEnumerable<>).MakeGenericType(notes), assembly.GetType("Echo.Model.SendIn")!.GetProperty("Events")!.PropertyType);
        Assert.Equal(typeof(AwsEventStream<>).MakeGenericType(notes), assembly.GetType("Echo.Model.ReceiveOut")!.GetProperty("Events")!.PropertyType);
    }

    internal static GeneratorRun Generate(string protocol) =>
        GeneratorHarness.Run([new ModelFile("listen.json", TranscribeShaped.Replace("PROTOCOL", protocol, StringComparison.Ordinal), Namespace: "Listen")]);

    internal static Assembly Load(GeneratorRun run)
    {
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = run.Compilation.Emit(image);
        Assert.True(result.Success, GeneratorRun.Describe(result.Diagnostics));
        image.Position = 0;
        return TestAssemblies.Load("input event streams " + Guid.NewGuid().ToString("N"), image);
    }

    internal static object New(Assembly assembly, string type) => Activator.CreateInstance(assembly.GetType(type, throwOnError: true)!)!;

    internal static void Set(object target, string property, object? value) => target.GetType().GetProperty(property)!.SetValue(target, value);

    internal static object Case(Assembly assembly, string caseName, object value) =>
        Activator.CreateInstance(assembly.GetType("Listen.Model.AudioStream+" + caseName, throwOnError: true)!, value)!;

    /// <summary>An <c>IAsyncEnumerable</c> of the stream's event type over the values, built for the generated type.</summary>
    internal static object Sequence(Assembly assembly, string eventType, params object[] values) => Sequence(assembly, eventType, Task.CompletedTask, values);

    /// <summary>The same, the last value yielded only once <paramref name="beforeLast"/> has completed.</summary>
    internal static object Sequence(Assembly assembly, string eventType, Task beforeLast, params object[] values)
    {
        Type type = assembly.GetType(eventType, throwOnError: true)!;
        MethodInfo method = typeof(InputEventStreamGeneratorTests).GetMethod(nameof(AsAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        return method.Invoke(null, [values, beforeLast])!;
    }

    private static async IAsyncEnumerable<T> AsAsync<T>(object[] values, Task beforeLast)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (i == values.Length - 1)
            {
                await beforeLast.WaitAsync(TimeSpan.FromSeconds(30));
            }
            else
            {
                await Task.Yield();
            }

            yield return (T)values[i];
        }
    }
}

namespace SsoOidcCodegen.Tests.EventStreams;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Protocols.EventStream;
using SsoOidcCodegen.Tests.Infrastructure;
using SsoOidcCodegen.Tests.Integration;
using Xunit;

/// <summary>
/// Input event streams end to end: the Bedrock Runtime client generated from
/// <c>AWS_MODELS_DIR/corpus/bedrock-runtime-2023-09-30.json</c> calls InvokeModelWithBidirectionalStream over HTTP/2
/// (h2c) on a local Kestrel server of ours (<c>Scenarios/BedrockBidirectionalScenarios.cs</c> is the caller). The
/// server reads the frames as they arrive and answers while input is still flowing; afterwards every frame's signature
/// and the chain from the request's own signature are checked by node's crypto and <c>@smithy/eventstream-codec</c>.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class InputEventStreamIntegrationTests
{
    private static readonly GeneratedServiceClient Bedrock = new(
        "corpus/bedrock-runtime-2023-09-30.json", "Aws.BedrockRuntime", "BedrockRuntimeClient", "BedrockBidirectionalScenarios.cs", "AWS_MODELS_DIR", "aws/models");

    [Fact]
    public async Task Input_events_go_as_signed_frames_while_output_events_come_back()
    {
        var seen = new Received();
        await using LocalHttp2EventStreamServer server = await LocalHttp2EventStreamServer.StartAsync(async context =>
        {
            seen.Record(context);
            CancellationToken aborted = context.RequestAborted;

            // The first frame, then the first answer, while the client still holds its second event back.
            seen.Frames.Add((await LocalHttp2EventStreamServer.ReadFrameAsync(context.Request.Body, aborted))!);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/vnd.amazon.eventstream";
            context.Response.Headers["x-amzn-requestid"] = "bidi-1";
            await context.Response.Body.WriteAsync(OutputChunk("answer to turn 1"), aborted);
            await context.Response.Body.FlushAsync(aborted);

            while (await LocalHttp2EventStreamServer.ReadFrameAsync(context.Request.Body, aborted) is { } frame)
            {
                seen.Frames.Add(frame);
            }

            await context.Response.Body.WriteAsync(OutputChunk($"{seen.Frames.Count - 1} events received"), aborted);
        });

        await Bedrock.RunAsync([RealUse.Options(server.Url)]);

        Assert.Equal("HTTP/2", seen.Protocol);
        Assert.Equal("POST /model/my-model/invoke-with-bidirectional-stream", seen.RequestLine);
        Assert.Equal("STREAMING-AWS4-HMAC-SHA256-EVENTS", seen.Header("x-amz-content-sha256"));
        Assert.Equal("application/vnd.amazon.eventstream", seen.Header("content-type"));
        Assert.Contains("x-amz-content-sha256", seen.Header("authorization"), StringComparison.Ordinal);
        string seed = EventStreamSigner.SeedFromAuthorization(seen.Header("authorization"))!;
        Assert.Equal(3, seen.Frames.Count);

        IReadOnlyList<NodeEventStreamSigning.Frame> frames = await NodeEventStreamSigning.VerifyAsync(RealUse.SecretAccessKey, RealUse.Region, "bedrock", seed, seen.Frames);

        Assert.All(frames, f => Assert.Equal(f.Expected, f.Signature));
        Assert.All(frames, f => Assert.Equal([":date", ":chunk-signature"], f.HeaderNames));
        Assert.Equal(
            [("event", "chunk", "application/json", """{"bytes":"eyJ0dXJuIjoxfQ=="}""")],
            frames.Take(1).Select(f => (f.Inner!.MessageType, f.Inner.EventType, f.Inner.GetString(":content-type"), Encoding.UTF8.GetString(f.Inner.Payload.Span))));
        using (System.Text.Json.JsonDocument second = System.Text.Json.JsonDocument.Parse(frames[1].Inner!.Payload))
        {
            Assert.Equal("""{"turn":2,"heard":"answer to turn 1"}""", Encoding.UTF8.GetString(second.RootElement.GetProperty("bytes").GetBytesFromBase64()));
        }

        // The stream ends with the signed empty frame.
        Assert.Null(frames[2].Inner);
        Assert.Empty(frames[2].Payload);
    }

    [Fact]
    public async Task An_exception_from_the_callers_events_fails_the_call_with_that_exception()
    {
        var seen = new Received();
        var firstFrame = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LocalHttp2EventStreamServer server = await LocalHttp2EventStreamServer.StartAsync(async context =>
        {
            seen.Record(context);
            try
            {
                while (await LocalHttp2EventStreamServer.ReadFrameAsync(context.Request.Body, context.RequestAborted) is { } frame)
                {
                    seen.Frames.Add(frame);
                    firstFrame.TrySetResult();
                }
            }
            catch (Exception exception) when (exception is System.IO.IOException or OperationCanceledException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
            {
                seen.Aborted = true;
            }
        });

        await Bedrock.RunAsync([RealUse.Options(server.Url), firstFrame.Task]);

        for (int i = 0; i < 100 && !seen.Aborted; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Single(seen.Frames);
        Assert.True(seen.Aborted, "the server read the body to a clean end: the failed stream was not reset");
    }

    [Fact]
    public async Task An_exception_from_the_callers_events_after_the_answer_began_ends_the_output_with_that_exception()
    {
        var seen = new Received();
        await using LocalHttp2EventStreamServer server = await LocalHttp2EventStreamServer.StartAsync(async context =>
        {
            try
            {
                seen.Frames.Add((await LocalHttp2EventStreamServer.ReadFrameAsync(context.Request.Body, context.RequestAborted))!);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/vnd.amazon.eventstream";
                await context.Response.Body.WriteAsync(OutputChunk("answer to turn 1"), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                while (await LocalHttp2EventStreamServer.ReadFrameAsync(context.Request.Body, context.RequestAborted) is { } frame)
                {
                    seen.Frames.Add(frame);
                }
            }
            catch (Exception exception) when (exception is System.IO.IOException or OperationCanceledException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
            {
                seen.Aborted = true;
            }
        });

        await Bedrock.RunAsync([RealUse.Options(server.Url)]);

        for (int i = 0; i < 100 && !seen.Aborted; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Single(seen.Frames);
        Assert.True(seen.Aborted, "the server read the body to a clean end: the failed stream was not reset");
    }

    [Fact]
    public async Task A_request_without_its_model_id_is_a_validation_error_and_nothing_is_sent()
    {
        int requests = 0;
        await using LocalHttp2EventStreamServer server = await LocalHttp2EventStreamServer.StartAsync(context =>
        {
            Interlocked.Increment(ref requests);
            return Task.CompletedTask;
        });

        await Bedrock.RunAsync([RealUse.Options(server.Url)]);

        Assert.Equal(0, Volatile.Read(ref requests));
    }

    [Fact]
    public async Task An_event_whose_required_member_is_missing_fails_the_call_naming_it_after_the_events_before_it_went_out_signed()
    {
        System.Reflection.Assembly assembly = InputEventStreamGeneratorTests.Load(InputEventStreamGeneratorTests.Generate("rest-json"));
        var seen = new Received();
        var firstFrame = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LocalHttp2EventStreamServer server = await LocalHttp2EventStreamServer.StartAsync(async context =>
        {
            seen.Record(context);
            try
            {
                while (await LocalHttp2EventStreamServer.ReadFrameAsync(context.Request.Body, context.RequestAborted) is { } frame)
                {
                    seen.Frames.Add(frame);
                    firstFrame.TrySetResult();
                }
            }
            catch (Exception exception) when (exception is System.IO.IOException or OperationCanceledException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
            {
                seen.Aborted = true;
            }
        });
        object request = InputEventStreamGeneratorTests.New(assembly, "Listen.Model.StartListeningRequest");
        InputEventStreamGeneratorTests.Set(request, "Room", "r1");
        InputEventStreamGeneratorTests.Set(request, "LanguageCode", "en-US");
        object audio = InputEventStreamGeneratorTests.New(assembly, "Listen.Model.AudioEvent");
        InputEventStreamGeneratorTests.Set(audio, "AudioChunk", new byte[] { 1, 2, 3 });
        object configuration = InputEventStreamGeneratorTests.New(assembly, "Listen.Model.ConfigurationEvent");
        InputEventStreamGeneratorTests.Set(configuration, "Tag", "no name");
        InputEventStreamGeneratorTests.Set(request, "AudioStream", InputEventStreamGeneratorTests.Sequence(
            assembly,
            "Listen.Model.AudioStream",
            firstFrame.Task,
            InputEventStreamGeneratorTests.Case(assembly, "AudioEvent", audio),
            InputEventStreamGeneratorTests.Case(assembly, "ConfigurationEvent", configuration)));
        Type clientType = assembly.GetType("Listen.ListenClient", throwOnError: true)!;
        using var client = (IDisposable)Activator.CreateInstance(clientType, RealUse.Options(server.Url))!;

        var call = (Task)clientType.GetMethod("StartListeningAsync")!.Invoke(client, [request, TestContext.Current.CancellationToken])!;
        var error = await Assert.ThrowsAsync<SsoOidcCodegen.Runtime.AwsValidationException>(() => call);

        Assert.Contains(error.Problems, p => p.StartsWith("ConfigurationEvent.Name", StringComparison.Ordinal));
        for (int i = 0; i < 100 && !seen.Aborted; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(seen.Aborted, "the request body ended cleanly: the stream was not reset after the invalid event");
        Assert.Equal("POST /listen/r1", seen.RequestLine);
        Assert.Equal("en-US", seen.Header("x-amzn-listen-language-code"));
        NodeEventStreamSigning.Frame sent = Assert.Single(await NodeEventStreamSigning.VerifyAsync(
            RealUse.SecretAccessKey, RealUse.Region, "listen", EventStreamSigner.SeedFromAuthorization(seen.Header("authorization"))!, seen.Frames));
        Assert.Equal(sent.Expected, sent.Signature);
        Assert.Equal("AudioEvent", sent.Inner!.EventType);
        Assert.Equal(new byte[] { 1, 2, 3 }, sent.Inner.Payload.ToArray());
    }

    [Fact]
    public async Task Cancelling_the_call_while_events_are_awaited_closes_the_stream()
    {
        var seen = new Received();
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LocalHttp2EventStreamServer server = await LocalHttp2EventStreamServer.StartAsync(async context =>
        {
            try
            {
                seen.Frames.Add((await LocalHttp2EventStreamServer.ReadFrameAsync(context.Request.Body, context.RequestAborted))!);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/vnd.amazon.eventstream";
                await context.Response.Body.FlushAsync(context.RequestAborted);
                answered.TrySetResult();
                while (await LocalHttp2EventStreamServer.ReadFrameAsync(context.Request.Body, context.RequestAborted) is { } frame)
                {
                    seen.Frames.Add(frame);
                }
            }
            catch (Exception exception) when (exception is System.IO.IOException or OperationCanceledException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
            {
                seen.Aborted = true;
            }
        });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _ = answered.Task.ContinueWith(_ => cancel.CancelAfter(TimeSpan.FromMilliseconds(200)), TaskScheduler.Default);

        await Bedrock.RunAsync([RealUse.Options(server.Url), cancel.Token]);

        for (int i = 0; i < 100 && !seen.Aborted; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Single(seen.Frames);
        Assert.True(seen.Aborted, "the server's request body did not end with a reset after the cancellation");
    }

    /// <summary>An output event of InvokeModelWithBidirectionalStream: a <c>chunk</c> whose <c>bytes</c> hold the text.</summary>
    private static byte[] OutputChunk(string text) => EventStreamCodec.Encode(new EventStreamMessage(
        [
            EventStreamHeader.String(":message-type", "event"),
            EventStreamHeader.String(":event-type", "chunk"),
            EventStreamHeader.String(":content-type", "application/json"),
        ],
        Encoding.UTF8.GetBytes("{\"bytes\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "\"}")));

    /// <summary>What the server saw of one request.</summary>
    private sealed class Received
    {
        private readonly ConcurrentDictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase);

        public string? Protocol { get; private set; }

        public string? RequestLine { get; private set; }

        public List<byte[]> Frames { get; } = [];

        public volatile bool Aborted;

        public string? Header(string name) => headers.TryGetValue(name, out string? value) ? value : null;

        public void Record(HttpContext context)
        {
            Protocol = context.Request.Protocol;
            RequestLine = context.Request.Method + " " + context.Request.Path + context.Request.QueryString;
            foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in context.Request.Headers)
            {
                headers[header.Key] = header.Value.ToString();
            }
        }
    }
}

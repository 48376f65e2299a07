namespace SsoOidcCodegen.Tests.EventStreams;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Protocols.EventStream;
using SsoOidcCodegen.Tests.Infrastructure;
using SsoOidcCodegen.Tests.Integration;
using Xunit;

/// <summary>
/// The Bedrock Runtime client generated from <c>AWS_MODELS_DIR/corpus/bedrock-runtime-2023-09-30.json</c> calls
/// ConverseStream on a local event-stream server of our own, whose frames the npm encoder
/// (<c>@smithy/eventstream-codec</c>) writes; <c>Scenarios/BedrockScenarios.cs</c> reads them as a user would.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class EventStreamIntegrationTests
{
    private static readonly GeneratedServiceClient Bedrock = new(
        "corpus/bedrock-runtime-2023-09-30.json", "Aws.BedrockRuntime", "BedrockRuntimeClient", "BedrockScenarios.cs", "AWS_MODELS_DIR", "aws/models");

    [Fact]
    public async Task ConverseStream_events_arrive_typed_and_in_order_before_the_stream_ends()
    {
        IReadOnlyList<byte[]> frames = await NodeEventStreamCodec.EncodeAsync(
        [
            Event("messageStart", """{"role":"assistant"}"""),
            Event("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"Hel"}}"""),
            Event("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"lo"}}"""),
            Event("contentBlockStop", """{"contentBlockIndex":0}"""),
            Event("aNewerEvent", """{"x":1}"""),
            Event("messageStop", """{"stopReason":"end_turn"}"""),
            Event("metadata", """{"usage":{"inputTokens":3,"outputTokens":2,"totalTokens":5},"metrics":{"latencyMs":12}}"""),
        ]);
        var threeEventsSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool restWaitedForTheClient = false;
        LocalEventStreamServer.Connection? request = null;
        await using var server = new LocalEventStreamServer(async connection =>
        {
            request = connection;
            await connection.StartAsync();
            foreach (byte[] frame in frames.Take(3))
            {
                await connection.SendAsync(frame);
            }

            // The rest of the body is held back until the client has handed out three events: it reads as the frames arrive.
            await threeEventsSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));
            restWaitedForTheClient = true;
            foreach (byte[] frame in frames.Skip(3))
            {
                await connection.SendAsync(frame);
            }

            await connection.EndAsync();
        });

        await Bedrock.RunAsync([RealUse.Options(server.Url), new Action(() => threeEventsSeen.TrySetResult())]);

        Assert.Null(await server.Answered.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(restWaitedForTheClient);
        Assert.Equal("POST /model/my-model/converse-stream HTTP/1.1", request!.RequestLine);
        Assert.Contains("\"text\":\"Say hello\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_modelled_exception_mid_stream_raises_the_typed_exception_after_the_events_before_it()
    {
        IReadOnlyList<byte[]> frames = await NodeEventStreamCodec.EncodeAsync(
        [
            Event("messageStart", """{"role":"assistant"}"""),
            new EventStreamMessage(
                [
                    EventStreamHeader.String(":message-type", "exception"),
                    EventStreamHeader.String(":exception-type", "modelStreamErrorException"),
                    EventStreamHeader.String(":content-type", "application/json"),
                ],
                Encoding.UTF8.GetBytes("""{"message":"The model stopped","originalStatusCode":424,"originalMessage":"upstream"}""")),
            Event("messageStop", """{"stopReason":"end_turn"}"""),
        ]);
        await using var server = new LocalEventStreamServer(async connection =>
        {
            await connection.StartAsync();
            foreach (byte[] frame in frames)
            {
                await connection.SendAsync(frame);
            }

            await connection.EndAsync();
        });

        await Bedrock.RunAsync([RealUse.Options(server.Url)]);
    }

    [Fact]
    public async Task An_error_message_mid_stream_raises_the_service_exception_with_its_code()
    {
        IReadOnlyList<byte[]> frames = await NodeEventStreamCodec.EncodeAsync(
        [
            Event("messageStart", """{"role":"assistant"}"""),
            new EventStreamMessage(
                [
                    EventStreamHeader.String(":message-type", "error"),
                    EventStreamHeader.String(":error-code", "InternalFailure"),
                    EventStreamHeader.String(":error-message", "Something broke"),
                ],
                ReadOnlyMemory<byte>.Empty),
        ]);
        await using var server = new LocalEventStreamServer(async connection =>
        {
            await connection.StartAsync();
            foreach (byte[] frame in frames)
            {
                await connection.SendAsync(frame);
            }

            await connection.EndAsync();
        });

        await Bedrock.RunAsync([RealUse.Options(server.Url)]);
    }

    [Fact]
    public async Task Cancelling_the_enumeration_mid_stream_closes_the_connection()
    {
        byte[] first = (await NodeEventStreamCodec.EncodeAsync([Event("messageStart", """{"role":"assistant"}""")]))[0];
        bool? closed = null;
        await using var server = new LocalEventStreamServer(async connection =>
        {
            await connection.StartAsync();
            await connection.SendAsync(first);

            // Nothing more is sent and the body never ends: only the client can end this.
            closed = await connection.ClosedByClientWithinAsync(TimeSpan.FromSeconds(20));
        });

        await Bedrock.RunAsync([RealUse.Options(server.Url)]);

        Assert.Null(await server.Answered.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(closed, "the client did not close the connection after the cancelled enumeration");
    }

    private static EventStreamMessage Event(string type, string json) => new(
        [
            EventStreamHeader.String(":message-type", "event"),
            EventStreamHeader.String(":event-type", type),
            EventStreamHeader.String(":content-type", "application/json"),
        ],
        Encoding.UTF8.GetBytes(json));
}

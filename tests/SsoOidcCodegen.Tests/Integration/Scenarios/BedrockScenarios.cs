// Compiled at test time with the Bedrock Runtime client generated from AWS_MODELS_DIR/corpus/bedrock-runtime-2023-09-30.json
// (namespace Aws.BedrockRuntime); run by EventStreams/EventStreamIntegrationTests against a local event-stream
// server, one method per test of the same name.
namespace SsoOidcCodegen.RealUse;

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Aws.BedrockRuntime;
using Aws.BedrockRuntime.Model;
using SsoOidcCodegen.Runtime;
using Xunit;

public static class BedrockScenarios
{
    private static ConverseStreamRequest Hello() => new()
    {
        ModelId = "my-model",
        Messages = [new Message { Role = ConversationRole.User, Content = [new ContentBlock { Text = "Say hello" }] }],
    };

    public static async Task ConverseStream_events_arrive_typed_and_in_order_before_the_stream_ends(AwsClientOptions options, Action threeEventsSeen)
    {
        using var bedrock = new BedrockRuntimeClient(options);
        ConverseStreamResponse response = await bedrock.ConverseStreamAsync(Hello());

        var events = new List<ConverseStreamOutput>();
        await using (response.Stream!)
        {
            await foreach (ConverseStreamOutput item in response.Stream!)
            {
                events.Add(item);
                if (events.Count == 3)
                {
                    threeEventsSeen();
                }
            }
        }

        Assert.Collection(
            events,
            e => Assert.Equal("assistant", Assert.IsType<ConverseStreamOutput.MessageStart>(e).Value.Role!.Value.Value),
            e => Assert.Equal("Hel", Assert.IsType<ConverseStreamOutput.ContentBlockDelta>(e).Value.Delta!.Text),
            e => Assert.Equal("lo", Assert.IsType<ConverseStreamOutput.ContentBlockDelta>(e).Value.Delta!.Text),
            e => Assert.Equal(0, Assert.IsType<ConverseStreamOutput.ContentBlockStop>(e).Value.ContentBlockIndex),
            e => Assert.Equal("aNewerEvent", Assert.IsType<ConverseStreamOutput.UnknownEvent>(e).EventType),
            e => Assert.Equal("end_turn", Assert.IsType<ConverseStreamOutput.MessageStop>(e).Value.StopReason!.Value.Value),
            e =>
            {
                ConverseStreamMetadataEvent metadata = Assert.IsType<ConverseStreamOutput.Metadata>(e).Value;
                Assert.Equal(3, metadata.Usage!.InputTokens);
                Assert.Equal(5, metadata.Usage.TotalTokens);
                Assert.Equal(12, metadata.Metrics!.LatencyMs);
            });
        Assert.Equal("event-stream-request-1", response.Stream!.RequestId);
    }

    public static async Task A_modelled_exception_mid_stream_raises_the_typed_exception_after_the_events_before_it(AwsClientOptions options)
    {
        using var bedrock = new BedrockRuntimeClient(options);
        ConverseStreamResponse response = await bedrock.ConverseStreamAsync(Hello());

        var events = new List<ConverseStreamOutput>();
        ModelStreamErrorException error = await Assert.ThrowsAsync<ModelStreamErrorException>(async () =>
        {
            await foreach (ConverseStreamOutput item in response.Stream!)
            {
                events.Add(item);
            }
        });

        Assert.IsType<ConverseStreamOutput.MessageStart>(Assert.Single(events));
        Assert.Equal("The model stopped", error.Message);
        Assert.Equal("ModelStreamErrorException", error.ErrorCode);
        Assert.Equal(424, error.OriginalStatusCode);
        Assert.Equal("upstream", error.OriginalMessage);
        Assert.Equal("event-stream-request-1", error.RequestId);
    }

    public static async Task An_error_message_mid_stream_raises_the_service_exception_with_its_code(AwsClientOptions options)
    {
        using var bedrock = new BedrockRuntimeClient(options);
        ConverseStreamResponse response = await bedrock.ConverseStreamAsync(Hello());

        var events = new List<ConverseStreamOutput>();
        BedrockRuntimeException error = await Assert.ThrowsAsync<BedrockRuntimeException>(async () =>
        {
            await foreach (ConverseStreamOutput item in response.Stream!)
            {
                events.Add(item);
            }
        });

        Assert.IsType<ConverseStreamOutput.MessageStart>(Assert.Single(events));
        Assert.Equal(typeof(BedrockRuntimeException), error.GetType());
        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal("Something broke", error.Message);
    }

    public static async Task Cancelling_the_enumeration_mid_stream_closes_the_connection(AwsClientOptions options)
    {
        using var bedrock = new BedrockRuntimeClient(options);
        ConverseStreamResponse response = await bedrock.ConverseStreamAsync(Hello());
        using var cancel = new CancellationTokenSource();

        int seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ConverseStreamOutput item in response.Stream!.WithCancellation(cancel.Token))
            {
                seen++;

                // The next read waits for a frame that never comes; cancelling it must end the wait and the connection.
                cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
            }
        });

        Assert.Equal(1, seen);
    }
}

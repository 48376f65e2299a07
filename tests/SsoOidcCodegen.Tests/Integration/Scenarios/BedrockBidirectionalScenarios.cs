// Compiled at test time with the Bedrock Runtime client generated from AWS_MODELS_DIR/corpus/bedrock-runtime-2023-09-30.json
// (namespace Aws.BedrockRuntime); run by EventStreams/InputEventStreamIntegrationTests against a local HTTP/2 server,
// one method per test of the same name.
namespace SsoOidcCodegen.RealUse;

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Aws.BedrockRuntime;
using Aws.BedrockRuntime.Model;
using SsoOidcCodegen.Runtime;
using Xunit;

public static class BedrockBidirectionalScenarios
{
    private static InvokeModelWithBidirectionalStreamInput Chunk(string json) =>
        new InvokeModelWithBidirectionalStreamInput.Chunk(new BidirectionalInputPayloadPart { Bytes = Encoding.UTF8.GetBytes(json) });

    public static async Task Input_events_go_as_signed_frames_while_output_events_come_back(AwsClientOptions options)
    {
        using var bedrock = new BedrockRuntimeClient(options);
        var firstAnswer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        async IAsyncEnumerable<InvokeModelWithBidirectionalStreamInput> Input()
        {
            yield return Chunk("""{"turn":1}""");

            // The second event exists only once the service has answered the first: input and output overlap.
            string first = await firstAnswer.Task.WaitAsync(TimeSpan.FromSeconds(30));
            yield return Chunk("""{"turn":2,"heard":""" + "\"" + first + "\"}");
        }

        InvokeModelWithBidirectionalStreamResponse response = await bedrock.InvokeModelWithBidirectionalStreamAsync(
            new InvokeModelWithBidirectionalStreamRequest { ModelId = "my-model", Body = Input() });

        var answers = new List<string>();
        await using (response.Body!)
        {
            await foreach (InvokeModelWithBidirectionalStreamOutput item in response.Body!)
            {
                answers.Add(Encoding.UTF8.GetString(Assert.IsType<InvokeModelWithBidirectionalStreamOutput.Chunk>(item).Value.Bytes!));
                firstAnswer.TrySetResult(answers[0]);
            }
        }

        Assert.Equal(["answer to turn 1", "2 events received"], answers);
    }

    public static async Task An_exception_from_the_callers_events_fails_the_call_with_that_exception(AwsClientOptions options, Task firstFrameReceived)
    {
        using var bedrock = new BedrockRuntimeClient(options);

        async IAsyncEnumerable<InvokeModelWithBidirectionalStreamInput> Input()
        {
            yield return Chunk("""{"turn":1}""");
            await firstFrameReceived.WaitAsync(TimeSpan.FromSeconds(30));
            throw new InvalidOperationException("the microphone went away");
        }

        var request = new InvokeModelWithBidirectionalStreamRequest { ModelId = "my-model", Body = Input() };
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            InvokeModelWithBidirectionalStreamResponse response = await bedrock.InvokeModelWithBidirectionalStreamAsync(request);
            await foreach (InvokeModelWithBidirectionalStreamOutput item in response.Body!)
            {
            }
        });
        Assert.Equal("the microphone went away", error.Message);
    }

    public static async Task An_exception_from_the_callers_events_after_the_answer_began_ends_the_output_with_that_exception(AwsClientOptions options)
    {
        using var bedrock = new BedrockRuntimeClient(options);
        var firstAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async IAsyncEnumerable<InvokeModelWithBidirectionalStreamInput> Input()
        {
            yield return Chunk("""{"turn":1}""");
            await firstAnswer.Task.WaitAsync(TimeSpan.FromSeconds(30));
            throw new InvalidOperationException("the microphone went away mid-conversation");
        }

        InvokeModelWithBidirectionalStreamResponse response = await bedrock.InvokeModelWithBidirectionalStreamAsync(
            new InvokeModelWithBidirectionalStreamRequest { ModelId = "my-model", Body = Input() });
        var answers = new List<string>();
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (InvokeModelWithBidirectionalStreamOutput item in response.Body!)
            {
                answers.Add(Encoding.UTF8.GetString(Assert.IsType<InvokeModelWithBidirectionalStreamOutput.Chunk>(item).Value.Bytes!));
                firstAnswer.TrySetResult();
            }
        });

        Assert.Equal("the microphone went away mid-conversation", error.Message);
        Assert.Equal(["answer to turn 1"], answers);
    }

    public static async Task A_request_without_its_model_id_is_a_validation_error_and_nothing_is_sent(AwsClientOptions options)
    {
        using var bedrock = new BedrockRuntimeClient(options);

        async IAsyncEnumerable<InvokeModelWithBidirectionalStreamInput> Input()
        {
            await Task.Yield();
            yield return Chunk("""{"turn":1}""");
        }

        // modelId is required and bound to the URI: nothing is sent without it.
        AwsValidationException error = await Assert.ThrowsAsync<AwsValidationException>(
            () => bedrock.InvokeModelWithBidirectionalStreamAsync(new InvokeModelWithBidirectionalStreamRequest { Body = Input() }));
        Assert.Contains(error.Problems, p => p.StartsWith("modelId", StringComparison.Ordinal));
    }

    public static async Task Cancelling_the_call_while_events_are_awaited_closes_the_stream(AwsClientOptions options, CancellationToken cancellationToken)
    {
        using var bedrock = new BedrockRuntimeClient(options);

        async IAsyncEnumerable<InvokeModelWithBidirectionalStreamInput> Input([EnumeratorCancellation] CancellationToken token = default)
        {
            yield return Chunk("""{"turn":1}""");

            // The caller has nothing more to say yet; only the cancellation ends the wait.
            await Task.Delay(Timeout.Infinite, token);
            yield return Chunk("""{"never":true}""");
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            InvokeModelWithBidirectionalStreamResponse response = await bedrock.InvokeModelWithBidirectionalStreamAsync(
                new InvokeModelWithBidirectionalStreamRequest { ModelId = "my-model", Body = Input() }, cancellationToken);
            await foreach (InvokeModelWithBidirectionalStreamOutput item in response.Body!.WithCancellation(cancellationToken))
            {
            }
        });
    }
}

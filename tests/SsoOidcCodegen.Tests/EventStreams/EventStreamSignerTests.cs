namespace SsoOidcCodegen.Tests.EventStreams;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Protocols.EventStream;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Signing of input event frames: known answers computed outside this code base (Python's <c>hmac</c> and
/// <c>hashlib</c> over the string to sign the AWS event-stream signing rules give), and a chain of frames checked by
/// an independent implementation (node's <c>crypto</c> with <c>@smithy/eventstream-codec</c>).
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class EventStreamSignerTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Seed = "d3f9a3b7c8e1f2a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8";
    private static readonly DateTimeOffset Time = new(2026, 12, 1, 3, 4, 5, 678, TimeSpan.Zero);

    private static EventStreamSigner NewSigner() => new(new AwsCredentials("AKIDEXAMPLE", Secret), "us-east-1", "transcribe", Seed);

    [Fact]
    public void The_string_to_sign_has_the_algorithm_time_scope_prior_signature_and_the_two_hashes_one_per_line()
    {
        string text = NewSigner().StringToSign("hello"u8, Time);

        // The :date header as a frame holds it: name length 5, ":date", type 8 (timestamp), milliseconds big-endian.
        byte[] date = [5, .. ":date"u8, 8, .. BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(Time.ToUnixTimeMilliseconds()))];
        Assert.Equal(
            "AWS4-HMAC-SHA256-PAYLOAD\n20261201T030405Z\n20261201/us-east-1/transcribe/aws4_request\n" + Seed + "\n"
                + Convert.ToHexStringLower(SHA256.HashData(date)) + "\n"
                + "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
            text);
        Assert.Equal("c4a17231067ceaf39838bef4d2f6f42eb0a683a743e298514562a17bc9edfecd", Convert.ToHexStringLower(SHA256.HashData(date)));
    }

    [Fact]
    public void Known_answers_for_a_chain_of_three_frames_across_midnight()
    {
        EventStreamSigner signer = NewSigner();

        EventStreamMessage first = signer.Sign("hello"u8, Time);
        EventStreamMessage end = signer.Sign([], Time.AddSeconds(1));
        EventStreamMessage nextDay = signer.Sign([0x00, 0xff], new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal("93add665a249c829fba795e77ee9a6d661a01c5fc1d00b74233ca97e1e29fcee", SignatureOf(first));
        Assert.Equal("c8fa8b2fc663a7a8a46bab11595f8f2fc09bac2d3d935cfd1aa26c39c8f797d7", SignatureOf(end));
        Assert.Equal("a097b777ed5e998fcc02a871a1f3df1defaca33ec8f0c985d7a84d45b489bb63", SignatureOf(nextDay));
        Assert.Equal([":date", ":chunk-signature"], first.Headers.Select(h => h.Name));
        Assert.Equal(EventStreamHeaderType.Timestamp, first.Headers[0].Type);
        Assert.Equal(Time, first.Headers[0].TimestampValue);
        Assert.Equal(EventStreamHeaderType.ByteArray, first.Headers[1].Type);
        Assert.Equal("hello"u8.ToArray(), first.Payload.ToArray());
        Assert.True(end.Payload.IsEmpty);
    }

    [Fact]
    public void The_seed_is_the_signature_of_the_authorization_header()
    {
        Assert.Equal(Seed, EventStreamSigner.SeedFromAuthorization($"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/us-east-1/transcribe/aws4_request, SignedHeaders=host;x-amz-date, Signature={Seed}"));
        Assert.Null(EventStreamSigner.SeedFromAuthorization("Bearer token"));
        Assert.Null(EventStreamSigner.SeedFromAuthorization(null));
    }

    [Fact]
    public void Neither_the_secret_nor_a_signature_is_in_its_text()
    {
        EventStreamSigner signer = NewSigner();
        string signature = SignatureOf(signer.Sign("x"u8, Time));

        string text = signer.ToString();

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Seed, text, StringComparison.Ordinal);
        Assert.DoesNotContain(signature, text, StringComparison.Ordinal);
        Assert.Contains("transcribe", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_of_event_frames_is_verified_by_node_crypto_and_the_smithy_codec()
    {
        EventStreamSigner signer = NewSigner();
        var inner = new List<EventStreamMessage>
        {
            new([EventStreamHeader.String(":message-type", "event"), EventStreamHeader.String(":event-type", "AudioEvent"), EventStreamHeader.String(":content-type", "application/octet-stream")], new byte[] { 1, 2, 3, 4 }),
            new([EventStreamHeader.String(":message-type", "event"), EventStreamHeader.String(":event-type", "ConfigurationEvent"), EventStreamHeader.Integer("Count", 7)], Encoding.UTF8.GetBytes("""{"Name":"n"}""")),
        };
        var frames = new List<byte[]>();
        DateTimeOffset time = Time;
        foreach (EventStreamMessage message in inner)
        {
            frames.Add(EventStreamCodec.Encode(signer.Sign(EventStreamCodec.Encode(message), time)));
            time = time.AddMilliseconds(1234);
        }

        frames.Add(EventStreamCodec.Encode(signer.Sign([], time)));

        IReadOnlyList<NodeEventStreamSigning.Frame> checkedFrames = await NodeEventStreamSigning.VerifyAsync(Secret, "us-east-1", "transcribe", Seed, frames);

        Assert.Equal(3, checkedFrames.Count);
        Assert.All(checkedFrames, f => Assert.Equal(f.Expected, f.Signature));
        Assert.All(checkedFrames, f => Assert.Equal([":date", ":chunk-signature"], f.HeaderNames));
        Assert.Equal([Time.ToUnixTimeMilliseconds(), Time.ToUnixTimeMilliseconds() + 1234, Time.ToUnixTimeMilliseconds() + 2468], checkedFrames.Select(f => f.DateMilliseconds));
        Assert.Equal(inner[0].Headers, checkedFrames[0].Inner!.Headers);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, checkedFrames[0].Inner!.Payload.ToArray());
        Assert.Equal(inner[1].Headers, checkedFrames[1].Inner!.Headers);
        Assert.Null(checkedFrames[2].Inner);
        Assert.Empty(checkedFrames[2].Payload);
    }

    [Fact]
    public async Task Node_refuses_a_frame_signed_with_another_secret()
    {
        EventStreamSigner signer = NewSigner();
        var wrong = new EventStreamSigner(new AwsCredentials("AKIDEXAMPLE", Secret + "x"), "us-east-1", "transcribe", Seed);
        byte[] inner = EventStreamCodec.Encode(new EventStreamMessage([EventStreamHeader.String(":event-type", "a")], "a"u8.ToArray()));
        byte[] first = EventStreamCodec.Encode(wrong.Sign(inner, Time));
        _ = signer.Sign(inner, Time);
        byte[] second = EventStreamCodec.Encode(signer.Sign([], Time));

        IReadOnlyList<NodeEventStreamSigning.Frame> checkedFrames = await NodeEventStreamSigning.VerifyAsync(Secret, "us-east-1", "transcribe", Seed, [first, second]);

        Assert.NotEqual(checkedFrames[0].Expected, checkedFrames[0].Signature);
        // Node chains from its own recomputation, the right first signature, which the second frame was chained from.
        Assert.Equal(checkedFrames[1].Expected, checkedFrames[1].Signature);
    }

    private static string SignatureOf(EventStreamMessage envelope) => Convert.ToHexStringLower(envelope.Find(":chunk-signature")!.BytesValue.Span);
}

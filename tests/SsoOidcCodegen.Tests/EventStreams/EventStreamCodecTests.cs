namespace SsoOidcCodegen.Tests.EventStreams;

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Protocols.EventStream;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The <c>application/vnd.amazon.eventstream</c> codec against an independent one (npm
/// <c>@smithy/eventstream-codec</c> through node) in both directions, over seeded random messages with every
/// header type, plus cut, corrupted and oversized frames.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class EventStreamCodecTests
{
    private const int Seed = 20261201;

    [Fact]
    public async Task Frames_written_by_the_npm_encoder_are_read_back_header_by_header_from_a_trickling_body()
    {
        List<EventStreamMessage> messages = RandomMessages(new Random(Seed), 60).Prepend(EveryHeaderTypeAtItsLimits()).ToList();
        IReadOnlyList<byte[]> frames = await NodeEventStreamCodec.EncodeAsync(messages);

        await using var reader = new EventStreamReader(new ChunkedStream(ChunkedStream.Concat(frames), Seed));
        foreach (EventStreamMessage expected in messages)
        {
            EventStreamMessage? actual = await reader.ReadAsync(TestContext.Current.CancellationToken);
            AssertSame(expected, actual);
        }

        Assert.Null(await reader.ReadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Frames_written_by_our_encoder_are_read_by_the_npm_decoder()
    {
        List<EventStreamMessage> messages = RandomMessages(new Random(Seed + 1), 60).Prepend(EveryHeaderTypeAtItsLimits()).ToList();

        IReadOnlyList<(EventStreamMessage? Message, string? Error)> decoded = await NodeEventStreamCodec.DecodeAsync(messages.Select(EventStreamCodec.Encode));

        Assert.Equal(messages.Count, decoded.Count);
        for (int i = 0; i < messages.Count; i++)
        {
            Assert.Null(decoded[i].Error);
            AssertSame(messages[i], decoded[i].Message);
        }
    }

    [Fact]
    public async Task Our_encoder_writes_the_same_bytes_as_the_npm_encoder()
    {
        List<EventStreamMessage> messages = RandomMessages(new Random(Seed + 2), 30).ToList();

        IReadOnlyList<byte[]> theirs = await NodeEventStreamCodec.EncodeAsync(messages);

        for (int i = 0; i < messages.Count; i++)
        {
            Assert.Equal(Convert.ToHexString(theirs[i]), Convert.ToHexString(EventStreamCodec.Encode(messages[i])));
        }
    }

    [Fact]
    public async Task A_body_cut_anywhere_inside_a_frame_is_a_truncated_frame_error()
    {
        EventStreamMessage message = new([EventStreamHeader.String(":event-type", "chunk"), EventStreamHeader.Long("n", 7)], Encoding.UTF8.GetBytes("{\"a\":1}"));
        byte[] frame = (await NodeEventStreamCodec.EncodeAsync([message]))[0];

        for (int length = 1; length < frame.Length; length++)
        {
            await using var reader = new EventStreamReader(new MemoryStream(frame, 0, length));
            EventStreamFormatException error = await Assert.ThrowsAsync<EventStreamFormatException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));
            Assert.Equal(EventStreamFormatError.Truncated, error.Error);
        }

        await using var whole = new EventStreamReader(new MemoryStream(frame));
        Assert.NotNull(await whole.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Null(await whole.ReadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_flipped_bit_anywhere_in_a_frame_is_a_checksum_error_of_the_part_it_hit()
    {
        EventStreamMessage message = new([EventStreamHeader.String(":message-type", "event"), EventStreamHeader.Uuid("id", Guid.NewGuid())], Encoding.UTF8.GetBytes("payload"));
        byte[] frame = (await NodeEventStreamCodec.EncodeAsync([message]))[0];

        for (int i = 0; i < frame.Length; i++)
        {
            byte[] corrupt = (byte[])frame.Clone();
            corrupt[i] ^= (byte)(1 << (i % 8));
            EventStreamFormatException error = Assert.Throws<EventStreamFormatException>(() => EventStreamCodec.Decode(corrupt));
            EventStreamFormatError expected = i < EventStreamCodec.PreludeLength ? EventStreamFormatError.PreludeChecksumMismatch : EventStreamFormatError.MessageChecksumMismatch;
            Assert.True(expected == error.Error, $"byte {i}: {error.Error}, expected {expected}");
        }

        // The npm decoder agrees that every one of them is broken.
        var corrupted = Enumerable.Range(0, frame.Length).Select(i =>
        {
            byte[] corrupt = (byte[])frame.Clone();
            corrupt[i] ^= (byte)(1 << (i % 8));
            return corrupt;
        }).ToList();
        Assert.All(await NodeEventStreamCodec.DecodeAsync(corrupted), d => Assert.NotNull(d.Error));
    }

    [Theory]
    [InlineData(int.MaxValue, 0)]
    [InlineData(EventStreamCodec.DefaultMaxMessageLength + 1, 0)]
    [InlineData(15, 0)]
    [InlineData(0, 0)]
    [InlineData(100, 85)]
    [InlineData(200_000, 150_000)]
    public async Task A_prelude_with_an_impossible_or_oversized_length_is_rejected_before_anything_is_allocated(int totalLength, int headersLength)
    {
        byte[] prelude = Prelude(totalLength, headersLength);
        var body = new ChunkedStream(prelude.Concat(new byte[64]).ToArray(), Seed);
        await using var reader = new EventStreamReader(body);

        EventStreamFormatException error = await Assert.ThrowsAsync<EventStreamFormatException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));

        Assert.Equal(EventStreamFormatError.InvalidLength, error.Error);
        Assert.Equal(EventStreamCodec.PreludeLength, body.BytesRead);
    }

    [Fact]
    public async Task The_limit_on_one_frame_is_the_readers_to_choose()
    {
        byte[] frame = EventStreamCodec.Encode(new EventStreamMessage([], new byte[1000]));

        await using var strict = new EventStreamReader(new MemoryStream(frame), maxMessageLength: 1000);
        Assert.Equal(EventStreamFormatError.InvalidLength, (await Assert.ThrowsAsync<EventStreamFormatException>(async () => await strict.ReadAsync(TestContext.Current.CancellationToken))).Error);

        await using var enough = new EventStreamReader(new MemoryStream(frame), maxMessageLength: frame.Length);
        Assert.Equal(1000, (await enough.ReadAsync(TestContext.Current.CancellationToken))!.Payload.Length);
    }

    [Theory]
    [InlineData(new byte[] { 1, (byte)'a', 10 }, "unknown type")]
    [InlineData(new byte[] { 0, 0 }, "empty name")]
    [InlineData(new byte[] { 1, (byte)'a', 7, 0, 9, (byte)'x' }, "past the end")]
    [InlineData(new byte[] { 1, (byte)'a', 4, 0, 0 }, "past the end")]
    [InlineData(new byte[] { 5, (byte)'a' }, "past the end")]
    [InlineData(new byte[] { 1, 0xFF, 0 }, "not UTF-8")]
    public void Malformed_headers_inside_a_frame_with_good_checksums_are_a_header_error(byte[] headers, string reason)
    {
        byte[] frame = FrameWithRawHeaders(headers, [1, 2, 3]);

        EventStreamFormatException error = Assert.Throws<EventStreamFormatException>(() => EventStreamCodec.Decode(frame));

        Assert.Equal(EventStreamFormatError.InvalidHeader, error.Error);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reader_returns_a_frame_as_soon_as_it_has_arrived_without_waiting_for_the_rest_of_the_body()
    {
        byte[] first = EventStreamCodec.Encode(new EventStreamMessage([EventStreamHeader.String(":event-type", "first")], new byte[] { 1 }));
        byte[] second = EventStreamCodec.Encode(new EventStreamMessage([EventStreamHeader.String(":event-type", "second")], new byte[] { 2 }));
        var body = new ChunkedStream([.. first, .. second], Seed, gateAt: first.Length);
        await using var reader = new EventStreamReader(body);

        EventStreamMessage? one = await reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal("first", one!.EventType);
        Assert.Equal(first.Length, body.BytesRead);

        ValueTask<EventStreamMessage?> pending = reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted);
        body.Open();
        Assert.Equal("second", (await pending)!.EventType);
    }

    [Fact]
    public void The_encoder_refuses_what_the_format_cannot_carry()
    {
        Assert.Throws<ArgumentException>(() => EventStreamCodec.Encode(new EventStreamMessage([EventStreamHeader.String(new string('n', 256), "v")], default)));
        Assert.Throws<ArgumentException>(() => EventStreamCodec.Encode(new EventStreamMessage([EventStreamHeader.String(string.Empty, "v")], default)));
        Assert.Throws<ArgumentException>(() => EventStreamCodec.Encode(new EventStreamMessage([EventStreamHeader.ByteArray("b", new byte[ushort.MaxValue + 1])], default)));
        Assert.Throws<ArgumentException>(() => EventStreamCodec.Encode(new EventStreamMessage(Enumerable.Range(0, 3).Select(i => EventStreamHeader.ByteArray("b" + i, new byte[50_000])).ToList(), default)));
    }

    private static EventStreamMessage EveryHeaderTypeAtItsLimits() => new(
        [
            EventStreamHeader.Boolean("true", true),
            EventStreamHeader.Boolean("false", false),
            EventStreamHeader.Byte("byte-min", sbyte.MinValue),
            EventStreamHeader.Byte("byte-max", sbyte.MaxValue),
            EventStreamHeader.Short("short-min", short.MinValue),
            EventStreamHeader.Short("short-max", short.MaxValue),
            EventStreamHeader.Integer("int-min", int.MinValue),
            EventStreamHeader.Integer("int-max", int.MaxValue),
            EventStreamHeader.Long("long-min", long.MinValue),
            EventStreamHeader.Long("long-max", long.MaxValue),
            EventStreamHeader.ByteArray("bytes-empty", []),
            EventStreamHeader.ByteArray("bytes-max", Enumerable.Range(0, ushort.MaxValue).Select(i => (byte)i).ToArray()),
            EventStreamHeader.String("string-empty", string.Empty),
            EventStreamHeader.String("string-unicode \u00e9\u4e2d", "\u00e9\u4e2d\U0001F600 \0 line\nbreak"),
            EventStreamHeader.Timestamp("time-before-1970", -86_400_000_123),
            EventStreamHeader.Timestamp("time-now", 1_764_547_200_123),
            EventStreamHeader.Uuid("uuid", Guid.Parse("0123abcd-4567-89ef-fedc-ba9876543210")),
            EventStreamHeader.Uuid("uuid-zero", Guid.Empty),
            EventStreamHeader.String(new string('n', 255), "longest name"),
        ],
        Enumerable.Range(0, 100_000).Select(i => (byte)(i * 31)).ToArray());

    private static IEnumerable<EventStreamMessage> RandomMessages(Random random, int count)
    {
        for (int m = 0; m < count; m++)
        {
            var headers = new List<EventStreamHeader>();
            int headerCount = random.Next(0, 12);
            for (int h = 0; h < headerCount; h++)
            {
                // Names are unique within a message: the npm codec keeps headers in an object.
                string name = $"h{h}-" + RandomText(random, random.Next(0, 20));
                headers.Add(random.Next(10) switch
                {
                    0 => EventStreamHeader.Boolean(name, random.Next(2) == 0),
                    1 => EventStreamHeader.Byte(name, (sbyte)random.Next(sbyte.MinValue, sbyte.MaxValue + 1)),
                    2 => EventStreamHeader.Short(name, (short)random.Next(short.MinValue, short.MaxValue + 1)),
                    3 => EventStreamHeader.Integer(name, random.Next(int.MinValue, int.MaxValue)),
                    4 => EventStreamHeader.Long(name, random.NextInt64(long.MinValue, long.MaxValue)),
                    5 => EventStreamHeader.ByteArray(name, RandomBytes(random, random.Next(0, 300))),
                    6 => EventStreamHeader.String(name, RandomText(random, random.Next(0, 300))),
                    7 => EventStreamHeader.Timestamp(name, random.NextInt64(-8_000_000_000_000, 8_000_000_000_000)),
                    8 => EventStreamHeader.Uuid(name, new Guid(RandomBytes(random, 16))),
                    _ => EventStreamHeader.String(":event-type", "e" + h),
                });
            }

            headers = headers.DistinctBy(h => h.Name).ToList();
            int payload = random.Next(4) switch { 0 => 0, 1 => random.Next(1, 16), 2 => random.Next(16, 4096), _ => random.Next(4096, 70_000) };
            yield return new EventStreamMessage(headers, RandomBytes(random, payload));
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "abcXYZ019 -_:/{}\"\u00e9\u00df\u4e2d\u03a9";
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            text.Append(random.Next(20) == 0 ? "\U0001F680" : alphabet[random.Next(alphabet.Length)].ToString());
        }

        return text.ToString();
    }

    private static void AssertSame(EventStreamMessage expected, EventStreamMessage? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Headers.Select(h => h.ToString()), actual.Headers.Select(h => h.ToString()));
        Assert.Equal(expected.Headers, actual.Headers);
        Assert.Equal(Convert.ToHexString(expected.Payload.Span), Convert.ToHexString(actual.Payload.Span));
    }

    private static byte[] Prelude(int totalLength, int headersLength)
    {
        byte[] prelude = new byte[EventStreamCodec.PreludeLength];
        BinaryPrimitives.WriteInt32BigEndian(prelude, totalLength);
        BinaryPrimitives.WriteInt32BigEndian(prelude.AsSpan(4), headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(prelude.AsSpan(8), Crc32.HashToUInt32(prelude.AsSpan(0, 8)));
        return prelude;
    }

    // A frame whose checksums are right around headers our encoder would never write.
    private static byte[] FrameWithRawHeaders(byte[] headers, byte[] payload)
    {
        int total = EventStreamCodec.MinimumMessageLength + headers.Length + payload.Length;
        byte[] frame = [.. Prelude(total, headers.Length), .. headers, .. payload, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(total - 4), Crc32.HashToUInt32(frame.AsSpan(0, total - 4)));
        return frame;
    }
}

namespace SsoOidcCodegen.Tests.Http;

using System;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using SsoOidcCodegen.Runtime.Http;
using Xunit;

/// <summary>
/// The pooled buffer a request builder writes JSON bodies into, and keeps from call to call: what was written is
/// zeroed when the body is taken (it can hold a client secret), and the next body writes as the first did.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class PooledBufferWriterTests
{
    [Fact]
    public void Wipe_zeroes_what_was_written_and_keeps_the_buffer()
    {
        var writer = new PooledBufferWriter(64);
        byte[] before = Buffer(writer);
        "client-secret"u8.CopyTo(writer.GetSpan(13));
        writer.Advance(13);

        writer.Wipe();

        Assert.Same(before, Buffer(writer));
        Assert.True(before.AsSpan(0, 13).IndexOfAnyExcept((byte)0) < 0, "the written bytes were not zeroed");
        Assert.Equal(0, writer.WrittenMemory.Length);
    }

    [Fact]
    public void Wipe_of_an_empty_writer_leaves_it_empty_and_usable()
    {
        var writer = new PooledBufferWriter(16);

        writer.Wipe();
        writer.Wipe();
        "ab"u8.CopyTo(writer.GetSpan(2));
        writer.Advance(2);

        Assert.Equal("ab"u8.ToArray(), writer.WrittenMemory.ToArray());
    }

    [Fact]
    public void A_body_that_grew_the_buffer_past_the_kept_size_gives_it_back_and_the_next_body_rents_again()
    {
        var writer = new PooledBufferWriter(1024);
        byte[] large = Enumerable.Range(0, PooledBufferWriter.MaxKeptSize + 1000).Select(i => (byte)(i % 251)).ToArray();
        large.CopyTo(writer.GetSpan(large.Length));
        writer.Advance(large.Length);
        Assert.Equal(large, writer.WrittenMemory.ToArray());

        writer.Wipe();

        Assert.Empty(Buffer(writer));
        Span<byte> next = writer.GetSpan(1);
        Assert.True(next.Length >= 1024, $"the next body got {next.Length} bytes; the writer starts at 1024");
    }

    [Fact]
    public void Json_written_after_a_wipe_is_the_same_as_into_a_new_writer_including_non_ASCII_and_long_strings()
    {
        string[] values = [string.Empty, "ünï cödé ✓ 𝄞", new string('x', 5000)];
        var reused = new PooledBufferWriter(32);
        foreach (string value in values)
        {
            var fresh = new PooledBufferWriter(32);
            Write(fresh, value);
            reused.Wipe();
            Write(reused, value);

            Assert.Equal(fresh.WrittenMemory.ToArray(), reused.WrittenMemory.ToArray());
            Assert.Equal(value, JsonDocument.Parse(reused.WrittenMemory).RootElement.GetProperty("v").GetString());
        }
    }

    private static void Write(PooledBufferWriter target, string value)
    {
        using var json = new Utf8JsonWriter(target, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("v", value);
        json.WriteEndObject();
    }

    private static byte[] Buffer(PooledBufferWriter writer) =>
        (byte[])typeof(PooledBufferWriter).GetField("buffer", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(writer)!;
}

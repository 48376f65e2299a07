namespace SsoOidcCodegen.Tests.Checksums;

using System;
using System.Buffers.Binary;
using System.Linq;
using System.Text;
using SsoOidcCodegen.Runtime.Checksums;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The checksum algorithms of the <c>httpChecksum</c> trait: the published check values of "123456789", values
/// computed independently with Python (<c>zlib.crc32</c>, <c>hashlib</c>), and for CRC-32C and CRC-64/NVME a
/// bit-at-a-time reference written here from the algorithms' parameters, compared over many random inputs
/// (every length up to 300 and at every alignment, so the 8-byte paths and the tails are covered) and in pieces.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class FlexibleChecksumTests
{
    private static readonly byte[] Check = "123456789"u8.ToArray();

    [Fact]
    public void The_check_values_of_123456789_are_the_published_ones()
    {
        Assert.Equal(0xE3069283u, Crc32C.HashToUInt32(Check));
        Assert.Equal(0xAE8B14860A799888ul, Crc64Nvme.HashToUInt64(Check));
        Assert.Equal(Base64(0xCBF43926u), FlexibleChecksum.Compute("CRC32", Check));
        Assert.Equal(Base64(0xE3069283u), FlexibleChecksum.Compute("CRC32C", Check));
        Assert.Equal(Convert.ToBase64String(BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness(0xAE8B14860A799888ul))), FlexibleChecksum.Compute("CRC64NVME", Check));
    }

    [Theory]
    [InlineData("CRC32", "i9aeUg==", "sKjDzQ==")]
    [InlineData("SHA1", "e1AsOh9IyGCa4hLN+2Od7jlnP14=", "ohBWu0s+xE3FtEx3GP2ZEJBH5AA=")]
    [InlineData("SHA256", "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=", "lq0N2r6ccz1FUP3nUCValIBoEQKb5nUEvZvWjlVmhrk=")]
    [InlineData("SHA512", "t/eDuu2Cl/DbkXRiGE/08I5pwtXl95qUJgD5cl9Yzh8pwYE5v4CwbA//K900c4RS7PQMSIwip+PYDN9vnBwNRw==", "kCnP5/vGMAE2aunS00EUNGxkUSLAGiDIOqsrLHGy/JVrtO5IEgiF+sudvZreRrOd3DzzjrMzvprHS6+rphSa8Q==")]
    [InlineData("MD5", "PiWWCnnbxptnTNTsZ6csYg==", "wmBkIimIh2PA+ipIQ/UKNg==")]
    public void Header_values_match_Pythons_zlib_and_hashlib(string algorithm, string hello, string pattern)
    {
        // python3: base64(struct.pack(">I", zlib.crc32(d))) and base64(hashlib.sha1/sha256/sha512/md5(d).digest()).
        Assert.Equal(hello, FlexibleChecksum.Compute(algorithm, "Hello world"u8));
        Assert.Equal(pattern, FlexibleChecksum.Compute(algorithm, Pattern()));
    }

    [Fact]
    public void Crc32C_and_Crc64Nvme_agree_with_a_bitwise_reference_at_every_length_and_alignment()
    {
        var random = new Random(12);
        byte[] data = new byte[400];
        random.NextBytes(data);
        for (int offset = 0; offset < 8; offset++)
        {
            for (int length = 0; length <= 300; length++)
            {
                ReadOnlySpan<byte> slice = data.AsSpan(offset, length);
                Assert.Equal(ReferenceCrc32C(slice), Crc32C.HashToUInt32(slice));
                Assert.Equal(ReferenceCrc64Nvme(slice), Crc64Nvme.HashToUInt64(slice));
            }
        }
    }

    [Fact]
    public void Appending_in_pieces_gives_the_one_shot_value_for_every_algorithm()
    {
        byte[] data = Pattern();
        foreach (string algorithm in FlexibleChecksum.Supported)
        {
            using FlexibleChecksum running = FlexibleChecksum.Create(algorithm)!;
            var random = new Random(algorithm.Length);
            int at = 0;
            while (at < data.Length)
            {
                int piece = Math.Min(random.Next(1, 5000), data.Length - at);
                running.Append(data.AsSpan(at, piece));
                at += piece;
            }

            Assert.Equal(FlexibleChecksum.Compute(algorithm, data), running.GetHeaderValue());
            Assert.Equal("x-amz-checksum-" + algorithm.ToLowerInvariant(), running.HeaderName);
        }

        Assert.Equal(Base64(ReferenceCrc32C(data)), FlexibleChecksum.Compute("CRC32C", data));
        Assert.Equal(Convert.ToBase64String(BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness(ReferenceCrc64Nvme(data)))), FlexibleChecksum.Compute("crc64nvme", data));
    }

    /// <summary>
    /// xxHash with seed 0 in its canonical (big-endian) form: "" and "abc" are the vectors the xxHash project publishes
    /// (XXH64 0xEF46DB3751D8E999 and 0x44BC2CF5AD770999, XXH3 0x2D06800538D394C2 and 0x78AF5F94892F3950, XXH128
    /// 0x99AA06D3014798D86001C324468D497F and 0x06B05AB6733A618578AF5F94892F3950); "Hello world" and the 100 000-byte
    /// pattern (long enough for XXH3's striped loop) were computed with the reference C tool, <c>xxhsum -H1/-H3/-H2</c>.
    /// </summary>
    [Theory]
    [InlineData("XXHASH64", "", "EF46DB3751D8E999")]
    [InlineData("XXHASH64", "abc", "44BC2CF5AD770999")]
    [InlineData("XXHASH64", "Hello world", "C500B0C912B376D8")]
    [InlineData("XXHASH64", null, "38257CC2053A1729")]
    [InlineData("XXHASH3", "", "2D06800538D394C2")]
    [InlineData("XXHASH3", "abc", "78AF5F94892F3950")]
    [InlineData("XXHASH3", "Hello world", "B6ACB9D84A38FF74")]
    [InlineData("XXHASH3", null, "17A701075A95B432")]
    [InlineData("XXHASH128", "", "99AA06D3014798D86001C324468D497F")]
    [InlineData("XXHASH128", "abc", "06B05AB6733A618578AF5F94892F3950")]
    [InlineData("XXHASH128", "Hello world", "7351F89812F97382B91D05B31E04DD7F")]
    [InlineData("XXHASH128", null, "70227B16FD5F74EF17A701075A95B432")]
    public void XxHash_values_are_the_published_and_xxhsum_ones_in_canonical_big_endian_base64(string algorithm, string? text, string canonicalHex)
    {
        byte[] data = text is null ? Pattern() : Encoding.ASCII.GetBytes(text);
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString(canonicalHex)), FlexibleChecksum.Compute(algorithm, data));
    }

    [Theory]
    [InlineData("CRC16")]
    [InlineData("SHA3")]
    [InlineData("")]
    public void An_algorithm_this_client_does_not_compute_gives_no_checksum(string algorithm) =>
        Assert.Null(FlexibleChecksum.Create(algorithm));

    internal static byte[] Pattern() => Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7 % 251)).ToArray();

    private static string Base64(uint value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>CRC-32C one bit at a time: reflected, polynomial 0x1EDC6F41 (0x82F63B78 reversed), init and xorout all ones.</summary>
    internal static uint ReferenceCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0x82F63B78u & (uint)-(int)(crc & 1));
            }
        }

        return ~crc;
    }

    /// <summary>CRC-64/NVME one bit at a time: reflected, polynomial 0xAD93D23594C93659 (0x9A6C9329AC4BC9B5 reversed), init and xorout all ones.</summary>
    internal static ulong ReferenceCrc64Nvme(ReadOnlySpan<byte> data)
    {
        ulong reversed = 0;
        ulong polynomial = 0xAD93D23594C93659ul;
        for (int bit = 0; bit < 64; bit++)
        {
            reversed |= ((polynomial >> bit) & 1) << (63 - bit);
        }

        ulong crc = ulong.MaxValue;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ reversed : crc >> 1;
            }
        }

        return ~crc;
    }
}

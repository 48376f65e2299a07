namespace SsoOidcCodegen.Runtime.Checksums;

using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

/// <summary>
/// One running checksum of the <c>httpChecksum</c> trait's algorithms (CRC32, CRC32C, CRC64NVME, SHA1, SHA256, SHA512,
/// MD5, XXHASH64, XXHASH3, XXHASH128): fed the body bytes as they pass, it gives the value S3 puts in
/// <c>x-amz-checksum-&lt;algorithm&gt;</c>, the base64 of the checksum's big-endian bytes (the digest for MD5 and the
/// SHA family; xxHash's canonical form, the 64-bit value big-endian and XXH128's high half first, seed 0).
/// </summary>
public abstract class FlexibleChecksum : IDisposable
{
    /// <summary>The algorithms this client computes, in the order it prefers them when validating a response.</summary>
    public static readonly string[] Supported = { "CRC64NVME", "CRC32", "CRC32C", "SHA256", "SHA1", "SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128" };

    /// <summary>The algorithm the AWS SDKs compute when the caller chose none (since 2025; MD5 before).</summary>
    public const string DefaultAlgorithm = "CRC32";

    private FlexibleChecksum(string algorithm)
    {
        Algorithm = algorithm;
        HeaderName = "x-amz-checksum-" + algorithm.ToLowerInvariant();
    }

    /// <summary>The algorithm's name as the model writes it (upper case).</summary>
    public string Algorithm { get; }

    /// <summary>The header (or trailer) that carries the value: <c>x-amz-checksum-crc32</c> and so on.</summary>
    public string HeaderName { get; }

    /// <summary>A new running checksum, or null when the algorithm is not one this client computes.</summary>
    public static FlexibleChecksum? Create(string? algorithm) => algorithm?.ToUpperInvariant() switch
    {
        "CRC32" => new Crc32Checksum(),
        "CRC32C" => new Crc32CChecksum(),
        "CRC64NVME" => new Crc64NvmeChecksum(),
        "SHA1" => new DigestChecksum("SHA1", HashAlgorithmName.SHA1),
        "SHA256" => new DigestChecksum("SHA256", HashAlgorithmName.SHA256),
        "SHA512" => new DigestChecksum("SHA512", HashAlgorithmName.SHA512),
        "MD5" => new DigestChecksum("MD5", HashAlgorithmName.MD5),
        "XXHASH64" => new XxHashChecksum("XXHASH64", new System.IO.Hashing.XxHash64()),
        "XXHASH3" => new XxHashChecksum("XXHASH3", new System.IO.Hashing.XxHash3()),
        "XXHASH128" => new XxHashChecksum("XXHASH128", new System.IO.Hashing.XxHash128()),
        _ => null,
    };

    /// <summary>The header value of <paramref name="data"/> under <paramref name="algorithm"/>.</summary>
    /// <exception cref="ArgumentException">The algorithm is not supported.</exception>
    public static string Compute(string algorithm, ReadOnlySpan<byte> data)
    {
        using FlexibleChecksum checksum = Create(algorithm) ?? throw new ArgumentException($"The checksum algorithm '{algorithm}' is not supported.", nameof(algorithm));
        checksum.Append(data);
        return checksum.GetHeaderValue();
    }

    /// <summary>Adds bytes.</summary>
    public abstract void Append(ReadOnlySpan<byte> data);

    /// <summary>The value of everything appended, as the header carries it (base64).</summary>
    public abstract string GetHeaderValue();

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the hash object, if any.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    private sealed class Crc32Checksum() : FlexibleChecksum("CRC32")
    {
        private readonly System.IO.Hashing.Crc32 crc = new();

        public override void Append(ReadOnlySpan<byte> data) => crc.Append(data);

        public override string GetHeaderValue()
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, crc.GetCurrentHashAsUInt32());
            return Convert.ToBase64String(bytes);
        }
    }

    private sealed class Crc32CChecksum() : FlexibleChecksum("CRC32C")
    {
        private readonly Crc32C crc = new();

        public override void Append(ReadOnlySpan<byte> data) => crc.Append(data);

        public override string GetHeaderValue()
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, crc.GetCurrentHashAsUInt32());
            return Convert.ToBase64String(bytes);
        }
    }

    private sealed class Crc64NvmeChecksum() : FlexibleChecksum("CRC64NVME")
    {
        private readonly Crc64Nvme crc = new();

        public override void Append(ReadOnlySpan<byte> data) => crc.Append(data);

        public override string GetHeaderValue()
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, crc.GetCurrentHashAsUInt64());
            return Convert.ToBase64String(bytes);
        }
    }

    // XxHash64, XxHash3 and XxHash128 write their value in xxHash's canonical (big-endian) form, the header's bytes.
    private sealed class XxHashChecksum(string name, System.IO.Hashing.NonCryptographicHashAlgorithm hash) : FlexibleChecksum(name)
    {
        public override void Append(ReadOnlySpan<byte> data) => hash.Append(data);

        public override string GetHeaderValue() => Convert.ToBase64String(hash.GetCurrentHash());
    }

    private sealed class DigestChecksum(string name, HashAlgorithmName hash) : FlexibleChecksum(name)
    {
        private readonly IncrementalHash incremental = IncrementalHash.CreateHash(hash);

        public override void Append(ReadOnlySpan<byte> data) => incremental.AppendData(data);

        public override string GetHeaderValue() => Convert.ToBase64String(incremental.GetCurrentHash());

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                incremental.Dispose();
            }
        }
    }
}

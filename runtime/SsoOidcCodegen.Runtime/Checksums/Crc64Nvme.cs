namespace SsoOidcCodegen.Runtime.Checksums;

using System;
using System.Buffers.Binary;

/// <summary>
/// CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final XOR all ones; the check value of
/// "123456789" is 0xAE8B14860A799888), as S3's <c>x-amz-checksum-crc64nvme</c> uses it. Slicing by 8 tables.
/// </summary>
public sealed class Crc64Nvme
{
    private const ulong Polynomial = 0x9A6C9329AC4BC9B5UL;
    private static readonly ulong[][] Tables = MakeTables();
    private ulong state = ulong.MaxValue;

    /// <summary>Adds bytes to the running checksum.</summary>
    public void Append(ReadOnlySpan<byte> data) => state = Update(state, data);

    /// <summary>The checksum of everything appended so far.</summary>
    public ulong GetCurrentHashAsUInt64() => ~state;

    /// <summary>Starts over.</summary>
    public void Reset() => state = ulong.MaxValue;

    /// <summary>The CRC-64/NVME of <paramref name="data"/>.</summary>
    public static ulong HashToUInt64(ReadOnlySpan<byte> data) => ~Update(ulong.MaxValue, data);

    private static ulong Update(ulong crc, ReadOnlySpan<byte> data)
    {
        ulong[] t0 = Tables[0], t1 = Tables[1], t2 = Tables[2], t3 = Tables[3], t4 = Tables[4], t5 = Tables[5], t6 = Tables[6], t7 = Tables[7];
        while (data.Length >= 8)
        {
            crc ^= BinaryPrimitives.ReadUInt64LittleEndian(data);
            crc = t7[crc & 0xFF] ^ t6[(crc >> 8) & 0xFF] ^ t5[(crc >> 16) & 0xFF] ^ t4[(crc >> 24) & 0xFF]
                ^ t3[(crc >> 32) & 0xFF] ^ t2[(crc >> 40) & 0xFF] ^ t1[(crc >> 48) & 0xFF] ^ t0[crc >> 56];
            data = data.Slice(8);
        }

        foreach (byte b in data)
        {
            crc = t0[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static ulong[][] MakeTables()
    {
        var tables = new ulong[8][];
        tables[0] = new ulong[256];
        for (uint i = 0; i < 256; i++)
        {
            ulong c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            tables[0][i] = c;
        }

        for (int t = 1; t < 8; t++)
        {
            tables[t] = new ulong[256];
            for (int i = 0; i < 256; i++)
            {
                ulong previous = tables[t - 1][i];
                tables[t][i] = tables[0][previous & 0xFF] ^ (previous >> 8);
            }
        }

        return tables;
    }
}

namespace SsoOidcCodegen.Runtime.Checksums;

using System;
using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

/// <summary>
/// CRC-32C (Castagnoli: reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF; the check value
/// of "123456789" is 0xE3069283), as S3's <c>x-amz-checksum-crc32c</c> uses it. The CPU's CRC32C instruction
/// where there is one (SSE4.2, ARMv8 CRC), else an 8-table slice.
/// </summary>
public sealed class Crc32C
{
    private static readonly uint[] Table = MakeTable();
    private uint state = uint.MaxValue;

    /// <summary>Adds bytes to the running checksum.</summary>
    public void Append(ReadOnlySpan<byte> data) => state = Update(state, data);

    /// <summary>The checksum of everything appended so far.</summary>
    public uint GetCurrentHashAsUInt32() => ~state;

    /// <summary>Starts over.</summary>
    public void Reset() => state = uint.MaxValue;

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint HashToUInt32(ReadOnlySpan<byte> data) => ~Update(uint.MaxValue, data);

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong wide = crc;
            while (data.Length >= 8)
            {
                wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data.Slice(8);
            }

            crc = (uint)wide;
            foreach (byte b in data)
            {
                crc = Sse42.Crc32(crc, b);
            }

            return crc;
        }

        if (Crc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                crc = Crc32.Arm64.ComputeCrc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data.Slice(8);
            }

            foreach (byte b in data)
            {
                crc = Crc32.ComputeCrc32C(crc, b);
            }

            return crc;
        }

        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] MakeTable()
    {
        uint[] table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}

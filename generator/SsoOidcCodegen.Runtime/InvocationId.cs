namespace SsoOidcCodegen.Runtime;

using System;
using System.Security.Cryptography;

/// <summary>
/// Creates the random (version 4) UUIDs sent as <c>amz-sdk-invocation-id</c>, one per call.
/// </summary>
/// <remarks>
/// <see cref="Guid.NewGuid"/> reads the system's random source on every call (one system call on
/// Linux), which costs a steady-state call up to a third of its time. These ids come from a
/// per-thread block of cryptographically random bytes, refilled once every 64 ids.
/// </remarks>
internal static class InvocationId
{
    private const int IdsPerBlock = 64;
    private const int IdLength = 16;

    [ThreadStatic]
    private static byte[]? block;

    [ThreadStatic]
    private static int next;

    /// <summary>A new random version 4 UUID in its usual text form (<c>xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx</c>).</summary>
    public static string Create()
    {
        byte[] bytes = block ??= new byte[IdLength * IdsPerBlock];
        if (next == 0)
        {
            RandomNumberGenerator.Fill(bytes);
        }

        Span<byte> id = bytes.AsSpan(next * IdLength, IdLength);
        next = (next + 1) % IdsPerBlock;

        // Guid's byte layout is little-endian in its first three fields: byte 7 is the high byte of the third.
        id[7] = (byte)((id[7] & 0x0F) | 0x40);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return new Guid(id).ToString();
    }
}

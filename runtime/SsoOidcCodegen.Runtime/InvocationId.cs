namespace SsoOidcCodegen.Runtime;

using System;

/// <summary>
/// Creates the random (version 4) UUIDs sent as <c>amz-sdk-invocation-id</c>, one per call.
/// </summary>
/// <remarks>
/// <see cref="Guid.NewGuid"/> reads the system's random source on every call (one system call on
/// Linux), which costs a steady-state call up to a third of its time; <c>RandomNumberGenerator</c>
/// would load OpenSSL at startup even for calls that are never signed. The id only has to be unique
/// (it ties a call's attempts together in the service's logs), not secret, so it comes from
/// <see cref="Random.Shared"/>: a per-thread generator seeded from the operating system.
/// </remarks>
internal static class InvocationId
{
    /// <summary>A new random version 4 UUID in its usual text form (<c>xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx</c>).</summary>
    public static string Create()
    {
        Span<byte> id = stackalloc byte[16];
        Random.Shared.NextBytes(id);

        // Guid's byte layout is little-endian in its first three fields: byte 7 is the high byte of the third.
        id[7] = (byte)((id[7] & 0x0F) | 0x40);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return new Guid(id).ToString();
    }
}

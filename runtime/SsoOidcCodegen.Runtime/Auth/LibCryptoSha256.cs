namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

/// <summary>
/// SHA-256 and HMAC-SHA256 through OpenSSL's <c>SHA256_Init</c>, <c>SHA256_Update</c> and <c>SHA256_Final</c>, called
/// directly, for SigV4's per-request hashes on Linux. .NET's <see cref="IncrementalHash"/> goes through OpenSSL 3's EVP
/// layer, whose per-call cost (the error queue cleared on every call, the digest context re-created on every reset) is
/// several times the hashing of a canonical request (about 300 against 620 ns for 400 bytes on the benchmark machine);
/// the low-level functions hash into a context on the caller's stack and touch nothing else.
/// </summary>
/// <remarks>
/// <para>Used only where the process can load <c>libcrypto.so.3</c> or <c>libcrypto.so.1.1</c> (the library .NET's own
/// cryptography loads on Linux), OpenSSL is not in FIPS mode, the switch <see cref="DisableSwitch"/> is not set, the
/// three functions are exported, and a hash made through them equals
/// <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>'s; otherwise <see cref="IsAvailable"/> is false and
/// signing hashes through <see cref="IncrementalHash"/> as before. Windows and macOS always take that path.</para>
/// <para>An HMAC key is kept as the two SHA-256 states after the key's inner and outer pads (RFC 2104), so an HMAC
/// hashes the message and one block more. The states are secret-derived: <see cref="SigV4Signer"/> keeps them as long as
/// the derived key they come from (a day, a region, a service), as it kept keyed HMAC contexts before, and every copy
/// made for one HMAC on the stack is zeroed after it.</para>
/// </remarks>
internal static unsafe class LibCryptoSha256
{
    /// <summary>
    /// Bytes of room for an OpenSSL <c>SHA256_CTX</c>: eight state words, two length words, sixteen block words and two
    /// counters, 112 bytes in OpenSSL 1.1 and 3.x (a public struct, part of the library's ABI), rounded up.
    /// </summary>
    internal const int ContextSize = 128;

    /// <summary>Bytes of an HMAC key's state: the inner and the outer pad's SHA-256 contexts.</summary>
    internal const int HmacStateSize = 2 * ContextSize;

    /// <summary>
    /// The <see cref="AppContext"/> switch that keeps signing on <see cref="IncrementalHash"/> (set it in the project:
    /// <c>&lt;RuntimeHostConfigurationOption Include="SsoOidcCodegen.Runtime.Auth.DisableLibCryptoSha256" Value="true" /&gt;</c>).
    /// </summary>
    internal const string DisableSwitch = "SsoOidcCodegen.Runtime.Auth.DisableLibCryptoSha256";

    private const int BlockSize = 64;

    private static readonly delegate* unmanaged<byte*, int> Init;
    private static readonly delegate* unmanaged<byte*, byte*, nuint, int> Update;
    private static readonly delegate* unmanaged<byte*, byte*, int> Final;

    static LibCryptoSha256()
    {
        if (!OperatingSystem.IsLinux()
            || (AppContext.TryGetSwitch(DisableSwitch, out bool disabled) && disabled))
        {
            return;
        }

        try
        {
            // The first library that loads decides (the one .NET's OpenSSL shim prefers too): a FIPS-mode OpenSSL 3 does
            // not send signing to an OpenSSL 1.1 that happens to be installed beside it.
            foreach (string name in (ReadOnlySpan<string>)["libcrypto.so.3", "libcrypto.so.1.1"])
            {
                if (!NativeLibrary.TryLoad(name, out IntPtr library))
                {
                    continue;
                }

                if (!InFipsMode(library)
                    && NativeLibrary.TryGetExport(library, "SHA256_Init", out IntPtr init)
                    && NativeLibrary.TryGetExport(library, "SHA256_Update", out IntPtr update)
                    && NativeLibrary.TryGetExport(library, "SHA256_Final", out IntPtr final))
                {
                    Init = (delegate* unmanaged<byte*, int>)init;
                    Update = (delegate* unmanaged<byte*, byte*, nuint, int>)update;
                    Final = (delegate* unmanaged<byte*, byte*, int>)final;
                    IsAvailable = HashesAsDotNetDoes();
                }

                return;
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or CryptographicException or PlatformNotSupportedException)
        {
            // A type initializer that throws would take signing down with it: anything of these here leaves the fallback.
            IsAvailable = false;
        }
    }

    /// <summary>Whether the functions were found and hash as <see cref="SHA256"/> does.</summary>
    public static bool IsAvailable { get; }

    /// <summary>SHA-256 of <paramref name="data"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("The destination is shorter than a SHA-256 hash.", nameof(destination));
        }

        byte* context = stackalloc byte[ContextSize];
        fixed (byte* bytes = data)
        fixed (byte* digest = destination)
        {
            Check(Init(context));
            Check(Update(context, bytes, (nuint)data.Length));
            Check(Final(digest, context));
        }
    }

    /// <summary>
    /// Writes into <paramref name="state"/> (<see cref="HmacStateSize"/> bytes) the SHA-256 states after
    /// <paramref name="key"/>'s inner and outer pads. A key longer than a block is hashed first, as RFC 2104 says.
    /// </summary>
    public static void CreateHmacState(ReadOnlySpan<byte> key, Span<byte> state)
    {
        if (state.Length < HmacStateSize)
        {
            throw new ArgumentException("The state is shorter than an HMAC state.", nameof(state));
        }

        Span<byte> block = stackalloc byte[BlockSize];
        try
        {
            block.Clear();
            if (key.Length > BlockSize)
            {
                Hash(key, block);
            }
            else
            {
                key.CopyTo(block);
            }

            fixed (byte* pad = block)
            fixed (byte* contexts = state)
            {
                for (int i = 0; i < BlockSize; i++)
                {
                    pad[i] ^= 0x36;
                }

                Check(Init(contexts));
                Check(Update(contexts, pad, BlockSize));
                for (int i = 0; i < BlockSize; i++)
                {
                    pad[i] ^= 0x36 ^ 0x5c;
                }

                Check(Init(contexts + ContextSize));
                Check(Update(contexts + ContextSize, pad, BlockSize));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
        }
    }

    /// <summary>HMAC-SHA256 of <paramref name="message"/> under the key whose <paramref name="state"/> <see cref="CreateHmacState"/> wrote.</summary>
    public static void Hmac(ReadOnlySpan<byte> state, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        if (state.Length < HmacStateSize || destination.Length < SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("The state or the destination is too short for HMAC-SHA256.");
        }

        byte* context = stackalloc byte[ContextSize];
        byte* inner = stackalloc byte[SHA256.HashSizeInBytes];
        try
        {
            fixed (byte* contexts = state)
            fixed (byte* bytes = message)
            fixed (byte* digest = destination)
            {
                Buffer.MemoryCopy(contexts, context, ContextSize, ContextSize);
                Check(Update(context, bytes, (nuint)message.Length));
                Check(Final(inner, context));
                Buffer.MemoryCopy(contexts + ContextSize, context, ContextSize, ContextSize);
                Check(Update(context, inner, SHA256.HashSizeInBytes));
                Check(Final(digest, context));
            }
        }
        finally
        {
            // The copied states are the key's; the inner hash is not secret but goes too.
            CryptographicOperations.ZeroMemory(new Span<byte>(context, ContextSize));
            CryptographicOperations.ZeroMemory(new Span<byte>(inner, SHA256.HashSizeInBytes));
        }
    }

    /// <summary>
    /// Whether OpenSSL runs in FIPS mode (OpenSSL 3's default properties ask for the FIPS provider, or 1.1's
    /// <c>FIPS_mode</c> is on): the low-level functions bypass the FIPS provider, so signing then stays on .NET's
    /// cryptography, which goes through it. A library that answers neither question is taken as not in FIPS mode.
    /// </summary>
    private static bool InFipsMode(IntPtr library)
    {
        if (NativeLibrary.TryGetExport(library, "EVP_default_properties_is_fips_enabled", out IntPtr enabled))
        {
            return ((delegate* unmanaged<IntPtr, int>)enabled)(IntPtr.Zero) != 0;
        }

        return NativeLibrary.TryGetExport(library, "FIPS_mode", out IntPtr mode) && ((delegate* unmanaged<int>)mode)() != 0;
    }

    private static void Check(int result)
    {
        // The functions fail only for a null context, which these callers never pass.
        if (result != 1)
        {
            throw new CryptographicException("OpenSSL's SHA-256 function failed.");
        }
    }

    private static bool HashesAsDotNetDoes()
    {
        // Three blocks and a part of one: the padding, the length and the carry between blocks.
        Span<byte> data = stackalloc byte[(3 * BlockSize) + 9];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)((i * 31) + 7);
        }

        Span<byte> ours = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> theirs = stackalloc byte[SHA256.HashSizeInBytes];
        try
        {
            Hash(data, ours);
        }
        catch (CryptographicException)
        {
            return false;
        }

        SHA256.HashData(data, theirs);
        return ours.SequenceEqual(theirs);
    }
}

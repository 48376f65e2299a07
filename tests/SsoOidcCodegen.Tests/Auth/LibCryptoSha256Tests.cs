namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Auth;
using Xunit;

/// <summary>
/// OpenSSL's SHA-256 functions called directly (<see cref="LibCryptoSha256"/>) must hash and HMAC exactly as .NET's
/// <see cref="SHA256"/> and <see cref="HMACSHA256"/> do, for every length around the 64-byte block and its padding,
/// every key length around the block (RFC 2104 hashes a longer key first), and from many threads sharing one key state.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class LibCryptoSha256Tests
{
    [Fact]
    public void Is_available_on_Linux_and_nowhere_else()
    {
        // .NET's own cryptography needs libcrypto on Linux, so a Linux machine that runs these tests has it; the tests
        // below skip where it is not used, so this one keeps them from skipping unseen on the machines that should use it.
        Assert.True(
            OperatingSystem.IsLinux() == LibCryptoSha256.IsAvailable,
            $"LibCryptoSha256.IsAvailable is {LibCryptoSha256.IsAvailable} on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}: expected true on Linux (unless OpenSSL runs in FIPS mode or {LibCryptoSha256.DisableSwitch} is set) and false elsewhere.");
    }

    [Fact]
    public void Hashes_every_length_around_the_block_as_SHA256_does()
    {
        Assert.SkipUnless(LibCryptoSha256.IsAvailable, "OpenSSL's SHA-256 functions are used on Linux only.");
        var random = new Random(20261202);
        foreach (int length in Enumerable.Range(0, 200).Concat([447, 448, 511, 512, 513, 4096, 100_003]))
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            byte[] ours = new byte[32];

            LibCryptoSha256.Hash(data, ours);

            Assert.True(SHA256.HashData(data).AsSpan().SequenceEqual(ours), $"SHA-256 of {length} bytes differs");
        }
    }

    [Fact]
    public void Hashes_the_published_test_vectors()
    {
        Assert.SkipUnless(LibCryptoSha256.IsAvailable, "OpenSSL's SHA-256 functions are used on Linux only.");
        byte[] ours = new byte[32];

        // FIPS 180-2, appendix B.1 and B.2.
        LibCryptoSha256.Hash("abc"u8, ours);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(ours));
        LibCryptoSha256.Hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"u8, ours);
        Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", Convert.ToHexStringLower(ours));
    }

    [Fact]
    public void Macs_the_RFC_4231_test_vector()
    {
        Assert.SkipUnless(LibCryptoSha256.IsAvailable, "OpenSSL's SHA-256 functions are used on Linux only.");
        byte[] state = new byte[LibCryptoSha256.HmacStateSize];
        byte[] mac = new byte[32];

        // RFC 4231, test case 2.
        LibCryptoSha256.CreateHmacState("Jefe"u8, state);
        LibCryptoSha256.Hmac(state, "what do ya want for nothing?"u8, mac);

        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Convert.ToHexStringLower(mac));
    }

    [Fact]
    public void Macs_every_key_and_message_length_around_the_block_as_HMACSHA256_does()
    {
        Assert.SkipUnless(LibCryptoSha256.IsAvailable, "OpenSSL's SHA-256 functions are used on Linux only.");
        var random = new Random(4231);
        byte[] state = new byte[LibCryptoSha256.HmacStateSize];
        byte[] mac = new byte[32];
        foreach (int keyLength in new[] { 0, 1, 31, 32, 33, 63, 64, 65, 128, 300 })
        {
            byte[] key = new byte[keyLength];
            random.NextBytes(key);
            LibCryptoSha256.CreateHmacState(key, state);
            foreach (int length in new[] { 0, 1, 55, 56, 63, 64, 65, 119, 120, 200, 1000 })
            {
                byte[] message = new byte[length];
                random.NextBytes(message);

                LibCryptoSha256.Hmac(state, message, mac);

                Assert.True(HMACSHA256.HashData(key, message).AsSpan().SequenceEqual(mac), $"HMAC with a {keyLength}-byte key of {length} bytes differs");
            }
        }
    }

    [Fact]
    public async Task One_key_state_serves_many_threads_at_once_and_is_left_unchanged()
    {
        Assert.SkipUnless(LibCryptoSha256.IsAvailable, "OpenSSL's SHA-256 functions are used on Linux only.");
        byte[] key = SHA256.HashData("signing key"u8);
        byte[] state = new byte[LibCryptoSha256.HmacStateSize];
        LibCryptoSha256.CreateHmacState(key, state);
        byte[] before = state.ToArray();

        bool[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            byte[] mac = new byte[32];
            for (int i = 0; i < 2000; i++)
            {
                byte[] message = Encoding.ASCII.GetBytes($"AWS4-HMAC-SHA256\n20261202T000000Z\n{thread}/{i}");
                LibCryptoSha256.Hmac(state, message, mac);
                if (!HMACSHA256.HashData(key, message).AsSpan().SequenceEqual(mac))
                {
                    return false;
                }
            }

            return true;
        })));

        Assert.All(results, Assert.True);
        Assert.Equal(before, state);
    }

    [Fact]
    public void Too_short_a_destination_or_state_is_refused()
    {
        Assert.SkipUnless(LibCryptoSha256.IsAvailable, "OpenSSL's SHA-256 functions are used on Linux only.");

        Assert.Throws<ArgumentException>(() => LibCryptoSha256.Hash("abc"u8, new byte[31]));
        Assert.Throws<ArgumentException>(() => LibCryptoSha256.CreateHmacState("k"u8, new byte[LibCryptoSha256.HmacStateSize - 1]));
        Assert.Throws<ArgumentException>(() => LibCryptoSha256.Hmac(new byte[LibCryptoSha256.HmacStateSize - 1], "m"u8, new byte[32]));
        Assert.Throws<ArgumentException>(() => LibCryptoSha256.Hmac(new byte[LibCryptoSha256.HmacStateSize], "m"u8, new byte[31]));
    }
}

namespace SsoOidc.LocalService.Protocol;

using System;
using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

/// <summary>Makes the opaque values the service hands out, and its id tokens.</summary>
internal sealed class TokenFactory
{
    // No vowels, so a user code never spells a word; no digits, so it never looks like 0/O or 1/I.
    private const string UserCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ";

    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);

    public static string ClientId() => Opaque(string.Empty, 24);

    public static string ClientSecret() => Opaque(string.Empty, 96);

    public static string DeviceCode() => Opaque(string.Empty, 48);

    public static string AuthorizationCode() => Opaque(string.Empty, 32);

    public static string AccessToken() => Opaque("aoa", 64);

    public static string RefreshToken() => Opaque("aor", 64);

    public static string IdentityContext() => Opaque(string.Empty, 32);

    /// <summary>Eight letters as <c>ABCD-EFGH</c>.</summary>
    public static string UserCode()
    {
        char[] letters = RandomNumberGenerator.GetItems<char>(UserCodeAlphabet, 8);
        return string.Concat(letters.AsSpan(0, 4), "-", letters.AsSpan(4, 4));
    }

    /// <summary>Upper case without separators, so <c>abcd efgh</c> and <c>ABCD-EFGH</c> name the same code.</summary>
    public static string NormalizeUserCode(string userCode)
    {
        var builder = new StringBuilder(userCode.Length);
        foreach (char c in userCode)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>A compact JWT (HS256, signed with a key that lives as long as the service).</summary>
    public string IdToken(string issuer, string subject, string audience, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        string header = Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);

        var payload = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", issuer);
            writer.WriteString("sub", subject);
            writer.WriteString("aud", audience);
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("exp", (issuedAt + lifetime).ToUnixTimeSeconds());
            writer.WriteEndObject();
        }

        string signingInput = header + "." + Base64Url.EncodeToString(payload.WrittenSpan);
        byte[] signature = HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private static string Opaque(string prefix, int byteCount) =>
        prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(byteCount));
}

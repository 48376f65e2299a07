namespace SsoOidc.LocalService.Protocol;

using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

/// <summary>Proof Key for Code Exchange (RFC 7636), S256 only: the service rejects <c>plain</c>.</summary>
internal static class Pkce
{
    public const string S256 = "S256";

    /// <summary>An S256 challenge is the base64url encoding, without padding, of a SHA-256 hash: 43 characters.</summary>
    public static bool IsWellFormedChallenge(string? challenge) =>
        challenge is { Length: 43 } && Base64Url.IsValid(challenge);

    /// <summary>True when <paramref name="verifier"/> is well formed and hashes to <paramref name="challenge"/>.</summary>
    public static bool Verify(string? verifier, string challenge)
    {
        if (verifier is null || verifier.Length is < 43 or > 128 || !IsUnreserved(verifier))
        {
            return false;
        }

        byte[] hash = SHA256.HashData(Encoding.ASCII.GetBytes(verifier));
        byte[] expected = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(hash));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(challenge));
    }

    private static bool IsUnreserved(string value)
    {
        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
            {
                return false;
            }
        }

        return true;
    }
}

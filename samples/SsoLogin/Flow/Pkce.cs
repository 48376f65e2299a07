namespace SsoLogin.Flow;

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

/// <summary>A PKCE code verifier and its S256 challenge (RFC 7636), and a random <c>state</c>.</summary>
public sealed class Pkce
{
    private Pkce(string verifier, string challenge, string state)
    {
        Verifier = verifier;
        Challenge = challenge;
        State = state;
    }

    /// <summary>The code verifier: 43 base64url characters from 32 random bytes. Secret until redeemed.</summary>
    public string Verifier { get; }

    /// <summary><c>BASE64URL(SHA256(verifier))</c>.</summary>
    public string Challenge { get; }

    /// <summary>The <c>state</c> that ties the browser's answer to this request.</summary>
    public string State { get; }

    /// <summary>Creates a fresh verifier, challenge and state.</summary>
    public static Pkce Create()
    {
        string verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        string challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return new Pkce(verifier, challenge, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
    }

    /// <summary>Never shows the verifier.</summary>
    public override string ToString() => "Pkce { Challenge = " + Challenge + " }";
}

namespace SsoOidcCodegen.Runtime.Auth;

/// <summary>What one signing computed at each stage, filled in when a test asks for it.</summary>
internal sealed class SigV4SigningStages
{
    /// <summary>The canonical request whose hash is signed.</summary>
    public string CanonicalRequest { get; set; } = string.Empty;

    /// <summary>The string to sign.</summary>
    public string StringToSign { get; set; } = string.Empty;

    /// <summary>The signature, lower-case hex.</summary>
    public string Signature { get; set; } = string.Empty;

    /// <summary>The Authorization header value.</summary>
    public string Authorization { get; set; } = string.Empty;
}

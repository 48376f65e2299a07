namespace SsoLogin.Flow;

/// <summary>How the user signs in.</summary>
public enum LoginMethod
{
    /// <summary>Authorization code with PKCE, the browser coming back to a loopback listener (the AWS CLI's default).</summary>
    AuthorizationCode,

    /// <summary>Device authorization (RFC 8628): the user enters a code on a page, the tool polls.</summary>
    DeviceCode,
}

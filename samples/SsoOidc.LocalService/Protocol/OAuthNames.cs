namespace SsoOidc.LocalService.Protocol;

using System.Text.RegularExpressions;

/// <summary>The grant type values the model's documentation lists.</summary>
internal static class GrantTypes
{
    public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";
}

/// <summary>The token type URIs of the token exchange grant.</summary>
internal static class TokenTypeUris
{
    public const string AccessToken = "urn:ietf:params:oauth:token-type:access_token";
    public const string RefreshToken = "urn:ietf:params:oauth:token-type:refresh_token";
}

/// <summary>Application ARNs: the client ids of CreateTokenWithIAM.</summary>
internal static partial class ApplicationArn
{
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex(@"^arn:aws[a-z-]*:sso::\d{12}:application/[A-Za-z0-9-]+/[A-Za-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

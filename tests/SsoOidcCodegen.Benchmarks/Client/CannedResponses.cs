namespace SsoOidcCodegen.Benchmarks.Client;

using System.Text;

/// <summary>The bodies the in-memory service answers with: the shapes and sizes of real SSO OIDC answers.</summary>
public static class CannedResponses
{
    /// <summary>RegisterClient: a client id and secret with their issue and expiry times.</summary>
    public static readonly byte[] RegisterClient = Encoding.UTF8.GetBytes(
        """{"clientId":"_yzkThXVzLWVhc3QtMQEXAMPLECLIENTID","clientIdIssuedAt":1579725929,"clientSecret":"VERYLONGSECRETeyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0.eyJzZXJpYWxpemVkIjoie1wiY2xpZW50SWRcIjp7XCJ2YWx1ZVwiOlwiX3l6a1RoWFZ6TFdWaGMzUXRNUUVYQU1QTEVDTElFTlRJRFwifX0ifQ.EXAMPLESECRETSIGNATURE","clientSecretExpiresAt":1587584729}""");

    /// <summary>StartDeviceAuthorization: device code, user code and where the user confirms it.</summary>
    public static readonly byte[] StartDeviceAuthorization = Encoding.UTF8.GetBytes(
        """{"deviceCode":"yJraWQiOiJrZXktMTU2Njk2ODA4OCIsImFsZyI6IkhTMzIn0EXAMPLEDEVICECODE","expiresIn":600,"interval":1,"userCode":"MAKD-FSKL","verificationUri":"https://device.sso.us-east-1.amazonaws.com/","verificationUriComplete":"https://device.sso.us-east-1.amazonaws.com/?user_code=MAKD-FSKL"}""");

    /// <summary>CreateToken: an access token, a refresh token and an id token.</summary>
    public static readonly byte[] CreateToken = Encoding.UTF8.GetBytes(
        """{"accessToken":"aoal-YigITUDiNX1xZwOMXM5MxOWDL0E0jg9P6_C_jKQPxS_SKCP6f0kh1Up4g7TtvQqkMnD-GJiU_S1gvug6SrggAkc0:MGYCMQD3IatVjV7jAJU91kK3PkS/SfA2wtgWzOgZWDOR7sDGN9t0phCZz5It/aes/3C1Zj0CMQCKWOgRaiz6AIhza3DSXQNMLjRKXC8F8ceCsHlgYLMZ7hZidEXAMPLE","expiresIn":28800,"idToken":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJFWEFNUExFIiwiYXVkIjoiX3l6a1RoWFZ6TFdWaGMzUXRNUUVYQU1QTEVDTElFTlRJRCJ9.EXAMPLEIDTOKENSIGNATURE","refreshToken":"aorvJYubGpU6i91YnH7Mfo-AT2fIVa1zCfA_Rvq9yjVKIP3onFmmykuQ7E93y2I-9Nyj-A_sVvMufaLNL0bqnDRtgAkc0:MGUCMFrRsktMRVlWaOR70XGMFGLL0SlcCw4DiYveIiOVx1uK9BbD0gvAddsW3UTLozXKMgIxAJ3qxUvjpnlLIOaaKOoa/FuNgqJVvr9GMwDtnAtlh9iZzAkEXAMPLE","tokenType":"Bearer"}""");

    /// <summary>CreateTokenWithIAM: tokens, the issued token type, scopes and the identity context.</summary>
    public static readonly byte[] CreateTokenWithIam = Encoding.UTF8.GetBytes(
        """{"accessToken":"aoal-YigITUDiNX1xZwOMXM5MxOWDL0E0jg9P6_C_jKQPxS_SKCP6f0kh1Up4g7TtvQqkMnD-GJiU_S1gvug6SrggAkc0:MGYCMQD3IatVjV7jAJU91kK3PkS/SfA2wtgWzOgZWDOR7sDGN9t0phCZz5It/aes/3C1Zj0CMQCKWOgRaiz6AIhza3DSXQNMLjRKXC8F8ceCsHlgYLMZ7hZidEXAMPLE","awsAdditionalDetails":{"identityContext":"EXAMPLEIDENTITYCONTEXT"},"expiresIn":3600,"idToken":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJFWEFNUExFIiwiYXVkIjoiYXJuOmF3czpzc286OjEyMzQ1Njc4OTAxMjphcHBsaWNhdGlvbiJ9.EXAMPLEIDTOKENSIGNATURE","issuedTokenType":"urn:ietf:params:oauth:token-type:refresh_token","refreshToken":"aorvJYubGpU6i91YnH7Mfo-AT2fIVa1zCfA_Rvq9yjVKIP3onFmmykuQ7E93y2I-9Nyj-A_sVvMufaLNL0bqnDRtgAkc0:MGUCMFrRsktMRVlWaOR70XGMFGLL0SlcCw4DiYveIiOVx1uK9BbD0gvAddsW3UTLozXKMgIxAJ3qxUvjpnlLIOaaKOoa/FuNgqJVvr9GMwDtnAtlh9iZzAkEXAMPLE","scope":["openid","aws","sts:identity_context"],"tokenType":"Bearer"}""");

    /// <summary>The 400 answer while the user has not yet approved the device (with <c>x-amzn-ErrorType: AuthorizationPendingException</c>).</summary>
    public static readonly byte[] AuthorizationPending = Encoding.UTF8.GetBytes(
        """{"error":"authorization_pending","error_description":"Authorization is still pending for the device code"}""");

    /// <summary>What the service answers for a path it does not know.</summary>
    public static readonly byte[] UnknownOperation = Encoding.UTF8.GetBytes("""{"message":"No such operation"}""");
}

namespace SsoOidcCodegen.Benchmarks.Client;

using System.Collections.Generic;
using System.Text;
#if !COLD_SIDE_PEER
using Ours = SsoOidcCodegen.SsoOidc.Model;
#endif
#if !COLD_SIDE_OURS
using Peer = Amazon.SSOOIDC.Model;
#endif

/// <summary>
/// The benchmark requests: the "typical" requests of the official SDK's wire reference, as our
/// generated request types, as the official SDK's, and as the JSON body the SDK sends (for the raw
/// HttpClient floor). Built once and reused, so neither client pays for building them.
/// </summary>
public static class BenchmarkRequests
{
    /// <summary>The region both clients sign for.</summary>
    public const string Region = "us-east-1";

    /// <summary>The endpoint both clients are pointed at (never dialled: the handler answers).</summary>
    public const string ServiceUrl = "http://127.0.0.1:1";

    /// <summary>The example access key id (SigV4 test suite).</summary>
    public const string AccessKeyId = "AKIDEXAMPLE";

    /// <summary>The example secret access key (SigV4 test suite).</summary>
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private const string ClientId = "_yzkThXVzLWVhc3QtMQEXAMPLECLIENTID";
    private const string ClientSecret = "VERYLONGSECRETeyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0.eyJzZXJpYWxpemVkIjoie1wiY2xpZW50SWRcIjp7XCJ2YWx1ZVwiOlwiX3l6a1RoWFZ6TFdWaGMzUXRNUUVYQU1QTEVDTElFTlRJRFwifX0ifQ.EXAMPLESECRETSIGNATURE";
    private const string DeviceCode = "yJraWQiOiJrZXktMTU2Njk2ODA4OCIsImFsZyI6IkhTMzIn0EXAMPLEDEVICECODE";
    private const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";
    private const string StartUrl = "https://my-sso-portal.awsapps.com/start";
    private const string IamClientId = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-1111111111111111";
    private const string IamCode = "eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0EXAMPLEAUTHCODE";
    private const string CodeVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string RedirectUri = "https://mywebapp.example/redirect";

#if !COLD_SIDE_PEER
    /// <summary>RegisterClient, ours.</summary>
    public static Ours.RegisterClientRequest OursRegisterClient() => new()
    {
        ClientName = "botocore-client-my-sso-session",
        ClientType = "public",
        Scopes = new List<string> { "sso:account:access" },
    };
#endif

#if !COLD_SIDE_OURS
    /// <summary>RegisterClient, the official SDK's.</summary>
    public static Peer.RegisterClientRequest PeerRegisterClient() => new()
    {
        ClientName = "botocore-client-my-sso-session",
        ClientType = "public",
        Scopes = new List<string> { "sso:account:access" },
    };
#endif

#if !COLD_SIDE_PEER
    /// <summary>StartDeviceAuthorization, ours.</summary>
    public static Ours.StartDeviceAuthorizationRequest OursStartDeviceAuthorization() => new()
    {
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        StartUrl = StartUrl,
    };
#endif

#if !COLD_SIDE_OURS
    /// <summary>StartDeviceAuthorization, the official SDK's.</summary>
    public static Peer.StartDeviceAuthorizationRequest PeerStartDeviceAuthorization() => new()
    {
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        StartUrl = StartUrl,
    };
#endif

#if !COLD_SIDE_PEER
    /// <summary>CreateToken with the device code grant, ours.</summary>
    public static Ours.CreateTokenRequest OursCreateToken() => new()
    {
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        DeviceCode = DeviceCode,
        GrantType = DeviceCodeGrant,
    };
#endif

#if !COLD_SIDE_OURS
    /// <summary>CreateToken with the device code grant, the official SDK's.</summary>
    public static Peer.CreateTokenRequest PeerCreateToken() => new()
    {
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        DeviceCode = DeviceCode,
        GrantType = DeviceCodeGrant,
    };
#endif

#if !COLD_SIDE_PEER
    /// <summary>CreateTokenWithIAM with the authorization code grant and PKCE, ours.</summary>
    public static Ours.CreateTokenWithIAMRequest OursCreateTokenWithIam() => new()
    {
        ClientId = IamClientId,
        Code = IamCode,
        CodeVerifier = CodeVerifier,
        GrantType = "authorization_code",
        RedirectUri = RedirectUri,
    };
#endif

#if !COLD_SIDE_OURS
    /// <summary>CreateTokenWithIAM with the authorization code grant and PKCE, the official SDK's.</summary>
    public static Peer.CreateTokenWithIAMRequest PeerCreateTokenWithIam() => new()
    {
        ClientId = IamClientId,
        Code = IamCode,
        CodeVerifier = CodeVerifier,
        GrantType = "authorization_code",
        RedirectUri = RedirectUri,
    };
#endif

    /// <summary>The JSON bodies the official SDK sends for these requests, byte for byte, for the raw floor.</summary>
    public static class Bodies
    {
        /// <summary>RegisterClient (101 bytes).</summary>
        public static readonly byte[] RegisterClient = Encoding.UTF8.GetBytes(
            "{\"clientName\":\"botocore-client-my-sso-session\",\"clientType\":\"public\",\"scopes\":[\"sso:account:access\"]}");

        /// <summary>StartDeviceAuthorization (319 bytes).</summary>
        public static readonly byte[] StartDeviceAuthorization = Encoding.UTF8.GetBytes(
            "{\"clientId\":\"" + ClientId + "\",\"clientSecret\":\"" + ClientSecret + "\",\"startUrl\":\"" + StartUrl + "\"}");

        /// <summary>CreateToken (406 bytes).</summary>
        public static readonly byte[] CreateToken = Encoding.UTF8.GetBytes(
            "{\"clientId\":\"" + ClientId + "\",\"clientSecret\":\"" + ClientSecret + "\",\"deviceCode\":\"" + DeviceCode + "\",\"grantType\":\"" + DeviceCodeGrant + "\"}");

        /// <summary>CreateTokenWithIAM (317 bytes).</summary>
        public static readonly byte[] CreateTokenWithIam = Encoding.UTF8.GetBytes(
            "{\"clientId\":\"" + IamClientId + "\",\"code\":\"" + IamCode + "\",\"codeVerifier\":\"" + CodeVerifier + "\",\"grantType\":\"authorization_code\",\"redirectUri\":\"" + RedirectUri + "\"}");
    }
}

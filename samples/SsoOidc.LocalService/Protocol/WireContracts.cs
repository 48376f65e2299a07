namespace SsoOidc.LocalService.Protocol;

using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

// The JSON bodies of the four operations, with the model's camelCase member names and the
// members in model order (System.Text.Json writes declaration order). Null members are omitted,
// as the real service and the SDK do.

internal sealed class RegisterClientRequest
{
    [JsonPropertyName("clientName")] public string? ClientName { get; init; }
    [JsonPropertyName("clientType")] public string? ClientType { get; init; }
    [JsonPropertyName("scopes")] public List<string>? Scopes { get; init; }
    [JsonPropertyName("redirectUris")] public List<string>? RedirectUris { get; init; }
    [JsonPropertyName("grantTypes")] public List<string>? GrantTypes { get; init; }
    [JsonPropertyName("issuerUrl")] public string? IssuerUrl { get; init; }
    [JsonPropertyName("entitledApplicationArn")] public string? EntitledApplicationArn { get; init; }
}

internal sealed class RegisterClientResponse
{
    [JsonPropertyName("clientId")] public required string ClientId { get; init; }
    [JsonPropertyName("clientSecret")] public required string ClientSecret { get; init; }
    [JsonPropertyName("clientIdIssuedAt")] public long ClientIdIssuedAt { get; init; }
    [JsonPropertyName("clientSecretExpiresAt")] public long ClientSecretExpiresAt { get; init; }
    [JsonPropertyName("authorizationEndpoint")] public string? AuthorizationEndpoint { get; init; }
    [JsonPropertyName("tokenEndpoint")] public string? TokenEndpoint { get; init; }
}

internal sealed class StartDeviceAuthorizationRequest
{
    [JsonPropertyName("clientId")] public string? ClientId { get; init; }
    [JsonPropertyName("clientSecret")] public string? ClientSecret { get; init; }
    [JsonPropertyName("startUrl")] public string? StartUrl { get; init; }
}

internal sealed class StartDeviceAuthorizationResponse
{
    [JsonPropertyName("deviceCode")] public required string DeviceCode { get; init; }
    [JsonPropertyName("userCode")] public required string UserCode { get; init; }
    [JsonPropertyName("verificationUri")] public required string VerificationUri { get; init; }
    [JsonPropertyName("verificationUriComplete")] public required string VerificationUriComplete { get; init; }
    [JsonPropertyName("expiresIn")] public int ExpiresIn { get; init; }
    [JsonPropertyName("interval")] public int Interval { get; init; }
}

internal sealed class CreateTokenRequest
{
    [JsonPropertyName("clientId")] public string? ClientId { get; init; }
    [JsonPropertyName("clientSecret")] public string? ClientSecret { get; init; }
    [JsonPropertyName("grantType")] public string? GrantType { get; init; }
    [JsonPropertyName("deviceCode")] public string? DeviceCode { get; init; }
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("refreshToken")] public string? RefreshToken { get; init; }
    [JsonPropertyName("scope")] public List<string>? Scope { get; init; }
    [JsonPropertyName("redirectUri")] public string? RedirectUri { get; init; }
    [JsonPropertyName("codeVerifier")] public string? CodeVerifier { get; init; }
}

internal sealed class CreateTokenResponse
{
    [JsonPropertyName("accessToken")] public required string AccessToken { get; init; }
    [JsonPropertyName("tokenType")] public required string TokenType { get; init; }
    [JsonPropertyName("expiresIn")] public int ExpiresIn { get; init; }
    [JsonPropertyName("refreshToken")] public string? RefreshToken { get; init; }
    [JsonPropertyName("idToken")] public string? IdToken { get; init; }
}

internal sealed class CreateTokenWithIamRequest
{
    [JsonPropertyName("clientId")] public string? ClientId { get; init; }
    [JsonPropertyName("grantType")] public string? GrantType { get; init; }
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("refreshToken")] public string? RefreshToken { get; init; }
    [JsonPropertyName("assertion")] public string? Assertion { get; init; }
    [JsonPropertyName("scope")] public List<string>? Scope { get; init; }
    [JsonPropertyName("redirectUri")] public string? RedirectUri { get; init; }
    [JsonPropertyName("subjectToken")] public string? SubjectToken { get; init; }
    [JsonPropertyName("subjectTokenType")] public string? SubjectTokenType { get; init; }
    [JsonPropertyName("requestedTokenType")] public string? RequestedTokenType { get; init; }
    [JsonPropertyName("codeVerifier")] public string? CodeVerifier { get; init; }
}

internal sealed class CreateTokenWithIamResponse
{
    [JsonPropertyName("accessToken")] public string? AccessToken { get; init; }
    [JsonPropertyName("tokenType")] public string? TokenType { get; init; }
    [JsonPropertyName("expiresIn")] public int? ExpiresIn { get; init; }
    [JsonPropertyName("refreshToken")] public string? RefreshToken { get; init; }
    [JsonPropertyName("idToken")] public string? IdToken { get; init; }
    [JsonPropertyName("issuedTokenType")] public string? IssuedTokenType { get; init; }
    [JsonPropertyName("scope")] public List<string>? Scope { get; init; }
    [JsonPropertyName("awsAdditionalDetails")] public AwsAdditionalDetails? AwsAdditionalDetails { get; init; }
}

internal sealed class AwsAdditionalDetails
{
    [JsonPropertyName("identityContext")] public string? IdentityContext { get; init; }
}

/// <summary>The body of every error: the OAuth error code and a description.</summary>
internal sealed class ErrorBody
{
    [JsonPropertyName("error")] public required string Error { get; init; }
    [JsonPropertyName("error_description")] public required string ErrorDescription { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegisterClientRequest))]
[JsonSerializable(typeof(RegisterClientResponse))]
[JsonSerializable(typeof(StartDeviceAuthorizationRequest))]
[JsonSerializable(typeof(StartDeviceAuthorizationResponse))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(CreateTokenResponse))]
[JsonSerializable(typeof(CreateTokenWithIamRequest))]
[JsonSerializable(typeof(CreateTokenWithIamResponse))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class WireJsonContext : JsonSerializerContext;

/// <summary>The serializer context the service reads and writes with.</summary>
internal static class WireJson
{
    /// <summary>
    /// Compact JSON without HTML-safe escaping (<c>'</c> stays <c>'</c>, not <c>\u0027</c>), as the
    /// real service writes it; null members are omitted.
    /// </summary>
    public static WireJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

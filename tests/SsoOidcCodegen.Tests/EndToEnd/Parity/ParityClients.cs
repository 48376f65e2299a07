namespace SsoOidcCodegen.Tests.EndToEnd.Parity;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SSOOIDC;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.SsoOidc;
using Ours = SsoOidcCodegen.SsoOidc.Model;
using Theirs = Amazon.SSOOIDC.Model;

/// <summary>One operation call, its input in wire names (as the model names the members).</summary>
public sealed record ParityCall(string Operation, JsonObject Input);

/// <summary>What a client surfaced: the response's members (wire name → value), or the error.</summary>
public sealed record ParityOutcome(SortedDictionary<string, string>? Values, ParityError? Error)
{
    public override string ToString() => Error?.ToString() ?? string.Join(", ", Values!.Keys);
}

/// <summary>
/// An error as a client surfaced it. <see cref="TypeName"/> is the exception's type name, with
/// each client's base exception for errors outside the model (<c>AmazonSSOOIDCException</c>,
/// <c>SsoOidcException</c>) written as <c>&lt;service base exception&gt;</c>.
/// </summary>
public sealed record ParityError(string TypeName, string ErrorCode, string Message, HttpStatusCode StatusCode, string? Error, string? ErrorDescription);

/// <summary>Runs a <see cref="ParityCall"/> through one of the two clients.</summary>
public interface IParityClient : IDisposable
{
    string Name { get; }

    CapturingHandler Wire { get; }

    Task<ParityOutcome> RunAsync(ParityCall call);
}

/// <summary>Our generated client.</summary>
public sealed class OurParityClient : IParityClient
{
    private readonly SsoOidcClient _client;
    private readonly System.Net.Http.HttpClient _http;

    public OurParityClient(Uri serviceUrl)
    {
        _http = new System.Net.Http.HttpClient(Wire, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client = new SsoOidcClient(new AwsClientOptions
        {
            ServiceUrl = serviceUrl,
            Region = "us-east-1",
            Credentials = new StaticCredentialsProvider(ParityCredentials.AccessKeyId, ParityCredentials.SecretAccessKey),
            HttpClient = _http,
            RetryRandom = () => 0,
        });
    }

    public string Name => "ours";

    public CapturingHandler Wire { get; } = new();

    public async Task<ParityOutcome> RunAsync(ParityCall call)
    {
        JsonObject input = call.Input;
        try
        {
            SortedDictionary<string, string> values = call.Operation switch
            {
                "RegisterClient" => Values(await _client.RegisterClientAsync(new Ours.RegisterClientRequest
                {
                    ClientName = Str(input, "clientName"),
                    ClientType = Str(input, "clientType"),
                    Scopes = List(input, "scopes"),
                    RedirectUris = List(input, "redirectUris"),
                    GrantTypes = List(input, "grantTypes"),
                    IssuerUrl = Str(input, "issuerUrl"),
                    EntitledApplicationArn = Str(input, "entitledApplicationArn"),
                })),
                "StartDeviceAuthorization" => Values(await _client.StartDeviceAuthorizationAsync(new Ours.StartDeviceAuthorizationRequest
                {
                    ClientId = Str(input, "clientId"),
                    ClientSecret = Str(input, "clientSecret"),
                    StartUrl = Str(input, "startUrl"),
                })),
                "CreateToken" => Values(await _client.CreateTokenAsync(new Ours.CreateTokenRequest
                {
                    ClientId = Str(input, "clientId"),
                    ClientSecret = Str(input, "clientSecret"),
                    GrantType = Str(input, "grantType"),
                    DeviceCode = Str(input, "deviceCode"),
                    Code = Str(input, "code"),
                    RefreshToken = Str(input, "refreshToken"),
                    Scope = List(input, "scope"),
                    RedirectUri = Str(input, "redirectUri"),
                    CodeVerifier = Str(input, "codeVerifier"),
                })),
                "CreateTokenWithIAM" => Values(await _client.CreateTokenWithIAMAsync(new Ours.CreateTokenWithIAMRequest
                {
                    ClientId = Str(input, "clientId"),
                    GrantType = Str(input, "grantType"),
                    Code = Str(input, "code"),
                    RefreshToken = Str(input, "refreshToken"),
                    Assertion = Str(input, "assertion"),
                    Scope = List(input, "scope"),
                    RedirectUri = Str(input, "redirectUri"),
                    SubjectToken = Str(input, "subjectToken"),
                    SubjectTokenType = Str(input, "subjectTokenType"),
                    RequestedTokenType = Str(input, "requestedTokenType"),
                    CodeVerifier = Str(input, "codeVerifier"),
                })),
                _ => throw new ArgumentException(call.Operation),
            };
            return new ParityOutcome(values, null);
        }
        catch (AwsServiceException error)
        {
            string typeName = error.GetType() == typeof(SsoOidcException) ? ParityValues.ServiceBaseException : error.GetType().Name;
            return new ParityOutcome(null, new ParityError(typeName, error.ErrorCode, error.Message, error.StatusCode, ParityValues.Member(error, "Error"), ParityValues.Member(error, "ErrorDescription")));
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
        Wire.Dispose();
    }

    private static SortedDictionary<string, string> Values(Ours.RegisterClientResponse r) => ParityValues.Of(
        ("clientId", r.ClientId), ("clientSecret", r.ClientSecret), ("clientIdIssuedAt", ParityValues.Number(r.ClientIdIssuedAt)),
        ("clientSecretExpiresAt", ParityValues.Number(r.ClientSecretExpiresAt)), ("authorizationEndpoint", r.AuthorizationEndpoint), ("tokenEndpoint", r.TokenEndpoint));

    private static SortedDictionary<string, string> Values(Ours.StartDeviceAuthorizationResponse r) => ParityValues.Of(
        ("deviceCode", r.DeviceCode), ("userCode", r.UserCode), ("verificationUri", r.VerificationUri),
        ("verificationUriComplete", r.VerificationUriComplete), ("expiresIn", ParityValues.Number(r.ExpiresIn)), ("interval", ParityValues.Number(r.Interval)));

    private static SortedDictionary<string, string> Values(Ours.CreateTokenResponse r) => ParityValues.Of(
        ("accessToken", r.AccessToken), ("tokenType", r.TokenType), ("expiresIn", ParityValues.Number(r.ExpiresIn)),
        ("refreshToken", r.RefreshToken), ("idToken", r.IdToken));

    private static SortedDictionary<string, string> Values(Ours.CreateTokenWithIAMResponse r) => ParityValues.Of(
        ("accessToken", r.AccessToken), ("tokenType", r.TokenType), ("expiresIn", ParityValues.Number(r.ExpiresIn)),
        ("refreshToken", r.RefreshToken), ("idToken", r.IdToken), ("issuedTokenType", r.IssuedTokenType),
        ("scope", ParityValues.Array(r.Scope)), ("awsAdditionalDetails.identityContext", r.AwsAdditionalDetails?.IdentityContext));

    private static string? Str(JsonObject input, string name) => input[name]?.GetValue<string>();

    private static List<string>? List(JsonObject input, string name) =>
        input[name] is JsonArray array ? [.. array.Select(item => item!.GetValue<string>())] : null;
}

/// <summary>The official AWS SDK for .NET client (AWSSDK.SSOOIDC).</summary>
public sealed class TheirParityClient : IParityClient
{
    private readonly AmazonSSOOIDCClient _anonymous;
    private readonly AmazonSSOOIDCClient _signed;

    public TheirParityClient(Uri serviceUrl)
    {
        _anonymous = new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), Config(serviceUrl));
        _signed = new AmazonSSOOIDCClient(new BasicAWSCredentials(ParityCredentials.AccessKeyId, ParityCredentials.SecretAccessKey), Config(serviceUrl));
    }

    public string Name => "AWSSDK.SSOOIDC";

    public CapturingHandler Wire { get; } = new();

    public async Task<ParityOutcome> RunAsync(ParityCall call)
    {
        JsonObject input = call.Input;
        try
        {
            SortedDictionary<string, string> values = call.Operation switch
            {
                "RegisterClient" => Values(await _anonymous.RegisterClientAsync(new Theirs.RegisterClientRequest
                {
                    ClientName = Str(input, "clientName"),
                    ClientType = Str(input, "clientType"),
                    Scopes = List(input, "scopes"),
                    RedirectUris = List(input, "redirectUris"),
                    GrantTypes = List(input, "grantTypes"),
                    IssuerUrl = Str(input, "issuerUrl"),
                    EntitledApplicationArn = Str(input, "entitledApplicationArn"),
                })),
                "StartDeviceAuthorization" => Values(await _anonymous.StartDeviceAuthorizationAsync(new Theirs.StartDeviceAuthorizationRequest
                {
                    ClientId = Str(input, "clientId"),
                    ClientSecret = Str(input, "clientSecret"),
                    StartUrl = Str(input, "startUrl"),
                })),
                "CreateToken" => Values(await _anonymous.CreateTokenAsync(new Theirs.CreateTokenRequest
                {
                    ClientId = Str(input, "clientId"),
                    ClientSecret = Str(input, "clientSecret"),
                    GrantType = Str(input, "grantType"),
                    DeviceCode = Str(input, "deviceCode"),
                    Code = Str(input, "code"),
                    RefreshToken = Str(input, "refreshToken"),
                    Scope = List(input, "scope"),
                    RedirectUri = Str(input, "redirectUri"),
                    CodeVerifier = Str(input, "codeVerifier"),
                })),
                "CreateTokenWithIAM" => Values(await _signed.CreateTokenWithIAMAsync(new Theirs.CreateTokenWithIAMRequest
                {
                    ClientId = Str(input, "clientId"),
                    GrantType = Str(input, "grantType"),
                    Code = Str(input, "code"),
                    RefreshToken = Str(input, "refreshToken"),
                    Assertion = Str(input, "assertion"),
                    Scope = List(input, "scope"),
                    RedirectUri = Str(input, "redirectUri"),
                    SubjectToken = Str(input, "subjectToken"),
                    SubjectTokenType = Str(input, "subjectTokenType"),
                    RequestedTokenType = Str(input, "requestedTokenType"),
                    CodeVerifier = Str(input, "codeVerifier"),
                })),
                _ => throw new ArgumentException(call.Operation),
            };
            return new ParityOutcome(values, null);
        }
        catch (AmazonServiceException error)
        {
            string typeName = error.GetType() == typeof(AmazonSSOOIDCException) ? ParityValues.ServiceBaseException : error.GetType().Name;
            return new ParityOutcome(null, new ParityError(typeName, error.ErrorCode ?? string.Empty, error.Message, error.StatusCode, ParityValues.Member(error, "Error"), ParityValues.Member(error, "Error_description")));
        }
    }

    public void Dispose()
    {
        _anonymous.Dispose();
        _signed.Dispose();
        Wire.Dispose();
    }

    private AmazonSSOOIDCConfig Config(Uri serviceUrl) => new()
    {
        ServiceURL = serviceUrl.ToString(),
        AuthenticationRegion = "us-east-1",
        HttpClientFactory = new CapturingHttpClientFactory(Wire),
    };

    private static SortedDictionary<string, string> Values(Theirs.RegisterClientResponse r) => ParityValues.Of(
        ("clientId", r.ClientId), ("clientSecret", r.ClientSecret), ("clientIdIssuedAt", ParityValues.Number(r.ClientIdIssuedAt)),
        ("clientSecretExpiresAt", ParityValues.Number(r.ClientSecretExpiresAt)), ("authorizationEndpoint", r.AuthorizationEndpoint), ("tokenEndpoint", r.TokenEndpoint));

    private static SortedDictionary<string, string> Values(Theirs.StartDeviceAuthorizationResponse r) => ParityValues.Of(
        ("deviceCode", r.DeviceCode), ("userCode", r.UserCode), ("verificationUri", r.VerificationUri),
        ("verificationUriComplete", r.VerificationUriComplete), ("expiresIn", ParityValues.Number(r.ExpiresIn)), ("interval", ParityValues.Number(r.Interval)));

    private static SortedDictionary<string, string> Values(Theirs.CreateTokenResponse r) => ParityValues.Of(
        ("accessToken", r.AccessToken), ("tokenType", r.TokenType), ("expiresIn", ParityValues.Number(r.ExpiresIn)),
        ("refreshToken", r.RefreshToken), ("idToken", r.IdToken));

    private static SortedDictionary<string, string> Values(Theirs.CreateTokenWithIAMResponse r) => ParityValues.Of(
        ("accessToken", r.AccessToken), ("tokenType", r.TokenType), ("expiresIn", ParityValues.Number(r.ExpiresIn)),
        ("refreshToken", r.RefreshToken), ("idToken", r.IdToken), ("issuedTokenType", r.IssuedTokenType),
        ("scope", ParityValues.Array(r.Scope)), ("awsAdditionalDetails.identityContext", r.AwsAdditionalDetails?.IdentityContext));

    private static string? Str(JsonObject input, string name) => input[name]?.GetValue<string>();

    private static List<string>? List(JsonObject input, string name) =>
        input[name] is JsonArray array ? [.. array.Select(item => item!.GetValue<string>())] : null;
}

/// <summary>The example key pair of the SigV4 test suite, as the wire reference used it.</summary>
public static class ParityCredentials
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
}

/// <summary>Turns surfaced values and wire JSON into the same flat form: wire name → text.</summary>
public static class ParityValues
{
    public const string ServiceBaseException = "<service base exception>";

    public static SortedDictionary<string, string> Of(params (string Name, string? Value)[] members)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string? value) in members)
        {
            if (value is not null)
            {
                values[name] = value;
            }
        }

        return values;
    }

    public static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Array(IReadOnlyList<string>? values) => values is null ? null : JsonSerializer.Serialize(values);

    /// <summary>The members of a JSON response body, flattened with dotted names.</summary>
    public static SortedDictionary<string, string> OfWire(byte[] body)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Flatten(JsonNode.Parse(body)!.AsObject(), string.Empty, values);
        return values;

        static void Flatten(JsonObject json, string prefix, SortedDictionary<string, string> into)
        {
            foreach ((string name, JsonNode? node) in json)
            {
                switch (node)
                {
                    case null:
                        break;
                    case JsonObject nested:
                        Flatten(nested, prefix + name + ".", into);
                        break;
                    case JsonArray array:
                        into[prefix + name] = JsonSerializer.Serialize(array.Select(item => item!.GetValue<string>()).ToList());
                        break;
                    default:
                        JsonValue value = node.AsValue();
                        into[prefix + name] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                        break;
                }
            }
        }
    }

    public static string? Member(Exception error, string name) => error.GetType().GetProperty(name)?.GetValue(error)?.ToString();
}

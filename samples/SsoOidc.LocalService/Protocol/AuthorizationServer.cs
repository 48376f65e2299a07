namespace SsoOidc.LocalService.Protocol;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using Microsoft.AspNetCore.WebUtilities;

/// <summary>
/// The SSO OIDC authorization server: clients, device authorizations, authorization codes and
/// tokens, with every expiry and interval read from the configured <see cref="TimeProvider"/>.
/// It knows nothing of HTTP: it takes the wire contracts and throws
/// <see cref="OidcProtocolException"/> with the modelled error.
/// </summary>
internal sealed class AuthorizationServer
{
    private static readonly string[] DefaultIamScopes = ["openid", "aws", "sts:identity_context"];
    private static readonly string[] PublicClientGrantTypes = [GrantTypes.DeviceCode, GrantTypes.AuthorizationCode, GrantTypes.RefreshToken];
    private static readonly string[] DefaultGrantTypes = [GrantTypes.DeviceCode, GrantTypes.RefreshToken];

    private readonly Lock _gate = new();
    private readonly LocalSsoOidcServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly TokenFactory _tokens = new();
    private readonly Dictionary<string, RegisteredClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceAuthorization> _devicesByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceAuthorization> _devicesByUserCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizationCodeGrant> _authorizationCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessTokenGrant> _accessTokens = new(StringComparer.Ordinal);
    private Uri? _baseAddress;

    public AuthorizationServer(LocalSsoOidcServiceOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
    }

    /// <summary>The service's root (<c>http://127.0.0.1:port/</c>), known once Kestrel has bound.</summary>
    public Uri BaseAddress
    {
        get => Volatile.Read(ref _baseAddress) ?? throw new InvalidOperationException("The service has not started.");
        set => Volatile.Write(ref _baseAddress, value);
    }

    private string Issuer => (_options.Issuer ?? BaseAddress).ToString();

    public RegisterClientResponse RegisterClient(RegisterClientRequest request)
    {
        Require(request.ClientName, "clientName");
        Require(request.ClientType, "clientType");
        if (!string.Equals(request.ClientType, "public", StringComparison.Ordinal))
        {
            throw Fail(OidcErrors.InvalidClientMetadata, "Only public clients are supported: clientType must be 'public'.");
        }

        string[] scopes = [.. (request.Scopes ?? []).Distinct(StringComparer.Ordinal)];
        foreach (string scope in scopes)
        {
            if (string.IsNullOrWhiteSpace(scope) || scope.Any(char.IsWhiteSpace))
            {
                throw Fail(OidcErrors.InvalidScope, $"Invalid scope '{scope}'.");
            }
        }

        string[] grantTypes = request.GrantTypes is { Count: > 0 } requested
            ? [.. requested.Distinct(StringComparer.Ordinal)]
            : DefaultGrantTypes;
        foreach (string grantType in grantTypes)
        {
            if (!PublicClientGrantTypes.Contains(grantType, StringComparer.Ordinal))
            {
                throw Fail(OidcErrors.UnsupportedGrantType, $"Grant type '{grantType}' is not supported for public clients.");
            }
        }

        string[] redirectUris = [.. (request.RedirectUris ?? []).Distinct(StringComparer.Ordinal)];
        foreach (string redirectUri in redirectUris)
        {
            if (RedirectUriRules.Problem(redirectUri) is { } problem)
            {
                throw Fail(OidcErrors.InvalidRedirectUri, problem);
            }
        }

        if (grantTypes.Contains(GrantTypes.AuthorizationCode, StringComparer.Ordinal) && redirectUris.Length == 0)
        {
            throw Fail(OidcErrors.InvalidClientMetadata, "Clients that use the authorization_code grant must register at least one redirect URI.");
        }

        if (request.IssuerUrl is { } issuerUrl && !IsHttpUrl(issuerUrl))
        {
            throw Fail(OidcErrors.InvalidClientMetadata, "issuerUrl must be an absolute http or https URL.");
        }

        if (request.EntitledApplicationArn is { } arn && !ApplicationArn.IsValid(arn))
        {
            throw Fail(OidcErrors.InvalidClientMetadata, "entitledApplicationArn must be the ARN of an IAM Identity Center application.");
        }

        DateTimeOffset now = _time.GetUtcNow();
        var client = new RegisteredClient(
            TokenFactory.ClientId(),
            TokenFactory.ClientSecret(),
            scopes,
            redirectUris,
            grantTypes,
            now + _options.ClientSecretLifetime);
        lock (_gate)
        {
            _clients.Add(client.ClientId, client);
        }

        return new RegisterClientResponse
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            ClientIdIssuedAt = now.ToUnixTimeSeconds(),
            ClientSecretExpiresAt = client.SecretExpiresAt.ToUnixTimeSeconds(),
            AuthorizationEndpoint = new Uri(BaseAddress, "authorize").ToString(),
            TokenEndpoint = new Uri(BaseAddress, "token").ToString(),
        };
    }

    public StartDeviceAuthorizationResponse StartDeviceAuthorization(StartDeviceAuthorizationRequest request)
    {
        Require(request.ClientId, "clientId");
        Require(request.ClientSecret, "clientSecret");
        Require(request.StartUrl, "startUrl");
        if (!IsHttpUrl(request.StartUrl))
        {
            throw Fail(OidcErrors.InvalidRequest, "startUrl must be an absolute http or https URL.");
        }

        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            RegisteredClient client = Authenticate(request.ClientId, request.ClientSecret, now);
            if (!client.Allows(GrantTypes.DeviceCode))
            {
                throw Fail(OidcErrors.UnauthorizedClient, "The client is not registered for the device code grant.");
            }

            string userCode;
            do
            {
                userCode = TokenFactory.UserCode();
            }
            while (_devicesByUserCode.ContainsKey(TokenFactory.NormalizeUserCode(userCode)));

            var device = new DeviceAuthorization(
                TokenFactory.DeviceCode(), userCode, client.ClientId, now + _options.DeviceCodeLifetime, _options.PollingInterval)
            {
                State = _options.AutoApproveDeviceCodes ? DeviceAuthorizationState.Approved : DeviceAuthorizationState.Pending,
            };
            _devicesByCode.Add(device.DeviceCode, device);
            _devicesByUserCode.Add(TokenFactory.NormalizeUserCode(userCode), device);

            string verificationUri = new Uri(BaseAddress, "verify").ToString();
            return new StartDeviceAuthorizationResponse
            {
                DeviceCode = device.DeviceCode,
                UserCode = userCode,
                VerificationUri = verificationUri,
                VerificationUriComplete = QueryHelpers.AddQueryString(verificationUri, "user_code", userCode),
                ExpiresIn = WholeSeconds(_options.DeviceCodeLifetime),
                Interval = WholeSeconds(_options.PollingInterval),
            };
        }
    }

    /// <summary>What the verification page shows for <paramref name="userCode"/>, and its display form.</summary>
    public (UserCodeStatus Status, string DisplayCode) LookUpUserCode(string userCode)
    {
        lock (_gate)
        {
            if (!_devicesByUserCode.TryGetValue(TokenFactory.NormalizeUserCode(userCode), out DeviceAuthorization? device))
            {
                return (UserCodeStatus.Unknown, userCode);
            }

            return (StatusOf(device, _time.GetUtcNow()), device.UserCode);
        }
    }

    /// <summary>
    /// Records the user's decision. Returns the status the code had before: only
    /// <see cref="UserCodeStatus.Pending"/> (or the same decision again) changes anything.
    /// </summary>
    public UserCodeStatus Decide(string userCode, bool approve)
    {
        lock (_gate)
        {
            if (!_devicesByUserCode.TryGetValue(TokenFactory.NormalizeUserCode(userCode), out DeviceAuthorization? device))
            {
                return UserCodeStatus.Unknown;
            }

            UserCodeStatus status = StatusOf(device, _time.GetUtcNow());
            if (status == UserCodeStatus.Pending)
            {
                device.State = approve ? DeviceAuthorizationState.Approved : DeviceAuthorizationState.Denied;
            }

            return status;
        }
    }

    /// <summary>The subject of a live access token this service issued, or null (unknown, expired or revoked).</summary>
    public string? SubjectOfAccessToken(string accessToken)
    {
        lock (_gate)
        {
            return _accessTokens.TryGetValue(accessToken, out AccessTokenGrant? grant) && _time.GetUtcNow() < grant.ExpiresAt ? grant.Subject : null;
        }
    }

    /// <summary>Forgets an access token (the portal's Logout).</summary>
    public void RevokeAccessToken(string accessToken)
    {
        lock (_gate)
        {
            _accessTokens.Remove(accessToken);
        }
    }

    /// <summary>The user codes of device authorizations still waiting for a decision.</summary>
    public IReadOnlyList<string> PendingUserCodes()
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            return [.. _devicesByUserCode.Values.Where(device => device.State == DeviceAuthorizationState.Pending && now < device.ExpiresAt).Select(device => device.UserCode).Distinct(StringComparer.Ordinal)];
        }
    }

    public CreateTokenResponse CreateToken(CreateTokenRequest request)
    {
        Require(request.ClientId, "clientId");
        Require(request.ClientSecret, "clientSecret");
        Require(request.GrantType, "grantType");

        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            RegisteredClient client = Authenticate(request.ClientId, request.ClientSecret, now);
            if (!PublicClientGrantTypes.Contains(request.GrantType, StringComparer.Ordinal))
            {
                throw Fail(OidcErrors.UnsupportedGrantType, $"Grant type '{request.GrantType}' is not supported.");
            }

            if (!client.Allows(request.GrantType))
            {
                throw Fail(OidcErrors.UnauthorizedClient, $"The client is not registered for the '{request.GrantType}' grant.");
            }

            bool refreshable = client.Allows(GrantTypes.RefreshToken) && client.Scopes.Count > 0;
            IssuedTokens tokens;
            switch (request.GrantType)
            {
                case GrantTypes.DeviceCode:
                    RedeemDeviceCode(client, request.DeviceCode, now);
                    tokens = Issue(client.ClientId, client.Scopes, refreshable, viaIam: false, _options.Subject, now);
                    break;
                case GrantTypes.AuthorizationCode:
                    AuthorizationCodeGrant code = RedeemAuthorizationCode(client.ClientId, request.Code, request.RedirectUri, request.CodeVerifier, now);
                    tokens = Issue(client.ClientId, code.Scopes.Count > 0 ? code.Scopes : client.Scopes, refreshable, viaIam: false, _options.Subject, now);
                    break;
                default:
                    RefreshTokenGrant previous = RedeemRefreshToken(client.ClientId, request.RefreshToken, viaIam: false, now);
                    tokens = Issue(client.ClientId, previous.Scopes, withRefreshToken: true, viaIam: false, previous.Subject, now);
                    break;
            }

            return new CreateTokenResponse
            {
                AccessToken = tokens.AccessToken,
                TokenType = "Bearer",
                ExpiresIn = WholeSeconds(_options.AccessTokenLifetime),
                RefreshToken = tokens.RefreshToken,
                IdToken = tokens.IdToken,
            };
        }
    }

    public CreateTokenWithIamResponse CreateTokenWithIam(CreateTokenWithIamRequest request)
    {
        Require(request.ClientId, "clientId");
        Require(request.GrantType, "grantType");
        if (!ApplicationArn.IsValid(request.ClientId))
        {
            throw Fail(OidcErrors.InvalidClient, "clientId must be the ARN of an IAM Identity Center application.");
        }

        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            IssuedTokens tokens;
            string? issuedTokenType = null;
            switch (request.GrantType)
            {
                case GrantTypes.AuthorizationCode:
                    AuthorizationCodeGrant code = RedeemAuthorizationCode(request.ClientId, request.Code, request.RedirectUri, request.CodeVerifier, now);
                    tokens = Issue(request.ClientId, Downscope(code.Scopes.Count > 0 ? code.Scopes : DefaultIamScopes, request.Scope), true, true, _options.Subject, now);
                    break;
                case GrantTypes.RefreshToken:
                    RefreshTokenGrant previous = RedeemRefreshToken(request.ClientId, request.RefreshToken, viaIam: true, now);
                    tokens = Issue(request.ClientId, Downscope(previous.Scopes, request.Scope), true, true, previous.Subject, now);
                    break;
                case GrantTypes.JwtBearer:
                    string subject = SubjectOfAssertion(request.Assertion, now);
                    tokens = Issue(request.ClientId, Downscope(DefaultIamScopes, request.Scope), false, true, subject, now);
                    break;
                case GrantTypes.TokenExchange:
                    AccessTokenGrant exchanged = RedeemSubjectToken(request.SubjectToken, request.SubjectTokenType, now);
                    issuedTokenType = request.RequestedTokenType ?? TokenTypeUris.AccessToken;
                    if (issuedTokenType is not (TokenTypeUris.AccessToken or TokenTypeUris.RefreshToken))
                    {
                        throw Fail(OidcErrors.InvalidRequest, $"requestedTokenType '{issuedTokenType}' is not supported.");
                    }

                    bool withRefresh = issuedTokenType == TokenTypeUris.RefreshToken;
                    tokens = Issue(request.ClientId, Downscope(DefaultIamScopes, request.Scope), withRefresh, true, exchanged.Subject, now);
                    break;
                default:
                    throw Fail(OidcErrors.UnsupportedGrantType, $"Grant type '{request.GrantType}' is not supported.");
            }

            return new CreateTokenWithIamResponse
            {
                AccessToken = tokens.AccessToken,
                TokenType = "Bearer",
                ExpiresIn = WholeSeconds(_options.AccessTokenLifetime),
                RefreshToken = tokens.RefreshToken,
                IdToken = tokens.IdToken,
                IssuedTokenType = issuedTokenType,
                Scope = [.. tokens.Scopes],
                AwsAdditionalDetails = tokens.Scopes.Contains("sts:identity_context", StringComparer.Ordinal)
                    ? new AwsAdditionalDetails { IdentityContext = TokenFactory.IdentityContext() }
                    : null,
            };
        }
    }

    public AuthorizeOutcome Authorize(AuthorizeQuery query)
    {
        if (string.IsNullOrEmpty(query.ClientId))
        {
            return AuthorizeOutcome.Page("The request has no client_id.");
        }

        if (string.IsNullOrEmpty(query.RedirectUri))
        {
            return AuthorizeOutcome.Page("The request has no redirect_uri.");
        }

        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            RegisteredClient? client = null;
            if (ApplicationArn.IsValid(query.ClientId))
            {
                // An application's redirect URIs live in its grant options; any acceptable one will do here.
                if (RedirectUriRules.Problem(query.RedirectUri) is { } problem)
                {
                    return AuthorizeOutcome.Page(problem);
                }
            }
            else
            {
                if (!_clients.TryGetValue(query.ClientId, out client) || now >= client.SecretExpiresAt)
                {
                    return AuthorizeOutcome.Page("The client_id is unknown or its registration has expired.");
                }

                if (!client.RedirectUris.Any(registered => RedirectUriRules.Matches(registered, query.RedirectUri)))
                {
                    return AuthorizeOutcome.Page("The redirect_uri is not registered for this client.");
                }
            }

            // From here on the redirect URI is trusted, so errors go back to the client through it.
            if (!string.Equals(query.ResponseType, "code", StringComparison.Ordinal))
            {
                return RedirectWithError(query, "unsupported_response_type", "response_type must be 'code'.");
            }

            if (client is not null && !client.Allows(GrantTypes.AuthorizationCode))
            {
                return RedirectWithError(query, "unauthorized_client", "The client is not registered for the authorization_code grant.");
            }

            if (string.IsNullOrEmpty(query.CodeChallenge))
            {
                return RedirectWithError(query, "invalid_request", "code_challenge is required (PKCE).");
            }

            if (!string.Equals(query.CodeChallengeMethod, Pkce.S256, StringComparison.Ordinal))
            {
                return RedirectWithError(query, "invalid_request", "code_challenge_method must be S256.");
            }

            if (!Pkce.IsWellFormedChallenge(query.CodeChallenge))
            {
                return RedirectWithError(query, "invalid_request", "code_challenge is not a base64url SHA-256 hash.");
            }

            string[] scopes = SplitScopes(query.Scopes);
            if (client is not null && scopes.FirstOrDefault(s => !client.Scopes.Contains(s, StringComparer.Ordinal)) is { } unknownScope)
            {
                return RedirectWithError(query, "invalid_scope", $"Scope '{unknownScope}' was not registered by the client.");
            }

            if (!_options.AutoApproveAuthorization)
            {
                return RedirectWithError(query, "access_denied", "The user denied the authorization request.");
            }

            string code = TokenFactory.AuthorizationCode();
            _authorizationCodes.Add(code, new AuthorizationCodeGrant(query.ClientId, query.RedirectUri, query.CodeChallenge, scopes, now + _options.AuthorizationCodeLifetime));
            return AuthorizeOutcome.Redirect(AppendToRedirect(query, [new("code", code)]));
        }
    }

    private void RedeemDeviceCode(RegisteredClient client, string? deviceCode, DateTimeOffset now)
    {
        Require(deviceCode, "deviceCode");
        if (!_devicesByCode.TryGetValue(deviceCode, out DeviceAuthorization? device) || device.ClientId != client.ClientId)
        {
            throw Fail(OidcErrors.InvalidGrant, "Invalid device code provided.");
        }

        if (device.State == DeviceAuthorizationState.Redeemed)
        {
            throw Fail(OidcErrors.InvalidGrant, "The device code was already used to create a token.");
        }

        if (now >= device.ExpiresAt)
        {
            throw Fail(OidcErrors.ExpiredToken, "The device code has expired.");
        }

        if (device.State == DeviceAuthorizationState.Denied)
        {
            throw Fail(OidcErrors.AccessDenied, "The user denied the authorization request.");
        }

        if (device.State == DeviceAuthorizationState.Pending)
        {
            bool tooSoon = device.LastPollAt is { } last && now - last < device.Interval;
            device.LastPollAt = now;
            if (tooSoon)
            {
                device.Interval += _options.SlowDownIntervalIncrease;
                throw Fail(OidcErrors.SlowDown, "Client is polling too fast.");
            }

            throw Fail(OidcErrors.AuthorizationPending, "Authorization is still pending for the device code.");
        }

        device.State = DeviceAuthorizationState.Redeemed;
    }

    private AuthorizationCodeGrant RedeemAuthorizationCode(string clientId, string? code, string? redirectUri, string? codeVerifier, DateTimeOffset now)
    {
        Require(code, "code");
        if (!_authorizationCodes.TryGetValue(code, out AuthorizationCodeGrant? grant) || grant.ClientId != clientId)
        {
            throw Fail(OidcErrors.InvalidGrant, "Invalid authorization code provided.");
        }

        if (grant.Redeemed)
        {
            throw Fail(OidcErrors.InvalidGrant, "The authorization code was already used.");
        }

        if (now >= grant.ExpiresAt)
        {
            throw Fail(OidcErrors.InvalidGrant, "The authorization code has expired.");
        }

        if (!string.Equals(grant.RedirectUri, redirectUri, StringComparison.Ordinal))
        {
            throw Fail(OidcErrors.InvalidGrant, "redirectUri does not match the redirect URI of the authorization request.");
        }

        if (!Pkce.Verify(codeVerifier, grant.CodeChallenge))
        {
            throw Fail(OidcErrors.InvalidGrant, "The code verifier does not match the code challenge.");
        }

        grant.Redeemed = true;
        return grant;
    }

    private RefreshTokenGrant RedeemRefreshToken(string clientId, string? refreshToken, bool viaIam, DateTimeOffset now)
    {
        Require(refreshToken, "refreshToken");
        if (!_refreshTokens.TryGetValue(refreshToken, out RefreshTokenGrant? grant) || grant.ClientId != clientId || grant.ViaIam != viaIam)
        {
            throw Fail(OidcErrors.InvalidGrant, "Invalid refresh token provided.");
        }

        // Rotation: a refresh token is good for one exchange, whatever the outcome.
        _refreshTokens.Remove(refreshToken);
        if (now >= grant.ExpiresAt)
        {
            throw Fail(OidcErrors.ExpiredToken, "The refresh token has expired.");
        }

        return grant;
    }

    private AccessTokenGrant RedeemSubjectToken(string? subjectToken, string? subjectTokenType, DateTimeOffset now)
    {
        Require(subjectToken, "subjectToken");
        if (!string.Equals(subjectTokenType, TokenTypeUris.AccessToken, StringComparison.Ordinal))
        {
            throw Fail(OidcErrors.InvalidRequest, $"subjectTokenType must be '{TokenTypeUris.AccessToken}'.");
        }

        if (!_accessTokens.TryGetValue(subjectToken, out AccessTokenGrant? grant))
        {
            throw Fail(OidcErrors.InvalidGrant, "The subject token was not issued by this service.");
        }

        if (now >= grant.ExpiresAt)
        {
            throw Fail(OidcErrors.ExpiredToken, "The subject token has expired.");
        }

        return grant;
    }

    /// <summary>
    /// A JWT bearer assertion must be a compact JWT whose payload is a JSON object; its
    /// <c>sub</c> becomes the subject and a past <c>exp</c> rejects it. The signature is not checked.
    /// </summary>
    private string SubjectOfAssertion(string? assertion, DateTimeOffset now)
    {
        Require(assertion, "assertion");
        string[] parts = assertion.Split('.');
        JsonElement payload;
        try
        {
            if (parts.Length != 3)
            {
                throw new FormatException();
            }

            using JsonDocument document = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
            payload = document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw Fail(OidcErrors.InvalidGrant, "The assertion is not a well-formed JWT.");
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw Fail(OidcErrors.InvalidGrant, "The assertion is not a well-formed JWT.");
        }

        if (payload.TryGetProperty("exp", out JsonElement exp) && exp.TryGetInt64(out long expSeconds)
            && now >= DateTimeOffset.FromUnixTimeSeconds(expSeconds))
        {
            throw Fail(OidcErrors.InvalidGrant, "The assertion has expired.");
        }

        return payload.TryGetProperty("sub", out JsonElement sub) && sub.ValueKind == JsonValueKind.String && sub.GetString() is { Length: > 0 } s
            ? s
            : _options.Subject;
    }

    private IssuedTokens Issue(string clientId, IReadOnlyList<string> scopes, bool withRefreshToken, bool viaIam, string subject, DateTimeOffset now)
    {
        string accessToken = TokenFactory.AccessToken();
        _accessTokens.Add(accessToken, new AccessTokenGrant(clientId, scopes, now + _options.AccessTokenLifetime, subject));

        string? refreshToken = null;
        if (withRefreshToken)
        {
            refreshToken = TokenFactory.RefreshToken();
            _refreshTokens.Add(refreshToken, new RefreshTokenGrant(clientId, scopes, now + _options.RefreshTokenLifetime, viaIam, subject));
        }

        string? idToken = scopes.Contains("openid", StringComparer.Ordinal)
            ? _tokens.IdToken(Issuer, subject, clientId, now, _options.AccessTokenLifetime)
            : null;
        return new IssuedTokens(accessToken, refreshToken, idToken, scopes);
    }

    private RegisteredClient Authenticate(string clientId, string clientSecret, DateTimeOffset now)
    {
        if (!_clients.TryGetValue(clientId, out RegisteredClient? client)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(client.ClientSecret), Encoding.UTF8.GetBytes(clientSecret)))
        {
            throw Fail(OidcErrors.InvalidClient, "Invalid client credentials.");
        }

        if (now >= client.SecretExpiresAt)
        {
            throw Fail(OidcErrors.InvalidClient, "The client secret has expired.");
        }

        return client;
    }

    private static UserCodeStatus StatusOf(DeviceAuthorization device, DateTimeOffset now) => device.State switch
    {
        DeviceAuthorizationState.Denied => UserCodeStatus.Denied,
        DeviceAuthorizationState.Approved or DeviceAuthorizationState.Redeemed => UserCodeStatus.Approved,
        _ when now >= device.ExpiresAt => UserCodeStatus.Expired,
        _ => UserCodeStatus.Pending,
    };

    private static string[] Downscope(IReadOnlyList<string> granted, List<string>? requested)
    {
        if (requested is not { Count: > 0 })
        {
            return [.. granted];
        }

        foreach (string scope in requested)
        {
            if (!granted.Contains(scope, StringComparer.Ordinal))
            {
                throw Fail(OidcErrors.InvalidScope, $"Scope '{scope}' is not granted.");
            }
        }

        return [.. requested.Distinct(StringComparer.Ordinal)];
    }

    private static string[] SplitScopes(string? scopes) =>
        scopes is null ? [] : [.. scopes.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private static AuthorizeOutcome RedirectWithError(AuthorizeQuery query, string error, string description) =>
        AuthorizeOutcome.Redirect(AppendToRedirect(query, [new("error", error), new("error_description", description)]));

    private static Uri AppendToRedirect(AuthorizeQuery query, List<KeyValuePair<string, string?>> parameters)
    {
        if (query.State is not null)
        {
            parameters.Add(new("state", query.State));
        }

        return new Uri(QueryHelpers.AddQueryString(query.RedirectUri!, parameters));
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static int WholeSeconds(TimeSpan value) => (int)Math.Ceiling(value.TotalSeconds);

    private static void Require([System.Diagnostics.CodeAnalysis.NotNull] string? value, string member)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Fail(OidcErrors.InvalidRequest, $"{member} is required.");
        }
    }

    private static OidcProtocolException Fail(OidcError error, string description) => new(error, description);
}

namespace SsoLogin.Flow;

using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SsoLogin.Caching;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;

/// <summary>
/// Signs a user in to IAM Identity Center with the generated SSO OIDC client, as <c>aws sso login</c>
/// does: reuse a valid cached token, else refresh a token near expiry, else register a client (or
/// reuse a cached registration) and run the authorization code flow with PKCE or the device code
/// flow; then cache the token in the AWS CLI's format. The cache is written only once a token is in
/// hand, so a login that fails midway leaves the previous cache as it was.
/// </summary>
public sealed class LoginFlow
{
    private readonly ISsoOidcClient _client;
    private readonly Uri _oidcEndpoint;
    private readonly LoginSettings _settings;
    private readonly LoginEnvironment _environment;
    private readonly TokenCache _tokens;
    private readonly RegistrationCache _registrations;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;

    /// <summary>Creates the flow.</summary>
    /// <param name="client">The SSO OIDC client, pointed at the service of <paramref name="settings"/>' region.</param>
    /// <param name="oidcEndpoint">The service's endpoint, for the browser-facing <c>/authorize</c> page.</param>
    /// <param name="settings">What to sign in to, and how.</param>
    /// <param name="environment">Cache directory, output, clock and browser.</param>
    public LoginFlow(ISsoOidcClient client, Uri oidcEndpoint, LoginSettings settings, LoginEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(oidcEndpoint);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        _client = client;
        _oidcEndpoint = oidcEndpoint;
        _settings = settings;
        _environment = environment;
        _tokens = new TokenCache(environment.CacheDirectory);
        _registrations = new RegistrationCache(environment.CacheDirectory);
        _output = environment.Output;
        _time = environment.Time;
    }

    /// <summary>Runs the login and returns the cached token.</summary>
    /// <exception cref="LoginFailedException">The user denied the request, the code expired, or the browser never came back.</exception>
    /// <exception cref="SsoOidcCodegen.Runtime.AwsServiceException">The service answered an error the flow cannot recover from.</exception>
    public async Task<LoginResult> RunAsync(CancellationToken cancellationToken = default)
    {
        if (_settings.UseCachedToken && _tokens.Read(_settings.TokenCacheKey) is { } cached && IsForThisSession(cached))
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (cached.ExpiresAt - now > _settings.RefreshWindow)
            {
                _output.WriteLine($"Already signed in to {_settings.StartUrl}: the access token is valid until {CacheFile.FormatTimestamp(cached.ExpiresAt)}.");
                return new LoginResult(LoginOutcome.CachedTokenStillValid, cached, _tokens.PathFor(_settings.TokenCacheKey));
            }

            if (cached.CanRefreshAt(now) && await TryRefreshAsync(cached, cancellationToken).ConfigureAwait(false) is { } refreshed)
            {
                return refreshed;
            }
        }

        CachedToken token = await SignInAsync(cancellationToken).ConfigureAwait(false);
        string path = _tokens.Write(_settings.TokenCacheKey, token);
        _output.WriteLine($"Signed in to {_settings.StartUrl}. The access token is valid until {CacheFile.FormatTimestamp(token.ExpiresAt)}; it is cached in {path}.");
        return new LoginResult(LoginOutcome.SignedIn, token, path);
    }

    /// <summary>Refreshes <paramref name="cached"/> with its refresh token; null when the service no longer accepts it.</summary>
    public async Task<LoginResult?> TryRefreshAsync(CachedToken cached, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cached);
        _output.WriteLine($"The access token expires at {CacheFile.FormatTimestamp(cached.ExpiresAt)}; refreshing it.");
        CreateTokenResponse response;
        try
        {
            response = await _client.CreateTokenAsync(
                new CreateTokenRequest
                {
                    ClientId = cached.ClientId,
                    ClientSecret = cached.ClientSecret,
                    GrantType = OAuthGrants.RefreshToken,
                    RefreshToken = cached.RefreshToken,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (SsoOidcException rejected) when (rejected is InvalidGrantException or ExpiredTokenException or InvalidClientException or UnauthorizedClientException or AccessDeniedException)
        {
            _output.WriteLine($"The refresh token was not accepted ({rejected.ErrorCode}); signing in again.");
            return null;
        }

        CachedToken token = ToCachedToken(response, cached.ClientId!, cached.ClientSecret!, cached.RegistrationExpiresAt!.Value);
        string path = _tokens.Write(_settings.TokenCacheKey, token);
        _output.WriteLine($"Refreshed. The access token is valid until {CacheFile.FormatTimestamp(token.ExpiresAt)}; it is cached in {path}.");
        return new LoginResult(LoginOutcome.Refreshed, token, path);
    }

    private async Task<CachedToken> SignInAsync(CancellationToken cancellationToken)
    {
        (CachedRegistration registration, bool reused) = await GetRegistrationAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SignInWithAsync(registration, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidClientException) when (reused)
        {
            // The service forgot or revoked the cached registration: register again, once.
            _output.WriteLine("The cached client registration was not accepted; registering a new client.");
            _registrations.Delete(RegistrationKey);
            registration = await RegisterAsync(cancellationToken).ConfigureAwait(false);
            return await SignInWithAsync(registration, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<CachedToken> SignInWithAsync(CachedRegistration registration, CancellationToken cancellationToken) =>
        _settings.Method == LoginMethod.DeviceCode
            ? DeviceCodeAsync(registration, cancellationToken)
            : AuthorizationCodeAsync(registration, cancellationToken);

    private string RegistrationKey => RegistrationCache.Key(_settings.StartUrl, _settings.Region, _settings.RegistrationScopes, _settings.SessionName);

    private async Task<(CachedRegistration Registration, bool Reused)> GetRegistrationAsync(CancellationToken cancellationToken)
    {
        if (_settings.UseCachedRegistration
            && _registrations.Read(RegistrationKey) is { } cached
            && cached.ExpiresAt - _time.GetUtcNow() > _settings.RegistrationExpiryWindow
            && RegistrationCache.Allows(cached, _settings.GrantTypes))
        {
            _output.WriteLine($"Reusing the client registration (valid until {CacheFile.FormatTimestamp(cached.ExpiresAt)}).");
            return (cached, true);
        }

        return (await RegisterAsync(cancellationToken).ConfigureAwait(false), false);
    }

    private async Task<CachedRegistration> RegisterAsync(CancellationToken cancellationToken)
    {
        _output.WriteLine($"Registering the client '{_settings.ClientName}' with IAM Identity Center ({_settings.Region}).");
        bool authorizationCode = _settings.Method == LoginMethod.AuthorizationCode;
        var request = new RegisterClientRequest
        {
            ClientName = _settings.ClientName,
            ClientType = "public",
            Scopes = [.. _settings.Scopes],
        };
        if (authorizationCode)
        {
            request.GrantTypes = [.. _settings.GrantTypes];
            request.RedirectUris = [LoopbackRedirectListener.RegisteredRedirectUri];
            request.IssuerUrl = _settings.StartUrl;
        }

        RegisterClientResponse response = await _client.RegisterClientAsync(request, cancellationToken).ConfigureAwait(false);
        var registration = new CachedRegistration
        {
            ClientId = Required(response.ClientId, "RegisterClient", "clientId"),
            ClientSecret = Required(response.ClientSecret, "RegisterClient", "clientSecret"),
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(response.ClientSecretExpiresAt
                ?? throw new LoginFailedException("RegisterClient answered without clientSecretExpiresAt.")),
            Scopes = [.. _settings.Scopes],
            GrantTypes = authorizationCode ? [.. _settings.GrantTypes] : [],
            RedirectUris = authorizationCode ? [LoopbackRedirectListener.RegisteredRedirectUri] : [],
        };
        if (_settings.UseCachedRegistration)
        {
            _registrations.Write(RegistrationKey, registration);
        }

        _output.WriteLine($"Registered; the registration is valid until {CacheFile.FormatTimestamp(registration.ExpiresAt)}.");
        return registration;
    }

    private async Task<CachedToken> DeviceCodeAsync(CachedRegistration registration, CancellationToken cancellationToken)
    {
        StartDeviceAuthorizationResponse device = await _client.StartDeviceAuthorizationAsync(
            new StartDeviceAuthorizationRequest
            {
                ClientId = registration.ClientId,
                ClientSecret = registration.ClientSecret,
                StartUrl = _settings.StartUrl,
            },
            cancellationToken).ConfigureAwait(false);
        string deviceCode = Required(device.DeviceCode, "StartDeviceAuthorization", "deviceCode");
        string userCode = Required(device.UserCode, "StartDeviceAuthorization", "userCode");
        DateTimeOffset deadline = _time.GetUtcNow() + TimeSpan.FromSeconds(device.ExpiresIn ?? 600);
        TimeSpan interval = device.Interval is > 0 ? TimeSpan.FromSeconds(device.Interval.Value) : _settings.DefaultPollingInterval;

        _output.WriteLine($"To sign in, open {device.VerificationUri} and enter the code {userCode}.");
        if (device.VerificationUriComplete is { } complete && Uri.TryCreate(complete, UriKind.Absolute, out Uri? completeUrl))
        {
            _output.WriteLine($"Or open this URL, which has the code filled in: {complete}");
            await OpenBrowserAsync(completeUrl, cancellationToken).ConfigureAwait(false);
        }

        DateTimeOffset started = _time.GetUtcNow();
        if (!_environment.InteractiveOutput)
        {
            _output.Write($"Waiting for the sign-in to be approved (the code expires at {CacheFile.FormatTimestamp(deadline)})");
        }

        var request = new CreateTokenRequest
        {
            ClientId = registration.ClientId,
            ClientSecret = registration.ClientSecret,
            GrantType = OAuthGrants.DeviceCode,
            DeviceCode = deviceCode,
        };
        try
        {
            while (true)
            {
                // The exception-free variant: "authorization_pending" and "slow_down" are the expected answers of a poll, not failures.
                AwsResult<CreateTokenResponse> answer = await _client.TryCreateTokenAsync(request, cancellationToken).ConfigureAwait(false);
                switch (answer.Error)
                {
                    case null:
                        _output.WriteLine(_environment.InteractiveOutput ? $"{StatusLine(started, deadline)} approved." : " approved.");
                        return ToCachedToken(answer.Value, registration.ClientId, registration.ClientSecret, registration.ExpiresAt);
                    case AuthorizationPendingException:
                        // On a terminal one status line is rewritten in place, so the URL and code above stay on screen.
                        _output.Write(_environment.InteractiveOutput ? StatusLine(started, deadline) : ".");
                        break;
                    case SlowDownException:
                        // RFC 8628 section 3.5: this and every later poll waits 5 seconds longer.
                        interval += _settings.SlowDownIncrease;
                        _output.Write($" (slowing down: polling every {interval.TotalSeconds:0} s)");
                        break;
                    case ExpiredTokenException expired:
                        throw DeviceCodeExpired(expired);
                    case AccessDeniedException denied:
                        throw new LoginFailedException("The sign-in request was denied; run sso-login again to retry.", denied);
                    case var other:
                        // Any other answer ends the login as the throwing call would have: the service's own typed exception.
                        throw other;
                }

                if (_time.GetUtcNow() + interval >= deadline)
                {
                    throw DeviceCodeExpired(null);
                }

                await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _output.WriteLine();
            throw;
        }
    }

    private string StatusLine(DateTimeOffset started, DateTimeOffset deadline)
    {
        DateTimeOffset now = _time.GetUtcNow();
        TimeSpan elapsed = now - started;
        TimeSpan left = deadline > now ? deadline - now : TimeSpan.Zero;
        return $"\rWaiting for the sign-in to be approved: {(int)elapsed.TotalMinutes}:{elapsed.Seconds:00} elapsed, the code expires in {(int)left.TotalMinutes}:{left.Seconds:00}.";
    }

    private static LoginFailedException DeviceCodeExpired(Exception? cause) =>
        new("The device code expired before the sign-in was approved; run sso-login again and approve it sooner.", cause);

    private async Task<CachedToken> AuthorizationCodeAsync(CachedRegistration registration, CancellationToken cancellationToken)
    {
        Pkce pkce = Pkce.Create();
        using LoopbackRedirectListener listener = LoopbackRedirectListener.Start();
        Uri authorizeUrl = AuthorizeUrl(registration.ClientId, listener.RedirectUri, pkce);

        // The wait for a human is wall-clock time, whatever clock drives the protocol.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.AuthorizationTimeout);
        Task<AuthorizationCallback> waiting = listener.WaitForCallbackAsync(timeout.Token);

        _output.WriteLine("To sign in, open this URL in a browser on this machine:");
        _output.WriteLine($"  {authorizeUrl.AbsoluteUri}");
        await OpenBrowserAsync(authorizeUrl, cancellationToken).ConfigureAwait(false);
        _output.WriteLine($"Waiting for the browser to come back to {listener.RedirectUri.GetLeftPart(UriPartial.Authority)}.");

        AuthorizationCallback callback;
        try
        {
            callback = await waiting.ConfigureAwait(false);
        }
        catch (OperationCanceledException canceled) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LoginFailedException($"The browser did not come back within {_settings.AuthorizationTimeout.TotalMinutes:0.#} minutes; run sso-login again.", canceled);
        }

        if (!string.Equals(callback.State, pkce.State, StringComparison.Ordinal))
        {
            throw new LoginFailedException("The browser came back with the answer to another sign-in request (state mismatch); run sso-login again.");
        }

        if (callback.Error is { } error)
        {
            throw new LoginFailedException(error == "access_denied"
                ? "The sign-in request was denied; run sso-login again to retry."
                : $"The authorization failed: {error}{(callback.ErrorDescription is { } description ? ": " + description : string.Empty)}");
        }

        CreateTokenResponse response = await _client.CreateTokenAsync(
            new CreateTokenRequest
            {
                ClientId = registration.ClientId,
                ClientSecret = registration.ClientSecret,
                GrantType = OAuthGrants.AuthorizationCode,
                Code = callback.Code,
                CodeVerifier = pkce.Verifier,
                RedirectUri = listener.RedirectUri.AbsoluteUri,
            },
            cancellationToken).ConfigureAwait(false);
        return ToCachedToken(response, registration.ClientId, registration.ClientSecret, registration.ExpiresAt);
    }

    private Uri AuthorizeUrl(string clientId, Uri redirectUri, Pkce pkce)
    {
        string query = string.Join(
            "&",
            new[]
            {
                ("response_type", "code"),
                ("client_id", clientId),
                ("redirect_uri", redirectUri.AbsoluteUri),
                ("state", pkce.State),
                ("code_challenge_method", "S256"),
                ("scopes", string.Join(' ', _settings.Scopes)),
                ("code_challenge", pkce.Challenge),
            }.Select(pair => pair.Item1 + "=" + Uri.EscapeDataString(pair.Item2)));
        return new Uri(_oidcEndpoint.AbsoluteUri.TrimEnd('/') + "/authorize?" + query);
    }

    private async Task OpenBrowserAsync(Uri url, CancellationToken cancellationToken)
    {
        if (!_settings.OpenBrowser || _environment.Browser is not { } browser)
        {
            return;
        }

        if (!await browser.TryOpenAsync(url, cancellationToken).ConfigureAwait(false))
        {
            _output.WriteLine("No browser could be opened; open the URL above yourself.");
        }
    }

    private CachedToken ToCachedToken(CreateTokenResponse response, string clientId, string clientSecret, DateTimeOffset registrationExpiresAt) => new()
    {
        StartUrl = _settings.StartUrl,
        Region = _settings.Region,
        AccessToken = Required(response.AccessToken, "CreateToken", "accessToken"),
        ExpiresAt = _time.GetUtcNow() + TimeSpan.FromSeconds(response.ExpiresIn
            ?? throw new LoginFailedException("CreateToken answered without expiresIn.")),
        ClientId = clientId,
        ClientSecret = clientSecret,
        RegistrationExpiresAt = registrationExpiresAt,
        RefreshToken = response.RefreshToken,
    };

    private bool IsForThisSession(CachedToken cached) =>
        string.Equals(cached.StartUrl, _settings.StartUrl, StringComparison.Ordinal)
        && string.Equals(cached.Region, _settings.Region, StringComparison.Ordinal);

    private static string Required(string? value, string operation, string member) =>
        string.IsNullOrEmpty(value) ? throw new LoginFailedException($"{operation} answered without {member}.") : value;
}

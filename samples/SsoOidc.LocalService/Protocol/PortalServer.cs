namespace SsoOidc.LocalService.Protocol;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;

/// <summary>
/// The SSO portal (signing name <c>awsssoportal</c>): the accounts and roles of the configured
/// <see cref="PortalAccount"/>s, short-term role credentials for an access token the authorization
/// server issued, and Logout, which revokes the token. Every credential it hands out is remembered
/// with its account and role, so tests can tell which role signed a request.
/// </summary>
internal sealed class PortalServer(AuthorizationServer authorization, LocalSsoOidcServiceOptions options)
{
    private const string ErrorNamespace = "http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IssuedRoleCredentials> _issued = new(StringComparer.Ordinal);

    public static readonly OidcError Unauthorized = new("UnauthorizedException", 401, "unauthorized", ErrorNamespace);
    public static readonly OidcError ResourceNotFound = new("ResourceNotFoundException", 404, "not_found", ErrorNamespace);
    public static readonly OidcError InvalidRequest = new("InvalidRequestException", 400, "invalid_request", ErrorNamespace);

    /// <summary>The role credentials issued so far, by access key id.</summary>
    public IReadOnlyDictionary<string, IssuedRoleCredentials> Issued
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, IssuedRoleCredentials>(_issued, StringComparer.Ordinal);
            }
        }
    }

    public IssuedRoleCredentials GetRoleCredentials(string? accessToken, string? accountId, string? roleName)
    {
        string subject = Authenticate(accessToken);
        Require(accountId, "account_id");
        Require(roleName, "role_name");
        PortalAccount account = Account(accountId!);
        if (!account.Roles.Contains(roleName, StringComparer.Ordinal))
        {
            throw new OidcProtocolException(ResourceNotFound, $"No role '{roleName}' is assigned to you in account {accountId}.");
        }

        var issued = new IssuedRoleCredentials(
            "ASIA" + RandomText(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            RandomText(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
            "local-session-" + RandomText(48, "abcdefghijklmnopqrstuvwxyz0123456789"),
            options.TimeProvider.GetUtcNow() + options.RoleCredentialsLifetime,
            account.AccountId,
            roleName!,
            subject);
        lock (_gate)
        {
            _issued.Add(issued.AccessKeyId, issued);
        }

        return issued;
    }

    public IReadOnlyList<PortalAccount> ListAccounts(string? accessToken)
    {
        Authenticate(accessToken);
        return options.Accounts;
    }

    public PortalAccount ListAccountRoles(string? accessToken, string? accountId)
    {
        Authenticate(accessToken);
        Require(accountId, "account_id");
        return Account(accountId!);
    }

    public void Logout(string? accessToken)
    {
        Authenticate(accessToken);
        authorization.RevokeAccessToken(accessToken!);
    }

    private string Authenticate(string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken) || authorization.SubjectOfAccessToken(accessToken) is not { } subject)
        {
            throw new OidcProtocolException(Unauthorized, "Session token not found or invalid");
        }

        return subject;
    }

    private PortalAccount Account(string accountId) =>
        options.Accounts.FirstOrDefault(account => account.AccountId == accountId)
        ?? throw new OidcProtocolException(ResourceNotFound, $"No account {accountId} is assigned to you.");

    private static void Require(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new OidcProtocolException(InvalidRequest, $"The query parameter {name} is required.");
        }
    }

    private static string RandomText(int length, string alphabet) => RandomNumberGenerator.GetString(alphabet, length);
}

namespace SsoOidc.LocalService;

using System;

/// <summary>Role credentials the portal handed out.</summary>
public sealed record IssuedRoleCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration, string AccountId, string RoleName, string Subject)
{
    /// <summary>Key id, account, role and expiry; never the secret or the session token.</summary>
    public override string ToString() => $"IssuedRoleCredentials {{ AccessKeyId = {AccessKeyId}, Account = {AccountId}, Role = {RoleName}, Expiration = {Expiration:O} }}";
}

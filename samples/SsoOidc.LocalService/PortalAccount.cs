namespace SsoOidc.LocalService;

using System;
using System.Collections.Generic;

/// <summary>An account the local SSO portal offers, with the roles a signed-in user may take in it.</summary>
/// <param name="AccountId">The 12-digit account id.</param>
/// <param name="AccountName">The display name.</param>
/// <param name="EmailAddress">The account's e-mail address.</param>
/// <param name="Roles">The role names.</param>
public sealed record PortalAccount(string AccountId, string AccountName, string EmailAddress, IReadOnlyList<string> Roles)
{
    /// <summary>The default account: <c>111122223333</c>, "Local sandbox", roles <c>ReadOnly</c> and <c>Admin</c>.</summary>
    public static PortalAccount Default { get; } = new("111122223333", "Local sandbox", "sandbox@example.com", ["ReadOnly", "Admin"]);

    /// <summary>
    /// Parses <c>ACCOUNT_ID[:NAME]=ROLE[,ROLE...]</c>, the form of the command line's <c>--account</c>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <exception cref="FormatException">The text is not in that form.</exception>
    public static PortalAccount Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new FormatException($"--account takes ACCOUNT_ID[:NAME]=ROLE[,ROLE...], not '{text}'.");
        }

        string head = text[..equals];
        int colon = head.IndexOf(':', StringComparison.Ordinal);
        string accountId = colon < 0 ? head : head[..colon];
        string name = colon < 0 ? accountId : head[(colon + 1)..];
        string[] roles = text[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (accountId.Length != 12 || !long.TryParse(accountId, out _) || roles.Length == 0)
        {
            throw new FormatException($"--account needs a 12-digit account id and at least one role, not '{text}'.");
        }

        return new PortalAccount(accountId, name, $"{accountId}@example.com", roles);
    }
}

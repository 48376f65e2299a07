namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Linq;

/// <summary>
/// AWS credentials: an access key id, its secret access key and, for temporary credentials, a
/// session token. <see cref="ToString"/> never prints the secret or the session token.
/// </summary>
public sealed class AwsCredentials
{
    /// <summary>What <see cref="ToString"/> prints in place of a secret value.</summary>
    public const string Redacted = "*** redacted ***";

    /// <summary>Creates credentials.</summary>
    /// <param name="accessKeyId">The access key id, for example <c>AKIDEXAMPLE</c>.</param>
    /// <param name="secretAccessKey">The secret access key.</param>
    /// <param name="sessionToken">The session token of temporary credentials, or null.</param>
    /// <param name="accountId">The AWS account the credentials belong to, when the source tells it (the endpoint rules' <c>AWS::Auth::AccountId</c>), or null.</param>
    /// <exception cref="ArgumentException">The access key id or the secret is null or empty.</exception>
    public AwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null, string? accountId = null)
    {
        // The messages name the parameter only: a secret must never reach an exception message.
        if (string.IsNullOrEmpty(accessKeyId))
        {
            throw new ArgumentException("The access key id must not be empty.", nameof(accessKeyId));
        }

        if (string.IsNullOrEmpty(secretAccessKey))
        {
            throw new ArgumentException("The secret access key must not be empty.", nameof(secretAccessKey));
        }

        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
        AccountId = string.IsNullOrEmpty(accountId) ? null : accountId;
    }

    /// <summary>The access key id (not a secret: it appears in every signed request).</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key.</summary>
    public string SecretAccessKey { get; }

    /// <summary>The session token of temporary credentials; null for long-term credentials.</summary>
    public string? SessionToken { get; }

    /// <summary>
    /// The AWS account id the credentials belong to (not a secret), when their source tells it: <c>AWS_ACCOUNT_ID</c>,
    /// a profile's <c>aws_account_id</c>, an SSO profile's <c>sso_account_id</c>, the assumed role's ARN from STS, the
    /// <c>AccountId</c> of a process, container or instance answer. Endpoint rules that read <c>AWS::Auth::AccountId</c>
    /// (DynamoDB's account-based endpoints) get it; null when unknown.
    /// </summary>
    public string? AccountId { get; }

    /// <summary>The access key id and the account id, with the secret and the session token redacted.</summary>
    public override string ToString() =>
        $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = {Redacted}, SessionToken = {(SessionToken is null ? "(none)" : Redacted)}, AccountId = {AccountId ?? "(none)"} }}";

    /// <summary>
    /// The account id of an ARN (<c>arn:partition:service:region:account:resource</c>, as STS names an assumed role);
    /// null when the text is no such ARN or its account is not twelve digits.
    /// </summary>
    internal static string? AccountIdOfArn(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        string[] parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit) ? parts[4] : null;
    }
}

namespace SsoOidcCodegen.Runtime.Auth;

using System;

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
    /// <exception cref="ArgumentException">The access key id or the secret is null or empty.</exception>
    public AwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null)
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
    }

    /// <summary>The access key id (not a secret: it appears in every signed request).</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key.</summary>
    public string SecretAccessKey { get; }

    /// <summary>The session token of temporary credentials; null for long-term credentials.</summary>
    public string? SessionToken { get; }

    /// <summary>The access key id, with the secret and the session token redacted.</summary>
    public override string ToString() =>
        $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = {Redacted}, SessionToken = {(SessionToken is null ? "(none)" : Redacted)} }}";
}

namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Text.Json;

/// <summary>
/// Reads the credentials documents of <c>credential_process</c> output, the container credentials
/// endpoint and the instance metadata service: <c>AccessKeyId</c>, <c>SecretAccessKey</c>,
/// <c>Token</c> or <c>SessionToken</c>, and an ISO 8601 <c>Expiration</c>.
/// </summary>
internal static class ExpiringCredentialsJson
{
    /// <summary>The credentials and their expiry (null: they do not expire), or a reason (never a secret).</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, string source, out AwsCredentials? credentials, out DateTimeOffset? expiration, out string? problem, bool requireVersion1 = false)
    {
        credentials = null;
        expiration = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"{source} did not answer a JSON object";
                return false;
            }

            if (requireVersion1 && !(root.TryGetProperty("Version", out JsonElement version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out int number) && number == 1))
            {
                problem = $"{source} gave no \"Version\": 1";
                return false;
            }

            string? accessKeyId = String(root, "AccessKeyId");
            string? secret = String(root, "SecretAccessKey");
            if (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secret))
            {
                problem = $"{source} gave no AccessKeyId and SecretAccessKey";
                return false;
            }

            if (String(root, "Expiration") is { Length: > 0 } text)
            {
                if (!SsoTokenCache.TryParseTimestamp(text, out DateTimeOffset parsed))
                {
                    problem = $"{source} gave an Expiration that is not an ISO 8601 time";
                    return false;
                }

                expiration = parsed;
            }

            credentials = new AwsCredentials(accessKeyId, secret, String(root, "SessionToken") ?? String(root, "Token"), String(root, "AccountId"));
            problem = null;
            return true;
        }
        catch (JsonException)
        {
            problem = $"{source} did not answer JSON";
            return false;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>Credentials a provider keeps, with their expiry (null: they do not expire); replaced whole, so readers never see half of one.</summary>
internal sealed record ExpiringCredentials(AwsCredentials Credentials, DateTimeOffset? Expiration);

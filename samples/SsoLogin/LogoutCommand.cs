namespace SsoLogin;

using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SsoLogin.Flow;
using SsoLogin.SsoPortal;
using SsoLogin.SsoPortal.Model;
using SsoOidcCodegen.Runtime;

/// <summary>
/// <c>sso-login logout</c>, as <c>aws sso logout</c>: every JSON file of the SSO cache that holds an
/// <c>accessToken</c> is signed out at the SSO portal of its region (Logout; an error is ignored, the
/// token may have expired already) and deleted, and so is every cached credentials file of the AWS
/// CLI (<c>~/.aws/cli/cache</c>) whose <c>ProviderType</c> is <c>sso</c>. Client registrations stay.
/// </summary>
public static class LogoutCommand
{
    /// <summary>Signs out; returns how many cached tokens were removed.</summary>
    /// <param name="environment">Cache directory, output and environment variables.</param>
    /// <param name="endpoint">An SSO portal endpoint instead of <c>AWS_ENDPOINT_URL_SSO</c>, <c>AWS_ENDPOINT_URL</c> or the region's.</param>
    /// <param name="cancellationToken">Cancels the logout.</param>
    public static async Task<int> RunAsync(LoginEnvironment environment, Uri? endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        endpoint ??= EndpointFromEnvironment(environment.GetEnvironmentVariable, "AWS_ENDPOINT_URL_SSO");
        int removed = 0;
        if (Directory.Exists(environment.CacheDirectory))
        {
            foreach (string path in Directory.GetFiles(environment.CacheDirectory, "*.json"))
            {
                if (ReadMembers(path, "accessToken", "region") is not ({ } accessToken, var region))
                {
                    continue;
                }

                if (!string.IsNullOrEmpty(region))
                {
                    await TryLogoutAsync(accessToken, region, endpoint, environment, cancellationToken).ConfigureAwait(false);
                }

                File.Delete(path);
                removed++;
            }
        }

        // ~/.aws/sso/cache -> ~/.aws/cli/cache: the AWS CLI's cached role credentials.
        string? awsDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(environment.CacheDirectory).TrimEnd(Path.DirectorySeparatorChar)));
        string credentialsDirectory = Path.Combine(awsDirectory ?? environment.CacheDirectory, "cli", "cache");
        if (Directory.Exists(credentialsDirectory))
        {
            foreach (string path in Directory.GetFiles(credentialsDirectory, "*.json"))
            {
                if (ReadMembers(path, "ProviderType", "ProviderType") is ("sso", _))
                {
                    File.Delete(path);
                }
            }
        }

        environment.Output.WriteLine(removed == 0
            ? "No cached SSO tokens to remove."
            : $"Signed out: removed {removed} cached SSO token{(removed == 1 ? string.Empty : "s")} from {environment.CacheDirectory}.");
        return removed;
    }

    /// <summary>An endpoint from a service-specific variable, else <c>AWS_ENDPOINT_URL</c>; null when neither is a URL.</summary>
    internal static Uri? EndpointFromEnvironment(Func<string, string?> getEnvironmentVariable, string serviceVariable)
    {
        string? value = getEnvironmentVariable(serviceVariable);
        if (string.IsNullOrEmpty(value))
        {
            value = getEnvironmentVariable("AWS_ENDPOINT_URL");
        }

        return !string.IsNullOrEmpty(value) && Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) ? uri : null;
    }

    private static async Task TryLogoutAsync(string accessToken, string region, Uri? endpoint, LoginEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            using var portal = new SsoPortalClient(new AwsClientOptions
            {
                Region = region,
                ServiceUrl = endpoint,
                TimeProvider = environment.Time,
                AttemptTimeout = TimeSpan.FromSeconds(10),
                Credentials = new SsoOidcCodegen.Runtime.Auth.StaticCredentialsProvider("unused", "unused"),
                UserAgentSuffix = "sso-login",
            });
            await portal.LogoutAsync(new LogoutRequest { AccessToken = accessToken }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ignored) when (ignored is AwsServiceException or AwsTransportException or AwsTimeoutException or SsoOidcCodegen.Runtime.Endpoints.EndpointResolutionException)
        {
            // As in the AWS CLI: the token may have expired already; the cache file goes either way.
        }
    }

    private static (string? First, string? Second)? ReadMembers(string path, string first, string second)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(first, out JsonElement firstValue) || firstValue.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            string? secondValue = root.TryGetProperty(second, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return (firstValue.GetString(), secondValue);
        }
        catch (Exception unreadable) when (unreadable is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

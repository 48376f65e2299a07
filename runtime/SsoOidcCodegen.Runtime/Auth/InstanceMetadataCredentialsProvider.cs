namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Credentials of an EC2 instance's role from the instance metadata service, IMDSv2 only: a session
/// token (<c>PUT /latest/api/token</c>), then the role name and its credentials under
/// <c>/latest/meta-data/iam/security-credentials/</c>. Each request has a one-second timeout and one
/// attempt (as in botocore), so a laptop without the service waits about a second, once per lookup.
/// <c>AWS_EC2_METADATA_DISABLED=true</c> turns it off; <c>AWS_EC2_METADATA_SERVICE_ENDPOINT</c>
/// replaces <c>http://169.254.169.254</c>. Credentials are kept until 5 minutes before they expire.
/// </summary>
public sealed class InstanceMetadataCredentialsProvider : IAwsCredentialsProvider, IAsyncCredentialsSource
{
    private const string DisabledVariable = "AWS_EC2_METADATA_DISABLED";
    private const string EndpointVariable = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
    private const string RolePath = "latest/meta-data/iam/security-credentials/";

    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly HttpClient _http;
    private readonly ExpiringCredentialsCache _cache;

    /// <summary>Creates the provider.</summary>
    /// <param name="getEnvironmentVariable">Reads environment variables; null for the process environment.</param>
    /// <param name="httpClient">The HTTP client; null for a shared one without proxy.</param>
    /// <param name="timeProvider">The clock; null for the system clock.</param>
    public InstanceMetadataCredentialsProvider(Func<string, string?>? getEnvironmentVariable = null, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        _getEnvironmentVariable = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        _http = httpClient ?? MetadataHttp.Shared;
        _cache = new ExpiringCredentialsCache(timeProvider ?? TimeProvider.System);
    }

    /// <summary>How long each request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(1);

    string IAsyncCredentialsSource.Description => "EC2 instance metadata (IMDSv2)";

    /// <inheritdoc />
    /// <exception cref="AwsCredentialsException">The service is disabled, did not answer, or gave no usable credentials.</exception>
    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        CredentialsLookup lookup = await ((IAsyncCredentialsSource)this).TryGetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        return lookup.Credentials ?? throw new AwsCredentialsException($"No AWS credentials from the instance metadata service: {lookup.Failure}.");
    }

    ValueTask<CredentialsLookup> IAsyncCredentialsSource.TryGetCredentialsAsync(CancellationToken cancellationToken) =>
        _cache.GetAsync(FetchAsync, cancellationToken);

    private async Task<(CredentialsLookup Lookup, DateTimeOffset? Expiration)> FetchAsync(CancellationToken cancellationToken)
    {
        if (string.Equals(_getEnvironmentVariable(DisabledVariable), "true", StringComparison.OrdinalIgnoreCase))
        {
            return (CredentialsLookup.NotConfigured($"{DisabledVariable} is true"), null);
        }

        string endpoint = _getEnvironmentVariable(EndpointVariable) is { Length: > 0 } configured ? configured : "http://169.254.169.254";
        if (!Uri.TryCreate(endpoint.TrimEnd('/') + "/", UriKind.Absolute, out Uri? root))
        {
            throw new AwsCredentialsException($"{EndpointVariable} is not an absolute URL.");
        }

        (HttpStatusCode tokenStatus, string? token) = await SendAsync(HttpMethod.Put, new Uri(root, "latest/api/token"), null, cancellationToken).ConfigureAwait(false);
        if (token is null || tokenStatus != HttpStatusCode.OK)
        {
            return (CredentialsLookup.NotConfigured(tokenStatus == 0 ? $"no instance metadata service answered at {root.Authority} within {RequestTimeout.TotalSeconds:0.#} s" : $"the instance metadata service refused a session token (HTTP {(int)tokenStatus})"), null);
        }

        (HttpStatusCode roleStatus, string? roles) = await SendAsync(HttpMethod.Get, new Uri(root, RolePath), token, cancellationToken).ConfigureAwait(false);
        string? role = roles?.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : null;
        if (roleStatus != HttpStatusCode.OK || role is null)
        {
            return (CredentialsLookup.NotConfigured("the instance has no IAM role (instance profile)"), null);
        }

        (HttpStatusCode credentialsStatus, string? document) = await SendAsync(HttpMethod.Get, new Uri(root, RolePath + Uri.EscapeDataString(role)), token, cancellationToken).ConfigureAwait(false);
        if (credentialsStatus != HttpStatusCode.OK || document is null)
        {
            throw new AwsCredentialsException($"The instance metadata service gave no credentials for the role '{role}' (HTTP {(int)credentialsStatus}).");
        }

        if (!ExpiringCredentialsJson.TryParse(Encoding.UTF8.GetBytes(document), "the instance metadata service", out AwsCredentials? credentials, out DateTimeOffset? expiration, out string? problem))
        {
            throw new AwsCredentialsException(problem + ".");
        }

        return (new CredentialsLookup(credentials, null), expiration);
    }

    // Status 0 means no answer (refused, unreachable, or timed out).
    private async Task<(HttpStatusCode Status, string? Body)> SendAsync(HttpMethod method, Uri uri, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (token is null)
        {
            request.Headers.TryAddWithoutValidation("x-aws-ec2-metadata-token-ttl-seconds", "21600");
        }
        else
        {
            request.Headers.TryAddWithoutValidation("x-aws-ec2-metadata-token", token.ReplaceLineEndings(string.Empty));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            return (response.StatusCode, body);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (0, null);
        }
    }
}

namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Credentials from the container credentials endpoint (ECS, EKS Pod Identity, a local emulator), as
/// the AWS SDKs read it: <c>AWS_CONTAINER_CREDENTIALS_RELATIVE_URI</c> (on <c>http://169.254.170.2</c>)
/// or <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c> (HTTPS, or HTTP to a loopback address or one of the
/// container hosts), with the <c>Authorization</c> header read from
/// <c>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</c> (each time, as it rotates) or
/// <c>AWS_CONTAINER_AUTHORIZATION_TOKEN</c>. Two attempts of 2 seconds each; credentials are kept
/// until 5 minutes before they expire.
/// </summary>
public sealed class ContainerCredentialsProvider : IAwsCredentialsProvider, IAsyncCredentialsSource
{
    private const string RelativeUriVariable = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
    private const string FullUriVariable = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    private const string TokenFileVariable = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
    private const string TokenVariable = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
    private const string DefaultHost = "169.254.170.2";
    private static readonly string[] AllowedHttpHosts = [DefaultHost, "169.254.170.23", "[fd00:ec2::23]", "localhost"];

    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly HttpClient _http;
    private readonly ExpiringCredentialsCache _cache;

    /// <summary>Creates the provider.</summary>
    /// <param name="getEnvironmentVariable">Reads environment variables; null for the process environment.</param>
    /// <param name="httpClient">The HTTP client; null for a shared one without proxy.</param>
    /// <param name="timeProvider">The clock; null for the system clock.</param>
    public ContainerCredentialsProvider(Func<string, string?>? getEnvironmentVariable = null, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        _getEnvironmentVariable = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        _http = httpClient ?? MetadataHttp.Shared;
        _cache = new ExpiringCredentialsCache(timeProvider ?? TimeProvider.System);
    }

    /// <summary>How long each attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(2);

    string IAsyncCredentialsSource.Description => "container credentials endpoint";

    /// <inheritdoc />
    /// <exception cref="AwsCredentialsException">No endpoint is configured, or it gave no usable credentials.</exception>
    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        CredentialsLookup lookup = await ((IAsyncCredentialsSource)this).TryGetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        return lookup.Credentials ?? throw new AwsCredentialsException($"No AWS credentials from the container credentials endpoint: {lookup.Failure}.");
    }

    ValueTask<CredentialsLookup> IAsyncCredentialsSource.TryGetCredentialsAsync(CancellationToken cancellationToken) =>
        _cache.GetAsync(FetchAsync, cancellationToken);

    private async Task<(CredentialsLookup Lookup, DateTimeOffset? Expiration)> FetchAsync(CancellationToken cancellationToken)
    {
        Uri? endpoint = Endpoint(out string? notConfigured);
        if (endpoint is null)
        {
            return (CredentialsLookup.NotConfigured(notConfigured!), null);
        }

        string? lastProblem = null;
        for (int attempt = 1; attempt <= 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            if (AuthorizationToken() is { } token)
            {
                if (token.AsSpan().IndexOfAny('\r', '\n') >= 0)
                {
                    throw new AwsCredentialsException("The container authorization token contains a line break.");
                }

                request.Headers.TryAddWithoutValidation("Authorization", token);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AttemptTimeout);
            try
            {
                using HttpResponseMessage response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                byte[] body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    lastProblem = $"the endpoint answered HTTP {(int)response.StatusCode}";
                    continue;
                }

                if (!ExpiringCredentialsJson.TryParse(body, "the container credentials endpoint", out AwsCredentials? credentials, out DateTimeOffset? expiration, out string? problem))
                {
                    throw new AwsCredentialsException(problem + ".");
                }

                return (new CredentialsLookup(credentials, null), expiration);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                lastProblem = ex is OperationCanceledException ? $"no answer within {AttemptTimeout.TotalSeconds:0.#} s" : $"the request failed ({ex.Message})";
            }
        }

        throw new AwsCredentialsException($"The container credentials endpoint {endpoint.GetLeftPart(UriPartial.Authority)} gave no credentials: {lastProblem}.");
    }

    private Uri? Endpoint(out string? notConfigured)
    {
        notConfigured = null;
        string? relative = _getEnvironmentVariable(RelativeUriVariable);
        if (!string.IsNullOrEmpty(relative))
        {
            return new Uri("http://" + DefaultHost + (relative.StartsWith('/') ? relative : "/" + relative));
        }

        string? full = _getEnvironmentVariable(FullUriVariable);
        if (string.IsNullOrEmpty(full))
        {
            notConfigured = $"neither {RelativeUriVariable} nor {FullUriVariable} is set";
            return null;
        }

        if (!Uri.TryCreate(full, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new AwsCredentialsException($"{FullUriVariable} is not an absolute http or https URL.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsAllowedHttpHost(uri))
        {
            throw new AwsCredentialsException($"{FullUriVariable} uses http with host '{uri.Host}': only https, a loopback address or {string.Join(", ", AllowedHttpHosts)} are allowed.");
        }

        return uri;
    }

    private static bool IsAllowedHttpHost(Uri uri) =>
        Array.IndexOf(AllowedHttpHosts, uri.Host) >= 0
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));

    private string? AuthorizationToken()
    {
        string? file = _getEnvironmentVariable(TokenFileVariable);
        if (!string.IsNullOrEmpty(file))
        {
            try
            {
                return File.ReadAllText(file).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new AwsCredentialsException($"{TokenFileVariable} names a file that cannot be read: {ex.Message}", ex);
            }
        }

        string? token = _getEnvironmentVariable(TokenVariable);
        return string.IsNullOrEmpty(token) ? null : token;
    }
}

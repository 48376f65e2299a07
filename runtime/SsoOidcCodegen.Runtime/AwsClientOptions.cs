namespace SsoOidcCodegen.Runtime;

using System;
using System.Net.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// How a generated client reaches and talks to its service. Every option has a default that works
/// for a client in a real AWS region; tests and local services set <see cref="ServiceUrl"/>.
/// </summary>
public partial class AwsClientOptions
{
    /// <summary>
    /// The AWS region (for example <c>us-east-1</c>). When null the client reads <c>AWS_REGION</c>,
    /// then <c>AWS_DEFAULT_REGION</c>, then the shared config file's profile.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>An endpoint that replaces the one the region would give (for example a local service).</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>
    /// Where SigV4 credentials come from. When null: the environment (<c>AWS_ACCESS_KEY_ID</c>,
    /// <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>), then the shared credentials and config
    /// files for <see cref="Profile"/>. Operations the model marks <c>noAuth</c> never ask for them.
    /// </summary>
    public SsoOidcCodegen.Runtime.Auth.IAwsCredentialsProvider? Credentials { get; set; }

    /// <summary>The shared config/credentials profile (default: <c>AWS_PROFILE</c>, then <c>default</c>).</summary>
    public string? Profile { get; set; }

    /// <summary>The region SigV4 signs for, when it must differ from <see cref="Region"/>.</summary>
    public string? AuthenticationRegion { get; set; }

    /// <summary>Supplies the bearer token for operations that use bearer auth.</summary>
    public Func<System.Threading.CancellationToken, System.Threading.Tasks.ValueTask<string>>? BearerToken { get; set; }

    /// <summary>Use the region's FIPS endpoint.</summary>
    public bool UseFips { get; set; }

    /// <summary>Use the region's dual-stack (IPv4 and IPv6) endpoint.</summary>
    public bool UseDualStack { get; set; }

    /// <summary>
    /// Retries in the AWS standard mode: 3 attempts in all by default, jittered exponential backoff
    /// capped at 20 s (or your own delegate), and a retry quota of 500 tokens per client.
    /// </summary>
    public SsoOidcCodegen.Runtime.Retry.RetryOptions Retry { get; set; } = new();

    /// <summary>The random source for backoff jitter (values in [0, 1)); tests make it fixed.</summary>
    public Func<double>? RetryRandom { get; set; }

    /// <summary>The time one attempt may take; null for no per-attempt limit.</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>The time a whole call (all attempts and delays) may take; null for no limit.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>The time to establish a connection, for the client's own <see cref="HttpClient"/>; 10 s by default.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The <see cref="System.Net.Http.HttpClient"/> to send with. When null the client creates one
    /// that reuses connections, and disposes it with the client.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>A proxy for the client's own <see cref="HttpClient"/>.</summary>
    public System.Net.IWebProxy? Proxy { get; set; }

    /// <summary>Check requests against the model's rules before sending them; on by default.</summary>
    public bool ValidateRequests { get; set; } = true;

    /// <summary>Text appended to the <c>User-Agent</c> header (for example your application's name and version).</summary>
    public string? UserAgentSuffix { get; set; }

    /// <summary>Where request and response summaries are logged. Secrets are never logged.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>The clock and timers the client uses (for retry delays and signing time).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Creates idempotency tokens for members the model marks <c>idempotencyToken</c>; a random GUID when null.</summary>
    public Func<string>? IdempotencyTokenProvider { get; set; }

    /// <summary>Where the call pipeline reads the Lambda variables it honours (tests replace the process environment).</summary>
    internal Func<string, string?> EnvironmentVariables { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>The default of <see cref="RequestMinCompressionSizeBytes"/>, as in every AWS SDK.</summary>
    public const int DefaultMinCompressionSizeBytes = 10240;

    /// <summary>Never compress request bodies, even for operations whose model allows gzip.</summary>
    public bool DisableRequestCompression { get; set; }

    /// <summary>The smallest request body (in bytes, 0 to 10485760) that is compressed for operations whose model allows it; 10240 by default.</summary>
    public int RequestMinCompressionSizeBytes { get; set; } = DefaultMinCompressionSizeBytes;

    /// <summary>The default of <see cref="MaxResponseBodySize"/>: 32 MiB.</summary>
    public const int DefaultMaxResponseBodySize = 32 * 1024 * 1024;

    /// <summary>
    /// The largest response body (in bytes) the client reads; a larger body, or one that never ends,
    /// fails the call with <see cref="AwsResponseTooLargeException"/>. 32 MiB by default.
    /// </summary>
    public int MaxResponseBodySize { get; set; } = DefaultMaxResponseBodySize;

    /// <summary>Throws when an option has a value the client cannot use, naming the option.</summary>
    public virtual void Validate()
    {
        if (Retry is null)
        {
            throw new ArgumentNullException(nameof(Retry), "Retry must be set (use new RetryOptions() for the defaults).");
        }

        if (AttemptTimeout is { } attempt && attempt <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), attempt, "AttemptTimeout must be positive.");
        }

        if (Timeout is { } overall && overall <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), overall, "Timeout must be positive.");
        }

        if (RequestMinCompressionSizeBytes is < 0 or > 10485760)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestMinCompressionSizeBytes), RequestMinCompressionSizeBytes, "RequestMinCompressionSizeBytes must be between 0 and 10485760.");
        }

        if (UserAgentSuffix is not null && Http.HeaderValue.BreaksHeaderLine(UserAgentSuffix))
        {
            throw new ArgumentException("UserAgentSuffix must not hold a CR, LF or NUL character.", nameof(UserAgentSuffix));
        }

        if (MaxResponseBodySize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxResponseBodySize), MaxResponseBodySize, "MaxResponseBodySize must be positive.");
        }

        if (ServiceUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("ServiceUrl must be an absolute URI such as http://127.0.0.1:5000.", nameof(ServiceUrl));
        }
    }
}

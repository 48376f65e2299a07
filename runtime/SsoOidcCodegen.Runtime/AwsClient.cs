namespace SsoOidcCodegen.Runtime;

using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Http;
using SsoOidcCodegen.Runtime.Pipeline;
using SsoOidcCodegen.Runtime.Protocols;
using SsoOidcCodegen.Runtime.Retry;

/// <summary>
/// The base of every generated client: it keeps the options and the <see cref="HttpClient"/>,
/// resolves the endpoint, and hands each call to the <see cref="ClientPipeline"/>, which keeps
/// each call's state in its own <see cref="CallContext"/>.
/// </summary>
public abstract partial class AwsClient : IDisposable
{
    private readonly HttpClient httpClient;
    private readonly bool ownsHttpClient;
    private readonly ClientPipeline pipeline;
    private Uri? endpoint;
    private string? endpointRegion;
    private string? accountIdEndpointMode;

    /// <summary>Creates the client.</summary>
    /// <param name="options">The client options (validated here).</param>
    /// <param name="service">The service metadata from the model.</param>
    protected AwsClient(AwsClientOptions options, AwsServiceInfo service)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(service);
        options.Validate();
        Options = options;
        Service = service;
        if (options.HttpClient is { } supplied)
        {
            httpClient = supplied;
        }
        else
        {
            httpClient = new HttpClient(CreateDefaultHandler(options), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            ownsHttpClient = true;
        }

        UserAgent = UserAgentBuilder.Build(service, options.UserAgentSuffix);
        pipeline = new ClientPipeline(options, httpClient, service, UserAgent, ClockSkew, () => Endpoint, () => SigningRegion ?? RequireRegion(), ReadError, CreateException, this);
    }

    /// <summary>The options the client was created with.</summary>
    public AwsClientOptions Options { get; }

    /// <summary>The service metadata.</summary>
    public AwsServiceInfo Service { get; }

    /// <summary>The <c>User-Agent</c> this client sends.</summary>
    protected string UserAgent { get; }

    /// <summary>The clock-skew correction learnt from the service's <c>Date</c> headers; each call's own correction is in its call context.</summary>
    public ClockSkew ClockSkew { get; } = new();

    /// <summary>The retry strategy (and its quota) this client uses.</summary>
    protected StandardRetryStrategy RetryStrategy => pipeline.RetryStrategy;

    /// <summary>
    /// Whether the endpoint rules read the credentials' account id (the built-in <c>AWS::Auth::AccountId</c>): then a
    /// SigV4 call fetches its credentials before its endpoint is resolved, unless <see cref="AwsClientOptions.AccountIdEndpointMode"/>
    /// is <c>disabled</c>. A generated client whose rule set has that built-in says true.
    /// </summary>
    protected virtual bool EndpointRulesReadAccountId => false;

    /// <summary>What <see cref="EndpointRulesReadAccountId"/> says, for the pipeline.</summary>
    internal bool FetchesCredentialsForEndpoint => EndpointRulesReadAccountId;

    /// <summary>
    /// The account-ID endpoint mode of this client (built-in <c>AWS::Auth::AccountIdEndpointMode</c>): what
    /// <see cref="AwsClientOptions.EffectiveAccountIdEndpointMode"/> says, read once per client (the environment and
    /// the shared config are not read again on every call).
    /// </summary>
    /// <exception cref="ArgumentException">The setting is not <c>preferred</c>, <c>required</c> or <c>disabled</c>.</exception>
    protected internal string AccountIdEndpointMode() => Volatile.Read(ref accountIdEndpointMode) ?? (accountIdEndpointMode = Options.EffectiveAccountIdEndpointMode());

    /// <summary>The region SigV4 signs for; the client's region unless the endpoint rules say otherwise.</summary>
    protected virtual string? SigningRegion => Options.AuthenticationRegion;

    /// <summary>
    /// The client's endpoint, resolved once from the client's own parameters (region, FIPS, dual-stack, endpoint
    /// override): where an operation without endpoint parameters of its own goes. A generated client whose model
    /// has a rule set resolves each call again with that operation's parameters (see <see cref="AwsOperation{TRequest, TResponse}.ResolveEndpoint"/>).
    /// </summary>
    public Uri Endpoint => endpoint ??= ResolveEndpoint();

    /// <summary>Disposes the client's own <see cref="HttpClient"/> (not one that was supplied).</summary>
    public void Dispose()
    {
        if (ownsHttpClient)
        {
            httpClient.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Resolves the endpoint: <see cref="AwsClientOptions.ServiceUrl"/> or the region's default host,
    /// <c>&lt;endpointPrefix&gt;[-fips].&lt;region&gt;.&lt;DNS suffix of the region's partition&gt;</c> (the dual-stack suffix
    /// with <see cref="AwsClientOptions.UseDualStack"/>), what the rule sets' default rules give. Only a model without an
    /// endpoint rule set uses this; a generated client with a rule set overrides it with the rules.
    /// </summary>
    protected virtual Uri ResolveEndpoint()
    {
        if (Options.ServiceUrl is { } serviceUrl)
        {
            return serviceUrl;
        }

        // The rule sets' own default: the region's partition (the partition data the rules' aws.partition reads) gives the DNS suffix.
        string region = RequireRegion();
        Endpoints.Partition partition = Endpoints.Partitions.Resolve(region);
        string fips = Options.UseFips ? "-fips" : string.Empty;
        string suffix = Options.UseDualStack ? partition.DualStackDnsSuffix : partition.DnsSuffix;
        return new Uri($"https://{Service.EndpointPrefix}{fips}.{region}.{suffix}");
    }

    /// <summary>Reads the code, message and request id of an error response; the JSON protocols' rules unless the client's protocol has its own.</summary>
    protected virtual AwsErrorInfo ReadError(AwsResponse response) => AwsErrorInfo.Read(response);

    /// <summary>Creates the exception for an error response: a modelled one or the service's base exception.</summary>
    protected abstract AwsServiceException CreateException(AwsErrorInfo error, AwsResponse response);

    /// <summary>Sends one operation call through the pipeline.</summary>
    /// <exception cref="AwsServiceException">The service answered with an error (a generated subclass when the model lists it).</exception>
    /// <exception cref="AwsUnmarshallingException">A success response whose body could not be read.</exception>
    /// <exception cref="AwsResponseTooLargeException">A response body larger than <see cref="AwsClientOptions.MaxResponseBodySize"/>.</exception>
    /// <exception cref="AwsTransportException">The service could not be reached after every attempt.</exception>
    /// <exception cref="AwsTimeoutException">The call or its last attempt ran out of time.</exception>
    /// <exception cref="AwsValidationException">The request breaks the model's rules; nothing was sent.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    protected Task<TResponse> InvokeAsync<TRequest, TResponse>(TRequest request, AwsOperation<TRequest, TResponse> operation, CancellationToken cancellationToken)
        where TRequest : class =>
        pipeline.InvokeAsync(request, operation, cancellationToken);

    /// <summary>
    /// Sends one operation call through the same pipeline, returning the service's error as a value:
    /// every error response (modelled or not) is the result's <see cref="AwsResult{T}.Error"/>, the typed
    /// exception <see cref="InvokeAsync"/> would throw, created but never thrown.
    /// </summary>
    /// <exception cref="AwsUnmarshallingException">A success response whose body could not be read.</exception>
    /// <exception cref="AwsResponseTooLargeException">A response body larger than <see cref="AwsClientOptions.MaxResponseBodySize"/>.</exception>
    /// <exception cref="AwsTransportException">The service could not be reached after every attempt.</exception>
    /// <exception cref="AwsTimeoutException">The call or its last attempt ran out of time.</exception>
    /// <exception cref="AwsValidationException">The request breaks the model's rules; nothing was sent.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    protected Task<AwsResult<TResponse>> TryInvokeAsync<TRequest, TResponse>(TRequest request, AwsOperation<TRequest, TResponse> operation, CancellationToken cancellationToken)
        where TRequest : class =>
        pipeline.TryInvokeAsync(request, operation, cancellationToken);

    private static SocketsHttpHandler CreateDefaultHandler(AwsClientOptions options) => new()
    {
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        Proxy = options.Proxy,
        UseProxy = options.Proxy is not null,
    };

    /// <summary>The region from the options, the environment or the shared config; null when there is none.</summary>
    protected string? RegionOrNull() => RegionResolver.Resolve(Options.Region, profile: Options.Profile);

    /// <summary>
    /// The region of the endpoint rules' <c>AWS::Region</c>, read once per client (the environment and the shared config
    /// are not read again on every call); throws a clear error when there is none and no <see cref="AwsClientOptions.ServiceUrl"/> is set.
    /// </summary>
    protected string? EndpointRegion()
    {
        if (Volatile.Read(ref endpointRegion) is { } known)
        {
            return known.Length == 0 ? null : known;
        }

        string? region = Options.ServiceUrl is null ? RequireRegion() : RegionOrNull();
        Volatile.Write(ref endpointRegion, region ?? string.Empty);
        return region;
    }

    /// <summary>The region from the options or the environment; throws a clear error when there is none.</summary>
    protected string RequireRegion() =>
        RegionResolver.Resolve(Options.Region, profile: Options.Profile)
        ?? throw new InvalidOperationException(
            "No AWS region is configured: set AwsClientOptions.Region, AWS_REGION or AWS_DEFAULT_REGION, or a region in the shared config file (or set ServiceUrl).");
}

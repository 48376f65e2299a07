namespace SsoOidcCodegen.Runtime;

using System;
using System.Buffers;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SsoOidcCodegen.Runtime.Http;
using SsoOidcCodegen.Runtime.Protocols;

/// <summary>
/// The request pipeline every generated client derives from: validate, marshal, resolve the
/// endpoint, then per attempt build, sign, send, and read the answer or the error; retry what the
/// AWS standard retry mode retries.
/// </summary>
public abstract partial class AwsClient : IDisposable
{
    private readonly HttpClient httpClient;
    private readonly bool ownsHttpClient;
    private Uri? endpoint;

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
        InitializeRuntime();
    }

    /// <summary>The options the client was created with.</summary>
    public AwsClientOptions Options { get; }

    /// <summary>The service metadata.</summary>
    public AwsServiceInfo Service { get; }

    /// <summary>The <c>User-Agent</c> this client sends.</summary>
    protected string UserAgent { get; }

    /// <summary>The endpoint every request goes to (resolved once).</summary>
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

    /// <summary>Resolves the endpoint: <see cref="AwsClientOptions.ServiceUrl"/> or the region's default.</summary>
    protected virtual Uri ResolveEndpoint()
    {
        if (Options.ServiceUrl is { } serviceUrl)
        {
            return serviceUrl;
        }

        string region = RequireRegion();
        string suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        string fips = Options.UseFips ? "-fips" : string.Empty;
        string host = Options.UseDualStack
            ? $"{Service.EndpointPrefix}{fips}.{region}.api.aws"
            : $"{Service.EndpointPrefix}{fips}.{region}.{suffix}";
        return new Uri("https://" + host);
    }

    /// <summary>Reads the code, message and request id of an error response; the JSON protocols' rules unless the client's protocol has its own.</summary>
    protected virtual AwsErrorInfo ReadError(AwsResponse response) => AwsErrorInfo.Read(response);

    /// <summary>Creates the exception for an error response: a modelled one or the service's base exception.</summary>
    protected abstract AwsServiceException CreateException(AwsErrorInfo error, AwsResponse response);

    /// <summary>Sends one operation call through the pipeline.</summary>
    protected async Task<TResponse> InvokeAsync<TRequest, TResponse>(TRequest request, AwsOperation<TRequest, TResponse> operation, CancellationToken cancellationToken)
        where TRequest : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Options.ValidateRequests && operation.Validate is { } validate)
        {
            var context = new AwsValidationContext(operation.Name);
            validate(request, context);
            context.ThrowIfInvalid();
        }

        var builder = new AwsRequestBuilder
        {
            IdempotencyTokenProvider = Options.IdempotencyTokenProvider,
            DisableRequestCompression = Options.DisableRequestCompression,
            MinCompressionSizeBytes = Options.RequestMinCompressionSizeBytes,
        };
        operation.Marshal(request, builder);
        if (Service.Protocol == AwsProtocol.RestJson)
        {
            builder.AddHeader("x-amz-api-version", Service.ApiVersion);
        }

        byte[]? body = builder.BodyStream is null && (builder.ContentType is not null || !builder.Body.IsEmpty) ? builder.Body.ToArray() : null;
        Uri target = Endpoint;
        ILogger? logger = Options.Logger;
        if (logger is not null && logger.IsEnabled(LogLevel.Debug))
        {
            LogMessages.Sending(logger, Service.ServiceId, operation.Name, request.ToString() ?? string.Empty, null);
        }

        using CancellationTokenSource? overall = Options.Timeout is { } timeout ? CreateTimeoutSource(timeout, cancellationToken) : null;
        CancellationToken callToken = overall?.Token ?? cancellationToken;
        string invocationId = InvocationId.Create();
        RetryState retry = BeginRetries();
        for (int attempt = 1; ; attempt++)
        {
            long started = Stopwatch.GetTimestamp();
            Exception? failure;
            AwsServiceException? serviceError = null;
            bool isTimeout = false;
            using CancellationTokenSource? attemptSource = Options.AttemptTimeout is { } attemptTimeout ? CreateTimeoutSource(attemptTimeout, callToken) : null;
            CancellationToken attemptToken = attemptSource?.Token ?? callToken;
            try
            {
                using HttpRequestMessage message = builder.Build(target, body);
                AddStandardHeaders(message, invocationId, attempt);
                await SignAsync(message, operation.Auth, body, attemptToken).ConfigureAwait(false);
                using HttpResponseMessage response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptToken).ConfigureAwait(false);
                byte[]? rented = null;
                try
                {
                    (rented, int length) = await ReadBodyAsync(response, attemptToken).ConfigureAwait(false);
                    var view = new AwsResponse(response, rented is null ? ReadOnlyMemory<byte>.Empty : rented.AsMemory(0, length));
                    ObserveClock(response);
                    if (response.IsSuccessStatusCode)
                    {
                        TResponse result;
                        try
                        {
                            result = operation.Unmarshal(view);
                        }
                        catch (Exception unreadable) when (unreadable is System.Text.Json.JsonException or System.Xml.XmlException or FormatException or OverflowException or InvalidOperationException)
                        {
                            // A body cut short or not JSON is the service's answer, not a JSON bug of the caller's.
                            throw new AwsUnmarshallingException(operation.Name, response.StatusCode, view.RequestId, unreadable);
                        }

                        RecordSuccess(retry, attempt);
                        if (logger is not null && logger.IsEnabled(LogLevel.Debug))
                        {
                            LogMessages.Received(logger, operation.Name, (int)response.StatusCode, view.RequestId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
                        }

                        return result;
                    }

                    AwsErrorInfo error = ReadError(view);
                    serviceError = CreateException(error, view);
                    failure = serviceError;
                }
                finally
                {
                    if (rented is not null)
                    {
                        ArrayPool<byte>.Shared.Return(rented);
                    }
                }
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && (overall?.IsCancellationRequested == true || attemptSource?.IsCancellationRequested == true))
            {
                if (overall?.IsCancellationRequested == true)
                {
                    throw new AwsTimeoutException(operation.Name, attempt, Options.Timeout!.Value, exception);
                }

                failure = exception;
                isTimeout = true;
            }
            catch (HttpRequestException exception)
            {
                failure = exception;
            }
            catch (IOException exception)
            {
                failure = exception;
            }

            if (logger is not null && logger.IsEnabled(LogLevel.Debug))
            {
                LogMessages.Failed(logger, operation.Name, attempt, serviceError?.ErrorCode ?? failure.GetType().Name, (int?)serviceError?.StatusCode, null);
            }

            TimeSpan? delay = ShouldRetry(retry, attempt, serviceError, failure, isTimeout);
            if (delay is null)
            {
                if (serviceError is not null)
                {
                    throw serviceError;
                }

                if (isTimeout)
                {
                    throw new AwsTimeoutException(operation.Name, attempt, Options.AttemptTimeout!.Value, failure);
                }

                throw new AwsTransportException(operation.Name, attempt, failure);
            }

            if (delay.Value > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay.Value, Options.TimeProvider, callToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && overall?.IsCancellationRequested == true)
                {
                    throw new AwsTimeoutException(operation.Name, attempt, Options.Timeout!.Value, exception);
                }
            }
        }
    }

    private static async ValueTask<(byte[]? Buffer, int Length)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        long? declared = response.Content.Headers.ContentLength;
        if (declared == 0)
        {
            return (null, 0);
        }

        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 and < 16 * 1024 * 1024 ? (int)declared.Value : 4096);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (length == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, 0);
        }

        return (buffer, length);
    }

    private void AddStandardHeaders(HttpRequestMessage message, string invocationId, int attempt)
    {
        message.Headers.TryAddWithoutValidation("amz-sdk-invocation-id", invocationId);
        message.Headers.TryAddWithoutValidation("amz-sdk-request", FormatAttemptHeader(attempt));
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
    }

    private CancellationTokenSource CreateTimeoutSource(TimeSpan timeout, CancellationToken linked)
    {
        CancellationTokenSource source = CancellationTokenSource.CreateLinkedTokenSource(linked);
        source.CancelAfter(timeout);
        return source;
    }

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

    /// <summary>The region from the options or the environment; throws a clear error when there is none.</summary>
    protected string RequireRegion() =>
        RegionResolver.Resolve(Options.Region, profile: Options.Profile)
        ?? throw new InvalidOperationException(
            "No AWS region is configured: set AwsClientOptions.Region, AWS_REGION or AWS_DEFAULT_REGION, or a region in the shared config file (or set ServiceUrl).");
}

namespace SsoOidcCodegen.Runtime.Pipeline;

using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Http;
using SsoOidcCodegen.Runtime.Protocols;
using SsoOidcCodegen.Runtime.Retry;

/// <summary>
/// Runs one operation call: validate, marshal, then per attempt build, sign, send, read the body
/// (bounded), and read the answer or the error; retry what the AWS standard retry mode retries.
/// Holds only what every call shares (options, HTTP client, retry quota, learnt clock skew,
/// signers); what belongs to one call lives in its <see cref="CallContext"/>.
/// </summary>
/// <remarks>
/// One path serves both kinds of call: the service's answer, response or error, ends the call as an
/// <see cref="AwsResult{T}"/> (the error never thrown on the way), and the throwing variant throws the error
/// once at the end. Only these leave a call: the service's exceptions (<see cref="AwsServiceException"/> and its
/// subclasses, including <see cref="AwsUnmarshallingException"/> and <see cref="AwsResponseTooLargeException"/>),
/// <see cref="AwsTransportException"/>, <see cref="AwsTimeoutException"/>, <see cref="OperationCanceledException"/>
/// for the caller's cancellation, and the errors of the request itself (<see cref="AwsValidationException"/>,
/// <see cref="AwsCredentialsException"/>) raised before anything is sent.
/// </remarks>
internal sealed class ClientPipeline
{
    private readonly AwsClientOptions options;
    private readonly HttpClient httpClient;
    private readonly AwsServiceInfo service;
    private readonly string userAgent;
    private readonly ClockSkew clockSkew;
    private readonly Func<Uri> endpoint;
    private readonly Func<AwsResponse, AwsErrorInfo> readError;
    private readonly Func<AwsErrorInfo, AwsResponse, AwsServiceException> createException;
    private readonly IRequestSigner bearer;
    private readonly SigV4RequestSigner sigV4;
    private readonly bool inLambda;
    private readonly AwsClient owner;
    private readonly Checksums.RequestChecksumCalculation requestChecksums;
    private readonly Checksums.ResponseChecksumValidation responseChecksums;

    /// <summary>Creates the pipeline of one client.</summary>
    public ClientPipeline(
        AwsClientOptions options,
        HttpClient httpClient,
        AwsServiceInfo service,
        string userAgent,
        ClockSkew clockSkew,
        Func<Uri> endpoint,
        Func<string> signingRegion,
        Func<AwsResponse, AwsErrorInfo> readError,
        Func<AwsErrorInfo, AwsResponse, AwsServiceException> createException,
        AwsClient owner)
    {
        this.owner = owner;
        this.options = options;
        this.httpClient = httpClient;
        this.service = service;
        this.userAgent = userAgent;
        this.clockSkew = clockSkew;
        this.endpoint = endpoint;
        this.readError = readError;
        this.createException = createException;
        inLambda = RecursionDetection.InLambda(options.EnvironmentVariables);
        (requestChecksums, responseChecksums) = Checksums.ChecksumSettings.Resolve(options.RequestChecksumCalculation, options.ResponseChecksumValidation, options.Profile, options.EnvironmentVariables);
        RetryStrategy = new StandardRetryStrategy(options.Retry, new RetryQuota(options.Retry), options.RetryRandom);
        bearer = new BearerTokenSigner(options.BearerToken);
        sigV4 = new SigV4RequestSigner(
            () => options.Credentials ?? new DefaultCredentialsChain(options.Profile),
            signingRegion,
            options.AuthenticationRegion,
            service.SigningName,
            options.TimeProvider);
    }

    /// <summary>The retry strategy, with the quota every call of the client shares.</summary>
    public StandardRetryStrategy RetryStrategy { get; }

    /// <summary>Sends one operation call; a service error is thrown (the throwing <c>XxxAsync</c> of a generated client).</summary>
    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(TRequest request, AwsOperation<TRequest, TResponse> operation, CancellationToken cancellationToken)
        where TRequest : class
    {
        AwsResult<TResponse> result = await SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        return result.GetValueOrThrow();
    }

    /// <summary>Sends one operation call; a service error comes back as a value (the <c>TryXxxAsync</c> of a generated client).</summary>
    public Task<AwsResult<TResponse>> TryInvokeAsync<TRequest, TResponse>(TRequest request, AwsOperation<TRequest, TResponse> operation, CancellationToken cancellationToken)
        where TRequest : class =>
        SendAsync(request, operation, cancellationToken).AsTask();

    /// <summary>
    /// The call itself. The service's answer, response or error, is the result: an error response becomes
    /// its typed exception object without being thrown (and retried first when it is retryable). Only what
    /// is not an answer throws: transport failures, timeouts, cancellation, an unreadable success body.
    /// </summary>
    [ThreadStatic]
    private static AwsValidationContext? spareValidation;

    private AwsRequestBuilder? spareBuilder;

    private async ValueTask<AwsResult<TResponse>> SendAsync<TRequest, TResponse>(TRequest request, AwsOperation<TRequest, TResponse> operation, CancellationToken cancellationToken)
        where TRequest : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.ValidateRequests && operation.Validate is { } validate)
        {
            // A context that found nothing is kept for the thread's next call: validation is synchronous, and a context
            // with problems goes with its exception.
            AwsValidationContext validation = spareValidation?.Reuse(operation.Name) ?? new AwsValidationContext(operation.Name);
            spareValidation = null;
            validate(request, validation);
            validation.ThrowIfInvalid();
            spareValidation = validation;
        }

        // The builder of the client's last finished call, if no other call holds it: with its lists, JSON writer and
        // buffer, it is most of what marshalling would otherwise allocate anew.
        AwsRequestBuilder builder = Interlocked.Exchange(ref spareBuilder, null) ?? new AwsRequestBuilder();
        builder.OperationName = operation.Name;
        builder.IdempotencyTokenProvider = options.IdempotencyTokenProvider;
        builder.DisableRequestCompression = options.DisableRequestCompression;
        builder.MinCompressionSizeBytes = options.RequestMinCompressionSizeBytes;
        builder.RequestChecksumCalculation = requestChecksums;
        builder.ResponseChecksumValidation = responseChecksums;
        try
        {
            return await SendAsync(request, operation, builder, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Nothing of the call reads the builder once it is over (the messages, their contents and the response
            // views are the attempts' own): it is cleared and kept for the next call.
            builder.Reset();
            Volatile.Write(ref spareBuilder, builder);
        }
    }

    private async ValueTask<AwsResult<TResponse>> SendAsync<TRequest, TResponse>(TRequest request, AwsOperation<TRequest, TResponse> operation, AwsRequestBuilder builder, CancellationToken cancellationToken)
        where TRequest : class
    {
        operation.Marshal(request, builder);
        byte[]? body = builder.BodyStream is null && (builder.ContentType is not null || !builder.Body.IsEmpty) ? builder.DetachBody() : null;
        ILogger? logger = options.Logger;
        if (logger is not null && logger.IsEnabled(LogLevel.Debug))
        {
            LogMessages.Sending(logger, service.ServiceId, operation.Name, request.ToString() ?? string.Empty, null);
        }

        using var timeouts = new CallTimeouts(options.Timeout, options.AttemptTimeout, httpClient.Timeout, cancellationToken);
        AwsCredentials? identity = null;
        if (operation.ResolveEndpoint is not null
            && operation.Auth == AwsAuthScheme.SigV4
            && owner.FetchesCredentialsForEndpoint
            && owner.AccountIdEndpointMode() != "disabled")
        {
            // The rules choose the endpoint by the account (AWS::Auth::AccountId): the credentials come first. The
            // signer asks the same provider again, which answers from its cache.
            identity = await sigV4.GetCredentialsAsync(timeouts.CallToken).ConfigureAwait(false);
        }

        var context = CallEndpoint.CreateContext(request, operation, owner, builder, endpoint, identity, cancellationToken);
        long? streamStart = null;
        if (RequestStreaming.HasStream(builder))
        {
            streamStart = await RequestStreaming.PrepareAsync(builder, operation.Name, context, operation.UnsignedPayload, timeouts.CallToken).ConfigureAwait(false);
        }
        else
        {
            RequestStreaming.PrepareWithoutStream(context, operation.UnsignedPayload);
        }
        for (int attempt = 1; ; attempt++)
        {
            if (streamStart is { } start)
            {
                builder.BodyStream!.Position = start;
            }

            context.Attempt = attempt;
            context.SigningOffset = context.OwnOffset ?? clockSkew.Offset;
            long started = Stopwatch.GetTimestamp();
            Exception failure;
            AwsServiceException? serviceError = null;
            bool isTimeout = false;
            CancellationToken attemptToken = timeouts.StartAttempt();
            Protocols.EventStream.EventStreamRequestContent? eventStream = null;
            try
            {
                using HttpRequestMessage message = builder.Build(context.Endpoint, body);
                AddStandardHeaders(message, context);
                await SignerFor(operation.Auth).SignAsync(message, body, context, attemptToken).ConfigureAwait(false);
                if (message.Content is Protocols.EventStream.EventStreamRequestContent events)
                {
                    events.CallerToken = context.CallerToken;
                    eventStream = events;
                }

                using HttpResponseMessage response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptToken).ConfigureAwait(false);
                if (operation.StreamsResponse && response.IsSuccessStatusCode)
                {
                    // The body goes to the caller unread; from here on the call is over and never retried.
                    TResponse streamed = await UnmarshalStreamingAsync(operation, response, builder.ResponseChecksumAlgorithms, attemptToken).ConfigureAwait(false);
                    RetryStrategy.RecordSuccess(attempt, context.LastRetryCost);
                    ObserveClock(response, context);
                    return AwsResult<TResponse>.Success(streamed);
                }

                using ResponseBody content = await ResponseBody.ReadAsync(response, options.MaxResponseBodySize, operation.Name, attemptToken).ConfigureAwait(false);
                ResponseChecksum.Verify(message, response, content.Memory.Span, operation.Name);
                Checksums.ResponseChecksumVerifier.Verify(builder.ResponseChecksumAlgorithms, response, content.Memory.Span, operation.Name);
                var view = new AwsResponse(response, content.Memory);
                ObserveClock(response, context);
                if (!response.IsSuccessStatusCode || (operation.IsErrorAnswer is { } isErrorAnswer && isErrorAnswer(view)))
                {
                    serviceError = ReadError(operation.Name, view);
                    failure = serviceError;
                }
                else
                {
                    TResponse result = Unmarshal(operation, view);
                    RetryStrategy.RecordSuccess(attempt, context.LastRetryCost);
                    if (logger is not null && logger.IsEnabled(LogLevel.Debug))
                    {
                        LogMessages.Received(logger, operation.Name, (int)response.StatusCode, view.RequestId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
                    }

                    return AwsResult<TResponse>.Success(result);
                }
            }
            catch (OperationCanceledException exception) when (!timeouts.CancelledByCaller)
            {
                if (timeouts.CallElapsed)
                {
                    throw new AwsTimeoutException(operation.Name, attempt, timeouts.CallLimit, exception);
                }

                // The attempt timeout, or the HTTP client's own Timeout: retryable like any timeout.
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

            // The caller's events failed (their sequence threw, or an event broke the model's rules): that is the
            // call's error, not the transport failure it caused.
            if (eventStream?.CallerFailure is { } callerFailure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(callerFailure);
            }

            // A request stream that cannot seek, or an input event stream, was read by this attempt: there is nothing to send again.
            TimeSpan? delay = builder.BodyStream is { CanSeek: false } || builder.EventStreamBody is not null ? null : ShouldRetry(context, serviceError, failure, isTimeout);
            if (delay is null)
            {
                if (serviceError is not null)
                {
                    // The answer, as a value: never thrown here (the throwing variant throws it once, at its caller).
                    return AwsResult<TResponse>.Failure(serviceError);
                }

                if (isTimeout)
                {
                    throw new AwsTimeoutException(operation.Name, attempt, timeouts.AttemptLimit, failure);
                }

                throw new AwsTransportException(operation.Name, attempt, failure);
            }

            if (delay.Value > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay.Value, options.TimeProvider, timeouts.CallToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException exception) when (timeouts.CallElapsed)
                {
                    throw new AwsTimeoutException(operation.Name, attempt, timeouts.CallLimit, exception);
                }
            }
        }
    }

    /// <summary>Reads a success response; whatever its body holds, a failure is <see cref="AwsUnmarshallingException"/>.</summary>
    private static TResponse Unmarshal<TRequest, TResponse>(AwsOperation<TRequest, TResponse> operation, AwsResponse view)
        where TRequest : class
    {
        try
        {
            return operation.Unmarshal(view);
        }
        catch (Exception unreadable) when (unreadable is not OperationCanceledException)
        {
            // Truncated, not JSON, invalid UTF-8, wrong types, out-of-range numbers: the service's answer, not the caller's bug.
            throw new AwsUnmarshallingException(operation.Name, view.StatusCode, view.RequestId, unreadable);
        }
    }

    /// <summary>
    /// Reads the headers of a streaming success response and hands its body, unread, to the output as an
    /// <see cref="AwsResponseStream"/>. The stream takes the response's content (and so its connection) away
    /// from the message, which the attempt disposes as always: only the caller's dispose of the stream ends it.
    /// </summary>
    private static async ValueTask<TResponse> UnmarshalStreamingAsync<TRequest, TResponse>(AwsOperation<TRequest, TResponse> operation, HttpResponseMessage response, string? checksumAlgorithms, CancellationToken cancellationToken)
        where TRequest : class
    {
        HttpContent content = response.Content;
        Stream socket = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var body = new AwsResponseStream(content, socket, operation.Name, Checksums.ResponseChecksumVerifier.Select(checksumAlgorithms, response));
        try
        {
            TResponse result = Unmarshal(operation, new AwsResponse(response, ReadOnlyMemory<byte>.Empty, body));
            response.Content = new ByteArrayContent(Array.Empty<byte>());
            return result;
        }
        catch
        {
            await body.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The exception for an error response; a body that cannot be read still gives a service exception.</summary>
    private AwsServiceException ReadError(string operationName, AwsResponse view)
    {
        try
        {
            return createException(readError(view), view);
        }
        catch (Exception unreadable) when (unreadable is not OperationCanceledException)
        {
            return new AwsUnmarshallingException(operationName, view.StatusCode, view.RequestId, unreadable);
        }
    }

    private IRequestSigner SignerFor(AwsAuthScheme scheme) => scheme switch
    {
        AwsAuthScheme.None => NoAuthSigner.Instance,
        AwsAuthScheme.Bearer => bearer,
        _ => sigV4,
    };

    private void AddStandardHeaders(HttpRequestMessage message, CallContext context)
    {
        // Values the client made itself (a hex id, digits, the model's and the options' names checked by UserAgentBuilder).
        message.Headers.TryAddWithoutValidation("amz-sdk-invocation-id", context.InvocationId);
        message.Headers.TryAddWithoutValidation("amz-sdk-request", StandardRetryStrategy.FormatRequestHeader(context.Attempt, options.Retry.MaxAttempts));
        message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (inLambda && !message.Headers.NonValidated.Contains(RecursionDetection.TraceIdHeader) && RecursionDetection.TraceId(options.EnvironmentVariables) is { } traceId)
        {
            message.Headers.TryAddWithoutValidation(RecursionDetection.TraceIdHeader, traceId);
        }
    }

    /// <summary>Records the skew this response shows, for this call and, as the learnt default, for the calls after it.</summary>
    private void ObserveClock(HttpResponseMessage response, CallContext context)
    {
        if (ClockSkew.ServerDate(response) is not { } serverTime)
        {
            context.ObservedOffset = null;
            return;
        }

        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        context.ObservedOffset = ClockSkew.OffsetFor(serverTime, now);
        clockSkew.Update(serverTime, now);
    }

    private TimeSpan? ShouldRetry(CallContext context, AwsServiceException? serviceError, Exception failure, bool isTimeout)
    {
        // The last attempt allowed: neither a re-sign nor a retry is left, so nothing needs classifying.
        if (context.Attempt >= RetryStrategy.Options.MaxAttempts)
        {
            return null;
        }

        // A clock-skew error whose own Date shows another offset than the one this attempt signed with:
        // re-sign at once with that offset. The same offset means the skew is not the problem (a wrong secret).
        if (serviceError is not null
            && ClockSkew.IsClockSkewError(serviceError.ErrorCode)
            && context.ObservedOffset is { } observed
            && observed != context.SigningOffset
            && context.Attempt < options.Retry.MaxAttempts)
        {
            context.OwnOffset = observed;
            return TimeSpan.Zero;
        }

        RetryKind kind = serviceError is not null
            ? RetryClassifier.Classify((int)serviceError.StatusCode, serviceError.ErrorCode, null, serviceError.IsModeledRetryable, serviceError.IsModeledThrottling)
            : RetryClassifier.Classify(null, null, isTimeout ? new TimeoutException("The attempt timed out.", failure) : failure);
        if (RetryStrategy.ShouldRetry(context.Attempt, kind, out TimeSpan delay, out int cost))
        {
            context.LastRetryCost = cost;
            return delay;
        }

        return null;
    }
}

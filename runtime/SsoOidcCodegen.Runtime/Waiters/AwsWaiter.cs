namespace SsoOidcCodegen.Runtime.Waiters;

using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Runs a generated waiter: calls the operation, asks the generated acceptors what the answer means,
/// and sleeps between attempts with the jittered exponential backoff of the Smithy waiter
/// specification (the delay doubles from the minimum up to the maximum, each one drawn at random
/// between the minimum and that bound).
/// </summary>
public static class AwsWaiter
{
    /// <summary>The SDKs' longest delay between attempts when the caller sets none.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(120);

    /// <summary>The operation as the waiter calls it: the same marshalling, with the status code kept beside the response.</summary>
    public static AwsOperation<TRequest, WaiterResponse<TResponse>> Observe<TRequest, TResponse>(AwsOperation<TRequest, TResponse> operation)
        where TRequest : class
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new AwsOperation<TRequest, WaiterResponse<TResponse>>(
            operation.Name,
            operation.Auth,
            operation.Marshal,
            response => new WaiterResponse<TResponse>(operation.Unmarshal(response), (int)response.StatusCode),
            operation.Validate,
            operation.IsErrorAnswer);
    }

    /// <summary>Calls until an acceptor reaches success or failure, or the attempts run out.</summary>
    /// <param name="waiterName">The waiter's name in the model, for messages.</param>
    /// <param name="attempt">One call of the operation.</param>
    /// <param name="match">The acceptors, in model order: the first that matches decides; null when none matches.</param>
    /// <param name="modelDelay">The model's <c>delay</c>.</param>
    /// <param name="modelMaxAttempts">The model's <c>maxAttempts</c>.</param>
    /// <param name="options">The caller's overrides.</param>
    /// <param name="cancellationToken">Cancels the wait (and the call in flight).</param>
    /// <returns>How the wait ended in success.</returns>
    /// <exception cref="WaiterFailedException">An acceptor reached failure, or an error no acceptor expects came back.</exception>
    /// <exception cref="WaiterTimeoutException">The attempts or the wait time ran out.</exception>
    public static Task<WaiterResult<TResponse>> WaitAsync<TResponse>(
        string waiterName,
        Func<CancellationToken, Task<WaiterResponse<TResponse>>> attempt,
        Func<WaiterResponse<TResponse>?, AwsServiceException?, WaiterMatch?> match,
        TimeSpan modelDelay,
        int modelMaxAttempts,
        WaiterOptions? options,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return WaitForResultAsync(waiterName, token => AsResultAsync(attempt, token), match, modelDelay, modelMaxAttempts, options, cancellationToken);
    }

    /// <summary>
    /// Calls until an acceptor reaches success or failure, or the attempts run out; each attempt returns the
    /// service's error as a value (a generated client's <c>TryXxxAsync</c> path), so an expected error costs no throw.
    /// </summary>
    /// <param name="waiterName">The waiter's name in the model, for messages.</param>
    /// <param name="attempt">One call of the operation, the service's error as a value.</param>
    /// <param name="match">The acceptors, in model order: the first that matches decides; null when none matches.</param>
    /// <param name="modelDelay">The model's <c>delay</c>.</param>
    /// <param name="modelMaxAttempts">The model's <c>maxAttempts</c>.</param>
    /// <param name="options">The caller's overrides.</param>
    /// <param name="cancellationToken">Cancels the wait (and the call in flight).</param>
    /// <returns>How the wait ended in success.</returns>
    /// <exception cref="WaiterFailedException">An acceptor reached failure, or an error no acceptor expects came back.</exception>
    /// <exception cref="WaiterTimeoutException">The attempts or the wait time ran out.</exception>
    public static async Task<WaiterResult<TResponse>> WaitForResultAsync<TResponse>(
        string waiterName,
        Func<CancellationToken, Task<AwsResult<WaiterResponse<TResponse>>>> attempt,
        Func<WaiterResponse<TResponse>?, AwsServiceException?, WaiterMatch?> match,
        TimeSpan modelDelay,
        int modelMaxAttempts,
        WaiterOptions? options,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(match);
        TimeProvider clock = options?.TimeProvider ?? TimeProvider.System;
        Random random = options?.Random ?? Random.Shared;
        TimeSpan minDelay = options?.MinDelay ?? modelDelay;
        TimeSpan maxDelay = options?.MaxDelay ?? (minDelay > DefaultMaxDelay ? minDelay : DefaultMaxDelay);
        int maxAttempts = options?.MaxAttempts ?? modelMaxAttempts;
        if (minDelay < TimeSpan.Zero || maxDelay < minDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MinDelay must be zero or more and MaxDelay at least MinDelay.");
        }

        if (maxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxAttempts must be at least 1.");
        }

        long started = clock.GetTimestamp();
        for (int attempts = 1; ; attempts++)
        {
            WaiterResponse<TResponse>? response = null;
            AwsServiceException? error;
            try
            {
                AwsResult<WaiterResponse<TResponse>> result = await attempt(cancellationToken).ConfigureAwait(false);
                error = result.Error;
                response = result.IsSuccess ? result.Value : null;
            }
            catch (AwsServiceException unreadable)
            {
                // Not an answer but a failure to read one (AwsUnmarshallingException, AwsResponseTooLargeException): the acceptors see it as an error, as before.
                error = unreadable;
            }

            TimeSpan elapsed = clock.GetElapsedTime(started);
            WaiterMatch? matched = match(response, error);
            if (matched is { State: WaiterState.Success })
            {
                return new WaiterResult<TResponse>(response?.Response, error, attempts, elapsed);
            }

            if (matched is { State: WaiterState.Failure } failure)
            {
                throw new WaiterFailedException(waiterName, attempts, "the acceptor '" + failure.Acceptor + "' reached failure", error);
            }

            if (matched is null && error is not null)
            {
                throw new WaiterFailedException(waiterName, attempts, "the service answered " + error.ErrorCode + ", which no acceptor expects", error);
            }

            if (attempts >= maxAttempts)
            {
                throw new WaiterTimeoutException(waiterName, attempts, elapsed);
            }

            TimeSpan? delay = NextDelay(attempts, minDelay, maxDelay, options?.MaxWaitTime is { } maxWait ? maxWait - elapsed : null, random);
            if (delay is null)
            {
                throw new WaiterTimeoutException(waiterName, attempts, elapsed);
            }

            if (delay.Value > TimeSpan.Zero)
            {
                await Task.Delay(delay.Value, clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<AwsResult<WaiterResponse<TResponse>>> AsResultAsync<TResponse>(Func<CancellationToken, Task<WaiterResponse<TResponse>>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return AwsResult<WaiterResponse<TResponse>>.Success(await attempt(cancellationToken).ConfigureAwait(false));
        }
        catch (AwsServiceException exception)
        {
            return AwsResult<WaiterResponse<TResponse>>.Failure(exception);
        }
    }

    /// <summary>
    /// The delay after attempt <paramref name="attempt"/> (1-based): <c>min × 2^(attempt−1)</c> up to the
    /// attempt ceiling <c>log2(max / min) + 1</c>, then <c>max</c>; drawn uniformly between <c>min</c>
    /// and that bound; shortened so that the last attempt still fits in the remaining time, or null when
    /// no more than <c>min</c> remains.
    /// </summary>
    public static TimeSpan? NextDelay(int attempt, TimeSpan minDelay, TimeSpan maxDelay, TimeSpan? remaining, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double min = minDelay.TotalSeconds;
        double max = maxDelay.TotalSeconds;
        double bound;
        if (min <= 0)
        {
            bound = 0;
        }
        else
        {
            int ceiling = (int)((Math.Log(max / min) / Math.Log(2)) + 1);
            bound = attempt > ceiling ? max : Math.Min(max, min * Math.Pow(2, attempt - 1));
        }

        double delay = min + (random.NextDouble() * (bound - min));
        if (remaining is { } left)
        {
            double seconds = left.TotalSeconds;
            // No more than the minimum left: another attempt could only come without a delay, again and again.
            if (seconds <= 0 || seconds <= min)
            {
                return null;
            }

            if (seconds - delay <= min)
            {
                delay = Math.Max(0, seconds - min);
            }
        }

        Debug.Assert(delay >= 0, "a delay is never negative");
        return TimeSpan.FromSeconds(delay);
    }
}

namespace SsoOidcCodegen.Runtime;

using System;
using SsoOidcCodegen.Runtime.Retry;

/// <content>Retry decisions: AWS standard mode, with one retry quota per client.</content>
public abstract partial class AwsClient
{
    private StandardRetryStrategy retryStrategy = null!;

    /// <summary>The retry strategy (and its quota) this client uses.</summary>
    protected StandardRetryStrategy RetryStrategy => retryStrategy;

    private void InitializeRetries() =>
        retryStrategy = new StandardRetryStrategy(Options.Retry, new RetryQuota(Options.Retry), Options.RetryRandom);

    private RetryState BeginRetries() => new();

    private void RecordSuccess(RetryState state, int attempts) => retryStrategy.RecordSuccess(attempts, state.LastCost);

    private TimeSpan? ShouldRetry(RetryState state, int attempt, AwsServiceException? serviceError, Exception failure, bool isTimeout)
    {
        if (IsCorrectedClockSkew(serviceError) && attempt < Options.Retry.MaxAttempts)
        {
            return TimeSpan.Zero;
        }

        RetryKind kind = serviceError is not null
            ? RetryClassifier.Classify((int)serviceError.StatusCode, serviceError.ErrorCode, null, serviceError.IsModeledRetryable, serviceError.IsModeledThrottling)
            : RetryClassifier.Classify(null, null, isTimeout ? new TimeoutException("The attempt timed out.", failure) : failure);
        if (retryStrategy.ShouldRetry(attempt, kind, out TimeSpan delay, out int cost))
        {
            state.LastCost = cost;
            return delay;
        }

        return null;
    }

    private string FormatAttemptHeader(int attempt) => StandardRetryStrategy.FormatRequestHeader(attempt, Options.Retry.MaxAttempts);

    /// <summary>Per-call retry bookkeeping.</summary>
    private sealed class RetryState
    {
        public int LastCost { get; set; }
    }
}

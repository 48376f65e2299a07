namespace SsoOidcCodegen.Runtime;

using System;

/// <content>Retry decisions (AWS standard mode).</content>
public abstract partial class AwsClient
{
    /// <summary>Per-call retry bookkeeping.</summary>
    private sealed class RetryState
    {
        public int LastCost { get; set; }
    }

    private RetryState BeginRetries() => new();

    private void RecordSuccess(RetryState state, int attempts)
    {
        _ = state;
        _ = attempts;
    }

    private TimeSpan? ShouldRetry(RetryState state, int attempt, AwsServiceException? serviceError, Exception failure, bool isTimeout)
    {
        _ = state;
        _ = failure;
        if (attempt >= Options.MaxAttempts)
        {
            return null;
        }

        bool retryable = isTimeout || serviceError is null || (int)serviceError.StatusCode >= 500 || (int)serviceError.StatusCode == 429;
        return retryable ? TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(Math.Pow(2, attempt - 1), 20) * 1000) : null;
    }

    private string FormatAttemptHeader(int attempt) => "attempt=" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; max=" + Options.MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

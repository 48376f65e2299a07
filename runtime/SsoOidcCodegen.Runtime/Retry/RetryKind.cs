namespace SsoOidcCodegen.Runtime.Retry;

/// <summary>What kind of failure an attempt met, as far as retrying is concerned.</summary>
public enum RetryKind
{
    /// <summary>Not retryable: the call fails with this error.</summary>
    None = 0,

    /// <summary>A transient service error (5xx, a transient error code, or an error the model marks retryable).</summary>
    Transient = 1,

    /// <summary>The service throttled the call (429, a throttling error code, or a modelled throttling error).</summary>
    Throttling = 2,

    /// <summary>
    /// No answer arrived: the attempt timed out or the connection failed. Takes
    /// <see cref="RetryOptions.TimeoutRetryCost"/> from the quota instead of <see cref="RetryOptions.RetryCost"/>.
    /// </summary>
    Timeout = 3,
}

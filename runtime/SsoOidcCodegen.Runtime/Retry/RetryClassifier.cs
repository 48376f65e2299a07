namespace SsoOidcCodegen.Runtime.Retry;

using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;

/// <summary>
/// Decides whether a failed attempt is worth retrying under the AWS "standard" retry mode, and as
/// what kind of failure.
/// </summary>
public static class RetryClassifier
{
    // The error codes and statuses standard mode retries, kept here and nowhere else. Sources: AWS SDKs
    // and Tools Reference Guide, "Retry behavior" (standard mode), and the Smithy standard retry
    // strategy the AWS SDKs share; the transient codes match the AWS SDK for Java v2 AwsErrorCode list. HashSet, not
    // FrozenSet: a failure is rare, and FrozenSet would load System.Collections.Immutable at a cold start's first error.
    private static readonly HashSet<string> ThrottlingErrorCodes = new(
    [
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "EC2ThrottledException",
    ], StringComparer.Ordinal);

    private static readonly HashSet<string> TransientErrorCodes = new(
    [
        "RequestTimeout",
        "RequestTimeoutException",
        "PriorRequestNotComplete",
        "InternalError",
    ], StringComparer.Ordinal);

    private const int TooManyRequestsStatus = 429;

    private static readonly HashSet<int> TransientStatusCodes = [500, 502, 503, 504];

    /// <summary>Classifies one failed attempt.</summary>
    /// <param name="statusCode">The HTTP status of the response; null when no response arrived.</param>
    /// <param name="errorCode">
    /// The service's error code, bare (<c>ThrottlingException</c>) or as the wire sends it
    /// (<c>aws.example#ThrottlingException</c>, <c>ThrottlingException:http://...</c>); null when there is none.
    /// </param>
    /// <param name="transportException">
    /// What the transport threw instead of answering: <see cref="HttpRequestException"/>,
    /// <see cref="IOException"/> or <see cref="SocketException"/> for a connection failure,
    /// <see cref="TimeoutException"/> (or a cancellation caused by one, as <see cref="HttpClient"/>
    /// throws on its own timeout) for a per-attempt timeout. Any other exception, a caller's
    /// cancellation included, is not retried.
    /// </param>
    /// <param name="modeledRetryable">True when the service model marks the error retryable.</param>
    /// <param name="modeledThrottling">True when the service model marks the error as throttling.</param>
    /// <returns>The kind of failure; <see cref="RetryKind.None"/> when the attempt must not be retried.</returns>
    public static RetryKind Classify(
        int? statusCode,
        string? errorCode,
        Exception? transportException,
        bool modeledRetryable = false,
        bool modeledThrottling = false)
    {
        if (transportException is not null)
        {
            return IsTimeoutOrConnectionFailure(transportException) ? RetryKind.Timeout : RetryKind.None;
        }

        string? code = errorCode is null ? null : BareErrorCode(errorCode);

        // Throttling is tested first: S3 answers SlowDown with 503, which must count as throttling.
        if (modeledThrottling
            || (code is not null && ThrottlingErrorCodes.Contains(code))
            || statusCode == TooManyRequestsStatus)
        {
            return RetryKind.Throttling;
        }

        if (modeledRetryable
            || (code is not null && TransientErrorCodes.Contains(code))
            || (statusCode is int status && TransientStatusCodes.Contains(status)))
        {
            return RetryKind.Transient;
        }

        return RetryKind.None;
    }

    private static bool IsTimeoutOrConnectionFailure(Exception exception) => exception switch
    {
        TimeoutException => true,
        HttpRequestException or IOException or SocketException => true,

        // HttpClient.Timeout surfaces as a cancellation whose inner exception is a TimeoutException.
        OperationCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    // The awsJson/restJson error-type rule: drop anything after ':' and anything up to '#'.
    private static string BareErrorCode(string errorCode)
    {
        ReadOnlySpan<char> code = errorCode;
        int colon = code.IndexOf(':');
        if (colon >= 0)
        {
            code = code[..colon];
        }

        int hash = code.IndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        return code.Length == errorCode.Length ? errorCode : code.ToString();
    }
}

namespace SsoOidcCodegen.Runtime;

using System;
using System.Net;

/// <summary>A call did not finish within its configured timeout (not the caller's cancellation).</summary>
public sealed class AwsTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public AwsTimeoutException(string operation, int attempts, TimeSpan timeout, Exception? innerException = null)
        : base($"{operation} did not complete within {timeout.TotalSeconds:0.###} s ({attempts} attempt(s)).", innerException)
    {
        Operation = operation;
        Attempts = attempts;
    }

    /// <summary>The operation that timed out.</summary>
    public string Operation { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }
}

/// <summary>The service could not be reached (connection refused, dropped, reset) after every attempt.</summary>
public sealed class AwsTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsTransportException(string operation, int attempts, Exception innerException)
        : base($"{operation} failed after {attempts} attempt(s): {innerException.Message}", innerException)
    {
        Operation = operation;
        Attempts = attempts;
    }

    /// <summary>The operation that failed.</summary>
    public string Operation { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }
}

/// <summary>
/// The service answered with a success status, but the body could not be read as the operation's
/// response (cut short, not JSON, a member of the wrong type). It is not retried, like any other
/// error without a retryable status or code. The message never quotes the body, which may hold
/// tokens or secrets.
/// </summary>
public sealed class AwsUnmarshallingException : AwsServiceException
{
    /// <summary>Creates the exception.</summary>
    public AwsUnmarshallingException(string operation, HttpStatusCode statusCode, string? requestId, Exception innerException)
        : base(
            $"{operation}: the service answered HTTP {(int)statusCode}, but the body could not be read as the response ({innerException?.GetType().Name}).",
            null,
            statusCode,
            requestId,
            innerException)
    {
        Operation = operation;
    }

    /// <summary>The operation whose response could not be read.</summary>
    public string Operation { get; }
}

/// <summary>
/// The service's response body is larger than <see cref="AwsClientOptions.MaxResponseBodySize"/> (or
/// never ends); the rest of it was not read. Not retried.
/// </summary>
public sealed class AwsResponseTooLargeException : AwsServiceException
{
    /// <summary>Creates the exception.</summary>
    public AwsResponseTooLargeException(string operation, HttpStatusCode statusCode, string? requestId, long limit)
        : base(
            $"{operation}: the service answered HTTP {(int)statusCode} with a body larger than AwsClientOptions.MaxResponseBodySize ({limit} bytes); it was not read further. Raise the option if the service really sends that much.",
            null,
            statusCode,
            requestId)
    {
        Operation = operation;
        Limit = limit;
    }

    /// <summary>The operation whose response was too large.</summary>
    public string Operation { get; }

    /// <summary>The limit in bytes that was reached.</summary>
    public long Limit { get; }
}

/// <summary>
/// A response body did not match the checksum its headers carry (DynamoDB's <c>x-amz-crc32</c>): the bytes were
/// damaged on the way. The pipeline treats it as a transport failure: the call is retried, and when every attempt
/// fails this way the caller gets <see cref="AwsTransportException"/> with this exception inside. The message
/// gives the header and both checksums, never the body.
/// </summary>
public sealed class AwsChecksumMismatchException : System.IO.IOException
{
    /// <summary>Creates the exception.</summary>
    public AwsChecksumMismatchException(string operation, string header, string expected, string actual)
        : base($"{operation}: the response body's checksum {actual} does not match its '{header}' header ({expected}); the body was damaged on the way.")
    {
        Operation = operation;
        Header = header;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The operation whose response was damaged.</summary>
    public string Operation { get; }

    /// <summary>The header that carries the checksum, for example <c>x-amz-crc32</c>.</summary>
    public string Header { get; }

    /// <summary>The checksum the header gives (as sent, at most 32 characters of it).</summary>
    public string Expected { get; }

    /// <summary>The checksum of the bytes received.</summary>
    public string Actual { get; }
}

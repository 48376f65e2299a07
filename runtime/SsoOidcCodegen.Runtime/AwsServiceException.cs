namespace SsoOidcCodegen.Runtime;

using System;
using System.Net;

/// <summary>
/// An error answered by an AWS service: the base of every generated service and modelled exception.
/// </summary>
public class AwsServiceException : Exception
{
    /// <summary>Creates the exception from what the service answered.</summary>
    public AwsServiceException(string? message, string? errorCode, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
        : base(message ?? errorCode ?? $"The service answered HTTP {(int)statusCode}.", innerException)
    {
        ErrorCode = errorCode ?? string.Empty;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    // The message the error's body gave, read after the exception was made (the single pass over a JSON error body).
    private string? bodyMessage;

    /// <inheritdoc />
    public override string Message => bodyMessage ?? base.Message;

    /// <summary>The service's error code (for example <c>AuthorizationPendingException</c>); empty when the service sent none.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>True when the model marks this error retryable.</summary>
    public virtual bool IsModeledRetryable => false;

    /// <summary>True when the model marks this error as throttling.</summary>
    public virtual bool IsModeledThrottling => false;

    /// <summary>The request id the service assigned (<c>x-amzn-RequestId</c>), when it sent one.</summary>
    public string? RequestId { get; }

    /// <summary>Sets the message the error's body gave (see <see cref="Protocols.AwsErrorInfo"/>).</summary>
    internal void SetMessage(string message) => bodyMessage = message;
}

namespace SsoOidcCodegen.Runtime.Pipeline;

using System;
using System.Threading;

/// <summary>
/// Everything one operation call learns and carries from attempt to attempt: which attempt it is,
/// what its last retry cost, the clock skew its own responses showed, its tokens and its endpoint.
/// Created per call and never shared, so concurrent calls cannot decide each other's retries.
/// </summary>
internal sealed class CallContext
{
    /// <summary>Creates the context of one call.</summary>
    public CallContext(string operationName, string invocationId, Uri endpoint, CancellationToken callerToken)
    {
        OperationName = operationName;
        InvocationId = invocationId;
        Endpoint = endpoint;
        CallerToken = callerToken;
    }

    /// <summary>The operation's name in the model.</summary>
    public string OperationName { get; }

    /// <summary>The <c>amz-sdk-invocation-id</c> every attempt of the call sends.</summary>
    public string InvocationId { get; }

    /// <summary>The endpoint resolved for the call.</summary>
    public Uri Endpoint { get; }

    /// <summary>The endpoint's auth scheme the call signs with (signing name, region, path flags); null to sign as the model says.</summary>
    public Endpoints.EndpointAuthScheme? AuthScheme { get; init; }

    /// <summary>The caller's own token: when it is cancelled the call ends with <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CallerToken { get; }

    /// <summary>The attempt running now (1 for the first).</summary>
    public int Attempt { get; set; }

    /// <summary>The retry-quota cost of the last retry, returned to the quota when the call succeeds.</summary>
    public int LastRetryCost { get; set; }

    /// <summary>The clock-skew offset the current attempt signs with: <see cref="OwnOffset"/>, else the client's learnt offset.</summary>
    public TimeSpan SigningOffset { get; set; }

    /// <summary>The call's request: the headers each attempt's message holds before the pipeline adds its own (see <see cref="Http.AwsRequestBuilder.SentContentType"/>).</summary>
    public Http.AwsRequestBuilder? Request { get; set; }

    /// <summary>
    /// The payload hash to sign with when the body is not in <see cref="Http.AwsRequestBuilder.Body"/>: the SHA-256
    /// (lower-case hex) of a seekable stream, or <c>UNSIGNED-PAYLOAD</c>; null to hash the buffered body.
    /// </summary>
    public string? PayloadHash { get; set; }

    /// <summary>The offset this call corrected itself to after a clock-skew error; null until then.</summary>
    public TimeSpan? OwnOffset { get; set; }

    /// <summary>The offset the last response of this call showed (its <c>Date</c> header against the local clock); null without a readable <c>Date</c>.</summary>
    public TimeSpan? ObservedOffset { get; set; }
}

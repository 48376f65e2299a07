namespace SsoOidcCodegen.Runtime.Pipeline;

using System;
using System.Runtime.CompilerServices;
using System.Threading;

/// <summary>
/// The deadlines of one call: the whole call (<see cref="AwsClientOptions.Timeout"/>), each attempt
/// (<see cref="AwsClientOptions.AttemptTimeout"/>), and the <see cref="System.Net.Http.HttpClient.Timeout"/>
/// of the HTTP client, which cancels on its own. Tells a deadline from the caller's cancellation.
/// </summary>
/// <remarks>
/// A struct, so that a call without deadlines of its own (the default) allocates nothing for them; what changes
/// from attempt to attempt lives in an object made only with an attempt timeout, so copies of the struct agree.
/// </remarks>
internal readonly struct CallTimeouts : IDisposable
{
    private readonly TimeSpan? callTimeout;
    private readonly TimeSpan? attemptTimeout;
    private readonly TimeSpan httpClientTimeout;
    private readonly CancellationToken callerToken;
    private readonly CancellationTokenSource? callSource;
    private readonly StrongBox<CancellationTokenSource?>? attempt;

    /// <summary>Starts the call's deadline.</summary>
    public CallTimeouts(TimeSpan? callTimeout, TimeSpan? attemptTimeout, TimeSpan httpClientTimeout, CancellationToken callerToken)
    {
        this.callTimeout = callTimeout;
        this.attemptTimeout = attemptTimeout;
        this.httpClientTimeout = httpClientTimeout;
        this.callerToken = callerToken;
        callSource = callTimeout is { } timeout ? Linked(timeout, callerToken) : null;
        attempt = attemptTimeout is null ? null : new StrongBox<CancellationTokenSource?>();
    }

    /// <summary>Cancelled by the caller or when the whole call's time is up; retry delays wait on it.</summary>
    public CancellationToken CallToken => callSource?.Token ?? callerToken;

    /// <summary>True once the whole call's time is up.</summary>
    public bool CallElapsed => callSource?.IsCancellationRequested == true && !callerToken.IsCancellationRequested;

    /// <summary>The whole call's limit (meaningful when <see cref="CallElapsed"/>).</summary>
    public TimeSpan CallLimit => callTimeout ?? System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>
    /// The limit an attempt that was cancelled without the caller asking ran into: the attempt
    /// timeout when it fired, else the HTTP client's own timeout.
    /// </summary>
    public TimeSpan AttemptLimit => attempt?.Value?.IsCancellationRequested == true ? attemptTimeout!.Value : httpClientTimeout;

    /// <summary>True when the caller cancelled: a cancellation is then the caller's, not a deadline (ours or the HTTP client's).</summary>
    public bool CancelledByCaller => callerToken.IsCancellationRequested;

    /// <summary>Starts an attempt and returns its token (the call's token when there is no attempt timeout).</summary>
    public CancellationToken StartAttempt()
    {
        if (attempt is null)
        {
            return CallToken;
        }

        attempt.Value?.Dispose();
        attempt.Value = Linked(attemptTimeout!.Value, CallToken);
        return attempt.Value.Token;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        attempt?.Value?.Dispose();
        callSource?.Dispose();
    }

    private static CancellationTokenSource Linked(TimeSpan timeout, CancellationToken token)
    {
        CancellationTokenSource source = CancellationTokenSource.CreateLinkedTokenSource(token);
        source.CancelAfter(timeout);
        return source;
    }
}

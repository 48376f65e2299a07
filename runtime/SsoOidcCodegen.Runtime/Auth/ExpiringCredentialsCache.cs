namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Credentials fetched from an endpoint (the container endpoint, instance metadata) and kept until
/// <see cref="Window"/> before they expire; one caller fetches at a time, and the callers that waited get what
/// it fetched.
/// </summary>
internal sealed class ExpiringCredentialsCache
{
    /// <summary>Credentials are fetched again this long before they expire.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly TimeProvider time;
    private readonly SemaphoreSlim gate = new(1, 1);
    private ExpiringCredentials? cached;

    public ExpiringCredentialsCache(TimeProvider time) => this.time = time;

    /// <summary>The kept credentials while they are fresh, else null.</summary>
    public AwsCredentials? Fresh =>
        Volatile.Read(ref cached) is { } kept && (kept.Expiration is null || kept.Expiration.Value - time.GetUtcNow() > Window)
            ? kept.Credentials
            : null;

    /// <summary>
    /// The fresh credentials, or what <paramref name="fetch"/> finds (called by one caller at a time); found
    /// credentials are kept with the expiry it gives.
    /// </summary>
    public async ValueTask<CredentialsLookup> GetAsync(Func<CancellationToken, Task<(CredentialsLookup Lookup, DateTimeOffset? Expiration)>> fetch, CancellationToken cancellationToken)
    {
        if (Fresh is { } fresh)
        {
            return new CredentialsLookup(fresh, null);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh is { } fetchedMeanwhile)
            {
                return new CredentialsLookup(fetchedMeanwhile, null);
            }

            (CredentialsLookup lookup, DateTimeOffset? expiration) = await fetch(cancellationToken).ConfigureAwait(false);
            if (lookup.Credentials is { } credentials)
            {
                Volatile.Write(ref cached, new ExpiringCredentials(credentials, expiration));
            }

            return lookup;
        }
        finally
        {
            gate.Release();
        }
    }
}

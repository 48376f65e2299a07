namespace SsoOidcCodegen.Runtime.Endpoints;

using System;
using System.Collections.Concurrent;

/// <summary>
/// The endpoints one client resolved, by parameter set: a call whose parameters (built-ins, client
/// context, the operation's static and request-bound values) equal an earlier call's reuses that
/// endpoint instead of running the rules again. Bounded: when <see cref="Capacity"/> distinct sets are
/// held, the cache is emptied and fills again (a client calling with many distinct buckets cannot grow it
/// without limit). Errors are not cached.
/// </summary>
/// <typeparam name="TParameters">The generated parameter class; its equality is by value, and a set is never changed after it is resolved.</typeparam>
public sealed class EndpointCache<TParameters>
    where TParameters : class, IEquatable<TParameters>
{
    /// <summary>The default number of distinct parameter sets kept.</summary>
    public const int DefaultCapacity = 256;

    private readonly ConcurrentDictionary<TParameters, AwsEndpoint> entries = new();

    /// <summary>Creates a cache.</summary>
    /// <param name="capacity">How many distinct parameter sets are kept (at least 1).</param>
    public EndpointCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many distinct parameter sets are kept.</summary>
    public int Capacity { get; }

    /// <summary>How many are held now.</summary>
    public int Count => entries.Count;

    /// <summary>How many times the rules ran (a miss); for tests and diagnostics.</summary>
    public long Resolutions => System.Threading.Interlocked.Read(ref resolutions);

    private long resolutions;

    /// <summary>The endpoint for <paramref name="parameters"/>: a cached one, else <paramref name="resolve"/>'s, which is then kept.</summary>
    /// <param name="parameters">The call's parameters; not changed afterwards.</param>
    /// <param name="resolve">Runs the rules (throws <see cref="EndpointResolutionException"/> when they refuse).</param>
    public AwsEndpoint GetOrResolve(TParameters parameters, Func<TParameters, AwsEndpoint> resolve)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(resolve);
        if (entries.TryGetValue(parameters, out AwsEndpoint? cached))
        {
            return cached;
        }

        AwsEndpoint resolved = resolve(parameters);
        System.Threading.Interlocked.Increment(ref resolutions);
        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        entries.TryAdd(parameters, resolved);
        return resolved;
    }
}

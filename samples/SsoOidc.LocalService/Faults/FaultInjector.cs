namespace SsoOidc.LocalService;

using System;
using System.Collections.Generic;
using System.Threading;
using SsoOidc.LocalService.Faults;

/// <summary>
/// Faults to inject, per route. <c>Faults.For("/token").RespondWithStatus(503, times: 2)</c> makes
/// the next two requests to <c>/token</c> fail with 503; later requests are handled normally.
/// Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RouteFaults> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _chaosCounts = new(StringComparer.Ordinal);
    private Random? _chaos;
    private double _chaosRate;
    private int _burstLeft;

    internal FaultInjector()
    {
    }

    /// <summary>
    /// The faults of one route: a path such as <c>/token</c> (every request to that path,
    /// whatever its query) or a path with a query such as <c>/token?aws_iam=t</c> (only requests
    /// with exactly that query; these are consulted first).
    /// </summary>
    public RouteFaults For(string route)
    {
        string key = Normalize(route);
        lock (_gate)
        {
            if (!_routes.TryGetValue(key, out RouteFaults? faults))
            {
                faults = new RouteFaults(key);
                _routes.Add(key, faults);
            }

            return faults;
        }
    }

    /// <summary>Removes every pending fault of every route.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (RouteFaults faults in _routes.Values)
            {
                faults.Clear();
            }
        }
    }

    /// <summary>
    /// Random faults for a soak: every request that no planned fault takes is faulted with probability
    /// <paramref name="rate"/> (0 to 1): a dropped connection, a burst of one to four 5xx answers (500,
    /// 502 or 503, an empty or an HTML body among them), throttling (400 SlowDown or 429), a body cut
    /// short, or 50 to 300 ms of latency. The same <paramref name="seed"/> draws the same sequence.
    /// Applies to every route but the admin surface; the service stays bound to loopback.
    /// </summary>
    public void EnableChaos(double rate, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        lock (_gate)
        {
            _chaos = new Random(seed);
            _chaosRate = rate;
            _burstLeft = 0;
        }
    }

    /// <summary>Stops the random faults of <see cref="EnableChaos"/>.</summary>
    public void DisableChaos()
    {
        lock (_gate)
        {
            _chaos = null;
            _burstLeft = 0;
        }
    }

    /// <summary>How many random faults of each kind <see cref="EnableChaos"/> injected so far (<c>Status503</c>, <c>DropConnection</c>...).</summary>
    public IReadOnlyDictionary<string, int> ChaosCounts
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_chaosCounts, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Takes the fault for a request, or null when the request is to be handled normally.</summary>
    internal PlannedFault? TakeNext(string path, string query)
    {
        return TakePlanned(path, query) ?? TakeChaos();
    }

    private PlannedFault? TakeChaos()
    {
        lock (_gate)
        {
            if (_chaos is null)
            {
                return null;
            }

            PlannedFault? fault = null;
            if (_burstLeft > 0)
            {
                _burstLeft--;
                fault = new PlannedFault(FaultKind.Status, StatusCode: 503);
            }
            else if (_chaos.NextDouble() < _chaosRate)
            {
                switch (_chaos.Next(7))
                {
                    case 0:
                        fault = new PlannedFault(FaultKind.DropConnection);
                        break;
                    case 1:
                        _burstLeft = _chaos.Next(0, 4);
                        fault = new PlannedFault(FaultKind.Status, StatusCode: _chaos.Next(2) == 0 ? 500 : 503);
                        break;
                    case 2:
                        fault = new PlannedFault(_chaos.Next(2) == 0 ? FaultKind.EmptyBody : FaultKind.HtmlBody, StatusCode: 502);
                        break;
                    case 3:
                        fault = new PlannedFault(FaultKind.Throttle, ThrottleStyle: _chaos.Next(2) == 0 ? ThrottleStyle.SlowDown : ThrottleStyle.TooManyRequests);
                        break;
                    case 4:
                        fault = new PlannedFault(FaultKind.TruncatedBody);
                        break;
                    default:
                        fault = new PlannedFault(FaultKind.Latency, Latency: TimeSpan.FromMilliseconds(_chaos.Next(50, 300)));
                        break;
                }
            }

            if (fault is not null)
            {
                string name = fault.Kind switch
                {
                    FaultKind.Status or FaultKind.EmptyBody or FaultKind.HtmlBody => fault.Kind + fault.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    FaultKind.Throttle => fault.Kind + "." + fault.ThrottleStyle,
                    _ => fault.Kind.ToString(),
                };
                _chaosCounts[name] = _chaosCounts.GetValueOrDefault(name) + 1;
            }

            return fault;
        }
    }

    private PlannedFault? TakePlanned(string path, string query)
    {
        RouteFaults? withQuery = null;
        RouteFaults? pathOnly;
        lock (_gate)
        {
            if (query.Length > 0)
            {
                _routes.TryGetValue(Normalize(path + query), out withQuery);
            }

            _routes.TryGetValue(Normalize(path), out pathOnly);
        }

        return withQuery?.TakeNext() ?? pathOnly?.TakeNext();
    }

    private static string Normalize(string route)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        if (!route.StartsWith('/'))
        {
            throw new ArgumentException($"Route '{route}' must start with '/'.", nameof(route));
        }

        int queryStart = route.IndexOf('?', StringComparison.Ordinal);
        string path = queryStart < 0 ? route : route[..queryStart];
        string query = queryStart < 0 ? string.Empty : route[queryStart..];
        if (path.Length > 1)
        {
            path = path.TrimEnd('/');
        }

        return query.Length > 1 ? path + query : path;
    }
}

/// <summary>
/// The queued faults of one route. Each call appends a step; each request takes one fault from the
/// first step that has any left, so <c>RespondWithStatus(503, 2).DropConnection()</c> answers two
/// 503s, drops the third connection, then handles requests normally again.
/// </summary>
public sealed class RouteFaults
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(PlannedFault Fault, int Remaining)> _steps = new();

    internal RouteFaults(string route) => Route = route;

    /// <summary>The route these faults apply to.</summary>
    public string Route { get; }

    /// <summary>How many requests are still to be faulted.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                long total = 0;
                foreach ((_, int remaining) in _steps)
                {
                    total += remaining;
                }

                return (int)Math.Min(total, int.MaxValue);
            }
        }
    }

    /// <summary>
    /// Answers with an AWS-shaped error of <paramref name="statusCode"/>: 500 is
    /// InternalServerException, 503 ServiceUnavailableException, 429 ThrottlingException, other
    /// 5xx InternalServerException and other 4xx InvalidRequestException, each with that status.
    /// </summary>
    public RouteFaults RespondWithStatus(int statusCode, int times = 1)
    {
        if (statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Must be an error status (4xx or 5xx).");
        }

        return Add(new PlannedFault(FaultKind.Status, StatusCode: statusCode), times);
    }

    /// <summary>Answers with a throttling error: 400 SlowDownException or 429 ThrottlingException.</summary>
    public RouteFaults Throttle(ThrottleStyle style = ThrottleStyle.SlowDown, int times = 1) =>
        Add(new PlannedFault(FaultKind.Throttle, ThrottleStyle: style), times);

    /// <summary>Waits <paramref name="latency"/> (real time) before handling the request normally.</summary>
    public RouteFaults Delay(TimeSpan latency, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        return Add(new PlannedFault(FaultKind.Latency, Latency: latency), times);
    }

    /// <summary>
    /// Aborts the connection without answering. Note that SocketsHttpHandler may resend a request
    /// once, unseen by its caller, when a reused pooled connection closes before any response
    /// byte; queue two drops (or start from a fresh connection) to make the caller see the failure.
    /// </summary>
    public RouteFaults DropConnection(int times = 1) => Add(new PlannedFault(FaultKind.DropConnection), times);

    /// <summary>
    /// Handles the request normally but sends only the first <paramref name="keepBytes"/> bytes
    /// of the body (default: half), with a Content-Length that matches, so the client reads a
    /// complete HTTP message whose JSON is cut short.
    /// </summary>
    public RouteFaults TruncateBody(int times = 1, int? keepBytes = null)
    {
        if (keepBytes is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(keepBytes), keepBytes, "Must not be negative.");
        }

        return Add(new PlannedFault(FaultKind.TruncatedBody, KeepBytes: keepBytes), times);
    }

    /// <summary>Answers with an HTML error page (<c>text/html</c>), as a proxy would, with <paramref name="statusCode"/>.</summary>
    public RouteFaults RespondWithHtmlPage(int statusCode = 502, int times = 1) =>
        Add(new PlannedFault(FaultKind.HtmlBody, StatusCode: RequireStatus(statusCode)), times);

    /// <summary>Answers with <paramref name="statusCode"/> and an empty body (no Content-Type).</summary>
    public RouteFaults RespondWithEmptyBody(int statusCode = 502, int times = 1) =>
        Add(new PlannedFault(FaultKind.EmptyBody, StatusCode: RequireStatus(statusCode)), times);

    /// <summary>Removes every pending fault of this route.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _steps.Clear();
        }
    }

    internal PlannedFault? TakeNext()
    {
        lock (_gate)
        {
            LinkedListNode<(PlannedFault Fault, int Remaining)>? first = _steps.First;
            if (first is null)
            {
                return null;
            }

            (PlannedFault fault, int remaining) = first.Value;
            if (remaining == 1)
            {
                _steps.RemoveFirst();
            }
            else
            {
                first.Value = (fault, remaining - 1);
            }

            return fault;
        }
    }

    private RouteFaults Add(PlannedFault fault, int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate)
        {
            _steps.AddLast((fault, times));
        }

        return this;
    }

    private static int RequireStatus(int statusCode) =>
        statusCode is >= 100 and <= 599
            ? statusCode
            : throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Must be an HTTP status code.");
}

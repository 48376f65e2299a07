namespace SsoOidcCodegen.Tests.Client;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

/// <summary>A request as the handler saw it.</summary>
public sealed record SeenRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? ContentType, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// An in-memory HTTP handler that answers from a script (one responder per request, the last one
/// repeating) and records every request with its headers and body.
/// </summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>>> script = new();
    private Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> last;

    public ScriptedHandler(params Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>>[] responders)
    {
        foreach (var responder in responders)
        {
            script.Enqueue(responder);
        }

        last = responders.Length > 0 ? responders[^1] : (_, _) => Task.FromResult(Json(HttpStatusCode.OK, "{}"));
    }

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public static Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> Answer(HttpStatusCode status, string body, params (string Name, string Value)[] headers) =>
        (_, _) =>
        {
            HttpResponseMessage response = Json(status, body);
            foreach ((string name, string value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return Task.FromResult(response);
        };

    public static Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };

    public static Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> Drop() =>
        (_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException("The connection was reset."));

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var seen = new SeenRequest(request.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.ToString(), body);
        Requests.Enqueue(seen);
        Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> responder;
        lock (script)
        {
            responder = script.Count > 0 ? script.Dequeue() : last;
            last = responder;
        }

        return await responder(seen, cancellationToken);
    }
}

/// <summary>
/// A <see cref="FakeTimeProvider"/> whose clock jumps ahead by each timer's delay as soon as the timer
/// is set, so a retry backoff passes at once and the fake time moves by exactly that much; each
/// requested delay is recorded.
/// </summary>
public sealed class InstantTimeProvider : FakeTimeProvider
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
            ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
        }

        return timer;
    }
}

namespace SsoOidcCodegen.Tests.Waiters;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

/// <summary>A request as <see cref="LoopbackService"/> received it off the socket.</summary>
public sealed record LoopbackRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}

/// <summary>A scripted answer: status, body bytes, content type and extra headers.</summary>
public sealed record LoopbackAnswer(int Status, byte[] Body, string? ContentType, params (string Name, string Value)[] Headers)
{
    public static LoopbackAnswer Xml(int status, string xml) => new(status, Encoding.UTF8.GetBytes(xml), "text/xml");

    /// <summary>A status without a body, as S3 answers HEAD.</summary>
    public static LoopbackAnswer Empty(int status) => new(status, [], null);

    public static LoopbackAnswer Cbor(int status, byte[] body) => new(status, body, "application/cbor", ("smithy-protocol", "rpc-v2-cbor"));
}

/// <summary>
/// A real HTTP service on 127.0.0.1 (an ephemeral port) that answers from a script, one answer per request with the
/// last one repeating, and records every request. Generated clients reach it through their own
/// <c>SocketsHttpHandler</c>, so requests and responses cross a real connection.
/// </summary>
public sealed class LoopbackService : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private readonly Func<LoopbackRequest, LoopbackAnswer> _answer;
    private readonly Task _loop;

    /// <summary>Answers the requests in turn from <paramref name="script"/>; the last answer repeats.</summary>
    public LoopbackService(params LoopbackAnswer[] script)
        : this(Scripted(script))
    {
    }

    /// <summary>Answers each request with what <paramref name="answer"/> makes of it.</summary>
    public LoopbackService(Func<LoopbackRequest, LoopbackAnswer> answer)
    {
        _answer = answer;

        // HttpListener needs its port up front: take one the OS hands out, then listen on it.
        for (int attempt = 0; ; attempt++)
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
            }

            _listener = new HttpListener();
            _listener.Prefixes.Add(Url.ToString());
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                _listener.Close();
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<LoopbackRequest> Requests => _requests.ToArray();

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }
    }

    private static Func<LoopbackRequest, LoopbackAnswer> Scripted(LoopbackAnswer[] script)
    {
        if (script.Length == 0)
        {
            throw new ArgumentException("A script needs at least one answer.", nameof(script));
        }

        var queue = new Queue<LoopbackAnswer>(script);
        LoopbackAnswer last = script[^1];
        return _ =>
        {
            lock (queue)
            {
                last = queue.Count > 0 ? queue.Dequeue() : last;
                return last;
            }
        };
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
            var headers = context.Request.Headers.AllKeys.Where(key => key is not null)
                .ToDictionary(key => key!, key => context.Request.Headers[key]!, StringComparer.OrdinalIgnoreCase);
            var request = new LoopbackRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", headers, body.ToArray());
            _requests.Enqueue(request);
            LoopbackAnswer answer = _answer(request);

            context.Response.StatusCode = answer.Status;
            context.Response.Headers["x-amzn-RequestId"] = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE";
            foreach ((string name, string value) in answer.Headers)
            {
                context.Response.Headers[name] = value;
            }

            if (answer.ContentType is not null)
            {
                context.Response.ContentType = answer.ContentType;
            }

            if (context.Request.HttpMethod == "HEAD" || answer.Body.Length == 0)
            {
                context.Response.ContentLength64 = 0;
            }
            else
            {
                context.Response.ContentLength64 = answer.Body.Length;
                await context.Response.OutputStream.WriteAsync(answer.Body).ConfigureAwait(false);
            }

            context.Response.Close();
        }
    }
}

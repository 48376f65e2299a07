namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using SsoOidcCodegen.Tests.Waiters;

/// <summary>
/// An HTTP proxy of the test's own on 127.0.0.1 (a <see cref="LoopbackService"/> that forwards): each request goes on
/// to the server as it came, and the server's answer comes back with its status, content type, request id and
/// <c>x-amz-crc32</c> header. With <see cref="FlipOneByte"/> set, one bit of one byte in the middle of the body is
/// flipped on the way back while the checksum header stays as the server computed it, as a damaged network would.
/// </summary>
public sealed class CorruptingProxy : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Connection", "Keep-Alive", "Expect", "Transfer-Encoding",
    };

    private readonly Uri upstream;
    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private readonly ConcurrentQueue<ProxiedExchange> exchanges = new();
    private readonly LoopbackService service;

    /// <summary>Starts the proxy in front of <paramref name="upstream"/>.</summary>
    public CorruptingProxy(Uri upstream, bool flipOneByte)
    {
        this.upstream = upstream;
        FlipOneByte = flipOneByte;
        service = new LoopbackService(Forward);
    }

    /// <summary>The proxy's address: point the client here.</summary>
    public Uri Url => service.Url;

    /// <summary>Whether answers with a body come back with one byte damaged.</summary>
    public bool FlipOneByte { get; }

    /// <summary>Every exchange so far, in order.</summary>
    public IReadOnlyList<ProxiedExchange> Exchanges => exchanges.ToArray();

    public void Dispose()
    {
        service.Dispose();
        http.Dispose();
    }

    private LoopbackAnswer Forward(LoopbackRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(upstream, request.PathAndQuery));
        var content = new ByteArrayContent(request.Body);
        if (request.Header("Content-Type") is { } contentType)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        message.Content = content;
        foreach ((string name, string value) in request.Headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        // LoopbackService answers one request at a time from a synchronous callback.
        using HttpResponseMessage response = http.Send(message);
        byte[] body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        string? crc = response.Headers.TryGetValues("x-amz-crc32", out IEnumerable<string>? values) ? values.Single() : null;
        byte[] sent = (byte[])body.Clone();
        if (FlipOneByte && sent.Length > 0)
        {
            sent[sent.Length / 2] ^= 0x01;
        }

        exchanges.Enqueue(new ProxiedExchange(request.Header("X-Amz-Target"), (int)response.StatusCode, crc, body, sent));
        var headers = new List<(string, string)>();
        if (crc is not null)
        {
            headers.Add(("x-amz-crc32", crc));
        }

        if (response.Headers.TryGetValues("x-amzn-RequestId", out IEnumerable<string>? ids))
        {
            headers.Add(("x-amzn-RequestId", ids.Single()));
        }

        return new LoopbackAnswer((int)response.StatusCode, sent, response.Content.Headers.ContentType?.ToString(), headers.ToArray());
    }
}

/// <summary>One request through <see cref="CorruptingProxy"/>: its target, the server's status and checksum header, the body as the server sent it and as the client got it.</summary>
public sealed record ProxiedExchange(string? Target, int Status, string? Crc32Header, byte[] ServerBody, byte[] ClientBody);

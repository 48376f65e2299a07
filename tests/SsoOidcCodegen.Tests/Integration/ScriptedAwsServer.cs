namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// An HTTP/1.1 server on a real socket (127.0.0.1, a port the OS hands out) that records every request
/// byte for byte as it arrived and answers with the responses a test scripted, in order. It parses the
/// wire itself (request line, header lines, a <c>Content-Length</c> or chunked body) rather than going
/// through <see cref="HttpListener"/>, so the headers a signature covers are checked as they were sent.
/// </summary>
public sealed class ScriptedAwsServer : IDisposable
{
    private readonly TcpListener listener;
    private readonly ConcurrentQueue<ScriptedResponse> script = new();
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;

    public ScriptedAwsServer()
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        acceptLoop = Task.Run(AcceptAsync);
    }

    /// <summary>The server's base address.</summary>
    public Uri Url { get; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => received.ToArray();

    /// <summary>Adds a response to the script: the next request that arrives gets it.</summary>
    public void Enqueue(int status, string body, string contentType = "text/xml", params (string Name, string Value)[] headers) =>
        script.Enqueue(new ScriptedResponse(status, Encoding.UTF8.GetBytes(body), contentType, headers));

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        try
        {
            acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await listener.AcceptTcpClientAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(TcpClient connection)
    {
        using (connection)
        {
            try
            {
                Stream stream = connection.GetStream();
                var reader = new WireReader(stream);
                while (!stopping.IsCancellationRequested)
                {
                    ReceivedRequest? request = await reader.ReadRequestAsync(stopping.Token).ConfigureAwait(false);
                    if (request is null)
                    {
                        return;
                    }

                    received.Enqueue(request);
                    ScriptedResponse response = script.TryDequeue(out ScriptedResponse? next)
                        ? next
                        : new ScriptedResponse(599, Encoding.UTF8.GetBytes("no response scripted for this request"), "text/plain", Array.Empty<(string, string)>());
                    await stream.WriteAsync(response.ToWire(), stopping.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client closed the connection, or the server is stopping.
            }
        }
    }

    private sealed record ScriptedResponse(int Status, byte[] Body, string ContentType, (string Name, string Value)[] Headers)
    {
        public byte[] ToWire()
        {
            var head = new StringBuilder();
            head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {Status} Scripted\r\n");
            head.Append(CultureInfo.InvariantCulture, $"Date: {DateTimeOffset.UtcNow:r}\r\n");
            foreach ((string name, string value) in Headers)
            {
                head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
            }

            if (Body.Length > 0)
            {
                head.Append(CultureInfo.InvariantCulture, $"Content-Type: {ContentType}\r\n");
            }

            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {Body.Length}\r\n\r\n");
            return Encoding.ASCII.GetBytes(head.ToString()).Concat(Body).ToArray();
        }
    }

    /// <summary>Reads HTTP/1.1 requests off a stream: one at a time, keep-alive.</summary>
    private sealed class WireReader(Stream stream)
    {
        private readonly byte[] buffer = new byte[16 * 1024];
        private int start;
        private int end;

        public async Task<ReceivedRequest?> ReadRequestAsync(CancellationToken cancellationToken)
        {
            string? requestLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (requestLine is null)
            {
                return null;
            }

            string[] parts = requestLine.Split(' ');
            if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            {
                throw new IOException($"Not an HTTP/1.1 request line: '{requestLine}'.");
            }

            var headers = new List<KeyValuePair<string, string>>();
            while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } line)
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
            }

            var request = new ReceivedRequest(parts[0], parts[1], headers, Array.Empty<byte>());
            byte[] body;
            if (request.Header("Content-Length") is { } length)
            {
                body = await ReadBytesAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            }
            else if (string.Equals(request.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                body = Array.Empty<byte>();
            }

            return request with { Body = body };
        }

        private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
        {
            using var body = new MemoryStream();
            while (true)
            {
                string sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException("The chunked body ended early.");
                int size = int.Parse(sizeLine.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 })
                    {
                        // Trailer fields are not used by these tests.
                    }

                    return body.ToArray();
                }

                body.Write(await ReadBytesAsync(size, cancellationToken).ConfigureAwait(false));
                _ = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                int newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline >= 0)
                {
                    string line = Encoding.Latin1.GetString(buffer, start, newline - start).TrimEnd('\r');
                    start = newline + 1;
                    return line;
                }

                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }
        }

        private async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            int copied = 0;
            while (copied < count)
            {
                if (start == end && !await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new IOException("The body ended early.");
                }

                int take = Math.Min(count - copied, end - start);
                Buffer.BlockCopy(buffer, start, result, copied, take);
                start += take;
                copied += take;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                throw new IOException("A request line or header line is longer than the buffer.");
            }

            int read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            end += read;
            return read > 0;
        }
    }
}

/// <summary>A request exactly as it arrived: method, request-target, header lines in order, body bytes.</summary>
public sealed record ReceivedRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The value of a header (names compare case-insensitively), or null; repeated lines joined with a comma.</summary>
    public string? Header(string name)
    {
        string[] values = Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray();
        return values.Length == 0 ? null : string.Join(",", values);
    }
}

namespace SsoOidcCodegen.Tests.EventStreams;

using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// A local event-stream server on a raw socket (127.0.0.1, a port the OS hands out): it reads one HTTP/1.1 request
/// per connection and lets the test answer it frame by frame, as a chunked <c>application/vnd.amazon.eventstream</c>
/// body, pausing where the test says, and tells whether the client closed the connection.
/// </summary>
internal sealed class LocalEventStreamServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly Func<Connection, Task> answer;
    private readonly Task acceptLoop;
    private readonly TaskCompletionSource<Exception?> answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LocalEventStreamServer(Func<Connection, Task> answer)
    {
        this.answer = answer;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        acceptLoop = Task.Run(AcceptAsync);
    }

    /// <summary>The server's base address.</summary>
    public Uri Url { get; }

    /// <summary>Completes when the first connection's answer has ended: null, or what went wrong in it.</summary>
    public Task<Exception?> Answered => answered.Task;

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        try
        {
            await acceptLoop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or TimeoutException)
        {
            // Stopped while accepting.
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            using TcpClient client = await listener.AcceptTcpClientAsync();
            client.NoDelay = true;
            await using NetworkStream stream = client.GetStream();
            var connection = new Connection(stream);
            await connection.ReadRequestAsync();
            await answer(connection);
            answered.TrySetResult(null);
        }
        catch (Exception exception)
        {
            answered.TrySetResult(exception);
        }
    }

    /// <summary>One connection: the request it carried and the answer being written.</summary>
    internal sealed class Connection(NetworkStream stream)
    {
        /// <summary>The request line, e.g. <c>POST /model/m/converse-stream HTTP/1.1</c>.</summary>
        public string RequestLine { get; private set; } = string.Empty;

        /// <summary>The header block as sent.</summary>
        public string Headers { get; private set; } = string.Empty;

        /// <summary>The request body.</summary>
        public string Body { get; private set; } = string.Empty;

        /// <summary>Writes the status line and headers of a 200 event-stream answer with a chunked body.</summary>
        public async Task StartAsync()
        {
            string head = "HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/vnd.amazon.eventstream\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "x-amzn-RequestId: event-stream-request-1\r\n"
                + "\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.FlushAsync();
        }

        /// <summary>Writes one frame as one chunk, split in two writes so that a frame also arrives in pieces.</summary>
        public async Task SendAsync(byte[] frame)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(frame.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            await stream.WriteAsync(frame.AsMemory(0, frame.Length / 2));
            await stream.FlushAsync();
            await stream.WriteAsync(frame.AsMemory(frame.Length / 2));
            await stream.WriteAsync("\r\n"u8.ToArray());
            await stream.FlushAsync();
        }

        /// <summary>Ends the chunked body.</summary>
        public async Task EndAsync()
        {
            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
            await stream.FlushAsync();
        }

        /// <summary>Whether the client closes the connection within the time (reading returns 0 or fails).</summary>
        public async Task<bool> ClosedByClientWithinAsync(TimeSpan time)
        {
            using var timeout = new CancellationTokenSource(time);
            byte[] buffer = new byte[256];
            try
            {
                while (await stream.ReadAsync(buffer, timeout.Token) > 0)
                {
                }

                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            catch (IOException)
            {
                return true;
            }
        }

        internal async Task ReadRequestAsync()
        {
            var head = new StringBuilder();
            byte[] one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one) == 0)
                {
                    throw new EndOfStreamException("The client closed the connection inside the request head.");
                }

                head.Append((char)one[0]);
            }

            string[] lines = head.ToString().Split("\r\n");
            RequestLine = lines[0];
            Headers = string.Join("\n", lines[1..]);
            int length = 0;
            foreach (string line in lines[1..])
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
                }
            }

            byte[] body = new byte[length];
            await stream.ReadExactlyAsync(body);
            Body = Encoding.UTF8.GetString(body);
        }
    }
}

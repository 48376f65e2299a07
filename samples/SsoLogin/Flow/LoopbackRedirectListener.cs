namespace SsoLogin.Flow;

using System;
using System.Collections.Specialized;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Web;

/// <summary>What the browser brought back to the redirect URI: a code, or an error, and the state.</summary>
public sealed record AuthorizationCallback(string? Code, string? State, string? Error, string? ErrorDescription)
{
    /// <summary>Never shows the code.</summary>
    public override string ToString() =>
        $"AuthorizationCallback {{ Code = {(Code is null ? "none" : "*** redacted ***")}, Error = {Error ?? "none"} }}";
}

/// <summary>
/// The redirect target of the authorization code flow: a minimal HTTP/1.1 listener on
/// <c>127.0.0.1</c> and an ephemeral port (RFC 8252 section 7.3). It answers every connection,
/// ignores requests to other paths (a browser also asks for <c>/favicon.ico</c>), and completes
/// when a request to the callback path carries a <c>code</c> or an <c>error</c>.
/// </summary>
public sealed class LoopbackRedirectListener : IDisposable
{
    /// <summary>The callback path, as the AWS CLI registers it.</summary>
    public const string CallbackPath = "/oauth/callback";

    private const int MaxRequestHeadBytes = 16 * 1024;
    private static readonly TimeSpan ConnectionReadTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;

    private LoopbackRedirectListener(TcpListener listener)
    {
        _listener = listener;
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        RedirectUri = new Uri($"http://127.0.0.1:{port}{CallbackPath}");
    }

    /// <summary>The redirect URI to send in the authorization request, with the bound port.</summary>
    public Uri RedirectUri { get; }

    /// <summary>The redirect URI to register: the same without a port, which matches any port on loopback.</summary>
    public static string RegisteredRedirectUri => "http://127.0.0.1" + CallbackPath;

    /// <summary>Starts listening on <c>127.0.0.1</c> and a port the system picks.</summary>
    public static LoopbackRedirectListener Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new LoopbackRedirectListener(listener);
    }

    /// <summary>Waits for the browser to come back with a code or an error.</summary>
    public async Task<AuthorizationCallback> WaitForCallbackAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using TcpClient connection = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            AuthorizationCallback? callback = await AnswerAsync(connection, cancellationToken).ConfigureAwait(false);
            if (callback is not null)
            {
                return callback;
            }
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private static async Task<AuthorizationCallback?> AnswerAsync(TcpClient connection, CancellationToken cancellationToken)
    {
        using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        readTimeout.CancelAfter(ConnectionReadTimeout);
        NetworkStream stream = connection.GetStream();
        string? target;
        try
        {
            target = await ReadRequestTargetAsync(stream, readTimeout.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A connection that sends nothing useful (a browser's speculative preconnect) is dropped.
            return null;
        }

        if (target is null || !Uri.TryCreate(new Uri("http://127.0.0.1"), target, out Uri? url))
        {
            await RespondAsync(stream, 400, "Bad request", "This listener only takes the sign-in callback.", cancellationToken).ConfigureAwait(false);
            return null;
        }

        NameValueCollection query = HttpUtility.ParseQueryString(url.Query);
        string? code = query["code"];
        string? error = query["error"];
        if (!string.Equals(url.AbsolutePath, CallbackPath, StringComparison.Ordinal) || (code is null && error is null))
        {
            await RespondAsync(stream, 404, "Not found", "This listener only takes the sign-in callback.", cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (error is null)
        {
            await RespondAsync(stream, 200, "Signed in", "You can close this window and return to sso-login.", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RespondAsync(stream, 200, "Sign-in failed", "The sign-in did not complete. Return to sso-login for details.", cancellationToken).ConfigureAwait(false);
        }

        return new AuthorizationCallback(code, query["state"], error, query["error_description"]);
    }

    /// <summary>Reads the request head and returns the request target of a GET, or null for anything else.</summary>
    private static async Task<string?> ReadRequestTargetAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[MaxRequestHeadBytes];
        int length = 0;
        while (length < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        int lineEnd = buffer.AsSpan(0, length).IndexOf("\r\n"u8);
        if (lineEnd < 0)
        {
            return null;
        }

        string[] requestLine = Encoding.ASCII.GetString(buffer, 0, lineEnd).Split(' ');
        return requestLine is ["GET", { } target, ['H', 'T', 'T', 'P', '/', ..]] && target.StartsWith('/') ? target : null;
    }

    private static async Task RespondAsync(NetworkStream stream, int status, string title, string message, CancellationToken cancellationToken)
    {
        string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>"
            + title + "</h1><p>" + message + "</p></body></html>";
        byte[] body = Encoding.UTF8.GetBytes(html);
        string reason = status switch { 200 => "OK", 400 => "Bad Request", _ => "Not Found" };
        string head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\n"
            + "Cache-Control: no-store\r\nConnection: close\r\n\r\n";
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The browser went away; what it sent still counts.
        }
    }
}

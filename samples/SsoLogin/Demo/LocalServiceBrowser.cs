namespace SsoLogin.Demo;

using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Web;
using global::SsoOidc.LocalService;
using SsoLogin.Browsers;

/// <summary>
/// The user of the demo: it "opens" the sign-in pages of a <see cref="LocalSsoOidcService"/>
/// itself. A device verification page is approved (or denied) through the service; an
/// authorization page is fetched, and its redirect followed to the loopback listener, as a
/// browser would (the local service approves authorization requests at once).
/// </summary>
public sealed class LocalServiceBrowser : IBrowser, IDisposable
{
    private readonly LocalSsoOidcService _service;
    private readonly bool _approve;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Creates the browser.</summary>
    /// <param name="service">The local service whose pages it opens.</param>
    /// <param name="approve">Whether the simulated user approves device codes (or denies them).</param>
    public LocalServiceBrowser(LocalSsoOidcService service, bool approve = true)
    {
        _service = service;
        _approve = approve;
    }

    /// <summary>The URLs opened so far, in order.</summary>
    public System.Collections.Generic.List<Uri> Opened { get; } = [];

    /// <inheritdoc />
    public async Task<bool> TryOpenAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        lock (Opened)
        {
            Opened.Add(url);
        }

        if (string.Equals(url.AbsolutePath, "/verify", StringComparison.Ordinal)
            && HttpUtility.ParseQueryString(url.Query)["user_code"] is { } userCode)
        {
            if (_approve)
            {
                _service.ApproveUserCode(userCode);
            }
            else
            {
                _service.DenyUserCode(userCode);
            }

            return true;
        }

        using HttpResponseMessage page = await _http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        if ((int)page.StatusCode is >= 300 and < 400 && page.Headers.Location is { } location)
        {
            using HttpResponseMessage callback = await _http.GetAsync(location, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Disposes the HTTP client.</summary>
    public void Dispose() => _http.Dispose();
}

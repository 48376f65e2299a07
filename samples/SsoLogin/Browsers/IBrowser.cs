namespace SsoLogin.Browsers;

using System;
using System.Threading;
using System.Threading.Tasks;

/// <summary>Shows a sign-in page to the user: the system's browser, or a stand-in in the demo and in tests.</summary>
public interface IBrowser
{
    /// <summary>
    /// Opens <paramref name="url"/>. Returns false when no browser could be started (the caller
    /// has already printed the URL for the user to open by hand).
    /// </summary>
    Task<bool> TryOpenAsync(Uri url, CancellationToken cancellationToken);
}

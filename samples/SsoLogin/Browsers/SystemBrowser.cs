namespace SsoLogin.Browsers;

using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

/// <summary>The user's default browser: <c>open</c> on macOS, <c>xdg-open</c> elsewhere on Unix, the shell on Windows.</summary>
public sealed class SystemBrowser : IBrowser
{
    /// <inheritdoc />
    public Task<bool> TryOpenAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ProcessStartInfo start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true }
            : new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open", url.AbsoluteUri)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
        try
        {
            using Process? process = Process.Start(start);
            return Task.FromResult(process is not null);
        }
        catch (Win32Exception)
        {
            // No browser launcher on this machine (a server, a container): the URL is printed already.
            return Task.FromResult(false);
        }
    }
}

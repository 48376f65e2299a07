namespace SsoOidcCodegen.Tests.EndToEnd;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// A program of this repository (<c>sso-login.dll</c>, <c>SsoOidc.LocalService.dll</c>) run with
/// <c>dotnet</c> as a separate process, its environment built from scratch (only PATH, DOTNET_* and
/// what the test gives), its output lines collected as they come. Disposing kills it by its id.
/// </summary>
internal sealed class ExternalProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ExternalProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Output => string.Join(Environment.NewLine, _lines);

    public string Error => string.Join(Environment.NewLine, _errors);

    /// <summary>Starts <paramref name="assemblyFile"/> (a file in the test's output directory) with <paramref name="args"/>.</summary>
    public static ExternalProcess Start(string assemblyFile, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        string path = Path.Combine(AppContext.BaseDirectory, assemblyFile);
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (string name in new[] { "PATH", "DOTNET_ROOT", "DOTNET_CLI_TELEMETRY_OPTOUT", "DOTNET_NOLOGO", "TMPDIR", "SystemRoot" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var external = new ExternalProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                external._lines.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                external._errors.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => external._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return external;
    }

    /// <summary>Waits until a line matches, the process exits, or the timeout passes; returns the line or null.</summary>
    public async Task<string?> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_exited.Task.IsCompleted)
            {
                await Task.Delay(50, cancellationToken);
                return _lines.FirstOrDefault(match);
            }

            await Task.Delay(50, cancellationToken);
        }

        return null;
    }

    /// <summary>Waits for the exit code, killing the process after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
            throw new TimeoutException($"The process did not exit within {timeout}. Output:{Environment.NewLine}{Output}{Environment.NewLine}Errors:{Environment.NewLine}{Error}");
        }

        _process.WaitForExit(); // drains the asynchronous output readers
        return _process.ExitCode;
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}

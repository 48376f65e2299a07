namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A local server that a script in <c>tests/node</c> starts (an npm package pinned in <c>tests/node/package-lock.json</c>,
/// installed there by <c>npm ci</c>): the script listens on 127.0.0.1 and a free port, prints one JSON line
/// <c>{"port": N}</c>, and stops when its standard input closes. Without node or the installed package the test is
/// skipped with the reason, except under CI (<c>CI=true</c>), where <c>.ci/run</c> installs both and their absence is a failure.
/// </summary>
public sealed class NodeServerProcess : IDisposable
{
    private readonly Process process;

    private NodeServerProcess(Process process, int port)
    {
        this.process = process;
        Url = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The server's base address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The folder of the npm project the tests run (<c>tests/node</c>).</summary>
    public static string NodeProject => Path.Combine(ReferenceData.RepoRoot, "tests", "node");

    /// <summary>Runs <c>node [nodeOptions] tests/node/script [arguments]</c> and waits until the server listens.</summary>
    /// <param name="script">The script in <c>tests/node</c>.</param>
    /// <param name="package">The npm package the script needs, checked in <c>tests/node/node_modules</c> first.</param>
    /// <param name="nodeOptions">Options for node itself, before the script.</param>
    /// <param name="arguments">The script's arguments.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public static async Task<NodeServerProcess> StartAsync(string script, string package, IEnumerable<string> nodeOptions, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        string node = RequireNode(package);
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = NodeProject,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string option in nodeOptions)
        {
            start.ArgumentList.Add(option);
        }

        start.ArgumentList.Add(Path.Combine(NodeProject, script));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                throw new InvalidOperationException($"{script} exited before its server listened: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            using JsonDocument ready = JsonDocument.Parse(line);
            return new NodeServerProcess(process, ready.RootElement.GetProperty("port").GetInt32());
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    /// <summary>
    /// The path of node, when node is on <c>PATH</c> and <paramref name="package"/> is installed in <c>tests/node</c>;
    /// otherwise the test is skipped naming what is missing (a failure under CI).
    /// </summary>
    public static string RequireNode(string package)
    {
        string? node = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "node"))
            .FirstOrDefault(File.Exists);
        if (node is null)
        {
            Unavailable("node is not on PATH (install Node.js; .ci/run requires it).");
        }

        if (!File.Exists(Path.Combine(NodeProject, "node_modules", package, "package.json")))
        {
            Unavailable($"{package} is not installed: run 'npm ci' in {NodeProject} (.ci/run does).");
        }

        return node!;
    }

    /// <summary>Stops the server.</summary>
    public void Dispose() => Stop(process);

    // Closing stdin asks the script to stop; it is killed (by its id) if it does not.
    private static void Stop(Process process)
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static void Unavailable(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true and a test that needs a node package cannot run: " + reason);
        }

        Assert.Skip(reason);
    }
}

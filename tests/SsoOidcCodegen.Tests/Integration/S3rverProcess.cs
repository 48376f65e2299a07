namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// s3rver (the npm package pinned in <c>tests/node/package-lock.json</c>, installed there by <c>npm ci</c>)
/// run by <c>node tests/node/start-s3rver.js</c> on 127.0.0.1 and a free port, with its data in a fresh
/// directory. Without node or the installed package the test is skipped with the reason, except under
/// CI (<c>CI=true</c>), where <c>.ci/run</c> installs both and their absence is a failure.
/// </summary>
public sealed class S3rverProcess : IDisposable
{
    /// <summary>The key pair s3rver knows out of the box (its built-in account).</summary>
    public const string AccessKeyId = "S3RVER";

    /// <summary>The secret of <see cref="AccessKeyId"/>.</summary>
    public const string SecretAccessKey = "S3RVER";

    private readonly Process process;
    private readonly string dataDirectory;

    private S3rverProcess(Process process, string dataDirectory, Uri url)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        Url = url;
    }

    /// <summary>The server's base address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Starts s3rver and waits until it listens.</summary>
    public static async Task<S3rverProcess> StartAsync(CancellationToken cancellationToken)
    {
        string nodeProject = Path.Combine(ReferenceData.RepoRoot, "tests", "node");
        string? node = FindOnPath("node");
        if (node is null)
        {
            Unavailable("node is not on PATH (install Node.js; .ci/run requires it).");
        }

        if (!File.Exists(Path.Combine(nodeProject, "node_modules", "s3rver", "package.json")))
        {
            Unavailable($"s3rver is not installed: run 'npm ci' in {nodeProject} (.ci/run does).");
        }

        string data = Path.Combine(Path.GetTempPath(), "s3rver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo(node!)
        {
            WorkingDirectory = nodeProject,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // s3rver makes its ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node.js 17 and later) only has in its legacy provider.
        start.ArgumentList.Add("--openssl-legacy-provider");
        start.ArgumentList.Add(Path.Combine(nodeProject, "start-s3rver.js"));
        start.ArgumentList.Add(data);
        Process process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                throw new InvalidOperationException($"s3rver exited before it listened: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            using JsonDocument ready = JsonDocument.Parse(line);
            int port = ready.RootElement.GetProperty("port").GetInt32();
            return new S3rverProcess(process, data, new Uri($"http://127.0.0.1:{port}/"));
        }
        catch
        {
            Stop(process);
            Directory.Delete(data, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        Stop(process);
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary directory is left behind.
        }
    }

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
            throw new InvalidOperationException("CI=true and the S3 round trip cannot run: " + reason);
        }

        Assert.Skip(reason);
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}

namespace SsoOidcCodegen.Benchmarks.Cold;

using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

/// <summary>
/// Publishes this program with only the cold-login mode, as Native AOT (<c>-p:BenchAot=true</c>) into
/// <c>artifacts/bench-aot</c> or ReadyToRun (<c>-p:BenchR2R=true</c>) into <c>artifacts/bench-r2r</c>,
/// each with its own intermediate folders so the JIT build is left alone; or with one client alone
/// (<c>-p:ColdSide=ours|peer</c>), under the JIT, ReadyToRun or Native AOT, into <c>artifacts/bench-KIND-apart-SIDE</c>.
/// </summary>
public static class AotBuild
{
    /// <summary>Publishes as Native AOT; returns the output folder, or null and the reason the build failed.</summary>
    public static string? Publish(out string? failure) => Publish("aot", out failure);

    /// <summary>Publishes as <paramref name="kind"/> (<c>aot</c> or <c>r2r</c>); returns the output folder, or null and the reason the build failed.</summary>
    public static string? Publish(string kind, out string? failure) => Publish(kind, side: null, out failure);

    /// <summary>
    /// Publishes as <paramref name="kind"/> (<c>jit</c>, <c>r2r</c> or <c>aot</c>) with one client alone, when
    /// <paramref name="side"/> (<c>ours</c> or <c>peer</c>) is set; returns the output folder, or null and the reason the build failed.
    /// </summary>
    public static string? Publish(string kind, string? side, out string? failure)
    {
        string root = RepositoryPaths.RepoRoot;
        var properties = new System.Collections.Generic.List<string>();
        if (kind != "jit")
        {
            properties.Add(kind == "aot" ? "-p:BenchAot=true" : "-p:BenchR2R=true");
        }

        if (side is not null)
        {
            properties.Add("-p:ColdSide=" + side);
        }

        string what = string.Join(' ', properties);
        string name = "bench-" + kind + (side is null ? string.Empty : "-apart-" + side);
        string output = Path.Combine(root, "artifacts", name);
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (string argument in new[]
        {
            "publish", Path.Combine(root, "tests", "SsoOidcCodegen.Benchmarks", "SsoOidcCodegen.Benchmarks.csproj"),
            "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
            "--artifacts-path", Path.Combine(root, "artifacts", name + "-build"), "-o", output, "-nologo",
        })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (string property in properties)
        {
            info.ArgumentList.Add(property);
        }

        var log = new StringBuilder();
        using Process process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet publish.");
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            failure = $"dotnet publish {what} did not finish within 15 minutes";
            return null;
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            failure = $"dotnet publish {what} failed (exit code {process.ExitCode}):{Environment.NewLine}{Tail(log.ToString(), 20)}";
            return null;
        }

        failure = null;
        return output;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static string Tail(string text, int lines)
    {
        string[] all = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', all[Math.Max(0, all.Length - lines)..]);
    }
}

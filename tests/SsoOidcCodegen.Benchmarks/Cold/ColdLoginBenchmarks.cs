namespace SsoOidcCodegen.Benchmarks.Cold;

using System;
using System.Diagnostics;
using System.IO;
using BenchmarkDotNet.Attributes;

/// <summary>
/// Wall time of a whole process that starts, builds the client and completes a device-code login
/// (<see cref="ColdLogin"/>), launched afresh for every sample: ours against the official SDK, under
/// the JIT, ReadyToRun when <c>SSOOIDC_BENCH_R2R_DIR</c> names a folder that holds that build, and as
/// Native AOT binaries when <c>SSOOIDC_BENCH_AOT_DIR</c> names a folder that holds them. Each build kind also
/// starts the same program with <c>--cold start</c>, which returns before either client does anything: the process
/// start both logins pay, so that the report can show what each client adds past it.
/// </summary>
public class ColdLoginBenchmarks
{
    /// <summary>The variable that names the folder of the Native AOT build of this program.</summary>
    public const string AotDirectoryVariable = "SSOOIDC_BENCH_AOT_DIR";

    /// <summary>The variable that names the folder of the ReadyToRun build of this program.</summary>
    public const string R2rDirectoryVariable = "SSOOIDC_BENCH_R2R_DIR";

    /// <summary>The variable through which the suite tells the benchmark where this program lives.</summary>
    public const string HostVariable = "SSOOIDC_BENCH_HOST";

    /// <summary>
    /// The variable that names the folder holding the one-client builds (<c>bench-KIND-apart-SIDE</c>, KIND <c>jit</c>,
    /// <c>r2r</c> or <c>aot</c>, SIDE <c>ours</c> or <c>peer</c>): each login in a program with its own client alone, as
    /// an app that uses it is built, so that neither process start pays for the other client.
    /// </summary>
    public const string ApartRootVariable = "SSOOIDC_BENCH_APART_ROOT";

    private readonly System.Collections.Generic.Dictionary<string, ProcessStartInfo> apart = new(StringComparer.Ordinal);
    private ProcessStartInfo jitOurs = null!;
    private ProcessStartInfo jitPeer = null!;
    private ProcessStartInfo jitStart = null!;
    private ProcessStartInfo? aotOurs;
    private ProcessStartInfo? aotPeer;
    private ProcessStartInfo? aotStart;
    private ProcessStartInfo? r2rOurs;
    private ProcessStartInfo? r2rPeer;
    private ProcessStartInfo? r2rStart;

    /// <summary>The Native AOT executable, when a build of it exists.</summary>
    public static string? AotExecutable => Executable(AotDirectoryVariable);

    /// <summary>The ReadyToRun build's apphost, when a build of it exists.</summary>
    public static string? R2rExecutable => Executable(R2rDirectoryVariable);

    /// <summary>Finds this program (its apphost, else <c>dotnet exec</c> on the assembly) and the AOT build.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string assembly = Environment.GetEnvironmentVariable(HostVariable) is { Length: > 0 } host ? host : typeof(ColdLoginBenchmarks).Assembly.Location;
        string apphost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        jitOurs = File.Exists(apphost) ? Start(apphost, "ours") : StartWithDotnet(assembly, "ours");
        jitPeer = File.Exists(apphost) ? Start(apphost, "peer") : StartWithDotnet(assembly, "peer");
        jitStart = File.Exists(apphost) ? Start(apphost, "start") : StartWithDotnet(assembly, "start");
        if (AotExecutable is { } aot)
        {
            aotOurs = Start(aot, "ours");
            aotPeer = Start(aot, "peer");
            aotStart = Start(aot, "start");
        }

        if (R2rExecutable is { } r2r)
        {
            r2rOurs = Start(r2r, "ours");
            r2rPeer = Start(r2r, "peer");
            r2rStart = Start(r2r, "start");
        }

        foreach (string kind in new[] { "jit", "r2r", "aot" })
        {
            foreach (string side in new[] { "ours", "peer" })
            {
                if (ApartExecutable(kind, side) is { } executable)
                {
                    apart[kind + side] = Start(executable, side);
                    apart[kind + side + "start"] = Start(executable, "start");
                }
            }
        }
    }

    /// <summary>The one-client build of a kind and side (<see cref="ApartRootVariable"/>), when it exists.</summary>
    public static string? ApartExecutable(string kind, string side) =>
        Environment.GetEnvironmentVariable(ApartRootVariable) is { Length: > 0 } root
        && Path.Combine(root, "bench-" + kind + "-apart-" + side, OperatingSystem.IsWindows() ? "SsoOidcCodegen.Benchmarks.exe" : "SsoOidcCodegen.Benchmarks") is { } path
        && File.Exists(path) ? path : null;

    /// <summary>Our client alone in its program, JIT.</summary>
    [Benchmark]
    public void ApartJitOurs() => LaunchApart("jitours");

    /// <summary>The official SDK alone in its program, JIT.</summary>
    [Benchmark]
    public void ApartJitPeer() => LaunchApart("jitpeer");

    /// <summary>The program with our client alone, returning before it does anything, JIT.</summary>
    [Benchmark]
    public void ApartJitStartOurs() => LaunchApart("jitoursstart");

    /// <summary>The program with the official SDK alone, returning before it does anything, JIT.</summary>
    [Benchmark]
    public void ApartJitStartPeer() => LaunchApart("jitpeerstart");

    /// <summary>Our client alone in its program, ReadyToRun.</summary>
    [Benchmark]
    public void ApartR2rOurs() => LaunchApart("r2rours");

    /// <summary>The official SDK alone in its program, ReadyToRun.</summary>
    [Benchmark]
    public void ApartR2rPeer() => LaunchApart("r2rpeer");

    /// <summary>The program with our client alone, returning before it does anything, ReadyToRun.</summary>
    [Benchmark]
    public void ApartR2rStartOurs() => LaunchApart("r2roursstart");

    /// <summary>The program with the official SDK alone, returning before it does anything, ReadyToRun.</summary>
    [Benchmark]
    public void ApartR2rStartPeer() => LaunchApart("r2rpeerstart");

    /// <summary>Our client alone in its program, Native AOT.</summary>
    [Benchmark]
    public void ApartAotOurs() => LaunchApart("aotours");

    /// <summary>The official SDK alone in its program, Native AOT.</summary>
    [Benchmark]
    public void ApartAotPeer() => LaunchApart("aotpeer");

    /// <summary>The program with our client alone, returning before it does anything, Native AOT.</summary>
    [Benchmark]
    public void ApartAotStartOurs() => LaunchApart("aotoursstart");

    /// <summary>The program with the official SDK alone, returning before it does anything, Native AOT.</summary>
    [Benchmark]
    public void ApartAotStartPeer() => LaunchApart("aotpeerstart");

    private void LaunchApart(string key) =>
        Launch(apart.TryGetValue(key, out ProcessStartInfo? info) ? info : throw new InvalidOperationException($"No one-client build for {key}: set {ApartRootVariable}."));

    /// <summary>Our generated client, JIT.</summary>
    [Benchmark(Baseline = true)]
    public void JitOurs() => Launch(jitOurs);

    /// <summary>The official SDK, JIT.</summary>
    [Benchmark]
    public void JitPeer() => Launch(jitPeer);

    /// <summary>Our generated client, Native AOT (skipped when there is no AOT build).</summary>
    /// <summary>The same program under the JIT, returning before either client does anything.</summary>
    [Benchmark]
    public void JitStart() => Launch(jitStart);

    [Benchmark]
    public void AotOurs() => Launch(aotOurs ?? throw new InvalidOperationException($"No Native AOT build: set {AotDirectoryVariable}."));

    /// <summary>The official SDK, Native AOT (skipped when there is no AOT build).</summary>
    [Benchmark]
    public void AotPeer() => Launch(aotPeer ?? throw new InvalidOperationException($"No Native AOT build: set {AotDirectoryVariable}."));

    /// <summary>Our generated client, ReadyToRun (skipped when there is no ReadyToRun build).</summary>
    [Benchmark]
    public void R2rOurs() => Launch(r2rOurs ?? throw new InvalidOperationException($"No ReadyToRun build: set {R2rDirectoryVariable}."));

    /// <summary>The official SDK, ReadyToRun (skipped when there is no ReadyToRun build).</summary>
    [Benchmark]
    public void R2rPeer() => Launch(r2rPeer ?? throw new InvalidOperationException($"No ReadyToRun build: set {R2rDirectoryVariable}."));

    /// <summary>The Native AOT program, returning before either client does anything.</summary>
    [Benchmark]
    public void AotStart() => Launch(aotStart ?? throw new InvalidOperationException($"No Native AOT build: set {AotDirectoryVariable}."));

    /// <summary>The ReadyToRun program, returning before either client does anything.</summary>
    [Benchmark]
    public void R2rStart() => Launch(r2rStart ?? throw new InvalidOperationException($"No ReadyToRun build: set {R2rDirectoryVariable}."));

    private static string? Executable(string variable)
    {
        string? directory = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        string path = Path.Combine(directory, OperatingSystem.IsWindows() ? "SsoOidcCodegen.Benchmarks.exe" : "SsoOidcCodegen.Benchmarks");
        return File.Exists(path) ? path : null;
    }

    private static ProcessStartInfo Start(string executable, string side)
    {
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("--cold");
        info.ArgumentList.Add(side);
        return info;
    }

    private static ProcessStartInfo StartWithDotnet(string assembly, string side)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add("--cold");
        info.ArgumentList.Add(side);
        return info;
    }

    private static void Launch(ProcessStartInfo info)
    {
        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{info.FileName} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}: {errors}");
        }
    }
}

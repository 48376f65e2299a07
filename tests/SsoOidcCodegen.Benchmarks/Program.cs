namespace SsoOidcCodegen.Benchmarks;

using System.Runtime.CompilerServices;

/// <summary>
/// The benchmark program. <c>--cold ours|peer</c> runs one cold device-code login and exits (the
/// cold benchmark launches the program that way for every sample); anything else runs the suite.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args) =>
        args.Length == 2 && args[0] == "--cold" ? RunColdLogin(args[1]) : RunSuite(args);

    // Kept apart so that a cold login never loads BenchmarkDotNet or Roslyn.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunColdLogin(string side) => Cold.ColdLogin.Run(side);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunSuite(string[] args) => BenchmarkSuite.Run(args);
}

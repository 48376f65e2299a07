namespace SsoOidcCodegen.Benchmarks;

using System.Runtime.CompilerServices;

/// <summary>
/// The benchmark program. <c>--cold ours|peer</c> runs one cold device-code login and exits (the
/// cold benchmark launches the program that way for every sample); anything else runs the suite.
/// Built with <c>-p:BenchAot=true</c> (Native AOT), only the cold-login mode is compiled in.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args) =>
        args.Length == 2 && args[0] == "--cold" ? RunColdLogin(args[1]) : RunSuite(args);

    // Kept apart so that a cold login never loads BenchmarkDotNet or Roslyn.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunColdLogin(string side) => Cold.ColdLogin.Run(side);

#if COLD_LOGIN_ONLY
    private static int RunSuite(string[] args)
    {
        System.Console.Error.WriteLine($"This Native AOT build only runs '--cold ours|peer' (got '{string.Join(' ', args)}').");
        return 64;
    }
#else
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunSuite(string[] args) =>
#if DYNAMODB_BENCH
        args.Length is 2 or 3 && args[0] == "--alloc-profile" ? DynamoDb.AllocationProfile.Run(args[1], args.Length == 3 ? args[2] : "ours") :
#endif
        args.Length == 5 && args[0] == "--spin" ? Profiling.Spin.Run(args[1], args[2], args[3], args[4]) :
        BenchmarkSuite.Run(args);
#endif
}

namespace SsoOidcCodegen.Tests.Infrastructure;

using System.IO;
using System.Reflection;
using System.Runtime.Loader;

/// <summary>
/// Loads an assembly a test compiled (a generated client, an endpoint resolver, a suite's clients) into a load
/// context of its own, so that models whose namespaces or assembly names repeat never meet. The runtime assembly is
/// not loaded there: it resolves to the test's own copy in the default context.
/// </summary>
/// <remarks>
/// The contexts are not collectible. A collectible context nothing references is unloaded by its finalizer, at a
/// time the garbage collector picks, while other tests run on the process's other threads: a test process that
/// unloaded hundreds of generated clients that way died of SIGSEGV in CI (exit code 139, 2026-12-01) with no test
/// failing. An unloaded context frees memory the run does not need (the whole suite's clients stay well within a
/// few GB), so the unloading is gone rather than investigated in a CI run that cannot be repeated.
/// </remarks>
public static class TestAssemblies
{
    /// <summary>Loads <paramref name="image"/> (read from its current position) into a new, non-collectible context named <paramref name="name"/>.</summary>
    public static Assembly Load(string name, Stream image) => new AssemblyLoadContext(name, isCollectible: false).LoadFromStream(image);
}

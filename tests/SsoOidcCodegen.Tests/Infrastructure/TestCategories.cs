namespace SsoOidcCodegen.Tests;

/// <summary>
/// The test groups, one <c>Category</c> trait per test class, so <c>dotnet test --filter Category=Generator</c>
/// (or <c>Runtime</c>, <c>Integration</c>, <c>Package</c>) runs one of them; a test checks that every class has one.
/// </summary>
public static class TestCategories
{
    /// <summary>The generator alone: emitter snapshots from specs, the driver snapshot, caching, diagnostics, compile-the-output.</summary>
    public const string Generator = "Generator";

    /// <summary>The runtime library alone: signing, credentials, retry, the pipeline, endpoints functions, waiters and paginators against scripted answers.</summary>
    public const string Runtime = "Runtime";

    /// <summary>Parts together: the local service, end to end login flows and processes, parity with the official SDK, protocol and endpoint conformance.</summary>
    public const string Integration = "Integration";

    /// <summary>The packed packages, installed and consumed as a user would.</summary>
    public const string Package = "Package";

    /// <summary>Every group, in the order a CI run would take them.</summary>
    public static readonly string[] All = { Generator, Runtime, Integration, Package };
}

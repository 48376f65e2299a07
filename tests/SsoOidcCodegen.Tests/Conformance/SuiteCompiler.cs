namespace SsoOidcCodegen.Tests.Conformance;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Parsing;
using SsoOidcCodegen.Tests.Infrastructure;

/// <summary>
/// Builds every suite of a suite file into a client: all suites of the file go through one generator
/// run and one compilation (each in its own namespace), the assembly is emitted in memory and loaded
/// into a collectible load context. Built once per file and cached for the whole run.
/// </summary>
public static class SuiteCompiler
{
    /// <summary>The client class name every suite's client gets.</summary>
    public const string ClientName = "ProtocolClient";

    private static readonly ConcurrentDictionary<SuiteFile, Lazy<CompiledFile>> Cache = new();

    /// <summary>The built client of a suite, or the reason it could not be built.</summary>
    public static SuiteBuild For(ProtocolSuite suite) =>
        Cache.GetOrAdd(suite.File, file => new Lazy<CompiledFile>(() => Compile(file), LazyThreadSafetyMode.ExecutionAndPublication))
            .Value.Builds[suite];

    private static CompiledFile Compile(SuiteFile file)
    {
        var builds = new Dictionary<ProtocolSuite, SuiteBuild>();
        var specs = new Dictionary<ProtocolSuite, ServiceSpec>();
        foreach (ProtocolSuite suite in file.Suites)
        {
            // The same parse the generator makes: property names and types come from here.
            ParseResult parsed = ServiceModelParser.Parse(Input(suite), CancellationToken.None);
            if (parsed.Spec is null)
            {
                builds[suite] = SuiteBuild.Failed("The model does not parse:\n" + string.Join("\n", parsed.Diagnostics.Select(d => d.ToDiagnostic().ToString())));
            }
            else
            {
                specs[suite] = parsed.Spec;
            }
        }

        // Compile every suite that parsed; a suite whose code does not compile is left out and the rest compiled again.
        var remaining = specs.Keys.ToList();
        while (remaining.Count > 0)
        {
            GeneratorRun run = GeneratorHarness.Run(remaining.Select(s => new ModelFile(s.ModelPath, s.ModelJson, Namespace: s.Namespace, ClientName: ClientName)));
            var problems = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                .Concat(run.CompileDiagnostics)
                .ToList();
            var broken = new Dictionary<ProtocolSuite, List<Diagnostic>>();
            foreach (Diagnostic problem in problems)
            {
                ProtocolSuite? owner = remaining.FirstOrDefault(s => Owns(s, problem));
                if (owner is null)
                {
                    throw new InvalidOperationException($"{file.Label}: a diagnostic no suite owns: {problem}");
                }

                (broken.TryGetValue(owner, out List<Diagnostic>? list) ? list : broken[owner] = new List<Diagnostic>()).Add(problem);
            }

            if (broken.Count == 0)
            {
                Assembly assembly = Load(file, run.Compilation);
                foreach (ProtocolSuite suite in remaining)
                {
                    builds[suite] = SuiteBuild.Built(specs[suite], assembly);
                }

                break;
            }

            foreach (KeyValuePair<ProtocolSuite, List<Diagnostic>> pair in broken)
            {
                builds[pair.Key] = SuiteBuild.Failed("The generated client does not compile:\n" + GeneratorRun.Describe(pair.Value));
                remaining.Remove(pair.Key);
            }
        }

        return new CompiledFile(builds);
    }

    private static ModelInput Input(ProtocolSuite suite) =>
        new ModelInput { Path = suite.ModelPath, Text = suite.ModelJson, Options = new ModelOptions { Namespace = suite.Namespace, ClientName = ClientName } };

    /// <summary>
    /// A generator diagnostic points into the suite's model (or, without a location, names the model);
    /// a compiler diagnostic points into a file whose hint name starts with the model's identity.
    /// </summary>
    private static bool Owns(ProtocolSuite suite, Diagnostic diagnostic)
    {
        string identity = ServiceModelParser.ModelIdentity(suite.ModelPath);
        string? path = diagnostic.Location.SourceTree?.FilePath ?? diagnostic.Location.GetLineSpan().Path;
        if (string.IsNullOrEmpty(path))
        {
            return diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'" + identity + "'", StringComparison.Ordinal);
        }

        return path == suite.ModelPath
            || Path.GetFileName(path).StartsWith(identity + "." + suite.Namespace + ".", StringComparison.Ordinal);
    }

    private static Assembly Load(SuiteFile file, Compilation compilation)
    {
        using var image = new MemoryStream();
        EmitResult result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{file.Label}: emit failed:\n" + GeneratorRun.Describe(result.Diagnostics));
        }

        image.Position = 0;

        return TestAssemblies.Load("conformance " + file.Label, image);
    }

    private sealed record CompiledFile(Dictionary<ProtocolSuite, SuiteBuild> Builds);
}

/// <summary>A suite's generated client (with the spec it was generated from), or why there is none.</summary>
public sealed class SuiteBuild
{
    private SuiteBuild(ServiceSpec? spec, Assembly? assembly, string? failure)
    {
        Spec = spec;
        Assembly = assembly;
        Failure = failure;
    }

    internal ServiceSpec? Spec { get; }

    /// <summary>The assembly that holds the suite's client.</summary>
    public Assembly? Assembly { get; }

    /// <summary>Why the suite has no client.</summary>
    public string? Failure { get; }

    internal static SuiteBuild Built(ServiceSpec spec, Assembly assembly) => new(spec, assembly, null);

    internal static SuiteBuild Failed(string failure) => new(null, null, failure);
}

namespace SsoOidcCodegen.Benchmarks.Generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

/// <summary>
/// The compile time of what the generator emits: the generated sources of a model (already parsed)
/// bound and emitted to an assembly with the runtime and the BCL referenced, as the consumer's build
/// does after the generator ran. Measured on our SSO OIDC model and on ec2, the largest AWS model.
/// </summary>
[MemoryDiagnoser]
public class CompileOutputBenchmarks
{
    private ImmutableArray<SyntaxTree> generated;
    private ImmutableArray<MetadataReference> references;

    /// <summary>The model of this case.</summary>
    [ParamsSource(nameof(ModelNames))]
    public string Model { get; set; } = GeneratorModels.SsoOidc;

    /// <summary>SSO OIDC (small) and ec2 (largest) when its directory is there.</summary>
    public static IEnumerable<string> ModelNames => GeneratorModels.Names.Where(name => name is GeneratorModels.SsoOidc or GeneratorModels.Ec2);

    /// <summary>Runs the generator once, keeps its trees, and checks that they compile without errors.</summary>
    [GlobalSetup]
    public void Setup()
    {
        GeneratorModel model = GeneratorModels.Get(Model);
        GeneratorDriver driver = GeneratorHost.CreateDriver(GeneratorHost.Files(model, File.ReadAllText(model.Path))).RunGenerators(GeneratorHost.CreateCompilation(0));
        generated = driver.GetRunResult().GeneratedTrees;
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        references = tpa.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is { } name && (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name is "netstandard.dll" or "Microsoft.Win32.Primitives.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(SsoOidcCodegen.Runtime.AwsClient).Assembly.Location))
            .ToImmutableArray();
        EmitResult first = Emit();
        if (!first.Success)
        {
            throw new InvalidOperationException($"{Model}: the generated code does not compile: {first.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error)}");
        }
    }

    /// <summary>Binds and emits the generated sources (a new compilation each time, so nothing is reused).</summary>
    [Benchmark]
    public bool Compile() => Emit().Success;

    private EmitResult Emit()
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "CompiledOutput",
            generated,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));
        using var image = new MemoryStream();
        return compilation.Emit(image);
    }
}

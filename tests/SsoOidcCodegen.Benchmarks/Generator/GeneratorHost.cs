namespace SsoOidcCodegen.Benchmarks.Generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SsoOidcCodegen.Generator;

/// <summary>
/// Runs <see cref="ServiceClientGenerator"/> the way the compiler does: additional files whose
/// <c>build_metadata.AdditionalFiles.SsoOidcCodegenRole</c> is <c>ServiceModel</c> (or
/// <c>Paginators</c>), through a <see cref="CSharpGeneratorDriver"/>, without step tracking (as in a build).
/// </summary>
public static class GeneratorHost
{
    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>A model's additional files: the model, and its paginators file when it has one.</summary>
    public static ImmutableArray<AdditionalText> Files(GeneratorModel model, string modelText)
    {
        var files = ImmutableArray.CreateBuilder<AdditionalText>();
        files.Add(new InMemoryAdditionalText(model.Path, modelText, "ServiceModel", model.Path));
        if (model.PaginatorsPath is { } paginators)
        {
            files.Add(new InMemoryAdditionalText(paginators, System.IO.File.ReadAllText(paginators), "Paginators", model.Path));
        }

        return files.ToImmutable();
    }

    /// <summary>A new driver over the files (nothing cached yet).</summary>
    public static GeneratorDriver CreateDriver(ImmutableArray<AdditionalText> files) =>
        CSharpGeneratorDriver.Create(
            new[] { new ServiceClientGenerator().AsSourceGenerator() },
            files,
            ParseOptions,
            new OptionsProvider(),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>A compilation with one user source file whose text depends on <paramref name="revision"/>.</summary>
    public static CSharpCompilation CreateCompilation(int revision) =>
        CSharpCompilation.Create(
            "BenchmarkConsumer",
            new[] { UserTree(revision) },
            Array.Empty<MetadataReference>(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>The user's own source file, edited between revisions (a change the generator must ignore).</summary>
    public static SyntaxTree UserTree(int revision) =>
        CSharpSyntaxTree.ParseText($"namespace Consumer; public static class UserCode {{ public static int Revision => {revision}; }}", ParseOptions, "UserCode.cs");

    /// <summary>What one run produced: the number of sources and their characters; throws if the generator reported an error.</summary>
    public static (int Sources, long Characters, ImmutableArray<int> Lengths) Measure(GeneratorDriver driver)
    {
        GeneratorDriverRunResult result = driver.GetRunResult();
        Diagnostic? error = result.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null)
        {
            throw new InvalidOperationException("The generator reported an error: " + error);
        }

        ImmutableArray<int> lengths = result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.Length).ToImmutableArray();
        if (lengths.IsEmpty)
        {
            throw new InvalidOperationException("The generator produced no source.");
        }

        return (lengths.Length, lengths.Sum(l => (long)l), lengths);
    }

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText text;

        public InMemoryAdditionalText(string path, string content, string role, string modelPath)
        {
            Path = path;
            Role = role;
            ModelPath = modelPath;
            text = SourceText.From(content);
        }

        public override string Path { get; }

        public string Role { get; }

        public string ModelPath { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }

    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            textFile is InMemoryAdditionalText file ? new Options(file) : Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(null);
            private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

            public Options(InMemoryAdditionalText? file)
            {
                if (file is not null)
                {
                    values["build_metadata.AdditionalFiles.SsoOidcCodegenRole"] = file.Role;
                    values["build_metadata.AdditionalFiles.SsoOidcCodegenModel"] = file.ModelPath;
                }
            }

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}

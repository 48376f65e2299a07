namespace SsoOidcCodegen.Tests.Infrastructure;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SsoOidcCodegen.Generator;

/// <summary>A model file as the generator sees it: path, text, role and item metadata.</summary>
public sealed record ModelFile(string Path, string Text, string Role = "ServiceModel", string? ModelPath = null, string? Namespace = null, string? ClientName = null, string? Visibility = null, string? LeftOutSeverity = null, string? DefinedIn = null, string? Operations = null)
{
    /// <summary>Reads a model from disk, with its paginators, waiters and endpoint rule set files when they sit beside it (or <paramref name="waiters"/>).</summary>
    public static IReadOnlyList<ModelFile> FromDisk(string path, string? ns = null, string? clientName = null, string? waiters = null)
    {
        var files = new List<ModelFile> { new(path, File.ReadAllText(path), Namespace: ns, ClientName: clientName) };
        string waitersStem = System.Text.RegularExpressions.Regex.Replace(path, "(\\.service-2)?\\.json$", string.Empty);
        foreach (string candidate in waiters is null ? new[] { waitersStem + ".waiters.json", waitersStem + ".waiters-2.json" } : new[] { waiters })
        {
            if (File.Exists(candidate))
            {
                files.Add(new ModelFile(candidate, File.ReadAllText(candidate), "Waiters", ModelPath: path));
                break;
            }
        }

        string stem = System.Text.RegularExpressions.Regex.Replace(path, "(\\.service-2)?\\.json$", string.Empty);
        foreach (string candidate in new[] { stem + ".paginators.json", stem + ".paginators-1.json" })
        {
            if (File.Exists(candidate))
            {
                files.Add(new ModelFile(candidate, File.ReadAllText(candidate), "Paginators", ModelPath: path));
                break;
            }
        }

        foreach (string candidate in new[] { stem + ".endpoint-rule-set.json" })
        {
            if (File.Exists(candidate))
            {
                files.Add(new ModelFile(candidate, File.ReadAllText(candidate), "EndpointRuleSet", ModelPath: path));
            }
        }

        return files;
    }
}

/// <summary>Runs the generator the way the compiler does, and compiles what it produces.</summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>A driver that tracks steps, for the caching tests.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<ModelFile> files, CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new ServiceClientGenerator().AsSourceGenerator() },
            files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)),
            parseOptions ?? CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
            new InMemoryOptionsProvider(files),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Like <see cref="CreateDriver(IEnumerable{ModelFile}, CSharpParseOptions?)"/>, handing out the additional texts (to replace one later).</summary>
    public static GeneratorDriver CreateDriver(IReadOnlyList<ModelFile> files, out IReadOnlyList<AdditionalText> texts)
    {
        texts = files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToList();
        return CSharpGeneratorDriver.Create(
            new[] { new ServiceClientGenerator().AsSourceGenerator() },
            texts,
            CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
            new InMemoryOptionsProvider(files),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>
    /// Runs one model through a step-tracking driver, then the same driver after the model's text was replaced by
    /// <paramref name="edited"/>: the two runs' results, for the caching tests.
    /// </summary>
    public static (GeneratorRunResult Before, GeneratorRunResult After) RunBeforeAndAfterEdit(ModelFile model, string edited)
    {
        CSharpCompilation compilation = CreateCompilation("App");
        GeneratorDriver driver = CreateDriver(new[] { model }, out IReadOnlyList<AdditionalText> texts).RunGenerators(compilation, Xunit.TestContext.Current.CancellationToken);
        GeneratorRunResult before = driver.GetRunResult().Results.Single();
        driver = driver.ReplaceAdditionalText(texts[0], new InMemoryAdditionalText(model.Path, edited)).RunGenerators(compilation, Xunit.TestContext.Current.CancellationToken);
        return (before, driver.GetRunResult().Results.Single());
    }

    /// <summary>The path of a reference model by name: ours (<c>sso-oidc</c>), or one of <c>AWS_MODELS_DIR</c>'s corpus (<c>glue</c>, <c>dynamodb</c>).</summary>
    public static string ReferenceModelPath(string name) => name == "sso-oidc"
        ? Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.json")
        : Directory.EnumerateFiles(Path.Combine(ReferenceData.Models, "corpus"), name + "-*.json").Single(p => !p.Contains(".paginators", StringComparison.Ordinal));

    /// <summary>An empty compilation with the runtime and the BCL referenced, nullable on.</summary>
    public static CSharpCompilation CreateCompilation(string assemblyName = "Generated", params SyntaxTree[] trees) =>
        CSharpCompilation.Create(
            assemblyName,
            trees,
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress },
                concurrentBuild: true));

    /// <summary>Runs the generator on the files and returns its result and the compilation with the output.</summary>
    public static GeneratorRun Run(IEnumerable<ModelFile> files, params string[] extraSources)
    {
        List<ModelFile> list = files.ToList();
        CSharpCompilation compilation = CreateCompilation("Generated", extraSources.Select(s => CSharpSyntaxTree.ParseText(s, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest))).ToArray());
        GeneratorDriver driver = CreateDriver(list).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, driverDiagnostics);
    }

    /// <summary>
    /// Like <see cref="Run(IEnumerable{ModelFile}, string[])"/>, with documentation comments checked as in a
    /// project that generates a documentation file (malformed XML in a doc comment is then a warning).
    /// </summary>
    public static GeneratorRun RunWithDocumentation(IEnumerable<ModelFile> files)
    {
        CSharpParseOptions options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest).WithDocumentationMode(DocumentationMode.Diagnose);
        GeneratorDriver driver = CreateDriver(files.ToList(), options).RunGeneratorsAndUpdateCompilation(CreateCompilation(), out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, driverDiagnostics);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var references = tpa.Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll" or "Microsoft.Win32.Primitives.dll" || Path.GetFileName(p).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(SsoOidcCodegen.Runtime.AwsClient).Assembly.Location));
        return references.ToImmutableArray();
    }

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText text;

        public InMemoryAdditionalText(string path, string content)
        {
            Path = path;
            text = SourceText.From(content);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }

    private sealed class InMemoryOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<string, ModelFile> byPath;

        public InMemoryOptionsProvider(IEnumerable<ModelFile> files) => byPath = files.ToDictionary(f => f.Path, StringComparer.Ordinal);

        public override AnalyzerConfigOptions GlobalOptions => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            byPath.TryGetValue(textFile.Path, out ModelFile? file) ? new Options(file) : Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(null);
            private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

            public Options(ModelFile? file)
            {
                if (file is null)
                {
                    return;
                }

                values["build_metadata.AdditionalFiles.SsoOidcCodegenRole"] = file.Role;
                values["build_metadata.AdditionalFiles.SsoOidcCodegenModel"] = file.ModelPath ?? file.Path;
                if (file.Namespace is not null)
                {
                    values["build_metadata.AdditionalFiles.Namespace"] = file.Namespace;
                }

                if (file.ClientName is not null)
                {
                    values["build_metadata.AdditionalFiles.ClientName"] = file.ClientName;
                }

                if (file.Visibility is not null)
                {
                    values["build_metadata.AdditionalFiles.Visibility"] = file.Visibility;
                }

                if (file.LeftOutSeverity is not null)
                {
                    values["build_metadata.AdditionalFiles.LeftOutSeverity"] = file.LeftOutSeverity;
                }

                if (file.Operations is not null)
                {
                    values["build_metadata.AdditionalFiles.Operations"] = file.Operations;
                }

                if (file.DefinedIn is not null)
                {
                    values["build_metadata.AdditionalFiles.SsoOidcCodegenDefinedIn"] = file.DefinedIn;
                }
            }

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}

/// <summary>What one generator run produced.</summary>
public sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Compilation, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    /// <summary>Every generated source.</summary>
    public IEnumerable<GeneratedSourceResult> Sources => Result.Results.SelectMany(r => r.GeneratedSources);

    /// <summary>The generator's own diagnostics.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>Compiler diagnostics of the compilation with the generated code (warnings are errors).</summary>
    public IReadOnlyList<Diagnostic> CompileDiagnostics => Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>
    /// The text of the generated internal class of that name, from its <c>class</c> line to its closing brace, or null
    /// when none was generated (the wire files hold their serializers and operations a few dozen to a file).
    /// </summary>
    public string? InternalClass(string name)
    {
        string declaration = "\ninternal static class " + name + "\n";
        foreach (GeneratedSourceResult source in Sources)
        {
            string text = source.SourceText.ToString();
            int start = text.IndexOf(declaration, StringComparison.Ordinal);
            if (start >= 0)
            {
                int end = text.IndexOf("\n}\n", start, StringComparison.Ordinal);
                return text.Substring(start + 1, end - start + 1);
            }
        }

        return null;
    }

    /// <summary>A readable list of diagnostics for assertion messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join(Environment.NewLine, diagnostics.Take(30).Select(d => d.ToString()));
}

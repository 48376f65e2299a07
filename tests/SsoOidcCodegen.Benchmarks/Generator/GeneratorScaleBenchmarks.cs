namespace SsoOidcCodegen.Benchmarks.Generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

/// <summary>
/// The generator's cost against model size: a cold run (a new driver: parse and emit) of every model in
/// <c>AWS_MODELS_DIR</c> and <c>AWS_NEXT_MODELS_DIR</c> (with its paginators), for the "ms per model against MB"
/// plot of docs/benchmarks.md and a least-squares line through it (<see cref="Reporting.FigureReader.GeneratorScale"/>).
/// </summary>
[MemoryDiagnoser]
public class GeneratorScaleBenchmarks
{
    private ImmutableArray<AdditionalText> files;
    private CSharpCompilation compilation = null!;

    /// <summary>The model of this case: a file name without its extension.</summary>
    [ParamsSource(nameof(ModelNames))]
    public string Model { get; set; } = string.Empty;

    /// <summary>Every model file that is available, smallest first.</summary>
    public static IReadOnlyList<GeneratorModel> Models { get; } = FindModels();

    /// <summary>The values of <see cref="Model"/>.</summary>
    public static IEnumerable<string> ModelNames => Models.Select(model => model.Name);

    /// <summary>Reads the model and checks that it generates without errors.</summary>
    [GlobalSetup]
    public void Setup()
    {
        GeneratorModel model = Models.First(m => m.Name == Model);
        files = GeneratorHost.Files(model, File.ReadAllText(model.Path));
        compilation = GeneratorHost.CreateCompilation(0);
        GeneratorHost.Measure(GeneratorHost.CreateDriver(files).RunGenerators(compilation));
    }

    /// <summary>A new driver: parse, emit and parse the output as the compiler's first build does.</summary>
    [Benchmark]
    public int Cold() => GeneratorHost.CreateDriver(files).RunGenerators(compilation).GetRunResult().GeneratedTrees.Length;

    private static List<GeneratorModel> FindModels()
    {
        var found = new List<GeneratorModel> { new(GeneratorModels.SsoOidc, RepositoryPaths.SsoOidcModel, null) };
        foreach (string? directory in new[] { RepositoryPaths.ModelsDirectory, RepositoryPaths.NextModelsDirectory })
        {
            if (directory is null)
            {
                continue;
            }

            foreach (string path in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories))
            {
                string file = Path.GetFileName(path);
                if (file.Contains(".paginators", StringComparison.Ordinal) || file.Contains(".waiters", StringComparison.Ordinal)
                    || file.Contains("endpoint-rule-set", StringComparison.Ordinal) || file.Contains(".examples", StringComparison.Ordinal)
                    || !Regex.IsMatch(file, "-\\d{4}-\\d{2}-\\d{2}(\\.service-2)?\\.json$")
                    || path.Contains(Path.DirectorySeparatorChar + "history" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    continue;
                }

                string name = Regex.Replace(file, "(\\.service-2)?\\.json$", string.Empty);
                if (found.All(m => m.Name != name))
                {
                    string stem = Path.Combine(Path.GetDirectoryName(path)!, name);
                    found.Add(new GeneratorModel(name, path, new[] { stem + ".paginators.json", stem + ".paginators-1.json" }.FirstOrDefault(File.Exists)));
                }
            }
        }

        return found.OrderBy(m => m.Bytes).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
    }
}

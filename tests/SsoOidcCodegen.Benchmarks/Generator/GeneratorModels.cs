namespace SsoOidcCodegen.Benchmarks.Generator;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

/// <summary>A model the generator benchmarks run on: its file, its paginators file, and a short name.</summary>
public sealed record GeneratorModel(string Name, string Path, string? PaginatorsPath)
{
    /// <summary>The model file's size in bytes (what "per megabyte" divides by).</summary>
    public long Bytes => new FileInfo(Path).Length;
}

/// <summary>
/// The models measured: our SSO OIDC model, glue (1.3 MB) from <c>AWS_MODELS_DIR</c>, the largest
/// model there when it is not glue, and ec2 (4 MB, the largest AWS model) from <c>AWS_NEXT_MODELS_DIR</c>.
/// </summary>
public static class GeneratorModels
{
    /// <summary>The short name of our SSO OIDC model.</summary>
    public const string SsoOidc = "sso-oidc";

    /// <summary>The short name of the glue model.</summary>
    public const string Glue = "glue";

    /// <summary>The short name of the ec2 model (ec2Query, 4 MB).</summary>
    public const string Ec2 = "ec2";

    /// <summary>Every model that is available, by short name, in the order they are reported.</summary>
    public static IReadOnlyList<GeneratorModel> Available { get; } = Find();

    /// <summary>The names of <see cref="Available"/> (the benchmark's parameter values).</summary>
    public static IEnumerable<string> Names => Available.Select(model => model.Name);

    /// <summary>A model by short name.</summary>
    public static GeneratorModel Get(string name) =>
        Available.FirstOrDefault(model => model.Name == name) ?? throw new ArgumentException($"No model named '{name}'.", nameof(name));

    /// <summary>Why a model is missing, or null.</summary>
    public static string? MissingReason { get; private set; }

    private static List<GeneratorModel> Find()
    {
        var models = new List<GeneratorModel> { new(SsoOidc, RepositoryPaths.SsoOidcModel, null) };
        AddAwsModels(models);
        string? ec2 = RepositoryPaths.NextModelsDirectory is { } next
            ? Directory.EnumerateFiles(next, "ec2-*.json").Where(path => !path.Contains(".paginators", StringComparison.Ordinal) && !path.Contains(".waiters", StringComparison.Ordinal)).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (ec2 is not null)
        {
            models.Add(new GeneratorModel(Ec2, ec2, Paginators(ec2)));
        }
        else
        {
            MissingReason = (MissingReason is null ? string.Empty : MissingReason + "; ")
                + $"no ec2-*.json in the next models directory: set {RepositoryPaths.NextModelsVariable} (default ../shared/aws/next/models); ec2 is not measured";
        }

        return models;
    }

    private static void AddAwsModels(List<GeneratorModel> models)
    {
        string? directory = RepositoryPaths.ModelsDirectory;
        if (directory is null)
        {
            MissingReason = $"the AWS models directory is missing: set {RepositoryPaths.ModelsVariable} (default ../shared/aws/models); glue and the largest model are not measured";
            return;
        }

        List<string> files = Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(".paginators.json", StringComparison.Ordinal) && !path.EndsWith(".paginators-1.json", StringComparison.Ordinal))
            .Where(path => !path.Contains("endpoint-rule-set", StringComparison.Ordinal))
            .OrderByDescending(path => new FileInfo(path).Length)
            .ThenBy(path => path, StringComparer.Ordinal)
            .ToList();
        string? glue = files.FirstOrDefault(path => System.IO.Path.GetFileName(path).StartsWith("glue-", StringComparison.Ordinal));
        if (glue is not null)
        {
            models.Add(new GeneratorModel(Glue, glue, Paginators(glue)));
        }
        else
        {
            MissingReason = $"no glue-*.json under {directory}";
        }

        if (files.Count > 0 && files[0] != glue)
        {
            models.Add(new GeneratorModel(ShortName(files[0]), files[0], Paginators(files[0])));
        }
    }

    private static string ShortName(string path) =>
        Regex.Replace(System.IO.Path.GetFileNameWithoutExtension(path), "-\\d{4}-\\d{2}-\\d{2}.*$", string.Empty);

    private static string? Paginators(string modelPath)
    {
        string stem = Regex.Replace(modelPath, "(\\.service-2)?\\.json$", string.Empty);
        return new[] { stem + ".paginators.json", stem + ".paginators-1.json" }.FirstOrDefault(File.Exists);
    }
}

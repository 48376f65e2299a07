namespace SsoOidcCodegen.Benchmarks;

using System;
using System.IO;

/// <summary>Where the repository and the reference models are (the tests' conventions).</summary>
public static class RepositoryPaths
{
    /// <summary>The variable naming the directory of AWS models; default <c>../shared/aws/models</c> beside the repository.</summary>
    public const string ModelsVariable = "AWS_MODELS_DIR";

    /// <summary>The variable naming the directory of the later protocols' models (ec2 among them); default <c>../shared/aws/next/models</c>.</summary>
    public const string NextModelsVariable = "AWS_NEXT_MODELS_DIR";

    /// <summary>The repository root: the directory that holds <c>SsoOidcCodegen.sln</c>.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Our SSO OIDC model, the one the generated client is built from.</summary>
    public static string SsoOidcModel => Path.Combine(RepoRoot, "model", "sso-oidc-2019-06-10.json");

    /// <summary>The AWS models directory, or null when it does not exist.</summary>
    public static string? ModelsDirectory
    {
        get
        {
            string? value = Environment.GetEnvironmentVariable(ModelsVariable);
            string path = !string.IsNullOrEmpty(value)
                ? Path.GetFullPath(value)
                : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "aws", "models"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>The directory of the later protocols' models, or null when it does not exist.</summary>
    public static string? NextModelsDirectory
    {
        get
        {
            string? value = Environment.GetEnvironmentVariable(NextModelsVariable);
            string path = !string.IsNullOrEmpty(value)
                ? Path.GetFullPath(value)
                : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "aws", "next", "models"));
            return Directory.Exists(path) ? path : null;
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SsoOidcCodegen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SsoOidcCodegen.sln above '{AppContext.BaseDirectory}'.");
    }
}

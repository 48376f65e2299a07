namespace SsoOidcCodegen.Tests.Generator;

using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Every model generates a client that compiles with zero errors and zero warnings (nullable on,
/// warnings as errors): our model, every published SSO OIDC version, the SSO portal model and the
/// corpus of other rest-json and json services.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class CompileOutputTests
{
    public static TheoryData<string> ReferenceModels()
    {
        var data = new TheoryData<string>();
        string? models = ReferenceData.TryGet("AWS_MODELS_DIR", "aws/models");
        if (models is null)
        {
            data.Add("(AWS_MODELS_DIR missing)");
            return data;
        }

        foreach (string file in Directory.GetFiles(models, "*.json", SearchOption.AllDirectories)
                     .Where(f => !f.Contains(".paginators", System.StringComparison.Ordinal) && !f.Contains(".waiters", System.StringComparison.Ordinal) && !f.Contains(".endpoint-rule-set", System.StringComparison.Ordinal))
                     .OrderBy(f => f, System.StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(models, file).Replace('\\', '/'));
        }

        return data;
    }

    /// <summary>The protocols this generator speaks: a model in <c>AWS_NEXT_MODELS_DIR</c> that lists none of them waits for its protocol.</summary>
    private static readonly string[] NextProtocols = { "query", "ec2", "rest-xml", "smithy-rpc-v2-cbor", "json" };

    /// <summary>
    /// The models of <c>AWS_NEXT_MODELS_DIR</c> (sts, sns, iam, ec2, s3, route53, cloudwatch, arc-region-switch,
    /// sqs) that list a protocol this generator speaks in <c>metadata.protocols</c>, each file by name.
    /// </summary>
    public static TheoryData<string> NextModels()
    {
        var data = new TheoryData<string>();
        string? models = ReferenceData.TryGet("AWS_NEXT_MODELS_DIR", "aws/next/models");
        if (models is null)
        {
            data.Add("(AWS_NEXT_MODELS_DIR missing)");
            return data;
        }

        foreach (string file in Directory.GetFiles(models, "*.json")
                     .Where(f => !f.Contains(".paginators", System.StringComparison.Ordinal) && !f.Contains(".waiters", System.StringComparison.Ordinal))
                     .OrderBy(f => f, System.StringComparer.Ordinal))
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
            System.Text.Json.JsonElement metadata = document.RootElement.GetProperty("metadata");
            IEnumerable<string> protocols = metadata.TryGetProperty("protocols", out System.Text.Json.JsonElement list)
                ? list.EnumerateArray().Select(p => p.GetString()!)
                : new[] { metadata.GetProperty("protocol").GetString()! };
            if (protocols.Any(NextProtocols.Contains))
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NextModels))]
    public void Next_model_compiles_without_diagnostics(string fileName)
    {
        string models = ReferenceData.Require("AWS_NEXT_MODELS_DIR", "aws/next/models");
        AssertCompiles(ModelFile.FromDisk(Path.Combine(models, fileName)));
    }

    [Fact]
    public void Our_model_compiles_without_diagnostics()
    {
        string model = Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.json");
        AssertCompiles(ModelFile.FromDisk(model));
    }

    [Theory]
    [MemberData(nameof(ReferenceModels))]
    public void Reference_model_compiles_without_diagnostics(string relativePath)
    {
        string models = ReferenceData.Models;
        AssertCompiles(ModelFile.FromDisk(Path.Combine(models, relativePath)));
    }

    internal static void AssertCompiles(IReadOnlyList<ModelFile> files)
    {
        GeneratorRun run = GeneratorHarness.Run(files);
        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        List<Diagnostic> generatorProblems = run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "SOC007" && d.Id != "SOC009").ToList();
        Assert.True(generatorProblems.Count == 0, GeneratorRun.Describe(generatorProblems));
        Assert.NotEmpty(run.Sources);
        System.Collections.Immutable.ImmutableArray<Diagnostic> all = run.Compilation.GetDiagnostics();
        List<Diagnostic> problems = all.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, GeneratorRun.Describe(problems));

        // CS8019 is the compiler's own (hidden) "unnecessary using directive". Every runtime and BCL type the generated
        // code names is written global::-qualified, so no generated file of any kind needs (or carries) an unused using.
        List<Diagnostic> unusedUsings = all.Where(d => d.Id == "CS8019").ToList();
        if (System.Environment.GetEnvironmentVariable("SSOOIDC_CS8019_LOG") is { Length: > 0 } log)
        {
            File.AppendAllText(log, unusedUsings.Count + "\n");
        }

        Assert.True(unusedUsings.Count == 0, GeneratorRun.Describe(unusedUsings));

        // And no file imports a namespace at all: the one directive left is the error table's alias of the model namespace.
        List<string> usings = run.Compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.UsingDirectiveSyntax>())
            .Where(u => !(u.Alias?.Name.Identifier.ValueText == "Model" && u.SyntaxTree.FilePath.EndsWith("Errors.g.cs", System.StringComparison.Ordinal)))
            .Select(u => Path.GetFileName(u.SyntaxTree.FilePath) + ": " + u)
            .ToList();
        Assert.True(usings.Count == 0, string.Join("\n", usings));
    }
}

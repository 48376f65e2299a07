namespace SsoOidcCodegen.Tests.Paginators;

using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Every paginator of every corpus model (path tokens, <c>more_results</c>, several result keys,
/// <c>non_aggregate_keys</c> included) generates a <c>...PagesAsync</c> method; the client compiles
/// (the compile itself is also checked by <c>CompileOutputTests</c>).
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class CorpusPaginatorTests
{
    public static TheoryData<string> PaginatorFiles()
    {
        var data = new TheoryData<string>();
        string? models = ReferenceData.TryGet("AWS_MODELS_DIR", "aws/models");
        if (models is null)
        {
            data.Add("(AWS_MODELS_DIR missing)");
            return data;
        }

        foreach (string file in Directory.GetFiles(models, "*.paginators.json", SearchOption.AllDirectories).OrderBy(f => f, System.StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(models, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PaginatorFiles))]
    public void Every_paginator_of_the_model_generates_and_compiles(string paginatorsFile)
    {
        string paginatorsPath = Path.Combine(ReferenceData.Models, paginatorsFile);
        string model = paginatorsPath.Replace(".paginators.json", ".json", System.StringComparison.Ordinal);
        List<string> expected;
        using (JsonDocument document = JsonDocument.Parse(File.ReadAllText(paginatorsPath)))
        {
            expected = document.RootElement.GetProperty("pagination").EnumerateObject().Select(p => p.Name).ToList();
        }

        GeneratorRun run = GeneratorHarness.Run(ModelFile.FromDisk(model));

        List<Diagnostic> leftOut = run.GeneratorDiagnostics.Where(d => d.Id == "SOC009").ToList();
        Assert.True(leftOut.Count == 0, GeneratorRun.Describe(leftOut));
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        string source = string.Concat(run.Sources.Where(s => s.HintName.EndsWith("Client.Paginators.g.cs", System.StringComparison.Ordinal)).Select(s => s.SourceText.ToString()));
        foreach (string operation in expected)
        {
            Assert.Contains(" " + operation + "PagesAsync(", source, System.StringComparison.Ordinal);
        }
    }
}

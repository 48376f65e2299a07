namespace SsoOidcCodegen.Tests.Waiters;

using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Every waiter of every corpus model (the waiters files in <c>AWS_WAITERS_DIR</c>, one per model in
/// <c>AWS_MODELS_DIR/corpus</c>) generates a <c>WaitUntil...Async</c> method, and the client compiles
/// with zero errors and warnings.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class CorpusWaiterTests
{
    public static TheoryData<string> WaiterFiles()
    {
        var data = new TheoryData<string>();
        string? waiters = ReferenceData.TryGet("AWS_WAITERS_DIR", "aws/next/waiters");
        if (waiters is null)
        {
            data.Add("(AWS_WAITERS_DIR missing)");
            return data;
        }

        foreach (string file in Directory.GetFiles(waiters, "*.waiters.json").OrderBy(f => f, System.StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WaiterFiles))]
    public void Every_waiter_of_the_corpus_model_generates_and_compiles(string waitersFile)
    {
        string waitersPath = Path.Combine(ReferenceData.Waiters, waitersFile);
        string model = Path.Combine(ReferenceData.Models, "corpus", waitersFile.Replace(".waiters.json", ".json", System.StringComparison.Ordinal));
        Assert.True(File.Exists(model), $"no corpus model for {waitersFile}");
        List<string> expected = WaiterNames(waitersPath);

        GeneratorRun run = GeneratorHarness.Run(ModelFile.FromDisk(model, waiters: waitersPath));

        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        List<Diagnostic> leftOut = run.GeneratorDiagnostics.Where(d => d.Id == "SOC015").ToList();
        Assert.True(leftOut.Count == 0, GeneratorRun.Describe(leftOut));
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        string waitersSource = string.Concat(run.Sources.Where(s => s.HintName.EndsWith("Client.Waiters.g.cs", System.StringComparison.Ordinal) && !s.HintName.Contains(".I", System.StringComparison.Ordinal)).Select(s => s.SourceText.ToString()));
        foreach (string name in expected)
        {
            Assert.Contains(" WaitUntil" + name + "Async(", waitersSource, System.StringComparison.Ordinal);
        }

        int generated = System.Text.RegularExpressions.Regex.Matches(waitersSource, @"\bWaitUntil\w+Async\(").Count;
        Assert.Equal(expected.Count, generated);
    }

    /// <summary>The waiter names the file declares, read with System.Text.Json (not the generator's reader).</summary>
    internal static List<string> WaiterNames(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("waiters").EnumerateObject().Select(p => p.Name).ToList();
    }
}

namespace SsoOidcCodegen.Tests.Generator;

using System.Collections.Generic;
using System.IO;
using System.Linq;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>The committed files under generated/src are exactly what the generator writes today.</summary>
public sealed class GeneratedFolderTests
{
    private static string GeneratedDirectory => Path.Combine(
        ReferenceData.RepoRoot, "generated", "src", "SsoOidcCodegen.Generator", "SsoOidcCodegen.Generator.ServiceClientGenerator");

    [Fact]
    public void Committed_generated_sources_match_what_the_generator_produces_now()
    {
        string model = Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.json");
        GeneratorRun run = GeneratorHarness.Run(ModelFile.FromDisk(model, "SsoOidcCodegen.SsoOidc", "SsoOidcClient"));

        Dictionary<string, string> produced = run.Sources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Dictionary<string, string> committed = Directory.Exists(GeneratedDirectory)
            ? Directory.GetFiles(GeneratedDirectory).ToDictionary(f => Path.GetFileName(f), File.ReadAllText)
            : new Dictionary<string, string>();

        var problems = new List<string>();
        foreach (string missing in produced.Keys.Except(committed.Keys).OrderBy(k => k, System.StringComparer.Ordinal))
        {
            problems.Add($"not committed: {missing}");
        }

        foreach (string stale in committed.Keys.Except(produced.Keys).OrderBy(k => k, System.StringComparer.Ordinal))
        {
            problems.Add($"committed but no longer generated: {stale}");
        }

        foreach (string name in produced.Keys.Intersect(committed.Keys).OrderBy(k => k, System.StringComparer.Ordinal))
        {
            if (produced[name] != committed[name].Replace("\r\n", "\n"))
            {
                problems.Add($"differs: {name}\n{Snapshot.UnifiedDiff(committed[name], produced[name])}");
            }
        }

        Assert.True(produced.Count > 20, $"The generator produced only {produced.Count} files for the SSO OIDC model.");
        Assert.True(problems.Count == 0, "generated/src is stale; run `dotnet pwsh ./build.ps1 regen`:\n" + string.Join("\n", problems));
    }
}

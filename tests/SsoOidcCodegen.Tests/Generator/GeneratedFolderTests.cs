namespace SsoOidcCodegen.Tests.Generator;

using System.IO;
using System.Linq;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The driver snapshot of our model: the committed files under <c>generated/src</c> are exactly the sources the
/// generator writes for <c>model/sso-oidc-2019-06-10.json</c> today, and <c>generated/diagnostics.approved.txt</c>
/// every diagnostic it reports (one per line; empty for a clean model).
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class GeneratedFolderTests
{
    private static string GeneratedDirectory => Path.Combine(
        ReferenceData.RepoRoot, "generated", "src", "SsoOidcCodegen.Generator", "SsoOidcCodegen.Generator.ServiceClientGenerator");

    [Fact]
    public void Committed_generated_sources_and_diagnostics_match_what_the_generator_produces_now()
    {
        string model = Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.json");
        GeneratorRun run = GeneratorHarness.Run(ModelFile.FromDisk(model, "SsoOidcCodegen.SsoOidc", "SsoOidcClient"));

        Assert.True(run.Sources.Count() > 20, $"The generator produced only {run.Sources.Count()} files for the SSO OIDC model.");
        Snapshot.MatchDirectory(GeneratedDirectory, run.Sources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()), "run `dotnet pwsh ./build.ps1 regen`");
        Snapshot.MatchFile(
            Path.Combine(ReferenceData.RepoRoot, "generated", "diagnostics.approved.txt"),
            string.Concat(run.GeneratorDiagnostics.Select(d => d.ToString().Replace(ReferenceData.RepoRoot, "<repo>", System.StringComparison.Ordinal) + "\n")));
    }
}

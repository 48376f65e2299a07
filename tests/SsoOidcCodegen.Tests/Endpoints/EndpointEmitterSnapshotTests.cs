namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.IO;
using System.Linq;
using System.Threading;
using SsoOidcCodegen.Generator.Endpoints;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>The C# emitted for our SSO OIDC rule set, against approved snapshots (as the generated project would get it).</summary>
[Trait("Category", TestCategories.Generator)]
public sealed class EndpointEmitterSnapshotTests
{
    [Theory]
    [InlineData("SsoOidcEndpointParameters")]
    [InlineData("SsoOidcEndpointResolver")]
    public void Own_sso_oidc_rule_set_emits_the_approved_source(string typeName)
    {
        string path = Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.endpoint-rule-set.json");
        EndpointCompilation result = EndpointRuleSetCompiler.Compile(File.ReadAllText(path), path, "SsoOidcCodegen.SsoOidc", "SsoOidc", isPublic: true, CancellationToken.None);

        Assert.Empty(result.Diagnostics);
        EndpointGeneratedSource source = result.Sources.Single(source => source.HintName == "SsoOidcCodegen.SsoOidc." + typeName + ".g.cs");
        Snapshot.MatchFile(Path.Combine(ReferenceData.RepoRoot, "tests", "SsoOidcCodegen.Tests", "Endpoints", "Snapshots", typeName + ".verified.txt"), source.Text);
    }
}

namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.IO;
using System.Linq;
using System.Threading;
using SsoOidcCodegen.Generator.Endpoints;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The C# the rule-set compiler emits for our SSO OIDC rule set, on its own, equals the files the generator
/// committed under <c>generated/src</c> (the one driver snapshot): the compiler used alone and inside the
/// generator give the same source, and there is no second approved copy to keep in step.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class EndpointEmitterSnapshotTests
{
    [Theory]
    [InlineData("SsoOidcEndpointParameters")]
    [InlineData("SsoOidcEndpointResolver")]
    public void Own_sso_oidc_rule_set_emits_the_approved_source(string typeName)
    {
        string path = Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.endpoint-rule-set.json");
        EndpointCompilation result = EndpointRuleSetCompiler.Compile(File.ReadAllText(path), path, "SsoOidcCodegen.SsoOidc.Endpoints", "SsoOidc", isPublic: true, CancellationToken.None);

        Assert.Empty(result.Diagnostics);
        EndpointGeneratedSource source = result.Sources.Single(source => source.HintName == "SsoOidcCodegen.SsoOidc.Endpoints." + typeName + ".g.cs");
        string committed = Directory.GetFiles(Path.Combine(ReferenceData.RepoRoot, "generated", "src"), "sso-oidc-2019-06-10.SsoOidcCodegen.SsoOidc.Endpoints." + typeName + ".g.cs", SearchOption.AllDirectories).Single();
        Snapshot.MatchFile(committed, source.Text);
    }
}

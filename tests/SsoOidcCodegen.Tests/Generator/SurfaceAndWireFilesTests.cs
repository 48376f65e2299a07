namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Generator;
using SsoOidcCodegen.Generator.Emitting;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Parsing;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The service's files come from two pipeline outputs: the client's surface (from the spec) and what goes over the wire
/// (from <see cref="ServiceEmitter.ForWireFiles"/>'s spec, without the service's and operations' documentation, the endpoint
/// prefix and the signing name). The two together are the files one render of the whole spec gives, for every AWS model
/// here; an edit of what only the surface shows renders the surface alone.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class SurfaceAndWireFilesTests
{
    /// <summary>Every service model in <c>AWS_MODELS_DIR</c> and <c>AWS_NEXT_MODELS_DIR</c>, and ours.</summary>
    public static TheoryData<string> Models() => DocumentationSplitterTests.Models();

    [Theory]
    [MemberData(nameof(Models))]
    public void The_wire_files_from_the_spec_without_the_surfaces_fields_are_those_of_the_whole_spec(string file)
    {
        string path = Path.IsPathRooted(file) ? file : Path.Combine(ReferenceData.RepoRoot, file);
        ServiceSpec spec = Parse(path);
        Assert.NotEqual(spec, ServiceEmitter.ForWireFiles(spec));
        AssertSurfaceAndWireAreTheWhole(spec);
    }

    /// <summary>
    /// The fuzzer's mutated models (hostile names and documentation, damaged traits): for every one that parses, the two
    /// outputs are the files of one render. <c>SSOOIDC_FUZZ_SPLIT_CASES</c> cases (default 1,500), seed <c>SSOOIDC_FUZZ_SEED</c>.
    /// </summary>
    [Fact]
    public void Every_mutated_models_surface_and_wire_files_are_those_of_the_whole_spec()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("SSOOIDC_FUZZ_SPLIT_CASES"), out int n) ? n : 1500;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("SSOOIDC_FUZZ_SEED"), out int s) ? s : 20261202;
        List<Newtonsoft.Json.Linq.JObject> seeds = Fuzzing.ModelFuzzTests.SeedModels();
        var mutator = new Fuzzing.ModelMutator(seed);
        int emitted = 0;
        for (int i = 0; i < cases; i++)
        {
            (string fileName, string text, string story) = mutator.Next(seeds, i);
            ParseResult parsed = ServiceModelParser.Parse(new ModelInput { Path = "/fuzz/" + fileName, Text = text, Options = ModelOptions.Default }, TestContext.Current.CancellationToken);
            if (parsed.Spec is null)
            {
                continue;
            }

            try
            {
                AssertSurfaceAndWireAreTheWhole(parsed.Spec);
                emitted++;
            }
            catch (Exception exception) when (exception is Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"case {i} ({story}), seed {seed}: {exception.Message}");
            }
        }

        // Most mutations leave a model the generator accepts; a run where none did would test nothing.
        Assert.True(emitted > cases / 4, $"only {emitted} of {cases} cases parsed to a spec");
    }

    // The wire's files from ForWireFiles' spec and the surface's from the spec are, name for name and text for text, the
    // files one render of the whole spec gives; the surface's are in the service's namespace, the wire's in its
    // Internal, Endpoints and Model namespaces.
    private static void AssertSurfaceAndWireAreTheWhole(ServiceSpec spec)
    {
        List<GeneratedSource> whole = ServiceEmitter.EmitServiceFiles(spec, TestContext.Current.CancellationToken).ToList();
        List<GeneratedSource> wire = ServiceEmitter.EmitWireFiles(ServiceEmitter.ForWireFiles(spec), TestContext.Current.CancellationToken).ToList();
        List<GeneratedSource> surface = ServiceEmitter.EmitSurfaceFiles(spec, TestContext.Current.CancellationToken).ToList();

        Assert.NotEmpty(wire);
        Assert.Contains(surface, s => s.HintName.EndsWith("." + spec.ClientName + ".g.cs", StringComparison.Ordinal));
        Assert.Equal(whole.Count, wire.Count + surface.Count);
        Dictionary<string, string> texts = whole.ToDictionary(s => s.HintName, s => s.Text, StringComparer.Ordinal);
        foreach (GeneratedSource source in wire.Concat(surface))
        {
            Assert.True(texts.TryGetValue(source.HintName, out string? expected), source.HintName + " is not among the whole spec's files");
            Assert.True(expected == source.Text, source.HintName + " differs from the whole spec's");
        }

        string root = spec.ModelIdentity + "." + spec.Namespace + ".";
        Assert.All(surface, s => Assert.False(IsWire(s.HintName, root), s.HintName));
        Assert.All(wire, s => Assert.True(IsWire(s.HintName, root), s.HintName));
    }

    /// <summary>Edits of what only the surface shows, in ours and two larger AWS models.</summary>
    public static TheoryData<string, string> SurfaceEdits => new()
    {
        { "sso-oidc", "endpointPrefix" },
        { "sso-oidc", "operation documentation" },
        { "sso-oidc", "service documentation" },
        { "glue", "endpointPrefix" },
        { "glue", "operation documentation" },
        { "dynamodb", "signingName" },
        { "dynamodb", "operation documentation" },
    };

    [Theory]
    [MemberData(nameof(SurfaceEdits))]
    public void An_edit_of_what_only_the_surface_shows_leaves_the_wire_files_cached(string modelName, string what)
    {
        string path = GeneratorHarness.ReferenceModelPath(modelName);
        var json = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(path));
        string original = json.ToString();
        var metadata = (Newtonsoft.Json.Linq.JObject)json["metadata"]!;
        switch (what)
        {
            case "endpointPrefix":
                metadata["endpointPrefix"] = (string)metadata["endpointPrefix"]! + "-edited";
                break;
            case "signingName":
                metadata["signingName"] = (metadata["signingName"] is { } name ? (string)name! : (string)metadata["endpointPrefix"]!) + "-edited";
                break;
            case "service documentation":
                json["documentation"] = "<p>Edited by the caching test.</p>";
                break;
            default:
                var operations = ((Newtonsoft.Json.Linq.JObject)json["operations"]!).Properties().Where(p => p.Value["documentation"] is not null).ToList();
                operations[operations.Count / 2].Value["documentation"] = "<p>Edited by the caching test.</p>";
                break;
        }

        string changed = json.ToString();
        Assert.NotEqual(original, changed);

        (GeneratorRunResult first, GeneratorRunResult second) = GeneratorHarness.RunBeforeAndAfterEdit(new ModelFile("/models/" + Path.GetFileName(path), original), changed);

        Assert.Equal(IncrementalStepRunReason.Modified, Reason(second, TrackingNames.ServiceFiles));
        Assert.Equal(IncrementalStepRunReason.Unchanged, Reason(second, TrackingNames.WireFiles));
        // No model type file, with the documentation it shows, is rendered again (an edit of documentation reaches only
        // the documented files' step, where every file compares equal).
        Assert.All(second.TrackedSteps[TrackingNames.ModelTypeFiles].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.All(second.TrackedSteps[TrackingNames.DocumentedModelTypeFiles].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        // What the compiler gets: the same files; those that differ are all of the surface.
        Dictionary<string, string> before = first.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        Dictionary<string, string> after = second.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        string[] differing = before.Keys.Where(hint => before[hint] != after[hint]).ToArray();
        Assert.NotEmpty(differing);
        Assert.All(differing, hint => Assert.DoesNotMatch(@"\.(Internal|Endpoints|Model)\.", hint));
    }

    private static bool IsWire(string hintName, string root) =>
        hintName.StartsWith(root + "Internal.", StringComparison.Ordinal)
        || hintName.StartsWith(root + "Endpoints.", StringComparison.Ordinal)
        || hintName.StartsWith(root + "Model.", StringComparison.Ordinal);

    private static IncrementalStepRunReason Reason(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Single().Reason;

    // The model with its paginators, waiters and endpoint rule set where they are beside it (the corpus keeps rule
    // sets in the endpoint tests' folder), as the build passes them.
    private static ServiceSpec Parse(string path)
    {
        string paginators = Path.ChangeExtension(path, ".paginators.json");
        string waiters = Path.ChangeExtension(path, ".waiters.json");
        string service = Path.GetFileNameWithoutExtension(path);
        service = service.Length > 11 && service[^11] == '-' ? service[..^11] : service;
        string? ruleSet = new[] { Path.Combine(ReferenceData.EndpointTests, service + ".endpoint-rule-set-1.json"), Path.ChangeExtension(path, ".endpoint-rule-set.json") }.FirstOrDefault(File.Exists);
        var input = new ModelInput
        {
            Path = path,
            Text = File.ReadAllText(path),
            Options = ModelOptions.Default,
            PaginatorsPath = File.Exists(paginators) ? paginators : null,
            PaginatorsText = File.Exists(paginators) ? File.ReadAllText(paginators) : null,
            WaitersPath = File.Exists(waiters) ? waiters : null,
            WaitersText = File.Exists(waiters) ? File.ReadAllText(waiters) : null,
            EndpointRuleSetPath = ruleSet,
            EndpointRuleSetText = ruleSet is null ? null : File.ReadAllText(ruleSet),
        };
        ParseResult result = ServiceModelParser.Parse(input, TestContext.Current.CancellationToken);
        Assert.True(result.Spec is not null, Path.GetFileName(path) + ": " + string.Join("; ", result.Diagnostics.Where(d => d.IsError).Select(d => d.GetMessage())));
        return result.Spec!;
    }
}

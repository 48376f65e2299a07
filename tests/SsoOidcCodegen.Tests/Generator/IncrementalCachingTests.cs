namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SsoOidcCodegen.Generator;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Caching is tested, not assumed: two driver runs, and the reason of every tracked step's outputs
/// asserted against a table.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class IncrementalCachingTests
{
    /// <summary>Every tracking name the generator declares, read from <see cref="TrackingNames"/> so a new step cannot be forgotten here.</summary>
    private static readonly string[] TrackedSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    /// <summary>What a whitespace-only edit of the model does to each step: the text changes, the parse result does not, so nothing after it runs.</summary>
    private static readonly Dictionary<string, IncrementalStepRunReason[]> WhitespaceEditReasons = new()
    {
        [TrackingNames.ModelFiles] = new[] { IncrementalStepRunReason.Modified },
        [TrackingNames.CompanionFiles] = new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged },
        [TrackingNames.ModelInputs] = new[] { IncrementalStepRunReason.Modified },
        [TrackingNames.SplitModels] = new[] { IncrementalStepRunReason.Modified },
        [TrackingNames.StructureParseResults] = new[] { IncrementalStepRunReason.Unchanged },
        [TrackingNames.ParseResults] = new[] { IncrementalStepRunReason.Unchanged },
        [TrackingNames.Diagnostics] = new[] { IncrementalStepRunReason.Cached },
        [TrackingNames.Specs] = new[] { IncrementalStepRunReason.Cached },
        [TrackingNames.Documentation] = new[] { IncrementalStepRunReason.Cached },
        [TrackingNames.ModelTypeFiles] = new[] { IncrementalStepRunReason.Cached },
        [TrackingNames.DocumentedModelTypeFiles] = new[] { IncrementalStepRunReason.Cached },
        [TrackingNames.ServiceStructures] = new[] { IncrementalStepRunReason.Cached },
        [TrackingNames.DocumentedServiceStructures] = new[] { IncrementalStepRunReason.Cached },
        [TrackingNames.ServiceFiles] = new[] { IncrementalStepRunReason.Cached },
        [TrackingNames.WireFiles] = new[] { IncrementalStepRunReason.Cached },
        [TrackingNames.WirePlans] = new[] { IncrementalStepRunReason.Cached },
        [TrackingNames.WireClasses] = new[] { IncrementalStepRunReason.Cached },
        [TrackingNames.SurfacePlans] = new[] { IncrementalStepRunReason.Cached },
        [TrackingNames.SurfaceRenders] = new[] { IncrementalStepRunReason.Cached },
    };

    [Fact]
    public void The_run_reason_table_covers_every_tracking_name()
    {
        Assert.True(TrackedSteps.Length >= 5, "only " + TrackedSteps.Length + " tracking names found");
        Assert.Equal(TrackedSteps.OrderBy(n => n, StringComparer.Ordinal), WhitespaceEditReasons.Keys.OrderBy(n => n, StringComparer.Ordinal));
    }

    private static string ModelText => File.ReadAllText(Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.json"));

    private static string OtherModelText => ModelText
        .Replace("\"serviceId\": \"SSO OIDC\"", "\"serviceId\": \"Other OIDC\"", StringComparison.Ordinal);

    [Fact]
    public void An_unrelated_csharp_edit_leaves_every_step_cached_and_emits_nothing_new()
    {
        ModelFile model = new("/models/sso-oidc-2019-06-10.json", ModelText);
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("App", CSharpSyntaxTree.ParseText("class A { }", cancellationToken: TestContext.Current.CancellationToken));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { model }).RunGenerators(compilation, TestContext.Current.CancellationToken);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText("class A { int x; }", cancellationToken: TestContext.Current.CancellationToken));
        driver = driver.RunGenerators(edited, TestContext.Current.CancellationToken);
        GeneratorRunResult second = driver.GetRunResult().Results.Single();

        foreach (string step in TrackedSteps)
        {
            AssertReasons(second, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(first.GeneratedSources.Select(s => s.HintName), second.GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void Editing_model_A_regenerates_only_model_A()
    {
        ModelFile a = new("/models/a.json", ModelText, Namespace: "Apps.A");
        ModelFile b = new("/models/b.json", OtherModelText, Namespace: "Apps.B");
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("App");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { a, b }).RunGenerators(compilation, TestContext.Current.CancellationToken);

        AdditionalText oldA = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.ModelFiles]
            .SelectMany(s => s.Outputs).Select(o => o.Value).Select(ReadAdditionalText).First(t => t.Path == a.Path);
        string editedText = ModelText.Replace("Client for the IAM Identity Center OIDC service", "Edited client documentation", StringComparison.Ordinal);
        Assert.NotEqual(ModelText, editedText);
        driver = driver.ReplaceAdditionalText(oldA, new TextFile(a.Path, editedText)).RunGenerators(compilation, TestContext.Current.CancellationToken);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        // The parse results come from one step over all models (the documentation put back), one output per model.
        (object Value, IncrementalStepRunReason Reason)[] parse = result.TrackedSteps[TrackingNames.ParseResults].SelectMany(s => s.Outputs).ToArray();
        Assert.Equal(2, parse.Length);
        Assert.Contains(parse, o => o.Reason == IncrementalStepRunReason.Modified && Identity(o.Value) == "a");
        Assert.Contains(parse, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged && Identity(o.Value) == "b");

        // The edit is of documentation: neither model's text without documentation changed, so neither was parsed again.
        AssertReasons(result, TrackingNames.StructureParseResults, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);

        // Neither spec changed (documentation is written in where it is shown); model A's documentation did, B's did not.
        AssertReasons(result, TrackingNames.Specs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        IncrementalGeneratorRunStep[] documentation = result.TrackedSteps[TrackingNames.Documentation].ToArray();
        Assert.Equal(2, documentation.Length);
        Assert.Equal(1, documentation.Count(s => s.Outputs.Single().Reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, documentation.Count(s => s.Outputs.Single().Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        // Of the service files' inputs, model A's alone has new documentation in it (its service documentation).
        (object Value, IncrementalStepRunReason Reason)[] services = result.TrackedSteps[TrackingNames.ServiceFiles].SelectMany(s => s.Outputs).ToArray();
        Assert.Equal(2, services.Length);
        Assert.Equal(1, services.Count(o => o.Reason == IncrementalStepRunReason.Modified));
    }

    /// <summary>Models whose shape documentation is edited: ours, and two larger AWS models from <c>AWS_MODELS_DIR</c>.</summary>
    public static TheoryData<string, string> DocumentationEdits => new()
    {
        { "sso-oidc", "shape" },
        { "sso-oidc", "member" },
        { "glue", "shape" },
        { "glue", "member" },
        { "dynamodb", "member" },
    };

    [Theory]
    [MemberData(nameof(DocumentationEdits))]
    public void Editing_one_shapes_documentation_renders_only_that_shapes_file(string modelName, string what)
    {
        string path = GeneratorHarness.ReferenceModelPath(modelName);
        var json = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(path));
        var shapes = (Newtonsoft.Json.Linq.JObject)json["shapes"]!;

        // The middle structure that has the documentation asked for: the edit is neither the first item nor the last.
        List<Newtonsoft.Json.Linq.JProperty> candidates = shapes.Properties()
            .Where(p => (string?)p.Value["type"] == "structure" && p.Value["exception"] is null)
            .Where(p => what == "shape" ? p.Value["documentation"] is not null : p.Value["members"]?.Children<Newtonsoft.Json.Linq.JProperty>().Any(m => m.Value["documentation"] is not null) == true)
            .ToList();
        Assert.NotEmpty(candidates);
        Newtonsoft.Json.Linq.JProperty edited = candidates[candidates.Count / 2];
        string original = json.ToString();
        Newtonsoft.Json.Linq.JToken doc = what == "shape"
            ? edited.Value["documentation"]!
            : edited.Value["members"]!.Children<Newtonsoft.Json.Linq.JProperty>().First(m => m.Value["documentation"] is not null).Value["documentation"]!;
        ((Newtonsoft.Json.Linq.JValue)doc).Value = "<p>Edited by the caching test.</p>";
        string changed = json.ToString();

        (GeneratorRunResult first, GeneratorRunResult second) = GeneratorHarness.RunBeforeAndAfterEdit(new ModelFile("/models/" + Path.GetFileName(path), original), changed);

        // The text without documentation did not change, so the model was not parsed again, and its spec (documentation
        // placeholders in it) is equal; its documentation changed; of its model type files with the documentation they
        // show exactly one did; the input of every other file did not.
        AssertReasons(second, TrackingNames.StructureParseResults, IncrementalStepRunReason.Cached);
        AssertReasons(second, TrackingNames.Specs, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, TrackingNames.Documentation, IncrementalStepRunReason.Modified);
        AssertReasons(second, TrackingNames.ModelTypeFiles, IncrementalStepRunReason.Cached);
        IncrementalStepRunReason[] modelTypes = second.TrackedSteps[TrackingNames.DocumentedModelTypeFiles].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.True(modelTypes.Length > 2, $"{modelTypes.Length} model type files");
        Assert.Equal(1, modelTypes.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.All(modelTypes.Where(r => r != IncrementalStepRunReason.Modified), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        AssertReasons(second, TrackingNames.ServiceStructures, IncrementalStepRunReason.Cached);
        AssertReasons(second, TrackingNames.DocumentedServiceStructures, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, TrackingNames.ServiceFiles, IncrementalStepRunReason.Cached);
        AssertReasons(second, TrackingNames.WireFiles, IncrementalStepRunReason.Cached);
        AssertReasons(second, TrackingNames.WirePlans, IncrementalStepRunReason.Cached);
        AssertReasons(second, TrackingNames.WireClasses, IncrementalStepRunReason.Cached);
        AssertReasons(second, TrackingNames.SurfacePlans, IncrementalStepRunReason.Cached);
        AssertReasons(second, TrackingNames.SurfaceRenders, IncrementalStepRunReason.Cached);

        // What the compiler gets: the same files, and only the edited shape's text differs, holding the new words.
        Dictionary<string, string> before = first.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        Dictionary<string, string> after = second.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        string[] differing = before.Keys.Where(hint => before[hint] != after[hint]).ToArray();
        string only = Assert.Single(differing);
        Assert.Contains(".Model.", only, StringComparison.Ordinal);
        Assert.Contains("Edited by the caching test.", after[only], StringComparison.Ordinal);
        Assert.DoesNotContain("Edited by the caching test.", before[only], StringComparison.Ordinal);
    }

    /// <summary>
    /// Documentation added where there was none (a member's, in the middle of the model) numbers every placeholder after it
    /// anew: the model is parsed again, and its model type files after the edit have new placeholders; yet with the
    /// documentation they show, every file but the edited shape's compares equal, and only that file is rendered again.
    /// </summary>
    [Theory]
    [InlineData("dynamodb")]
    [InlineData("glue")]
    public void Documenting_an_undocumented_member_renders_only_that_shapes_file(string modelName)
    {
        string path = GeneratorHarness.ReferenceModelPath(modelName);
        var json = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(path));
        var shapes = (Newtonsoft.Json.Linq.JObject)json["shapes"]!;
        List<Newtonsoft.Json.Linq.JProperty> candidates = shapes.Properties()
            .Where(p => (string?)p.Value["type"] == "structure" && p.Value["exception"] is null)
            .Where(p => p.Value["members"]?.Children<Newtonsoft.Json.Linq.JProperty>().Any(m => m.Value["documentation"] is null) == true)
            .ToList();
        Assert.True(candidates.Count > 2, $"{candidates.Count} structures with an undocumented member");
        Newtonsoft.Json.Linq.JProperty edited = candidates[candidates.Count / 2];
        string original = json.ToString();
        var member = (Newtonsoft.Json.Linq.JObject)edited.Value["members"]!.Children<Newtonsoft.Json.Linq.JProperty>().First(m => m.Value["documentation"] is null).Value;
        member["documentation"] = "<p>Documented by the caching test.</p>";
        string changed = json.ToString();

        (GeneratorRunResult first, GeneratorRunResult second) = GeneratorHarness.RunBeforeAndAfterEdit(new ModelFile("/models/" + Path.GetFileName(path), original), changed);

        AssertReasons(second, TrackingNames.StructureParseResults, IncrementalStepRunReason.Modified);
        IncrementalStepRunReason[] numbered = second.TrackedSteps[TrackingNames.ModelTypeFiles].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.True(numbered.Count(r => r == IncrementalStepRunReason.Modified) > 1, "no model type file after the edit had its placeholders numbered anew");
        IncrementalStepRunReason[] modelTypes = second.TrackedSteps[TrackingNames.DocumentedModelTypeFiles].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.Equal(1, modelTypes.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.All(modelTypes.Where(r => r != IncrementalStepRunReason.Modified), r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));
        AssertReasons(second, TrackingNames.DocumentedServiceStructures, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, TrackingNames.ServiceFiles, IncrementalStepRunReason.Cached);

        Dictionary<string, string> before = first.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        Dictionary<string, string> after = second.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        string only = Assert.Single(before.Keys, hint => before[hint] != after[hint]);
        Assert.Contains("." + edited.Name + ".g.cs", only, StringComparison.Ordinal);
        Assert.Contains("Documented by the caching test.", after[only], StringComparison.Ordinal);
    }

    /// <summary>Models, and the operation whose input gets a member: one in the middle of the model's list.</summary>
    public static TheoryData<string> MemberAdditions => new() { "sso-oidc", "glue", "dynamodb" };

    /// <summary>
    /// Adding a member to one operation's input changes the wire plan, but of its serializer and operation classes only
    /// those whose view models show the member are rendered again (that input's serializer, the operations that send it);
    /// the others come from the cache, and the files are exactly those of a run that never saw the model before.
    /// </summary>
    [Theory]
    [MemberData(nameof(MemberAdditions))]
    public void Adding_a_member_renders_only_the_classes_that_show_it(string modelName)
    {
        string path = GeneratorHarness.ReferenceModelPath(modelName);
        var json = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(path));
        var shapes = (Newtonsoft.Json.Linq.JObject)json["shapes"]!;
        List<string> inputs = ((Newtonsoft.Json.Linq.JObject)json["operations"]!).Properties()
            .Select(p => (string?)p.Value["input"]?["shape"])
            .Where(name => name is not null && shapes[name]?["members"] is Newtonsoft.Json.Linq.JObject)
            .Select(name => name!)
            .ToList();
        Assert.NotEmpty(inputs);
        string input = inputs[inputs.Count / 2];
        string stringShape = shapes.Properties().First(p => (string?)p.Value["type"] == "string" && p.Value["enum"] is null).Name;
        string original = json.ToString();
        ((Newtonsoft.Json.Linq.JObject)shapes[input]!["members"]!).Add("AddedByTheCachingTest", new Newtonsoft.Json.Linq.JObject { ["shape"] = stringShape });
        string changed = json.ToString();

        (GeneratorRunResult first, GeneratorRunResult second) = GeneratorHarness.RunBeforeAndAfterEdit(new ModelFile("/models/" + Path.GetFileName(path), original), changed);
        AssertReasons(second, TrackingNames.WirePlans, IncrementalStepRunReason.Modified);
        (object Value, IncrementalStepRunReason Reason)[] classes = second.TrackedSteps[TrackingNames.WireClasses].SelectMany(s => s.Outputs).ToArray();
        string[] rendered = classes.Where(c => c.Reason != IncrementalStepRunReason.Cached).Select(c => ClassName(c.Value)).ToArray();
        Assert.True(classes.Length > 4, $"{classes.Length} wire classes");
        Assert.Contains(input + "Serializer", rendered);
        Assert.True(rendered.Length * 4 < classes.Length, $"{rendered.Length} of {classes.Length} classes rendered again: {string.Join(", ", rendered.Take(20))}");

        // The surface's plan is made again, but the client and its interface, which show no member, are not rendered
        // again (at most the paginators' two parts are, which copy a paginated request's members).
        AssertReasons(second, TrackingNames.SurfacePlans, IncrementalStepRunReason.Modified);
        string[] surface = second.TrackedSteps[TrackingNames.SurfaceRenders].SelectMany(s => s.Outputs).Where(o => o.Reason != IncrementalStepRunReason.Cached).Select(o => ClassName(o.Value)).ToArray();
        Assert.True(surface.Length <= 2, "surface files rendered again: " + string.Join(", ", surface));

        // The files are those of a fresh run of the edited model: nothing cached is stale.
        GeneratorRun fresh = GeneratorHarness.Run(new[] { new ModelFile("/models/" + Path.GetFileName(path), changed) });
        Dictionary<string, string> expected = fresh.Sources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        Dictionary<string, string> actual = second.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, pair => Assert.True(pair.Value == actual[pair.Key], pair.Key + " differs from a fresh run's"));
        Assert.Contains(actual.Values, text => text.Contains("AddedByTheCachingTest", StringComparison.Ordinal));
        Assert.DoesNotContain(first.GeneratedSources, s => s.SourceText.ToString().Contains("AddedByTheCachingTest", StringComparison.Ordinal));
    }

    // A rendered file's first type declaration, from its text (a record of the generator's, read by what it shows).
    private static string ClassName(object rendered)
    {
        string text = (string)rendered.GetType().GetProperty("Text")!.GetValue(rendered)!;
        System.Text.RegularExpressions.Match declaration = System.Text.RegularExpressions.Regex.Match(text, @"^(?:\w+ )*(?:class|interface) (\w+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        return declaration.Success ? declaration.Groups[1].Value : text.Substring(0, Math.Min(80, text.Length));
    }

    [Fact]
    public void A_whitespace_only_model_edit_leaves_the_spec_unchanged()
    {
        string reformatted = ModelText.Replace("\n", "\n  ", StringComparison.Ordinal) + "\n\n";
        GeneratorRunResult result = GeneratorHarness.RunBeforeAndAfterEdit(new ModelFile("/models/sso-oidc-2019-06-10.json", ModelText), reformatted).After;

        foreach ((string step, IncrementalStepRunReason[] reasons) in WhitespaceEditReasons)
        {
            AssertReasons(result, step, reasons);
        }

        Assert.True(result.TrackedSteps.ContainsKey(TrackingNames.Specs), "the Specs step was not tracked");
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void No_step_output_holds_a_compilation_symbol_or_syntax_node()
    {
        ModelFile model = new("/models/sso-oidc-2019-06-10.json", ModelText);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { model }).RunGenerators(GeneratorHarness.CreateCompilation("App"), TestContext.Current.CancellationToken);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.NotEmpty(result.TrackedSteps);
        foreach ((string name, ImmutableArray<IncrementalGeneratorRunStep> steps) in result.TrackedSteps)
        {
            foreach (object? value in steps.SelectMany(s => s.Outputs).Select(o => o.Value))
            {
                AssertNoForbiddenTypes(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
            }
        }
    }

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        // A step that had no input (CompanionFiles when a model has none) does not appear in the run result.
        if (!result.TrackedSteps.TryGetValue(step, out ImmutableArray<IncrementalGeneratorRunStep> runs))
        {
            Assert.True(step == TrackingNames.CompanionFiles, $"step {step} was not tracked");
            return;
        }

        foreach ((object value, IncrementalStepRunReason reason) in runs.SelectMany(s => s.Outputs))
        {
            Assert.True(allowed.Contains(reason), $"step {step}: output {value.GetType().Name} was {reason}, expected {string.Join(" or ", allowed)}");
        }
    }

    private static void AssertNoForbiddenTypes(object? value, string step, HashSet<object> seen, int depth)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || depth > 12)
        {
            return;
        }

        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location, $"step {step} holds a {value.GetType().FullName}");
        if (value is AdditionalText || !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                AssertNoForbiddenTypes(item, step, seen, depth + 1);
            }

            return;
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoForbiddenTypes(field.GetValue(value), step, seen, depth + 1);
        }
    }

    private static AdditionalText ReadAdditionalText(object taggedFile) =>
        (AdditionalText)taggedFile.GetType().GetProperty("File")!.GetValue(taggedFile)!;

    private static string Identity(object parseResult)
    {
        object? spec = parseResult.GetType().GetProperty("Spec")!.GetValue(parseResult);
        string ns = (string)spec!.GetType().GetProperty("Namespace")!.GetValue(spec)!;
        return ns == "Apps.A" ? "a" : "b";
    }

    private sealed class TextFile(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}

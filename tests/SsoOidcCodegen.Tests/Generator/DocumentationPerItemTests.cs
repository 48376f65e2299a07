namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Generator.Emitting;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Parsing;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The generator parses a model's text without its documentation and writes the documentation over the placeholders
/// item by item (each model type file, the service's files), where it is shown. What it generates must be, file for
/// file, what one render of the model parsed as it is written gives: for every AWS model here (event streams among
/// them), with the model's companions beside it as the build passes them.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class DocumentationPerItemTests
{
    /// <summary>Every service model in <c>AWS_MODELS_DIR</c> and <c>AWS_NEXT_MODELS_DIR</c>, and ours.</summary>
    public static TheoryData<string> Models() => DocumentationSplitterTests.Models();

    [Theory]
    [MemberData(nameof(Models))]
    public void The_generators_files_are_those_of_the_model_parsed_as_it_is_written(string file)
    {
        string path = Path.IsPathRooted(file) ? file : Path.Combine(ReferenceData.RepoRoot, file);
        IReadOnlyList<ModelFile> files = ModelFile.FromDisk(path);
        GeneratorRunResult result = GeneratorHarness.CreateDriver(files)
            .RunGenerators(GeneratorHarness.CreateCompilation("App"), TestContext.Current.CancellationToken)
            .GetRunResult().Results.Single();
        Assert.Null(result.Exception);

        ModelFile Companion(string role) => files.FirstOrDefault(f => f.Role == role) ?? new ModelFile(string.Empty, string.Empty, role);
        ModelFile paginators = Companion("Paginators");
        ModelFile waiters = Companion("Waiters");
        ModelFile ruleSet = Companion("EndpointRuleSet");
        var input = new ModelInput
        {
            Path = path,
            Text = files[0].Text,
            Options = ModelOptions.Default,
            PaginatorsPath = paginators.Path.Length == 0 ? null : paginators.Path,
            PaginatorsText = paginators.Path.Length == 0 ? null : paginators.Text,
            WaitersPath = waiters.Path.Length == 0 ? null : waiters.Path,
            WaitersText = waiters.Path.Length == 0 ? null : waiters.Text,
            EndpointRuleSetPath = ruleSet.Path.Length == 0 ? null : ruleSet.Path,
            EndpointRuleSetText = ruleSet.Path.Length == 0 ? null : ruleSet.Text,
        };
        ServiceSpec spec = ServiceModelParser.Parse(input, TestContext.Current.CancellationToken).Spec
            ?? throw new InvalidOperationException(Path.GetFileName(path) + " does not parse");
        Dictionary<string, string> expected = ServiceEmitter.Emit(spec, TestContext.Current.CancellationToken).ToDictionary(s => s.HintName, s => s.Text, StringComparer.Ordinal);
        Dictionary<string, string> generated = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), generated.Keys.Order(StringComparer.Ordinal));
        string[] differing = expected.Keys.Where(hint => expected[hint] != generated[hint]).ToArray();
        Assert.True(differing.Length == 0, $"{differing.Length} files differ from one render of the parsed model, the first {differing.FirstOrDefault()}");

        // The documentation reached the generated files: the model documents something, and no placeholder is left.
        Assert.Contains(generated.Values, text => text.Contains("/// <summary>", StringComparison.Ordinal));
        Assert.DoesNotContain(generated, pair => pair.Value.Contains('\u0001', StringComparison.Ordinal));
    }

    [Fact]
    public void A_documentation_table_decodes_on_demand_and_compares_the_strings_as_written()
    {
        const string Text = "{\"a\": \"one\", \"b\": \"t\\u0077o \\\"quoted\\\"\", \"c\": \"three\"}";
        int[] cuts = Cuts(Text, "\"one\"", "\"t\\u0077o \\\"quoted\\\"\"");
        var table = new DocumentationTable(Text, cuts);
        Assert.Equal(2, table.Count);
        Assert.Equal("one", table[0]);
        Assert.Equal("two \"quoted\"", table[1]);

        // The same strings elsewhere in another text are equal; another escape of the same text is a different string.
        const string Moved = "{\"z\": 1, \"a\": \"one\", \"b\": \"t\\u0077o \\\"quoted\\\"\"}";
        var moved = new DocumentationTable(Moved, Cuts(Moved, "\"one\"", "\"t\\u0077o \\\"quoted\\\"\""));
        Assert.True(table.Equals(moved));
        Assert.True(table.SameAt(1, moved));
        const string Respelt = "{\"a\": \"one\", \"b\": \"two \\\"quoted\\\"\"}";
        var respelt = new DocumentationTable(Respelt, Cuts(Respelt, "\"one\"", "\"two \\\"quoted\\\"\""));
        Assert.True(table.SameAt(0, respelt));
        Assert.False(table.SameAt(1, respelt));
        Assert.False(table.Equals(respelt));
        Assert.Equal(table[1], respelt[1]);

        // An index past either table is never the same; a table of fewer strings is not equal.
        Assert.False(table.SameAt(2, moved));
        Assert.False(table.Equals(new DocumentationTable(Text, cuts.Take(2).ToArray())));
        Assert.True(DocumentationTable.Empty.IsEmpty);
    }

    [Fact]
    public void A_documented_value_is_equal_when_the_value_and_the_documentation_it_shows_are()
    {
        // Placeholder 0 of the value stands for the model's string 0 before the edit, and for string 1 after documentation
        // was added in front of it: still the same text.
        const string Before = "{\"x\": \"shown\", \"y\": \"not shown\"}";
        const string After = "{\"w\": \"added\", \"x\": \"shown\", \"y\": \"edited, not shown\"}";
        var before = new DocumentationTable(Before, Cuts(Before, "\"shown\"", "\"not shown\""));
        var after = new DocumentationTable(After, Cuts(After, "\"added\"", "\"shown\"", "\"edited, not shown\""));
        var value = new Holder("\u00010");

        Assert.Equal(new Documented<Holder>(value, before, new[] { 0 }), new Documented<Holder>(new Holder("\u00010"), after, new[] { 1 }));
        Assert.NotEqual(new Documented<Holder>(value, before, new[] { 0 }), new Documented<Holder>(value, after, new[] { 0 }));
        Assert.NotEqual(new Documented<Holder>(value, before, new[] { 1 }), new Documented<Holder>(value, after, new[] { 2 }));
        Assert.NotEqual(new Documented<Holder>(value, before, new[] { 0 }), new Documented<Holder>(new Holder("other"), after, new[] { 1 }));
        Assert.NotEqual(new Documented<Holder>(value, before, new[] { 0 }), new Documented<Holder>(value, after, new[] { 1, 2 }));
    }

    // Where each JSON string (quotes included) starts and ends in the text, in order.
    private static int[] Cuts(string text, params string[] strings)
    {
        var cuts = new List<int>();
        int from = 0;
        foreach (string value in strings)
        {
            int at = text.IndexOf(value, from, StringComparison.Ordinal);
            Assert.True(at >= 0, value);
            cuts.Add(at);
            cuts.Add(at + value.Length);
            from = at + value.Length;
        }

        return cuts.ToArray();
    }

    private sealed record Holder(string Placeholder);
}

namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Parsing;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The parse of a model with its documentation taken out and put back (<see cref="DocumentationSplitter"/>) is the parse
/// of the model itself: the same spec and the same diagnostics at the same places, for every AWS model here, as written
/// and with all of it on one line (where every placeholder moves the columns after it), and for the texts the split must
/// leave alone.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class DocumentationSplitterTests
{
    /// <summary>Every service model in <c>AWS_MODELS_DIR</c> and <c>AWS_NEXT_MODELS_DIR</c>, and ours.</summary>
    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string> { Path.Combine("model", "sso-oidc-2019-06-10.json") };
        foreach (string directory in new[] { Path.Combine(ReferenceData.Models, "corpus"), ReferenceData.Require("AWS_NEXT_MODELS_DIR", "aws/next/models") })
        {
            foreach (string file in Directory.EnumerateFiles(directory, "*.json").Where(IsServiceModel).Order(StringComparer.Ordinal))
            {
                data.Add(file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void An_AWS_models_parse_is_the_same_through_the_split_as_it_is_written_and_on_one_line(string file)
    {
        string path = Path.IsPathRooted(file) ? file : Path.Combine(ReferenceData.RepoRoot, file);
        string text = File.ReadAllText(path);

        // With the paginators and waiters beside the model, as the build passes them.
        string paginators = Path.ChangeExtension(path, ".paginators.json");
        string waiters = Path.ChangeExtension(path, ".waiters.json");
        ModelInput input = Input(text, path) with
        {
            PaginatorsPath = File.Exists(paginators) ? paginators : null,
            PaginatorsText = File.Exists(paginators) ? File.ReadAllText(paginators) : null,
            WaitersPath = File.Exists(waiters) ? waiters : null,
            WaitersText = File.Exists(waiters) ? File.ReadAllText(waiters) : null,
        };

        SplitModel split = AssertSameParse(input);
        Assert.True(split.Documentation.Count > 0, $"{Path.GetFileName(path)}: no documentation was taken out");

        string oneLine = JToken.Parse(text).ToString(Formatting.None);
        SplitModel oneLineSplit = AssertSameParse(input with { Text = oneLine });
        Assert.Equal(split.Documentation, oneLineSplit.Documentation);
        Assert.True(oneLineSplit.Shifts.Count > 0, "no column moved on the one-line model");
    }

    [Fact]
    public void A_located_diagnostic_after_documentation_on_its_line_keeps_its_column()
    {
        // One line: documentation comes before the second of two members whose C# names collide, which is reported (as
        // information) where it is; every column after the placeholders must be moved back by what they saved.
        string text = Synthetic(
            "\"GetThing\": {\"name\": \"GetThing\", \"http\": {\"method\": \"POST\", \"requestUri\": \"/\"}, \"documentation\": \"<p>Gets a thing; a long text that the placeholder is shorter than.</p>\", \"input\": {\"shape\": \"Thing\"}}",
            "\"Thing\": {\"type\": \"structure\", \"documentation\": \"<p>A thing.</p>\", \"members\": {\"Name\": {\"shape\": \"Name\", \"documentation\": \"The name\"}, \"name\": {\"shape\": \"Name\"}}}, \"Name\": {\"type\": \"string\"}");

        ParseResult direct = ServiceModelParser.Parse(Input(text), TestContext.Current.CancellationToken);
        Assert.Contains(direct.Diagnostics, d => !d.IsError && d.Location is { StartColumn: > 200 });
        SplitModel split = AssertSameParse("/models/thing-2024-01-01.json", text);
        Assert.Equal(4, split.Documentation.Count);
        Assert.True(split.Shifts.Count(s => s.Delta > 0) >= 2, "the placeholders before the warning did not shorten its line");
    }

    [Fact]
    public void Escapes_in_documentation_are_decoded_as_the_reader_decodes_them()
    {
        string text = Synthetic(
            "\"GetThing\": {\"name\": \"GetThing\", \"http\": {\"method\": \"POST\", \"requestUri\": \"/\"}, \"documentation\": \"quote \\\" backslash \\\\ slash \\/ tab \\t line \\n accent \\u00e9 \\u00E9 surrogate \\ud83d\\ude00 end\", \"input\": {\"shape\": \"Thing\"}}",
            "\"Thing\": {\"type\": \"structure\", \"members\": {}}");

        SplitModel split = AssertSameParse("/models/thing-2024-01-01.json", text);
        // The service's documentation is the first taken out, the operation's the second.
        Assert.Equal(2, split.Documentation.Count);
        Assert.Equal("quote \" backslash \\ slash / tab \t line \n accent \u00e9 \u00e9 surrogate \ud83d\ude00 end", split.Documentation[1]);
    }

    /// <summary>Texts the split leaves as they are, or in part: each parses the same as without the split, errors included.</summary>
    public static TheoryData<string, string, bool> LeftAlone => new()
    {
        // The placeholder's character, raw or escaped, already in the model: nothing is taken out.
        { "marker escaped", Synthetic(OperationWithDocumentation("has \\u0001 in it"), ThingShape), false },
        { "marker raw", Synthetic(OperationWithDocumentation("has \u0001 in it"), ThingShape), false },

        // A line break inside a string (the reader counts it): nothing is taken out.
        { "line break in documentation", Synthetic(OperationWithDocumentation("two\nlines"), ThingShape), false },
        { "line break in a name", Synthetic(OperationWithDocumentation("fine"), "\"Thing\": {\"type\": \"structure\", \"members\": {\"A\": {\"shape\": \"Str\", \"locationName\": \"a\nb\"}}}, \"Str\": {\"type\": \"string\"}"), false },

        // Single quotes (the reader takes them): nothing is taken out.
        { "single-quoted string", Synthetic(OperationWithDocumentation("fine"), "'Thing': {\"type\": \"structure\", \"members\": {}}"), false },

        // An escape the reader rejects stays in the text, so the error is the reader's own; the rest is taken out.
        { "bad escape", Synthetic(OperationWithDocumentation("bad \\x escape"), "\"Thing\": {\"type\": \"structure\", \"documentation\": \"fine\", \"members\": {}}"), true },

        // Documentation that is not a string: the parser reports it, as before.
        { "documentation not a string", Synthetic("\"GetThing\": {\"name\": \"GetThing\", \"http\": {\"method\": \"POST\", \"requestUri\": \"/\"}, \"documentation\": 42, \"input\": {\"shape\": \"Thing\"}}", "\"Thing\": {\"type\": \"structure\", \"documentation\": \"fine\", \"members\": {}}"), true },

        // Comments (the reader skips them), one over two lines, before and after documentation.
        { "comments", Synthetic(OperationWithDocumentation("fine"), "/* a comment\n over two lines */ \"Thing\": {\"type\": \"structure\", // to the end of the line\n \"documentation\": \"after comments\", \"members\": {}}"), true },

        // A syntax error after documentation on its line: the error's message and column are the original text's.
        { "syntax error after documentation", Synthetic(OperationWithDocumentation("a long documentation text before the error"), "\"Thing\": {\"type\": \"structure\", \"documentation\": \"another long text before the error\", \"members\": {} x }"), true },

        // Not JSON at all, and an unterminated string.
        { "not JSON", "this is not a model", false },
        { "unterminated string", "{\"metadata\": {\"documentation\": \"never ends", false },
        { "backslash at the end", "{\"metadata\": {\"documentation\": \"ends with \\", false },
        { "escaped line break", Synthetic(OperationWithDocumentation("a \\\n b"), ThingShape), false },
        { "empty", string.Empty, false },
    };

    [Theory]
    [MemberData(nameof(LeftAlone))]
    public void A_text_the_split_cannot_vouch_for_parses_as_it_is(string name, string text, bool splits)
    {
        SplitModel split = AssertSameParse("/models/thing-2024-01-01.json", text);
        Assert.True(splits == split.Documentation.Count > 0, $"{name}: {split.Documentation.Count} documentation strings taken out");
        if (!splits)
        {
            Assert.Same(split.Input, split.Structure.ToInput());
        }
    }

    /// <summary>
    /// The fuzzer's mutated models (hostile documentation among them, half of them on one line, some truncated or
    /// damaged): every one parses the same through the split as without it. <c>SSOOIDC_FUZZ_SPLIT_CASES</c> cases
    /// (default 1,500), seed <c>SSOOIDC_FUZZ_SEED</c>.
    /// </summary>
    [Fact]
    public void Every_mutated_model_parses_the_same_through_the_split()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("SSOOIDC_FUZZ_SPLIT_CASES"), out int n) ? n : 1500;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("SSOOIDC_FUZZ_SEED"), out int s) ? s : 20261202;
        List<JObject> seeds = Fuzzing.ModelFuzzTests.SeedModels();
        var mutator = new Fuzzing.ModelMutator(seed);
        int split = 0;
        for (int i = 0; i < cases; i++)
        {
            (string fileName, string text, string story) = mutator.Next(seeds, i);
            try
            {
                split += AssertSameParse("/fuzz/" + fileName, text).Documentation.IsEmpty ? 0 : 1;
            }
            catch (Exception exception) when (exception is Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"case {i} ({story}), seed {seed}: {exception.Message}");
            }
        }

        // Most cases have documentation to take out; a run where none did would test nothing.
        Assert.True(split > cases / 2, $"only {split} of {cases} cases had documentation taken out");
    }

    [Fact]
    public void A_documentation_edit_leaves_the_text_to_parse_equal_and_a_structure_edit_does_not()
    {
        string text = Synthetic(OperationWithDocumentation("before"), ThingShape);
        SplitModel before = DocumentationSplitter.Split(Input(text), TestContext.Current.CancellationToken);
        SplitModel edited = DocumentationSplitter.Split(Input(text.Replace("before", "after, and longer", StringComparison.Ordinal)), TestContext.Current.CancellationToken);
        SplitModel restructured = DocumentationSplitter.Split(Input(text.Replace("\"POST\"", "\"PUT\"", StringComparison.Ordinal)), TestContext.Current.CancellationToken);
        SplitModel sameLength = DocumentationSplitter.Split(Input(text.Replace("\"POST\"", "\"PUTS\"", StringComparison.Ordinal)), TestContext.Current.CancellationToken);
        SplitModel lessDocumented = DocumentationSplitter.Split(Input(text.Replace("\"documentation\": \"<p>The Thing service.</p>\", ", string.Empty, StringComparison.Ordinal)), TestContext.Current.CancellationToken);

        Assert.Equal(before.Structure, edited.Structure);
        Assert.NotEqual(before, edited);
        Assert.NotEqual(before.Structure, restructured.Structure);
        Assert.NotEqual(before.Structure, sameLength.Structure);
        Assert.NotEqual(before.Structure, lessDocumented.Structure);

        // The comparison in place agrees with a comparison of the texts without documentation.
        SplitModel[] all = { before, edited, restructured, sameLength, lessDocumented };
        foreach (SplitModel left in all)
        {
            foreach (SplitModel right in all)
            {
                Assert.Equal(left.Structure.ToInput() == right.Structure.ToInput(), left.Structure.Equals(right.Structure));
            }
        }
    }

    private const string ThingShape = "\"Thing\": {\"type\": \"structure\", \"members\": {}}";

    private static string OperationWithDocumentation(string documentation) =>
        "\"GetThing\": {\"name\": \"GetThing\", \"http\": {\"method\": \"POST\", \"requestUri\": \"/\"}, \"documentation\": \"" + documentation + "\", \"input\": {\"shape\": \"Thing\"}}";

    // A one-line rest-json model with the given operations and shapes (JSON members, without the braces).
    private static string Synthetic(string operations, string shapes) =>
        "{\"version\": \"2.0\", \"metadata\": {\"apiVersion\": \"2024-01-01\", \"protocol\": \"rest-json\", \"serviceId\": \"Thing\", \"endpointPrefix\": \"thing\", \"signatureVersion\": \"v4\"}, "
        + "\"documentation\": \"<p>The Thing service.</p>\", \"operations\": {" + operations + "}, \"shapes\": {" + shapes + "}}";

    private static ModelInput Input(string text, string path = "/models/thing-2024-01-01.json") =>
        new() { Path = path, Text = text, Options = ModelOptions.Default };

    // Parses the text directly and through the split, asserts the two results are equal, and returns the split.
    private static SplitModel AssertSameParse(string path, string text) => AssertSameParse(Input(text, path));

    private static SplitModel AssertSameParse(ModelInput input)
    {
        ParseResult direct = ServiceModelParser.Parse(input, TestContext.Current.CancellationToken);
        SplitModel split = DocumentationSplitter.Split(input, TestContext.Current.CancellationToken);
        ParseResult structural = ServiceModelParser.Parse(split.Structure.ToInput(), TestContext.Current.CancellationToken);
        ParseResult resolved = DocumentationSplitter.Resolve(structural, split, TestContext.Current.CancellationToken);

        Assert.Equal(Describe(direct.Diagnostics), Describe(resolved.Diagnostics));
        Assert.Equal(direct.Diagnostics, resolved.Diagnostics);
        Assert.Equal(direct.Spec is null, resolved.Spec is null);
        if (direct.Spec is { } spec)
        {
            // Shape by shape first, for a readable failure, then the whole spec.
            Assert.Equal(spec.Shapes.Select(s => s.Name), resolved.Spec!.Shapes.Select(s => s.Name));
            for (int i = 0; i < spec.Shapes.Count; i++)
            {
                Assert.Equal(spec.Shapes[i], resolved.Spec.Shapes[i]);
            }

            Assert.Equal(spec, resolved.Spec);
        }

        return split;
    }

    private static IEnumerable<string> Describe(EquatableArray<DiagnosticInfo> diagnostics) =>
        diagnostics.Select(d => $"{d.Id} {d.Location?.StartLine}:{d.Location?.StartColumn}-{d.Location?.EndLine}:{d.Location?.EndColumn} {string.Join(" | ", d.Arguments)}");

    private static bool IsServiceModel(string file)
    {
        string name = Path.GetFileName(file);
        return !name.Contains(".paginators", StringComparison.Ordinal) && !name.Contains(".waiters", StringComparison.Ordinal)
            && !name.Contains("endpoint-rule-set", StringComparison.Ordinal) && !name.Contains("endpoint-tests", StringComparison.Ordinal);
    }
}

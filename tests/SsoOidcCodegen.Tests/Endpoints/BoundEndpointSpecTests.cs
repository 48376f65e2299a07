namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SsoOidcCodegen.Generator;
using SsoOidcCodegen.Generator.Endpoints;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The endpoint rule set is bound once, in the parse step: the service spec holds the bound rule set (parameters
/// with their property names, typed and folded rules) as position-free records, so a whitespace edit of the rule
/// set leaves the parse result equal and generates nothing again, while a change to a rule does.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class BoundEndpointSpecTests
{
    private const string ModelPath = "/models/sso-oidc-2019-06-10.json";
    private const string RuleSetPath = "/models/sso-oidc-2019-06-10.endpoint-rule-set.json";

    private static string ModelText => File.ReadAllText(Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.json"));

    private static string RuleSetText => File.ReadAllText(Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.endpoint-rule-set.json"));

    [Fact]
    public void The_spec_holds_the_bound_rule_set_with_property_names_and_no_parse_tree_or_position()
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(Files(RuleSetText), out _).RunGenerators(GeneratorHarness.CreateCompilation("App"), TestContext.Current.CancellationToken);
        ServiceSpec spec = (ServiceSpec)Assert.Single(driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs)).Value;

        BoundRuleSet rules = Assert.IsType<BoundRuleSet>(spec.EndpointRules);
        Assert.Equal(["Region", "UseDualStack", "UseFIPS", "Endpoint"], rules.Parameters.Select(p => p.Name));
        Assert.Equal(["Region", "UseDualStack", "UseFIPS", "Endpoint"], rules.Parameters.Select(p => p.PropertyName));
        Assert.NotEmpty(rules.Rules);

        var forbidden = new[] { typeof(SourcePosition), typeof(EndpointRuleSetSpec), typeof(EndpointParameterSpec), typeof(RuleSpec), typeof(ExpressionSpec) };
        var reached = new HashSet<Type>();
        Walk(spec, reached, new HashSet<object>(ReferenceEqualityComparer.Instance));
        Assert.Contains(typeof(BoundCall), reached);
        Assert.Contains(typeof(RuleSymbol), reached);
        Assert.DoesNotContain(reached, type => forbidden.Any(f => f.IsAssignableFrom(type)));
    }

    [Fact]
    public void A_whitespace_edit_of_the_rule_set_leaves_the_parse_result_equal_and_the_sources_cached()
    {
        GeneratorRunResult result = RunAgainWith(RuleSetText.Replace("\n", "\n    ", StringComparison.Ordinal) + "\n\n");

        AssertReasons(result, TrackingNames.ParseResults, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.Specs, IncrementalStepRunReason.Cached);

        // The companion-file check sees the new text (and finds nothing new to report); no output is produced again.
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void A_changed_rule_changes_the_bound_rule_set_and_regenerates()
    {
        string edited = RuleSetText.Replace("https://oidc.{Region}.{Partition#dnsSuffix}", "https://oidc2.{Region}.{Partition#dnsSuffix}", StringComparison.Ordinal);
        Assert.NotEqual(RuleSetText, edited);

        GeneratorRunResult result = RunAgainWith(edited);

        AssertReasons(result, TrackingNames.ParseResults, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Specs, IncrementalStepRunReason.Modified);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("https://oidc2.", StringComparison.Ordinal));
    }

    private static IReadOnlyList<ModelFile> Files(string ruleSet) => new[]
    {
        new ModelFile(ModelPath, ModelText),
        new ModelFile(RuleSetPath, ruleSet, "EndpointRuleSet", ModelPath: ModelPath),
    };

    private static GeneratorRunResult RunAgainWith(string ruleSet)
    {
        Compilation compilation = GeneratorHarness.CreateCompilation("App");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(Files(RuleSetText), out IReadOnlyList<AdditionalText> texts).RunGenerators(compilation, TestContext.Current.CancellationToken);
        AdditionalText old = texts.Single(t => t.Path == RuleSetPath);
        driver = driver.ReplaceAdditionalText(old, new TextFile(RuleSetPath, ruleSet)).RunGenerators(compilation, TestContext.Current.CancellationToken);
        return driver.GetRunResult().Results.Single();
    }

    private static void AssertReasons(GeneratorRunResult result, string step, IncrementalStepRunReason expected)
    {
        ImmutableArray<IncrementalGeneratorRunStep> runs = result.TrackedSteps[step];
        Assert.NotEmpty(runs.SelectMany(r => r.Outputs));
        Assert.All(runs.SelectMany(r => r.Outputs), o => Assert.True(o.Reason == expected, $"step {step}: {o.Reason}, expected {expected}"));
    }

    /// <summary>Every type reachable from <paramref name="value"/> through fields and collections.</summary>
    private static void Walk(object? value, HashSet<Type> reached, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        reached.Add(value.GetType());
        if (!value.GetType().IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                Walk(item, reached, seen);
            }

            return;
        }

        for (Type? type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), reached, seen);
            }
        }
    }

    private sealed class TextFile(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}

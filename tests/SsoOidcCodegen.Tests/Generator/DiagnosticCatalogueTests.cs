namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Generator.Diagnostics;
using SsoOidcCodegen.Generator.Endpoints;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// One diagnostic catalogue: every descriptor (the endpoint rule set's SOCG2xx among them) has a real message format,
/// is listed in the release-tracking file with its title and severity, and every diagnostic carries exactly the
/// arguments its format uses.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed partial class DiagnosticCatalogueTests
{
    [Fact]
    public void Every_descriptor_has_a_message_format_of_its_own_not_a_bare_placeholder()
    {
        Assert.NotEmpty(DiagnosticDescriptors.All);
        Assert.All(DiagnosticDescriptors.All, descriptor =>
        {
            string format = descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string words = Placeholder().Replace(format, string.Empty);
            Assert.True(words.Count(char.IsLetter) >= 10, $"{descriptor.Id}'s message format '{format}' says nothing of its own");
            List<int> used = Placeholder().Matches(format).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
            Assert.Equal(Enumerable.Range(0, used.Count), used);
        });
    }

    [Fact]
    public void The_release_tracking_file_lists_every_descriptor_with_its_title_and_severity_and_nothing_else()
    {
        string path = Path.Combine(ReferenceData.RepoRoot, "generator", "SsoOidcCodegen.Generator", "AnalyzerReleases.Unshipped.md");
        var listed = File.ReadAllLines(path)
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 4 && cells[0].StartsWith("SOC", StringComparison.Ordinal))
            .ToDictionary(cells => cells[0], cells => (Severity: cells[2], Notes: cells[3]), StringComparer.Ordinal);

        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        Assert.All(DiagnosticDescriptors.All, descriptor =>
        {
            Assert.Equal(descriptor.DefaultSeverity.ToString(), listed[descriptor.Id].Severity);
            Assert.StartsWith(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), listed[descriptor.Id].Notes, StringComparison.Ordinal);
        });
    }

    /// <summary>Broken rule sets, one per kind of problem the endpoint compiler reports.</summary>
    public static TheoryData<string, string> BrokenRuleSets() => new()
    {
        { "SOCG200", "{ \"version\": \"1.0\", " },
        { "SOCG201", "{ \"version\": \"1.0\", \"parameters\": {}, \"rules\": [ { \"type\": \"teapot\", \"conditions\": [] } ] }" },
        { "SOCG201", "{ \"version\": \"1.0\", \"parameters\": {}, \"rules\": [ { \"type\": \"endpoint\", \"conditions\": [] } ] }" },
        { "SOCG202", Rule("{ \"fn\": \"aws.frobnicate\", \"argv\": [ \"a\" ] }") },
        { "SOCG203", Rule("{ \"fn\": \"isSet\", \"argv\": [ { \"ref\": \"Region\" }, true ] }") },
        { "SOCG204", Rule("{ \"fn\": \"not\", \"argv\": [ { \"fn\": \"stringEquals\", \"argv\": [ { \"ref\": \"Region\" }, \"us-east-1\" ] } ] }") },
        { "SOCG204", Rule("{ \"fn\": \"split\", \"argv\": [ \"a,b\", \"\", 0 ] }") },
        { "SOCG205", Rule("{ \"fn\": \"isSet\", \"argv\": [ { \"ref\": \"Nowhere\" } ] }") },
        { "SOCG206", Rule("{ \"fn\": \"isSet\", \"argv\": [ { \"ref\": \"Region\" } ], \"assign\": \"Region\" }") },
        { "SOCG207", Rule("{ \"fn\": \"stringEquals\", \"argv\": [ \"{Region\", \"x\" ] }") },
        { "SOCG208", Rule("{ \"fn\": \"getAttr\", \"argv\": [ { \"fn\": \"parseURL\", \"argv\": [ \"https://a\" ] }, \"nothing\" ] }") },
        { "SOCG209", "{ \"version\": \"1.0\", \"parameters\": { \"P\": { \"type\": \"number\" } }, \"rules\": [ { \"type\": \"error\", \"conditions\": [], \"error\": \"x\" } ] }" },
        { "SOCG211", "{ \"version\": \"1.0\", \"parameters\": {}, \"rules\": [ { \"type\": \"error\", \"conditions\": [ { \"fn\": \"coalesce\", \"argv\": [ \"a\", \"b\" ] } ], \"error\": \"x\" } ] }" },
        { "SOCG213", Rule("{ \"fn\": \"stringEquals\", \"argv\": [ { \"ref\": \"Region\" }, \"us-east-1\" ] }") },
        { "SOCG212", "{ \"version\": \"1.0\", \"parameters\": {}, \"rules\": [ { \"type\": \"error\", \"conditions\": [], \"error\": \"a\" }, { \"type\": \"error\", \"conditions\": [], \"error\": \"b\" } ] }" },
    };

    [Theory]
    [MemberData(nameof(BrokenRuleSets))]
    public void An_endpoint_diagnostic_carries_its_descriptors_arguments_not_a_preformatted_message(string id, string ruleSet)
    {
        EndpointCompilation result = EndpointRuleSetCompiler.Compile(ruleSet, "/models/demo.endpoint-rule-set.json", "Demo.Endpoints", "Demo", true, CancellationToken.None);

        Assert.Contains(result.Diagnostics, d => d.Id == id);
        Assert.All(result.Diagnostics, diagnostic =>
        {
            DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(diagnostic.Id);
            string format = descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
            int placeholders = Placeholder().Matches(format).Select(m => m.Value).Distinct(StringComparer.Ordinal).Count();
            Assert.Equal(placeholders, diagnostic.Arguments.Count);
            Assert.All(diagnostic.Arguments, argument => Assert.False(string.IsNullOrWhiteSpace(argument), $"{diagnostic.Id} has an empty argument"));
            Assert.Equal("/models/demo.endpoint-rule-set.json", diagnostic.Location!.FilePath);
        });
    }

    private static string Rule(string condition) =>
        "{ \"version\": \"1.3\", \"parameters\": { \"Region\": { \"type\": \"string\" } }, \"rules\": [ { \"type\": \"error\", \"conditions\": [ "
        + condition + " ], \"error\": \"x\" } ] }";

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}

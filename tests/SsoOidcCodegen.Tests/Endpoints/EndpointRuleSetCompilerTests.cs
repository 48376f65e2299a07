namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using SsoOidcCodegen.Generator.Endpoints;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Runtime.Endpoints;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>What <see cref="EndpointRuleSetCompiler.Compile"/> does with bad input: diagnostics, never exceptions.</summary>
[Trait("Category", TestCategories.Generator)]
public sealed class EndpointRuleSetCompilerTests
{
    private const string File = "rules.json";

    private const string Parameters = """
          "parameters": {
            "Region": { "type": "string", "builtIn": "AWS::Region", "documentation": "The region." },
            "UseFIPS": { "type": "boolean", "required": true, "default": false, "documentation": "FIPS." }
          }
        """;

    [Fact]
    public void Malformed_json_is_reported_with_its_line_and_no_source_is_produced()
    {
        EndpointCompilation result = Compile("{\n  \"version\": \"1.0\",\n  \"parameters\": {\n}");

        DiagnosticInfo diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SOCG200", diagnostic.Id);
        Assert.Equal(File, diagnostic.Location!.FilePath);
        Assert.Equal(4, diagnostic.Location!.StartLine + 1);
        Assert.Empty(result.Sources);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("{\"version\": 1, \"parameters\": [], \"rules\": {}}")]
    [InlineData("{\"version\": \"1.0\", \"parameters\": {}, \"rules\": []}")]
    [InlineData("{\"version\": \"1.0\", \"parameters\": {}, \"rules\": [{\"type\": \"endpoint\"}]} trailing")]
    [InlineData("{\"version\": \"1.0\", \"version\": \"1.1\", \"parameters\": {}, \"rules\": []}")]
    public void Document_that_is_not_a_rule_set_gives_errors_instead_of_throwing(string json)
    {
        EndpointCompilation result = Compile(json);

        Assert.True(result.HasErrors);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void Null_text_gives_an_error_instead_of_throwing()
    {
        EndpointCompilation result = EndpointRuleSetCompiler.Compile(null!, File, "Demo", "Demo", true, CancellationToken.None);

        Assert.Equal("SOCG200", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Unknown_function_is_reported_at_the_line_of_its_call()
    {
        string json = RuleSet("""
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "aws.frobnicate", "argv": [ { "ref": "Region" } ] }
              ],
              "endpoint": { "url": "https://example.com" }
            }
            """);
        int expectedLine = json.Split('\n').ToList().FindIndex(line => line.Contains("aws.frobnicate", StringComparison.Ordinal)) + 1;

        EndpointCompilation result = Compile(json);

        DiagnosticInfo diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SOCG202", diagnostic.Id);
        Assert.Equal(expectedLine, diagnostic.Location!.StartLine + 1);
        Assert.InRange(diagnostic.Location.StartColumn, 0, json.Split('\n')[expectedLine - 1].Length - 1);
        Assert.Contains("aws.frobnicate", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "fn": "isSet", "argv": [ { "ref": "Region" }, true ] }""", "SOCG203")]
    [InlineData("""{ "fn": "stringEquals", "argv": [ { "ref": "UseFIPS" }, "yes" ] }""", "SOCG204")]
    [InlineData("""{ "fn": "not", "argv": [ { "fn": "stringEquals", "argv": [ { "ref": "Region" }, "us-east-1" ] } ] }""", "SOCG204")]
    [InlineData("""{ "fn": "stringEquals", "argv": [ { "fn": "uriEncode", "argv": [ { "ref": "Region" } ] }, "us-east-1" ] }""", "SOCG204")]
    [InlineData("""{ "fn": "booleanEquals", "argv": [ { "ref": "Nope" }, true ] }""", "SOCG205")]
    [InlineData("""{ "fn": "aws.partition", "argv": [ "us-east-1" ], "assign": "UseFIPS" }""", "SOCG206")]
    [InlineData("""{ "fn": "stringEquals", "argv": [ "{Region", "x" ] }""", "SOCG207")]
    [InlineData("""{ "fn": "getAttr", "argv": [ { "fn": "aws.partition", "argv": [ "us-east-1" ] }, "name" ] }""", "SOCG208")]
    [InlineData("""{ "fn": "coalesce", "argv": [ { "ref": "Region" }, "us-east-1" ] }""", "SOCG211")]
    [InlineData("""{ "fn": "substring", "argv": [ "abc", "0", 1, false ] }""", "SOCG204")]
    [InlineData("""{ "fn": "not", "argv": [ 1.5 ] }""", "SOCG201")]
    [InlineData("""{ "argv": [] }""", "SOCG201")]
    public void Invalid_condition_is_reported_with_its_diagnostic_id(string condition, string expectedId)
    {
        string json = RuleSet($$"""
            {
              "type": "endpoint",
              "conditions": [ {{condition}} ],
              "endpoint": { "url": "https://example.com" }
            }
            """);

        EndpointCompilation result = Compile(json);

        Assert.Contains(result.Diagnostics, diagnostic => diagnostic.Id == expectedId && diagnostic.IsError);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void Problems_in_different_rules_are_all_reported_in_one_pass()
    {
        string json = RuleSet("""
            { "type": "error", "conditions": [ { "fn": "isSet", "argv": [ { "ref": "Region" } ] } ], "error": "bad {Region" },
            { "type": "error", "conditions": [ { "fn": "noSuchFunction", "argv": [] } ], "error": "x" }
            """);

        EndpointCompilation result = Compile(json);

        Assert.Equal(["SOCG207", "SOCG202"], result.Diagnostics.Select(diagnostic => diagnostic.Id));
    }

    /// <summary>
    /// Rule sets published before the optional-type check (botocore 1.29's, for example) pass an optional
    /// parameter straight to a function in a condition. Every function that needs a value is covered: the
    /// condition compiles as if <c>isSet</c> came first (SOCG213, info, at the reference), fails when the
    /// value is unset, and the reference counts as set in the rest of the rule.
    /// </summary>
    [Theory]
    [InlineData("""{ "fn": "aws.partition", "argv": [ { "ref": "Region" } ], "assign": "P" }""", "aws.partition")]
    [InlineData("""{ "fn": "stringEquals", "argv": [ { "ref": "Region" }, "us-east-1" ] }""", "stringEquals")]
    [InlineData("""{ "fn": "stringEquals", "argv": [ "us-east-1", { "ref": "Region" } ] }""", "stringEquals")]
    [InlineData("""{ "fn": "isValidHostLabel", "argv": [ { "ref": "Region" }, false ] }""", "isValidHostLabel")]
    [InlineData("""{ "fn": "parseURL", "argv": [ { "ref": "Region" } ], "assign": "U" }""", "parseURL")]
    [InlineData("""{ "fn": "aws.parseArn", "argv": [ { "ref": "Region" } ], "assign": "A" }""", "aws.parseArn")]
    [InlineData("""{ "fn": "uriEncode", "argv": [ { "ref": "Region" } ], "assign": "E" }""", "uriEncode")]
    [InlineData("""{ "fn": "substring", "argv": [ { "ref": "Region" }, 0, 2, false ], "assign": "S" }""", "substring")]
    public void Optional_reference_passed_straight_to_a_function_in_a_condition_is_guarded_as_if_isSet_came_first(string condition, string function)
    {
        string json = RuleSet($$"""
            {
              "type": "endpoint",
              "conditions": [ {{condition}} ],
              "endpoint": { "url": "https://{Region}.example.com" }
            }
            """);

        EndpointCompilation result = Compile(json);

        DiagnosticInfo diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SOCG213", diagnostic.Id);
        Assert.False(diagnostic.IsError);
        Assert.Equal(["Region", function], diagnostic.Arguments);
        int conditionLine = json.Split('\n').ToList().FindIndex(line => line.Contains("\"conditions\"", StringComparison.Ordinal));
        Assert.Equal(conditionLine, diagnostic.Location!.StartLine);
        Assert.NotEmpty(result.Sources);
    }

    [Fact]
    public void A_rule_set_of_the_old_style_resolves_when_the_region_is_set_and_falls_through_when_it_is_not()
    {
        const string json = """
            {
              "version": "1.0",
              "parameters": {
                "Region": { "type": "String", "builtIn": "AWS::Region", "required": false },
                "Endpoint": { "type": "String", "builtIn": "SDK::Endpoint", "required": false }
              },
              "rules": [
                {
                  "type": "tree",
                  "conditions": [ { "fn": "aws.partition", "argv": [ { "ref": "Region" } ], "assign": "PartitionResult" } ],
                  "rules": [
                    { "type": "endpoint", "conditions": [], "endpoint": { "url": "https://svc.{Region}.{PartitionResult#dnsSuffix}" } }
                  ]
                },
                { "type": "error", "conditions": [], "error": "Invalid Configuration: Missing Region" }
              ]
            }
            """;

        CompiledEndpointResolver resolver = CompiledEndpointResolver.ForText("old-style-partition", json);

        Assert.True(resolver.IsLoaded, resolver.DescribeProblems());
        Assert.Equal("https://svc.us-west-2.amazonaws.com", resolver.Resolve("""{ "Region": "us-west-2" }""").Url.TrimEnd('/'));
        Assert.Equal("https://svc.cn-north-1.amazonaws.com.cn", resolver.Resolve("""{ "Region": "cn-north-1" }""").Url.TrimEnd('/'));
        var error = Assert.Throws<EndpointResolutionException>(() => resolver.Resolve("{}"));
        Assert.Contains("Missing Region", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_parameter_used_without_an_isSet_guard_is_reported_with_a_hint()
    {
        string json = RuleSet("""{ "type": "endpoint", "conditions": [], "endpoint": { "url": "https://{Region}.example.com" } }""");

        DiagnosticInfo diagnostic = Assert.Single(Compile(json).Diagnostics);

        Assert.Equal("SOCG204", diagnostic.Id);
        Assert.Contains("isSet", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_default_of_the_wrong_type_is_reported()
    {
        const string json = """
            { "version": "1.0",
              "parameters": { "UseFIPS": { "type": "boolean", "required": true, "default": "no" } },
              "rules": [ { "type": "error", "conditions": [], "error": "x" } ] }
            """;

        DiagnosticInfo diagnostic = Assert.Single(Compile(json).Diagnostics);

        Assert.Equal("SOCG209", diagnostic.Id);
        Assert.Equal(2, diagnostic.Location!.StartLine + 1);
    }

    [Theory]
    [InlineData("region", "Region")]
    [InlineData("toString", "ToString")]
    [InlineData("definitions", "Definitions")]
    public void Parameters_whose_property_names_clash_are_reported(string first, string second)
    {
        string json = $$"""
            { "version": "1.0",
              "parameters": { "{{first}}": { "type": "string" }, "{{second}}": { "type": "string" } },
              "rules": [ { "type": "error", "conditions": [], "error": "x" } ] }
            """;

        Assert.Contains(Compile(json).Diagnostics, diagnostic => diagnostic.Id == "SOCG209");
    }

    [Theory]
    [InlineData("", "Demo")]
    [InlineData("Demo..Ns", "Demo")]
    [InlineData("Demo.class", "Demo")]
    [InlineData("Demo", "1Demo")]
    [InlineData("Demo", "Demo-Service")]
    public void Namespace_or_prefix_that_is_not_a_csharp_name_is_reported(string @namespace, string prefix)
    {
        EndpointCompilation result = EndpointRuleSetCompiler.Compile(RuleSet("""{ "type": "error", "conditions": [], "error": "x" }"""), File, @namespace, prefix, true, CancellationToken.None);

        Assert.Equal("SOCG210", Assert.Single(result.Diagnostics).Id);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void Rule_after_one_that_always_matches_is_reported_as_unreachable_but_code_is_still_generated()
    {
        string json = RuleSet("""
            { "type": "error", "conditions": [], "error": "always" },
            { "type": "error", "conditions": [], "error": "never" }
            """);

        EndpointCompilation result = Compile(json);

        DiagnosticInfo diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SOCG212", diagnostic.Id);
        Assert.False(diagnostic.IsError);
        Assert.Equal(2, result.Sources.Count);
        Assert.DoesNotContain("never", result.Sources[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_json_gives_an_error_instead_of_overflowing_the_stack()
    {
        string json = new string('[', 100_000) + new string(']', 100_000);

        EndpointCompilation result = Compile(json);

        Assert.Equal("SOCG200", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Every_truncation_of_a_real_rule_set_gives_diagnostics_instead_of_throwing()
    {
        string json = System.IO.File.ReadAllText(RequireReferenceRuleSet("kinesis"));

        for (int length = 0; length < json.Length; length += 61)
        {
            EndpointCompilation result = Compile(json[..length]);
            Assert.True(result.HasErrors, $"Truncated at {length} characters, the rule set compiled.");
        }
    }

    [Fact]
    public void Every_value_of_a_real_rule_set_replaced_by_another_kind_of_value_is_rejected_or_compiled_without_throwing()
    {
        string json = System.IO.File.ReadAllText(RequireReferenceRuleSet("sso-oidc"));
        string[] replacements = ["null", "1.5", "[]", "{}", "true", "\"{\"", "\"x\""];
        int mutated = 0;
        for (int start = json.IndexOf(':', StringComparison.Ordinal); start >= 0; start = json.IndexOf(':', start + 1))
        {
            int end = json.IndexOfAny([',', '\n', '}'], start + 1);
            string replacement = replacements[mutated++ % replacements.Length];
            string mutant = json[..(start + 1)] + " " + replacement + json[end..];

            EndpointCompilation result = Compile(mutant);

            // Either the mutant is still a valid rule set (both sources) or it is rejected (no source).
            Assert.Equal(result.HasErrors ? 0 : 2, result.Sources.Count);
        }

        Assert.True(mutated > 100);
    }

    [Fact]
    public void Cancellation_is_the_one_exception_that_escapes()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            EndpointRuleSetCompiler.Compile(RuleSet("""{ "type": "error", "conditions": [], "error": "x" }"""), File, "Demo", "Demo", true, source.Token));
    }

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    [InlineData("de-DE")]
    [InlineData("ja-JP")]
    public void Generated_source_is_identical_in_every_culture_and_uses_only_line_feeds(string cultureName)
    {
        string json = System.IO.File.ReadAllText(RequireReferenceRuleSet("dynamodb"));
        EndpointCompilation invariant = InCulture(CultureInfo.InvariantCulture, () => Compile(json));

        EndpointCompilation localized = InCulture(CultureInfo.GetCultureInfo(cultureName), () => Compile(json));

        Assert.Equal(invariant, localized);
        Assert.All(localized.Sources, source => Assert.DoesNotContain('\r', source.Text));
    }

    [Fact]
    public void Sources_are_named_after_the_full_names_of_the_generated_types()
    {
        EndpointCompilation result = EndpointRuleSetCompiler.Compile(RuleSet("""{ "type": "error", "conditions": [], "error": "x" }"""), File, "Acme.Sso", "Oidc", false, CancellationToken.None);

        Assert.Equal(["Acme.Sso.OidcEndpointParameters.g.cs", "Acme.Sso.OidcEndpointResolver.g.cs"], result.Sources.Select(source => source.HintName));
        Assert.All(result.Sources, source => Assert.Contains("internal ", source.Text, StringComparison.Ordinal));
        // A rule set compiled on its own says so; the generator's own files name the model (the driver snapshot shows it).
        Assert.All(result.Sources, source => Assert.StartsWith("// <auto-generated/>\n// Generated by SsoOidcCodegen from an endpoint rule set.\n", source.Text, StringComparison.Ordinal));
        Assert.All(result.Sources, source => Assert.Contains("\n#nullable enable\n\nnamespace Acme.Sso;\n", source.Text, StringComparison.Ordinal));
    }

    private static EndpointCompilation Compile(string json) =>
        EndpointRuleSetCompiler.Compile(json, File, "Demo.Endpoints", "Demo", true, CancellationToken.None);

    private static string RuleSet(string rules) => $$"""
        {
          "version": "1.0",
        {{Parameters}},
          "rules": [
        {{rules}}
          ]
        }
        """;

    private static string RequireReferenceRuleSet(string service) =>
        Path.Combine(ReferenceData.EndpointTests, service + EndpointTestSuite.RuleSetSuffix);

    private static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }
}

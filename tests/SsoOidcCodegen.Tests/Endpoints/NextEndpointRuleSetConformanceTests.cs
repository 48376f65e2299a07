namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The endpoint rule sets of the services the query, ec2, rest-xml and CBOR protocols brought (S3, EC2, IAM, STS,
/// SNS, SQS, Route 53, CloudWatch, ARC Region switch) in <c>AWS_NEXT_ENDPOINT_TESTS_DIR</c>: each is compiled to C#,
/// built with Roslyn and loaded exactly as the older suite does, and every case of its tests file is its own row.
/// A case that also lists <c>operationInputs</c> runs here with the parameters it gives (its row says so); running
/// those inputs through a generated client is the integration tests' part.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class NextEndpointRuleSetConformanceTests
{
    /// <summary>Cases that are not run, by row name, each with the reason. Empty: every case runs.</summary>
    private static readonly IReadOnlyDictionary<string, string> Skipped = new Dictionary<string, string>(StringComparer.Ordinal);

    public static IEnumerable<TheoryDataRow<string>> Services()
    {
        string? directory = EndpointTestSuite.NextDirectory;
        if (directory is null)
        {
            yield return new TheoryDataRow<string>("(none)") { Skip = EndpointTestSuite.NextMissingMessage };
            yield break;
        }

        foreach (string service in EndpointTestSuite.Services(directory))
        {
            yield return new TheoryDataRow<string>(service) { TestDisplayName = "next/" + service + ": compiles without diagnostics" };
        }
    }

    public static IEnumerable<TheoryDataRow<string, int>> Cases()
    {
        string? directory = EndpointTestSuite.NextDirectory;
        if (directory is null)
        {
            yield return new TheoryDataRow<string, int>("(none)", -1) { Skip = EndpointTestSuite.NextMissingMessage };
            yield break;
        }

        foreach (string service in EndpointTestSuite.Services(directory))
        {
            IReadOnlyList<EndpointTestCase> cases = EndpointTestSuite.Cases(EndpointTestSuite.TestsPath(directory, service));
            IReadOnlyList<string> names = EndpointTestSuite.DisplayNames("next/" + service, cases);
            for (int i = 0; i < cases.Count; i++)
            {
                string name = names[i] + (cases[i].HasOperationInputs ? " [parameters only; operationInputs run through the client elsewhere]" : string.Empty);
                yield return new TheoryDataRow<string, int>(service, i)
                {
                    TestDisplayName = name,
                    Skip = Skipped.TryGetValue(names[i], out string? reason) ? reason : null,
                };
            }
        }
    }

    [Fact]
    public void Every_service_of_the_next_models_has_a_rule_set_and_tests()
    {
        string directory = Infrastructure.ReferenceData.Require(EndpointTestSuite.NextDirectoryVariable, EndpointTestSuite.NextDefaultUnderShared);

        Assert.Equal(
            ["arc-region-switch", "cloudwatch", "ec2", "iam", "route53", "s3", "sns", "sqs", "sts"],
            EndpointTestSuite.Services(directory));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Rule_set_compiles_to_csharp_that_builds_without_any_diagnostic(string service)
    {
        string directory = EndpointTestSuite.NextDirectory!;
        CompiledEndpointResolver resolver = CompiledEndpointResolver.For(EndpointTestSuite.RuleSetPath(directory, service), service);

        Assert.True(resolver.Generation.Diagnostics.Count == 0 && resolver.CompilerDiagnostics.IsEmpty, resolver.DescribeProblems());
        Assert.True(resolver.IsLoaded);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Client_generated_from_the_model_with_this_rule_set_compiles_without_diagnostics(string service)
    {
        string directory = EndpointTestSuite.NextDirectory!;
        string models = ReferenceData.Require("AWS_NEXT_MODELS_DIR", "aws/next/models");
        string model = Assert.Single(
            Directory.GetFiles(models, service + "-*.json"),
            path => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(path), "^" + service + @"-\d{4}-\d{2}-\d{2}\.json$"));
        string ruleSet = EndpointTestSuite.RuleSetPath(directory, service);
        var files = ModelFile.FromDisk(model).ToList();
        files.Add(new ModelFile(ruleSet, File.ReadAllText(ruleSet), "EndpointRuleSet", ModelPath: model));

        GeneratorRun run = GeneratorHarness.Run(files);

        Assert.All(run.Result.Results, result => Assert.Null(result.Exception));
        List<Diagnostic> problems = run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, GeneratorRun.Describe(problems));
        Assert.Contains(run.Sources, source => source.HintName.EndsWith("EndpointResolver.g.cs", StringComparison.Ordinal));
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiled_rule_set_resolves_the_expected_endpoint_or_error(string service, int caseIndex)
    {
        string directory = EndpointTestSuite.NextDirectory!;
        EndpointTestCase testCase = EndpointTestSuite.Cases(EndpointTestSuite.TestsPath(directory, service))[caseIndex];
        CompiledEndpointResolver resolver = CompiledEndpointResolver.For(EndpointTestSuite.RuleSetPath(directory, service), service);

        EndpointRuleSetConformanceTests.AssertOutcome(resolver, testCase);
    }
}

namespace SsoOidcCodegen.Tests.Waiters;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Every waiter and paginator of the models in <c>AWS_NEXT_MODELS_DIR</c> (s3, ec2, iam, cloudwatch, route53,
/// arc-region-switch, sns, sqs, sts): each one is generated (<c>WaitUntilXxxAsync</c>, <c>XxxPagesAsync</c>) or left
/// out with its informational diagnostic (SOC015, SOC009), and only those named in <see cref="LeftOut"/>, with the
/// reason the diagnostic gives.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class NextModelCompanionTests(ITestOutputHelper output)
{
    /// <summary>What may be left out, keyed <c>model/waiter:Name</c> or <c>model/paginator:Operation</c>, with a part of the reason.</summary>
    private static readonly IReadOnlyDictionary<string, string> LeftOut = new Dictionary<string, string>(StringComparer.Ordinal);

    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        string? models = ReferenceData.TryGet("AWS_NEXT_MODELS_DIR", "aws/next/models");
        if (models is null)
        {
            data.Add("(AWS_NEXT_MODELS_DIR missing)");
            return data;
        }

        foreach (string file in Directory.GetFiles(models, "*.json")
                     .Where(f => f.EndsWith(".paginators.json", StringComparison.Ordinal) || f.EndsWith(".waiters.json", StringComparison.Ordinal))
                     .Select(f => Regex.Replace(Path.GetFileName(f), @"\.(paginators|waiters)\.json$", string.Empty))
                     .Distinct(StringComparer.Ordinal)
                     .Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_waiter_and_paginator_of_the_model_is_generated_or_left_out_with_its_reason(string model)
    {
        string models = ReferenceData.Require("AWS_NEXT_MODELS_DIR", "aws/next/models");
        string waitersPath = Path.Combine(models, model + ".waiters.json");
        string paginatorsPath = Path.Combine(models, model + ".paginators.json");
        List<string> waiters = File.Exists(waitersPath) ? Names(waitersPath, "waiters") : [];
        List<string> paginators = File.Exists(paginatorsPath) ? Names(paginatorsPath, "pagination") : [];

        GeneratorRun run = GeneratorHarness.Run(ModelFile.FromDisk(Path.Combine(models, model + ".json")));

        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        string client = string.Concat(run.Sources
            .Where(s => s.HintName.EndsWith("Client.Waiters.g.cs", StringComparison.Ordinal) || s.HintName.EndsWith("Client.Paginators.g.cs", StringComparison.Ordinal))
            .Where(s => !Regex.IsMatch(s.HintName, @"\.I[A-Z]\w*Client\."))
            .Select(s => s.SourceText.ToString()));
        Dictionary<string, string> reported = run.GeneratorDiagnostics
            .Where(d => d.Id is "SOC015" or "SOC009")
            .ToDictionary(d => model + (d.Id == "SOC015" ? "/waiter:" : "/paginator:") + d.GetMessage().Split('\'')[1], d => d.GetMessage(), StringComparer.Ordinal);

        var problems = new List<string>();
        Check("waiter", waiters, name => " WaitUntil" + name + "Async(");
        Check("paginator", paginators, name => " " + name + "PagesAsync(");
        output.WriteLine($"{model}: waiters {waiters.Count - Count("waiter")} generated, {Count("waiter")} left out; paginators {paginators.Count - Count("paginator")} generated, {Count("paginator")} left out");
        foreach ((string key, string message) in reported)
        {
            output.WriteLine($"  left out {key}: {message}");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        int Count(string kind) => reported.Keys.Count(key => key.StartsWith(model + "/" + kind + ":", StringComparison.Ordinal));

        void Check(string kind, List<string> names, Func<string, string> signature)
        {
            foreach (string name in names)
            {
                string key = model + "/" + kind + ":" + name;
                bool generated = client.Contains(signature(name), StringComparison.Ordinal);
                bool expectedLeftOut = LeftOut.TryGetValue(key, out string? reason);
                if (reported.TryGetValue(key, out string? message))
                {
                    if (generated)
                    {
                        problems.Add($"{key} is both generated and reported as left out: {message}");
                    }
                    else if (!expectedLeftOut)
                    {
                        problems.Add($"{key} is left out: {message}");
                    }
                    else if (!message.Contains(reason!, StringComparison.Ordinal))
                    {
                        problems.Add($"{key} is left out for another reason than '{reason}': {message}");
                    }
                }
                else if (!generated)
                {
                    problems.Add($"{key} is neither generated nor reported as left out");
                }
                else if (expectedLeftOut)
                {
                    problems.Add($"{key} is generated now: take it off the left-out list");
                }
            }
        }
    }

    private static List<string> Names(string path, string member)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty(member).EnumerateObject().Select(p => p.Name).ToList();
    }
}

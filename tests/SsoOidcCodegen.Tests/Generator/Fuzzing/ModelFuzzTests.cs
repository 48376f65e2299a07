namespace SsoOidcCodegen.Tests.Generator.Fuzzing;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Property: for every model the mutator makes, the generator neither throws (crash), nor takes longer than
/// <see cref="HangLimit"/> (hang), nor reports a diagnostic without a place in the model file (unlocated),
/// nor accepts a model whose output does not compile (accepted-but-uncompilable). Every case is run and
/// classified; an accepted output is compiled while the run keeps within its pro-rata share of 80% of the
/// budget (the summary gives how many were). Cases: <c>SSOOIDC_FUZZ_MODEL_CASES</c> (default 2,000), budget:
/// <c>SSOOIDC_FUZZ_SECONDS</c> (default 150), seed: <c>SSOOIDC_FUZZ_SEED</c>. A failing case is shrunk to a
/// minimal model and written to the test output directory, to be kept as a regression case; a run of 10,000
/// cases or more also appends a progress line per thousand cases and every finding at once to
/// <c>fuzz-findings/seed{N}-progress.log</c> there.
/// </summary>
[Trait("Category", "Fuzz")]
[Trait("Category", TestCategories.Generator)]
public sealed class ModelFuzzTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    private readonly ITestOutputHelper output;

    public ModelFuzzTests(ITestOutputHelper output) => this.output = output;

    private enum Finding
    {
        None,
        Crash,
        Hang,
        Unlocated,
        Uncompilable,
    }

    [Fact]
    public async Task Mutated_models_never_crash_hang_give_unlocated_diagnostics_or_uncompilable_output()
    {
        int cases = Setting("SSOOIDC_FUZZ_MODEL_CASES", 2000);
        int seconds = Setting("SSOOIDC_FUZZ_SECONDS", 150);
        int seed = Setting("SSOOIDC_FUZZ_SEED", 20261130);
        List<JObject> seeds = SeedModels();
        var mutator = new ModelMutator(seed);
        var budget = Stopwatch.StartNew();
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var findings = new System.Collections.Concurrent.ConcurrentBag<string>();
        int progressEvery = cases >= 10_000 ? 1000 : 0;
        string progressPath = Path.Combine(AppContext.BaseDirectory, "fuzz-findings", $"seed{seed}-progress.log");
        Directory.CreateDirectory(Path.GetDirectoryName(progressPath)!);
        int next = 0;
        int run = 0;
        int compiled = 0;
        int accepted = 0;
        long generateTicks = 0;
        long compileTicks = 0;

        // Cases are made in order under a lock (the same seed gives the same case i), and run on every core.
        void Worker()
        {
            while (true)
            {
                int i;
                string fileName;
                string text;
                string story;
                lock (mutator)
                {
                    // Stop at the case count; past the time budget only once 2,000 cases (or all) have run.
                    if (next >= cases || (budget.Elapsed.TotalSeconds > seconds && next >= Math.Min(cases, 2000)))
                    {
                        return;
                    }

                    i = next++;
                    (fileName, text, story) = mutator.Next(seeds, i);
                }

                // Compiling costs ten times more than generating: compile while within the pro-rata share of the budget.
                bool compile = budget.Elapsed.TotalSeconds < seconds * 0.8 * (i + 1) / cases;
                (Finding finding, string detail, bool wasAccepted, bool wasCompiled, TimeSpan generating, TimeSpan compiling) = Classify(fileName, text, compile);
                Interlocked.Increment(ref run);
                Interlocked.Add(ref accepted, wasAccepted ? 1 : 0);
                Interlocked.Add(ref compiled, wasCompiled ? 1 : 0);
                Interlocked.Add(ref generateTicks, generating.Ticks);
                Interlocked.Add(ref compileTicks, compiling.Ticks);
                counts.AddOrUpdate(finding.ToString(), 1, (_, n) => n + 1);
                if (progressEvery > 0 && (i + 1) % progressEvery == 0)
                {
                    // A long run prints nothing until it ends: a line per thousand cases shows where it is.
                    string line = $"{DateTime.UtcNow:HH:mm:ss} case {i + 1}: " + string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
                    lock (findings)
                    {
                        File.AppendAllText(progressPath, line + Environment.NewLine);
                    }
                }

                if (finding != Finding.None && findings.Count < 10)
                {
                    // Record the finding before shrinking and writing, so neither can lose it.
                    findings.Add($"case {i} ({story}): {finding}: {detail}");
                    lock (findings)
                    {
                        File.AppendAllText(progressPath, EscapeLoneSurrogates($"case {i} ({story}): {finding}: {detail}") + Environment.NewLine);
                    }

                    string minimal = Shrink(fileName, text, finding);
                    string path = Path.Combine(AppContext.BaseDirectory, "fuzz-findings", $"seed{seed}-case{i}-{finding}.json");
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);

                    // A mutated model may hold lone surrogates, which strict UTF-8 cannot write: keep them as \uXXXX.
                    File.WriteAllText(path, EscapeLoneSurrogates(minimal));
                    findings.Add($"  case {i} minimal model: {path}");
                }
            }
        }

        Task[] workers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(_ => Task.Factory.StartNew(Worker, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(workers);

        double rate = run / Math.Max(0.001, budget.Elapsed.TotalSeconds);
        string summary = $"seed {seed}: {run} cases in {budget.Elapsed.TotalSeconds:F0} s ({rate.ToString("F1", CultureInfo.InvariantCulture)}/s), {accepted} accepted, {compiled} compiled"
            + $" (generating {TimeSpan.FromTicks(generateTicks).TotalSeconds:F0} s, compiling {TimeSpan.FromTicks(compileTicks).TotalSeconds:F0} s of CPU); "
            + string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        output.WriteLine(summary);
        Assert.True(run >= Math.Min(cases, 2000), summary);
        Assert.True(findings.Count == 0, summary + "\n" + string.Join("\n", findings));
    }

    /// <summary>Runs one case; <paramref name="compile"/> decides whether accepted output is compiled.</summary>
    private static (Finding Finding, string Detail, bool Accepted, bool Compiled, TimeSpan Generating, TimeSpan Compiling) Classify(string fileName, string text, bool compile)
    {
        var clock = Stopwatch.StartNew();
        (Finding finding, string detail, bool accepted, GeneratorRun? run) = Generate(fileName, text);
        if (finding == Finding.Hang)
        {
            // The limit is wall time, and a loaded two-core machine can stretch one run past it: a hang counts
            // only when a second run of the same case also passes the limit.
            clock.Restart();
            (finding, detail, accepted, run) = Generate(fileName, text);
        }

        TimeSpan generating = clock.Elapsed;
        if (finding != Finding.None || !accepted || !compile || run is null)
        {
            return (finding, detail, accepted, false, generating, TimeSpan.Zero);
        }

        IReadOnlyList<Diagnostic> problems = run.CompileDiagnostics;
        TimeSpan compiling = clock.Elapsed - generating;
        return problems.Count > 0
            ? (Finding.Uncompilable, GeneratorRun.Describe(problems.Take(5)), true, true, generating, compiling)
            : (Finding.None, string.Empty, true, true, generating, compiling);
    }

    /// <summary>Runs the generator on one case and classifies everything but compilation.</summary>
    private static (Finding Finding, string Detail, bool Accepted, GeneratorRun? Run) Generate(string fileName, string text)
    {
        string path = "/fuzz/" + fileName;
        var clock = Stopwatch.StartNew();
        GeneratorRun run;
        try
        {
            run = GeneratorHarness.RunWithDocumentation(new[] { new ModelFile(path, text) });
        }
        catch (Exception exception)
        {
            return (Finding.Crash, exception.GetType().Name + ": " + exception.Message, false, null);
        }

        if (run.Result.Results.FirstOrDefault(r => r.Exception is not null).Exception is { } thrown)
        {
            return (Finding.Crash, thrown.ToString(), false, null);
        }

        if (run.DriverDiagnostics.Concat(run.GeneratorDiagnostics).FirstOrDefault(d => d.Id is "CS8784" or "CS8785" or "SOC011" or "SOCG299") is { } failure)
        {
            return (Finding.Crash, failure.ToString(), false, null);
        }

        if (clock.Elapsed > HangLimit)
        {
            return (Finding.Hang, clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s", false, null);
        }

        if (run.GeneratorDiagnostics.FirstOrDefault(d => d.Location == Location.None || d.Location.GetLineSpan().Path != path) is { } unlocated)
        {
            return (Finding.Unlocated, unlocated.ToString(), false, null);
        }

        bool accepted = !run.GeneratorDiagnostics.Any(d => d.DefaultSeverity == DiagnosticSeverity.Error);
        if (accepted && !run.Sources.Any())
        {
            return (Finding.Uncompilable, "accepted without a single source", true, null);
        }

        if (!accepted && run.Sources.Any())
        {
            return (Finding.Uncompilable, "rejected but still generated sources", false, null);
        }

        return (Finding.None, string.Empty, accepted, run);
    }

    /// <summary>Removes members, shapes, operations and traits while the finding stays the same (bounded effort).</summary>
    private static string Shrink(string fileName, string text, Finding finding)
    {
        JObject model;
        try
        {
            model = JObject.Parse(text);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return text;
        }

        int attempts = 0;
        bool progress = true;
        while (progress && attempts < 300)
        {
            progress = false;
            foreach (JProperty candidate in model.Descendants().OfType<JProperty>().Where(p => p.Name != "metadata").Reverse().ToList())
            {
                if (attempts++ >= 300)
                {
                    break;
                }

                JContainer parent = candidate.Parent!;
                int index = ((IList<JToken>)parent).IndexOf(candidate);
                candidate.Remove();
                if (Classify(fileName, model.ToString(), compile: true).Finding == finding)
                {
                    progress = true;
                }
                else
                {
                    ((IList<JToken>)parent).Insert(index, candidate);
                }
            }
        }

        return model.ToString();
    }

    /// <summary>The models in AWS_MODELS_DIR (none when the directory is absent: the synthetic models still run).</summary>
    internal static List<JObject> SeedModels()
    {
        var seeds = new List<JObject>();
        string? models = ReferenceData.TryGet("AWS_MODELS_DIR", "aws/models");
        if (models is null)
        {
            return seeds;
        }

        foreach (string file in Directory.GetFiles(models, "*.json", SearchOption.AllDirectories).Where(f => !f.Contains(".paginators", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal))
        {
            try
            {
                if (JObject.Parse(File.ReadAllText(file)) is { } model && model["operations"] is JObject && model["shapes"] is JObject && model["metadata"] is JObject)
                {
                    seeds.Add(model);
                }
            }
            catch (Newtonsoft.Json.JsonException)
            {
                // Not a service model (a rule set or a test file).
            }
        }

        return seeds;
    }

    private static string EscapeLoneSurrogates(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool paired = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(text[i - 1]));
            if (char.IsSurrogate(c) && !paired)
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
}

namespace SsoOidcCodegen.Benchmarks;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Filters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SsoOidcCodegen.Benchmarks.Client;
using SsoOidcCodegen.Benchmarks.Cold;
using SsoOidcCodegen.Benchmarks.Generator;
using SsoOidcCodegen.Benchmarks.Reporting;

/// <summary>
/// Runs the benchmark groups (client steady state, DynamoDB steady state, cold login, generator) and prints one
/// line per figure. With <c>--quick</c> the runs are short and the figure lines are all that goes to
/// standard output; otherwise BenchmarkDotNet's full log and tables come first.
/// </summary>
public static class BenchmarkSuite
{
    private static readonly string[] Groups = { "client", "dynamodb", "s3", "cold", "generator", "generator-scale", "consumer" };

    /// <summary>Runs the suite with the command-line arguments; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        bool quick = false;
        string? model = null;
        string? service = null;
        var groups = new HashSet<string>(Groups, StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--model" when i + 1 < args.Length:
                    model = args[++i];
                    break;
                case "--service" when i + 1 < args.Length:
                    service = args[++i];
                    break;
                case "--only" when i + 1 < args.Length:
                    groups = new HashSet<string>(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
                    break;
                default:
                    Console.Error.WriteLine($"usage: SsoOidcCodegen.Benchmarks [--quick] [--only {string.Join(',', Groups)}] [--model {string.Join('|', GeneratorModels.Names)}] [--service {string.Join('|', Consumer.ConsumerBuild.ServiceNames)}] | --cold ours|peer | --alloc-profile get-item|put-item|query [ours|peer] (unknown argument '{args[i]}')");
                    return 64;
            }
        }

        Environment.SetEnvironmentVariable(ColdLoginBenchmarks.HostVariable, typeof(BenchmarkSuite).Assembly.Location);
        var failures = new List<string>();
        if (groups.Contains("client"))
        {
            // A short, discarded run of one case first: whichever case runs first in a fresh process
            // otherwise measures the JIT still tiering up the clients and BenchmarkDotNet's engine.
            BenchmarkRunner.Run<ClientBenchmarks>(ManualConfig.CreateEmpty()
                .AddJob(InProcess(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(100))))
                .AddLogger(NullLogger.Instance)
                .AddFilter(new SimpleFilter(benchmark => Equals(benchmark.Parameters["Operation"], ClientBenchmarks.Operations[0]))));
            Report(BenchmarkRunner.Run<ClientBenchmarks>(Config(quick, ClientJob(quick))), FigureReader.Client, failures);
        }

        if (groups.Contains("dynamodb"))
        {
#if DYNAMODB_BENCH
            Report(BenchmarkRunner.Run<DynamoDb.DynamoDbBenchmarks>(Config(quick, ClientJob(quick))), FigureReader.DynamoDb, failures);
#else
            Console.Error.WriteLine("note: DynamoDB is not measured: the benchmarks were built without AWS_MODELS_DIR/corpus/dynamodb-2012-08-10.json.");
#endif
        }

        if (groups.Contains("s3"))
        {
#if S3_BENCH
            Report(BenchmarkRunner.Run<S3.S3StreamingBenchmarks>(Config(quick, ClientJob(quick))), FigureReader.S3, failures);
#else
            Console.Error.WriteLine("note: S3 is not measured: the benchmarks were built without AWS_NEXT_MODELS_DIR/s3-2006-03-01.json.");
#endif
        }

        if (groups.Contains("cold"))
        {
            // Both publishes come first, so that the processes are timed back to back under the same load.
            var missing = new List<(string Kind, string Reason)>();
            foreach ((string kind, string variable) in new[] { ("r2r", ColdLoginBenchmarks.R2rDirectoryVariable), ("aot", ColdLoginBenchmarks.AotDirectoryVariable) })
            {
                if (Prepare(kind, variable) is { } reason)
                {
                    missing.Add((kind, reason));
                }
            }

            // And each client alone in a program of its own, under the JIT, ReadyToRun and Native AOT.
            string apartRoot = Path.Combine(RepositoryPaths.RepoRoot, "artifacts");
            Environment.SetEnvironmentVariable(ColdLoginBenchmarks.ApartRootVariable, apartRoot);
            foreach (string kind in new[] { "jit", "r2r", "aot" })
            {
                foreach (string side in new[] { "ours", "peer" })
                {
                    Console.Error.WriteLine($"Publishing the cold-login mode with the {(side == "ours" ? "generated client" : "official SDK")} alone, {kind} (artifacts/bench-{kind}-apart-{side})...");
                    if (AotBuild.Publish(kind, side, out string? failure) is null || ColdLoginBenchmarks.ApartExecutable(kind, side) is null)
                    {
                        missing.Add((kind + "-apart", failure ?? "the publish wrote no executable"));
                        break;
                    }
                }
            }

            ManualConfig config = Config(quick, ColdJob(quick));
            foreach ((string kind, string reason) in missing)
            {
                string prefix = kind switch { "aot" => "Aot", "r2r" => "R2r", "jit-apart" => "ApartJit", "r2r-apart" => "ApartR2r", _ => "ApartAot" };
                config = config.AddFilter(new SimpleFilter(benchmark => !benchmark.Descriptor.WorkloadMethod.Name.StartsWith(prefix, StringComparison.Ordinal)));
            }

            Summary cold = BenchmarkRunner.Run<ColdLoginBenchmarks>(config);
            Report(cold, FigureReader.Cold, failures);
            Report(cold, FigureReader.ColdApart, failures);
            foreach ((string kind, string reason) in missing)
            {
                Console.Out.WriteLine(Consumer.ConsumerBuild.NotMeasured("cold.device-login." + kind, reason));
            }
        }

        if (groups.Contains("generator"))
        {
            if (GeneratorModels.MissingReason is { } missing)
            {
                Console.Error.WriteLine("note: " + missing + ".");
            }

            // --model NAME: the generator cases of one model only (ec2 alone takes minutes).
            ManualConfig GeneratorConfig() => model is null
                ? Config(quick, GeneratorJob(quick))
                : Config(quick, GeneratorJob(quick)).AddFilter(new SimpleFilter(benchmark => Equals(benchmark.Parameters["Model"], model)));
            Report(BenchmarkRunner.Run<GeneratorBenchmarks>(GeneratorConfig()), FigureReader.Generator, failures);
            Report(BenchmarkRunner.Run<CompileOutputBenchmarks>(GeneratorConfig()), FigureReader.Generator, failures);
        }

        if (groups.Contains("generator-scale"))
        {
            // Every model, cold only, for the cost-against-size line.
            Summary scale = BenchmarkRunner.Run<GeneratorScaleBenchmarks>(Config(quick, ScaleJob(quick)));
            Report(scale, FigureReader.GeneratorScale, failures);
            if (ScalePlot.Render(FigureReader.GeneratorScale(scale).ToList()) is { } plot)
            {
                Console.Error.WriteLine(plot);
            }
        }

        if (groups.Contains("consumer"))
        {
            // --service NAME: the consumer builds of one service only (ec2's take minutes).
            foreach (string line in Consumer.ConsumerBuild.Run(quick, service))
            {
                Console.Out.WriteLine(line);
                Console.Out.Flush();
            }
        }

        foreach (string failure in failures)
        {
            Console.Error.WriteLine("error: " + failure);
        }

        return failures.Count == 0 ? 0 : 1;
    }

    // Publishes the ReadyToRun or Native AOT build of the cold-login mode (quick runs too: the MSBuild
    // incremental build makes a second publish of unchanged sources short), unless the variable names one.
    private static string? Prepare(string kind, string variable)
    {
        string? Existing() => kind == "aot" ? ColdLoginBenchmarks.AotExecutable : ColdLoginBenchmarks.R2rExecutable;
        if (Existing() is not null)
        {
            return null;
        }

        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } named)
        {
            return $"{variable}='{named}' holds no SsoOidcCodegen.Benchmarks executable";
        }

        Console.Error.WriteLine($"Publishing the {(kind == "aot" ? "Native AOT" : "ReadyToRun")} build of the cold-login mode (artifacts/bench-{kind})...");
        string? directory = AotBuild.Publish(kind, out string? failure);
        if (directory is null)
        {
            return failure;
        }

        Environment.SetEnvironmentVariable(variable, directory);
        return Existing() is null ? $"the publish wrote no executable to {directory}" : null;
    }

    private static void Report(Summary summary, Func<Summary, IEnumerable<Figure>> read, List<string> failures)
    {
        foreach (Figure figure in read(summary))
        {
            Console.Out.WriteLine(figure);
        }

        Console.Out.Flush();
        if (summary.HasCriticalValidationErrors)
        {
            failures.Add($"{summary.Title}: critical validation errors: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
        }

        foreach (BenchmarkReport report in summary.Reports.Where(r => !r.Success || r.ResultStatistics is null))
        {
            failures.Add($"{report.BenchmarkCase.DisplayInfo} failed (see {summary.LogFilePath}).");
        }
    }

    // In process: one build, no generated project per benchmark, and the run fits a 2-core machine.
    private static Job InProcess(Job job) => job.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(15), logOutput: false));

    private static Job ClientJob(bool quick) => InProcess(quick
        ? Job.Default.WithLaunchCount(1).WithWarmupCount(4).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(100))
        : Job.Default.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(20).WithIterationTime(TimeInterval.FromMilliseconds(250)));

    private static Job ColdJob(bool quick) => InProcess(Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(quick ? 1 : 2)
        .WithIterationCount(quick ? 3 : 20)
        .WithInvocationCount(1)
        .WithUnrollFactor(1));

    private static Job ScaleJob(bool quick) => InProcess(Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(quick ? 3 : 7)
        .WithInvocationCount(1)
        .WithUnrollFactor(1));

    private static Job GeneratorJob(bool quick) => InProcess(quick
        ? Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(100))
        : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15));

    private static ManualConfig Config(bool quick, Job job)
    {
        ManualConfig config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(quick ? NullLogger.Instance : ConsoleLogger.Default);
        if (!quick)
        {
            config.AddExporter(MarkdownExporter.GitHub);
        }

        return config;
    }
}

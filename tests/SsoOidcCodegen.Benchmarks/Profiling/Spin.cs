namespace SsoOidcCodegen.Benchmarks.Profiling;

using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;

/// <summary>
/// Runs one benchmark case's call in a loop for a given time, for a CPU profiler to sample:
/// <c>--spin client|dynamodb &lt;operation&gt; ours|peer|floor &lt;seconds&gt;</c>, or <c>--spin generator parse|split|emit|cold|warm|warm-structural|warm-add-member|edit-shape-doc &lt;model&gt; &lt;seconds&gt;</c>. It prints the calls per
/// second it reached, a rough figure for the profile's context, never a benchmark result (those come
/// from BenchmarkDotNet in the same run as their peer). Example, with <c>perf</c> resolving JIT frames:
/// <c>DOTNET_PerfMapEnabled=1 perf record -F 2000 -g -- dotnet bin/Release/net10.0/SsoOidcCodegen.Benchmarks.dll --spin client CreateToken ours 10</c>.
/// </summary>
public static class Spin
{
    private sealed class NothingToDispose : IDisposable
    {
        public void Dispose()
        {
        }
    }

    /// <summary>Runs the loop; returns the exit code.</summary>
    public static int Run(string group, string operation, string side, string seconds)
    {
        if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out double duration) || duration <= 0)
        {
            Console.Error.WriteLine("usage: --spin client|dynamodb <operation> ours|peer|floor <seconds> | --spin generator parse|split|emit|cold|warm|warm-structural|warm-add-member|edit-shape-doc <model> <seconds>");
            return 64;
        }

        IDisposable owner;
        Func<Task> call;
        switch (group)
        {
            case "client":
                var client = new Client.ClientBenchmarks { Operation = operation };
                client.Setup();
                owner = client;
                call = side switch { "ours" => client.Ours, "peer" => client.Peer, _ => client.Floor };
                break;
#if DYNAMODB_BENCH
            case "dynamodb":
                var dynamo = new DynamoDb.DynamoDbBenchmarks { Operation = operation };
                dynamo.Setup();
                owner = dynamo;
                call = side == "peer" ? dynamo.Peer : dynamo.Ours;
                break;
#endif
            case "generator":
                // --spin generator parse|split|emit|cold|warm|warm-structural|warm-add-member|edit-shape-doc <model> <seconds>
                var generator = new Generator.GeneratorBenchmarks { Model = side };
                generator.Setup();
                owner = new NothingToDispose();
                Func<object?> step = operation switch
                {
                    "parse" => generator.Parse,
                    "emit" => () => generator.Emit(),
                    "edit-shape-doc" => () => generator.EditShapeDoc(),
                    "warm" => () => generator.Warm(),
                    "warm-structural" => () => generator.WarmStructural(),
                    "warm-add-member" => () => generator.WarmAddMember(),
                    "split" => generator.Split,
                    _ => () => generator.Cold(),
                };
                call = () =>
                {
                    GC.KeepAlive(step());
                    return Task.CompletedTask;
                };
                break;
            default:
                Console.Error.WriteLine($"unknown group '{group}'");
                return 64;
        }

        using (owner)
        {
            var clock = Stopwatch.StartNew();
            long calls = 0;
            int batch = group == "generator" ? 1 : 1000;

            // The second half's rate too: the first seconds are the JIT's (tiering up a generator driver takes several).
            long halfCalls = -1;
            double halfTime = 0;
            while (clock.Elapsed.TotalSeconds < duration)
            {
                for (int i = 0; i < batch; i++)
                {
                    call().GetAwaiter().GetResult();
                }

                calls += batch;
                if (halfCalls < 0 && clock.Elapsed.TotalSeconds >= duration / 2)
                {
                    halfCalls = calls;
                    halfTime = clock.Elapsed.TotalSeconds;
                }
            }

            double total = clock.Elapsed.TotalSeconds;
            string second = halfCalls < 0 || total <= halfTime ? string.Empty : $", {(calls - halfCalls) / (total - halfTime):F0} calls/s in the second half";
            Console.Out.WriteLine($"{group}.{operation} {side}: {calls / total:F0} calls/s over {total:F1} s{second}");
        }

        return 0;
    }
}

namespace SsoOidcCodegen.Benchmarks.DynamoDb;

using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

/// <summary>
/// What one DynamoDB call allocates, by type: <c>--alloc-profile get-item|put-item|query [ours|peer]</c>
/// runs the benchmark's call (after its setup and warm-up) a few thousand times with the runtime's
/// allocation sampling on (EventPipe's <c>GCAllocationTick</c>, one event about every 100 KB, read
/// in process by an <see cref="EventListener"/>) and prints the exact bytes per call
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>) and the sampled share of each type. Bytes do not
/// depend on the machine's load, so this can be run on a busy machine.
/// </summary>
public static class AllocationProfile
{
    /// <summary>Runs the profile; returns the exit code.</summary>
    public static int Run(string operation, string side)
    {
        string name = operation switch
        {
            "get-item" => "GetItem",
            "put-item" => "PutItem",
            "query" => "Query",
            _ => string.Empty,
        };
        bool generator = operation.StartsWith("generator:", StringComparison.Ordinal);
        if ((name.Length == 0 && !operation.StartsWith("client:", StringComparison.Ordinal) && !generator) || side is not ("ours" or "peer" or "floor"))
        {
            Console.Error.WriteLine("usage: --alloc-profile get-item|put-item|query|client:<operation>|generator:parse|emit|cold|warm:<model> [ours|peer|floor]");
            return 64;
        }

        IDisposable owner;
        Func<Task> call;
        if (generator)
        {
            // One step of the generator for one model, e.g. generator:emit:glue (the side is not used).
            string[] parts = operation.Split(':');
            var benchmarks = new Generator.GeneratorBenchmarks { Model = parts.Length == 3 ? parts[2] : "sso-oidc" };
            benchmarks.Setup();
            owner = new NothingToDispose();
            Func<object?> step = parts[1] switch
            {
                "parse" => benchmarks.Parse,
                "emit" => () => benchmarks.Emit(),
                "warm" => () => benchmarks.Warm(),
                _ => () => benchmarks.Cold(),
            };
            call = () =>
            {
                GC.KeepAlive(step());
                return Task.CompletedTask;
            };
        }
        else if (operation.StartsWith("client:", StringComparison.Ordinal))
        {
            // An SSO OIDC case of the client group, e.g. client:CreateToken.
            var client = new Client.ClientBenchmarks { Operation = operation.Substring("client:".Length) };
            client.Setup();
            owner = client;
            call = side switch { "ours" => client.Ours, "peer" => client.Peer, _ => client.Floor };
        }
        else
        {
            var benchmarks = new DynamoDbBenchmarks { Operation = name };
            benchmarks.Setup();
            owner = benchmarks;
            call = side == "ours" ? benchmarks.Ours : benchmarks.Peer;
        }

        using IDisposable disposeAtEnd = owner;
        // A generator step is a whole model's work: fewer of them make as many allocation ticks.
        int calls = generator ? 20 : 20000;
        int exact = generator ? 5 : 200;
        call().GetAwaiter().GetResult();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < exact; i++)
        {
            call().GetAwaiter().GetResult();
        }

        long perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / exact;
        using var listener = new AllocationListener();
        for (int i = 0; i < calls; i++)
        {
            call().GetAwaiter().GetResult();
        }

        listener.Dispose();
        Dictionary<string, long> byType = listener.Snapshot();
        long sampled = byType.Values.Sum();
        Console.Out.WriteLine($"{(name.Length == 0 ? operation : "dynamodb." + operation)} {side}: {perCall.ToString(CultureInfo.InvariantCulture)} B per call (exact, {exact} calls); {calls} calls sampled, {sampled / 1024} KB in allocation ticks");
        foreach ((string type, long bytes) in byType.OrderByDescending(pair => pair.Value).Take(25))
        {
            double share = (double)bytes / sampled;
            Console.Out.WriteLine($"  {share,7:P1}  ~{(long)(share * perCall),8} B/call  {type}");
        }

        return 0;
    }

    private sealed class NothingToDispose : IDisposable
    {
        public void Dispose()
        {
        }
    }

    private sealed class AllocationListener : EventListener
    {
        private readonly Dictionary<string, long> byType = new(StringComparer.Ordinal);

        public Dictionary<string, long> Snapshot()
        {
            lock (byType)
            {
                return new Dictionary<string, long>(byType, StringComparer.Ordinal);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick at Verbose
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
            {
                return;
            }

            int typeIndex = eventData.PayloadNames.IndexOf("TypeName");
            int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
            if (amountIndex < 0)
            {
                amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount");
            }

            if (typeIndex < 0 || amountIndex < 0)
            {
                return;
            }

            string type = eventData.Payload![typeIndex] as string ?? "?";
            long amount = Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture);
            lock (byType)
            {
                byType[type] = byType.GetValueOrDefault(type) + amount;
            }
        }
    }
}

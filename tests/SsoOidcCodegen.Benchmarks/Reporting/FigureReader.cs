namespace SsoOidcCodegen.Benchmarks.Reporting;

using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SsoOidcCodegen.Benchmarks.Client;
using SsoOidcCodegen.Benchmarks.Generator;

/// <summary>Turns BenchmarkDotNet summaries into figures (medians): pairs each "ours" case with its peer or floor.</summary>
public static class FigureReader
{
    private const double NanosecondsPerMillisecond = 1_000_000;

    /// <summary>Client figures: time and bytes against the official SDK and against the raw floor, per operation.</summary>
    public static IEnumerable<Figure> Client(Summary summary)
    {
        foreach (string operation in ClientBenchmarks.Operations)
        {
            string name = "client." + Kebab(operation);
            Measured? ours = Find(summary, "Ours", "Operation", operation);
            if (ours is null)
            {
                continue;
            }

            Measured? peer = Find(summary, "Peer", "Operation", operation);
            Measured? floor = Find(summary, "Floor", "Operation", operation);
            yield return new Figure(name + ".time", ours.Nanoseconds, peer?.Nanoseconds, "ns");
            yield return new Figure(name + ".alloc", ours.Bytes, peer?.Bytes, "B");
            yield return new Figure(name + ".floor-time", ours.Nanoseconds, floor?.Nanoseconds, "ns");
            yield return new Figure(name + ".floor-alloc", ours.Bytes, floor?.Bytes, "B");
        }

        foreach (Figure figure in PendingAgainstSuccess(summary))
        {
            yield return figure;
        }
    }

    /// <summary>
    /// The exception-free pending poll (<c>TryCreateTokenAsync</c> answered AuthorizationPendingException)
    /// against our own successful CreateToken, from the client summary: "peer" is the successful call, so
    /// the target "pending costs at most 1.5× a success" is a ratio of at least 0.67.
    /// </summary>
    public static IEnumerable<Figure> PendingAgainstSuccess(Summary summary)
    {
        Measured? pending = Find(summary, "Ours", "Operation", "CreateTokenPendingTry");
        Measured? success = Find(summary, "Ours", "Operation", "CreateToken");
        if (pending is not null && success is not null)
        {
            yield return new Figure("client.create-token-pending-try.vs-success-time", pending.Nanoseconds, success.Nanoseconds, "ns");
            yield return new Figure("client.create-token-pending-try.vs-success-alloc", pending.Bytes, success.Bytes, "B");
        }
    }

#if DYNAMODB_BENCH
    /// <summary>DynamoDB figures: time and bytes against AWSSDK.DynamoDBv2, per operation.</summary>
    public static IEnumerable<Figure> DynamoDb(Summary summary)
    {
        foreach (string operation in SsoOidcCodegen.Benchmarks.DynamoDb.DynamoDbBenchmarks.Operations)
        {
            string name = "dynamodb." + Kebab(operation);
            if (Find(summary, "Ours", "Operation", operation) is not { } ours)
            {
                continue;
            }

            Measured? peer = Find(summary, "Peer", "Operation", operation);
            yield return new Figure(name + ".time", ours.Nanoseconds, peer?.Nanoseconds, "ns");
            yield return new Figure(name + ".alloc", ours.Bytes, peer?.Bytes, "B");
        }
    }
#endif

#if S3_BENCH
    /// <summary>
    /// S3 figures: PutObject and GetObject of each size, time and bytes against AWSSDK.S3. Both move the same bytes, so
    /// the time ratio is also the throughput ratio (ours over the SDK's).
    /// </summary>
    public static IEnumerable<Figure> S3(Summary summary)
    {
        foreach (int size in new[] { 1 << 20, 64 << 20 })
        {
            string sizeName = size == 1 << 20 ? "1mib" : "64mib";
            foreach (string verb in new[] { "Put", "Get" })
            {
                string value = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (Find(summary, "Ours" + verb, "Size", value) is not { } ours)
                {
                    continue;
                }

                Measured? peer = Find(summary, "Peer" + verb, "Size", value);
                string name = "s3." + verb.ToLowerInvariant() + "-object-" + sizeName;
                yield return new Figure(name + ".time", ours.Nanoseconds, peer?.Nanoseconds, "ns");
                yield return new Figure(name + ".alloc", ours.Bytes, peer?.Bytes, "B");

            }
        }
    }
#endif

    /// <summary>Cold-login figures: wall time of a whole process, ours against the official SDK, per build kind; the process start alone and each login past it.</summary>
    public static IEnumerable<Figure> Cold(Summary summary)
    {
        foreach (string kind in new[] { "Jit", "R2r", "Aot" })
        {
            Measured? ours = Find(summary, kind + "Ours");
            Measured? peer = Find(summary, kind + "Peer");
            if (ours is not null)
            {
                yield return new Figure("cold.device-login." + kind.ToLowerInvariant(), ours.Nanoseconds / NanosecondsPerMillisecond, peer?.Nanoseconds / NanosecondsPerMillisecond, "ms");
            }

            // The process start both pay (the program returning before either client does anything), and what each
            // login adds past it.
            if (Find(summary, kind + "Start") is { } start)
            {
                yield return new Figure("cold.process-start." + kind.ToLowerInvariant(), start.Nanoseconds / NanosecondsPerMillisecond, null, "ms");
                if (ours is not null)
                {
                    yield return new Figure(
                        "cold.device-login." + kind.ToLowerInvariant() + ".past-start",
                        (ours.Nanoseconds - start.Nanoseconds) / NanosecondsPerMillisecond,
                        peer is null ? null : (peer.Nanoseconds - start.Nanoseconds) / NanosecondsPerMillisecond,
                        "ms");
                }
            }
        }
    }

    /// <summary>
    /// Cold-login figures of the one-client programs (<c>cold.device-login.KIND-apart</c>): each login in a program
    /// with its own client alone; the process start of each such program, ours against the SDK's; each login past
    /// its own program's start.
    /// </summary>
    public static IEnumerable<Figure> ColdApart(Summary summary)
    {
        foreach (string kind in new[] { "Jit", "R2r", "Aot" })
        {
            string name = kind.ToLowerInvariant() + "-apart";
            Measured? ours = Find(summary, "Apart" + kind + "Ours");
            Measured? peer = Find(summary, "Apart" + kind + "Peer");
            Measured? oursStart = Find(summary, "Apart" + kind + "StartOurs");
            Measured? peerStart = Find(summary, "Apart" + kind + "StartPeer");
            if (ours is not null)
            {
                yield return new Figure("cold.device-login." + name, ours.Nanoseconds / NanosecondsPerMillisecond, peer?.Nanoseconds / NanosecondsPerMillisecond, "ms");
            }

            if (oursStart is not null)
            {
                yield return new Figure("cold.process-start." + name, oursStart.Nanoseconds / NanosecondsPerMillisecond, peerStart?.Nanoseconds / NanosecondsPerMillisecond, "ms");
            }

            if (ours is not null && oursStart is not null)
            {
                yield return new Figure(
                    "cold.device-login." + name + ".past-start",
                    (ours.Nanoseconds - oursStart.Nanoseconds) / NanosecondsPerMillisecond,
                    peer is null || peerStart is null ? null : (peer.Nanoseconds - peerStart.Nanoseconds) / NanosecondsPerMillisecond,
                    "ms");
            }
        }
    }

    /// <summary>Generator figures: cold, warm (a documentation edit) and warm-structural (an endpoint prefix edit) and warm-add-member (a member added) against the floor (time, time per model MB, bytes), cached, parse, emit and compile-the-output alone.</summary>
    public static IEnumerable<Figure> Generator(Summary summary)
    {
        foreach (GeneratorModel model in GeneratorModels.Available)
        {
            string name = "generator." + model.Name;
            Measured? floor = Find(summary, "Floor", "Model", model.Name);
            double megabytes = model.Bytes / 1_000_000.0;
            foreach ((string stage, string label) in new[] { ("Cold", "cold"), ("Warm", "warm"), ("WarmStructural", "warm-structural"), ("WarmAddMember", "warm-add-member") })
            {
                Measured? ours = Find(summary, stage, "Model", model.Name);
                if (ours is null)
                {
                    continue;
                }

                string stageName = name + "." + label;
                yield return new Figure(stageName + ".time", ours.Nanoseconds / NanosecondsPerMillisecond, floor?.Nanoseconds / NanosecondsPerMillisecond, "ms");
                yield return new Figure(stageName + ".per-mb", ours.Nanoseconds / NanosecondsPerMillisecond / megabytes, floor?.Nanoseconds / NanosecondsPerMillisecond / megabytes, "ms");
                yield return new Figure(stageName + ".alloc", ours.Bytes, floor?.Bytes, "B");
            }

            foreach (string step in new[] { "Parse", "Emit", "Compile" })
            {
                if (Find(summary, step, "Model", model.Name) is { } alone)
                {
                    yield return new Figure(name + "." + step.ToLowerInvariant() + ".time", alone.Nanoseconds / NanosecondsPerMillisecond, null, "ms");
                }
            }

            // An edit of one shape's documentation against a cold run (ratio cold/edit; issue 14's goal: at least 10).
            if (Find(summary, "EditShapeDoc", "Model", model.Name) is { } shapeEdit)
            {
                Measured? cold = Find(summary, "Cold", "Model", model.Name);
                yield return new Figure(name + ".edit-shape-doc.vs-cold-time", shapeEdit.Nanoseconds / NanosecondsPerMillisecond, cold?.Nanoseconds / NanosecondsPerMillisecond, "ms");
            }

            if (Find(summary, "Cached", "Model", model.Name) is { } cached)
            {
                yield return new Figure(name + ".cached.time", cached.Nanoseconds / NanosecondsPerMillisecond, null, "ms");
                yield return new Figure(name + ".cached.alloc", cached.Bytes, null, "B");
            }
        }
    }

    /// <summary>
    /// The generator against model size: every model's size (MB of its model file) and cold run, then the least-squares line through them (<c>generator.scale.fit.ms-per-mb</c> and <c>.intercept</c>), how
    /// much of the spread it explains (<c>.r2</c>) and the worst model's distance from it (<c>.worst-residual</c>).
    /// </summary>
    public static IEnumerable<Figure> GeneratorScale(Summary summary)
    {
        var points = new List<(double Megabytes, double Milliseconds)>();
        foreach (GeneratorModel model in GeneratorScaleBenchmarks.Models)
        {
            if (Find(summary, "Cold", "Model", model.Name) is not { } cold)
            {
                continue;
            }

            double megabytes = model.Bytes / 1_000_000.0;
            double milliseconds = cold.Nanoseconds / NanosecondsPerMillisecond;
            points.Add((megabytes, milliseconds));
            yield return new Figure("generator.scale." + model.Name + ".size", megabytes, null, "MB");
            yield return new Figure("generator.scale." + model.Name + ".cold.time", milliseconds, null, "ms");
        }

        if (points.Count < 3)
        {
            yield break;
        }

        double meanX = points.Average(p => p.Megabytes);
        double meanY = points.Average(p => p.Milliseconds);
        double sxx = points.Sum(p => (p.Megabytes - meanX) * (p.Megabytes - meanX));
        double sxy = points.Sum(p => (p.Megabytes - meanX) * (p.Milliseconds - meanY));
        double slope = sxy / sxx;
        double intercept = meanY - (slope * meanX);
        double total = points.Sum(p => (p.Milliseconds - meanY) * (p.Milliseconds - meanY));
        double residual = points.Sum(p => Math.Pow(p.Milliseconds - (intercept + (slope * p.Megabytes)), 2));
        double worst = points.Max(p => Math.Abs(p.Milliseconds - (intercept + (slope * p.Megabytes))));
        yield return new Figure("generator.scale.fit.ms-per-mb", slope, null, "ms");
        yield return new Figure("generator.scale.fit.intercept", intercept, null, "ms");
        yield return new Figure("generator.scale.fit.r2", 1 - (residual / total), null, "1");
        yield return new Figure("generator.scale.fit.worst-residual", worst, null, "ms");
    }

    private static Measured? Find(Summary summary, string method, string? parameter = null, string? value = null)
    {
        BenchmarkReport? report = summary.Reports.FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
            && (parameter is null || Equals(r.BenchmarkCase.Parameters[parameter]?.ToString(), value)));
        if (report?.ResultStatistics is not { } statistics)
        {
            return null;
        }

        long? bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        // The median of the iterations: this machine is shared, and a burst of other work skews a mean.
        return new Measured(statistics.Median, bytes ?? 0);
    }

    private static string Kebab(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool boundary = i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (boundary)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private sealed record Measured(double Nanoseconds, double Bytes);
}

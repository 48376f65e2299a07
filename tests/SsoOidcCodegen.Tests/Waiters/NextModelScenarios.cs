namespace SsoOidcCodegen.Tests.Waiters;

using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Emit;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Clients generated from the models in <c>AWS_NEXT_MODELS_DIR</c> (with their own waiters and paginators files),
/// compiled together with a scenario class per model that calls a waiter or pages through a paginator against a
/// <see cref="LoopbackService"/> and describes what happened in one line. Each model is generated and compiled once.
/// </summary>
internal static class NextModelScenarios
{
    /// <summary>Client options and the waiter outcome line, compiled into every scenario assembly.</summary>
    private const string Support = """
        namespace NextScenarios;

        using System;
        using System.Threading.Tasks;
        using SsoOidcCodegen.Runtime;
        using SsoOidcCodegen.Runtime.Auth;
        using SsoOidcCodegen.Runtime.Retry;
        using SsoOidcCodegen.Runtime.Waiters;

        public static class Support
        {
            public static AwsClientOptions Options(Uri url) => new()
            {
                ServiceUrl = url,
                Region = "us-east-1",
                Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                Retry = new RetryOptions { MaxAttempts = 1 },
            };

            /// <summary>No delay between attempts; at most <paramref name="maxAttempts"/> calls.</summary>
            public static WaiterOptions Fast(int maxAttempts = 10) => new() { MinDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, MaxAttempts = maxAttempts };

            /// <summary>"success attempts=N [error=status code]", "failure attempts=N [error=code]" or "timeout attempts=N".</summary>
            public static async Task<string> Outcome<T>(Func<Task<WaiterResult<T>>> wait)
                where T : class
            {
                try
                {
                    WaiterResult<T> result = await wait();
                    return "success attempts=" + result.Attempts
                        + (result.Error is null ? (result.Response is null ? " response=null" : string.Empty) : $" error={(int)result.Error.StatusCode} {result.Error.ErrorCode}");
                }
                catch (WaiterTimeoutException timeout)
                {
                    return "timeout attempts=" + timeout.Attempts;
                }
                catch (WaiterFailedException failed)
                {
                    return "failure attempts=" + failed.Attempts + (failed.InnerException is AwsServiceException error ? $" error={(int)error.StatusCode} {error.ErrorCode}" : string.Empty);
                }
            }
        }
        """;

    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> Built = new(StringComparer.Ordinal);

    /// <summary>Runs <c>NextScenarios.Run.Scenario(url, name)</c> of the model's scenario assembly.</summary>
    public static async Task<string> RunAsync(string model, string @namespace, string scenarios, Uri url, string name)
    {
        Assembly assembly = Built.GetOrAdd(model, _ => new Lazy<Assembly>(() => Build(model, @namespace, scenarios))).Value;
        MethodInfo method = assembly.GetType("NextScenarios.Run", throwOnError: true)!.GetMethod("Scenario")!;
        return await (Task<string>)method.Invoke(null, [url, name])!;
    }

    private static Assembly Build(string model, string @namespace, string scenarios)
    {
        string models = ReferenceData.Require("AWS_NEXT_MODELS_DIR", "aws/next/models");
        GeneratorRun run = GeneratorHarness.Run(ModelFile.FromDisk(Path.Combine(models, model + ".json"), ns: @namespace), Support, scenarios);
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        using var image = new MemoryStream();
        EmitResult result = run.Compilation.Emit(image);
        Assert.True(result.Success, GeneratorRun.Describe(result.Diagnostics));
        image.Position = 0;
        return TestAssemblies.Load("next-" + model, image);
    }

    public const string S3 = """
        namespace NextScenarios;

        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Next.S3;
        using Next.S3.Model;

        public static class Run
        {
            public static async Task<string> Scenario(Uri url, string name)
            {
                using var client = new S3Client(Support.Options(url));
                switch (name)
                {
                    case "BucketExists":
                        return await Support.Outcome(() => client.WaitUntilBucketExistsAsync(new HeadBucketRequest { Bucket = "photos" }, Support.Fast()));
                    case "BucketNotExists":
                        return await Support.Outcome(() => client.WaitUntilBucketNotExistsAsync(new HeadBucketRequest { Bucket = "photos" }, Support.Fast(3)));
                    case "ObjectExists":
                        return await Support.Outcome(() => client.WaitUntilObjectExistsAsync(new HeadObjectRequest { Bucket = "photos", Key = "2024/cat.jpg" }, Support.Fast()));
                    case "ObjectNotExists":
                        return await Support.Outcome(() => client.WaitUntilObjectNotExistsAsync(new HeadObjectRequest { Bucket = "photos", Key = "2024/cat.jpg" }, Support.Fast()));
                    case "ListObjectsV2":
                    {
                        var request = new ListObjectsV2Request { Bucket = "photos", MaxKeys = 2 };
                        var keys = new List<string>();
                        await foreach (var item in client.ListObjectsV2ItemsAsync(request))
                        {
                            keys.Add(item.Key ?? "?");
                        }

                        int pages = 0;
                        await foreach (ListObjectsV2Output page in client.ListObjectsV2PagesAsync(request))
                        {
                            pages++;
                        }

                        return string.Join(",", keys) + "|pages=" + pages + "|token=" + (request.ContinuationToken ?? "null");
                    }

                    case "ListObjects":
                    {
                        var keys = new List<string>();
                        await foreach (var item in client.ListObjectsItemsAsync(new ListObjectsRequest { Bucket = "photos" }))
                        {
                            keys.Add(item.Key ?? "?");
                        }

                        return string.Join(",", keys);
                    }

                    default:
                        throw new ArgumentException(name);
                }
            }
        }
        """;

    public const string Ec2 = """
        namespace NextScenarios;

        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Next.Ec2;
        using Next.Ec2.Model;

        public static class Run
        {
            public static async Task<string> Scenario(Uri url, string name)
            {
                using var client = new Ec2Client(Support.Options(url));
                switch (name)
                {
                    case "InstanceRunning":
                        return await Support.Outcome(() => client.WaitUntilInstanceRunningAsync(new DescribeInstancesRequest { InstanceIds = new List<string> { "i-1", "i-2" } }, Support.Fast()));
                    case "InstanceRunningTimesOut":
                        return await Support.Outcome(() => client.WaitUntilInstanceRunningAsync(new DescribeInstancesRequest { InstanceIds = new List<string> { "i-1" } }, Support.Fast(3)));
                    case "DescribeInstances":
                    {
                        var request = new DescribeInstancesRequest { MaxResults = 5 };
                        var seen = new List<string>();
                        await foreach (Reservation reservation in client.DescribeInstancesItemsAsync(request))
                        {
                            seen.Add(reservation.ReservationId + ":" + string.Join("+", (reservation.Instances ?? new List<Instance>()).Select(i => i.InstanceId)));
                        }

                        return string.Join(",", seen) + "|token=" + (request.NextToken ?? "null");
                    }

                    default:
                        throw new ArgumentException(name);
                }
            }
        }
        """;

    public const string Iam = """
        namespace NextScenarios;

        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Next.Iam;
        using Next.Iam.Model;

        public static class Run
        {
            public static async Task<string> Scenario(Uri url, string name)
            {
                using var client = new IamClient(Support.Options(url));
                switch (name)
                {
                    case "UserExists":
                        return await Support.Outcome(() => client.WaitUntilUserExistsAsync(new GetUserRequest { UserName = "alice" }, Support.Fast()));
                    case "ListUsers":
                    {
                        var request = new ListUsersRequest { MaxItems = 2 };
                        var names = new List<string>();
                        await foreach (User user in client.ListUsersItemsAsync(request))
                        {
                            names.Add(user.UserName ?? "?");
                        }

                        return string.Join(",", names) + "|marker=" + (request.Marker ?? "null");
                    }

                    default:
                        throw new ArgumentException(name);
                }
            }
        }
        """;

    public const string CloudWatch = """
        namespace NextScenarios;

        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Next.CloudWatch;
        using Next.CloudWatch.Model;

        public static class Run
        {
            public static async Task<string> Scenario(Uri url, string name)
            {
                using var client = new CloudWatchClient(Support.Options(url));
                switch (name)
                {
                    case "AlarmExists":
                        return await Support.Outcome(() => client.WaitUntilAlarmExistsAsync(new DescribeAlarmsInput { AlarmNames = new List<string> { "cpu-high" } }, Support.Fast()));
                    case "AlarmExistsTimesOut":
                        return await Support.Outcome(() => client.WaitUntilAlarmExistsAsync(new DescribeAlarmsInput { AlarmNames = new List<string> { "cpu-high" } }, Support.Fast(2)));
                    default:
                        throw new ArgumentException(name);
                }
            }
        }
        """;

    public const string Route53 = """
        namespace NextScenarios;

        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Next.Route53;
        using Next.Route53.Model;

        public static class Run
        {
            public static async Task<string> Scenario(Uri url, string name)
            {
                using var client = new Route53Client(Support.Options(url));
                switch (name)
                {
                    case "ResourceRecordSetsChanged":
                        return await Support.Outcome(() => client.WaitUntilResourceRecordSetsChangedAsync(new GetChangeRequest { Id = "C2682N5HXP0BZ4" }, Support.Fast()));
                    case "ListResourceRecordSets":
                    {
                        var request = new ListResourceRecordSetsRequest { HostedZoneId = "Z1D633PJN98FT9", MaxItems = "2" };
                        var records = new List<string>();
                        await foreach (ResourceRecordSet record in client.ListResourceRecordSetsItemsAsync(request))
                        {
                            records.Add(record.Name + " " + record.Type);
                        }

                        return string.Join(",", records) + "|start=" + (request.StartRecordName ?? "null");
                    }

                    default:
                        throw new ArgumentException(name);
                }
            }
        }
        """;
}

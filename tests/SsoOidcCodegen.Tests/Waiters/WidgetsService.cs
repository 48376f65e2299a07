namespace SsoOidcCodegen.Tests.Waiters;

using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using SsoOidcCodegen.Tests.Client;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A synthetic awsJson 1.1 service with a waiter for every acceptor matcher and paginators with
/// several tokens, a path token and <c>more_results</c>, generated and compiled together with
/// scenario code that calls the typed client (loaded once per run). Tests hand the scenarios a
/// <see cref="ScriptedHandler"/> and read back what happened as text.
/// </summary>
public static class WidgetsService
{
    public const string Model = """
        {
          "version": "2.0",
          "metadata": { "apiVersion": "2024-01-01", "endpointPrefix": "widgets", "jsonVersion": "1.1", "protocol": "json",
                        "serviceId": "Widgets", "signatureVersion": "v4", "targetPrefix": "Widgets", "uid": "widgets-2024-01-01" },
          "operations": {
            "DescribeWidget": { "name": "DescribeWidget", "http": { "method": "POST", "requestUri": "/" },
              "input": { "shape": "DescribeWidgetInput" }, "output": { "shape": "DescribeWidgetOutput" },
              "errors": [ { "shape": "ResourceNotFoundException" } ] },
            "ListWidgets": { "name": "ListWidgets", "http": { "method": "POST", "requestUri": "/" },
              "input": { "shape": "ListWidgetsInput" }, "output": { "shape": "ListWidgetsOutput" } },
            "ListShards": { "name": "ListShards", "http": { "method": "POST", "requestUri": "/" },
              "input": { "shape": "ListShardsInput" }, "output": { "shape": "ListShardsOutput" } },
            "ListThings": { "name": "ListThings", "http": { "method": "POST", "requestUri": "/" },
              "input": { "shape": "ListThingsInput" }, "output": { "shape": "ListThingsOutput" } }
          },
          "shapes": {
            "String": { "type": "string" },
            "Integer": { "type": "integer" },
            "Boolean": { "type": "boolean" },
            "WidgetStatus": { "type": "string", "enum": [ "PENDING", "READY", "BROKEN" ] },
            "DescribeWidgetInput": { "type": "structure", "required": [ "WidgetId" ], "members": { "WidgetId": { "shape": "String" } } },
            "DescribeWidgetOutput": { "type": "structure", "members": { "Widget": { "shape": "Widget" } } },
            "Widget": { "type": "structure", "members": { "Status": { "shape": "WidgetStatus" }, "Parts": { "shape": "PartList" }, "Name": { "shape": "String" } } },
            "PartList": { "type": "list", "member": { "shape": "Part" } },
            "Part": { "type": "structure", "members": { "State": { "shape": "String" }, "Size": { "shape": "Integer" } } },
            "ResourceNotFoundException": { "type": "structure", "members": { "message": { "shape": "String" } }, "exception": true },
            "ListWidgetsInput": { "type": "structure", "members": { "Marker": { "shape": "String" }, "SubMarker": { "shape": "String" }, "MaxItems": { "shape": "Integer" } } },
            "ListWidgetsOutput": { "type": "structure", "members": { "Widgets": { "shape": "WidgetList" }, "NextMarker": { "shape": "String" },
                                   "NextSubMarker": { "shape": "String" }, "IsTruncated": { "shape": "Boolean" } } },
            "WidgetList": { "type": "list", "member": { "shape": "Widget" } },
            "ListShardsInput": { "type": "structure", "members": { "ExclusiveStartShardId": { "shape": "String" } } },
            "ListShardsOutput": { "type": "structure", "members": { "Description": { "shape": "ShardDescription" } } },
            "ShardDescription": { "type": "structure", "members": { "Shards": { "shape": "ShardList" }, "HasMore": { "shape": "Boolean" }, "Name": { "shape": "String" } } },
            "ShardList": { "type": "list", "member": { "shape": "Shard" } },
            "Shard": { "type": "structure", "members": { "ShardId": { "shape": "String" } } },
            "ListThingsInput": { "type": "structure", "members": { "NextToken": { "shape": "String" } } },
            "ListThingsOutput": { "type": "structure", "members": { "Things": { "shape": "ThingList" }, "NextToken": { "shape": "String" } } },
            "ThingList": { "type": "list", "member": { "shape": "String" } }
          }
        }
        """;

    public const string Waiters = """
        {
          "version": 2,
          "waiters": {
            "WidgetReady": { "operation": "DescribeWidget", "delay": 7, "maxAttempts": 4, "acceptors": [
              { "matcher": "path", "argument": "Widget.Status", "expected": "READY", "state": "success" },
              { "matcher": "path", "argument": "Widget.Status", "expected": "BROKEN", "state": "failure" },
              { "matcher": "error", "expected": "ResourceNotFoundException", "state": "retry" } ] },
            "PartsDone": { "operation": "DescribeWidget", "delay": 5, "maxAttempts": 5, "acceptors": [
              { "matcher": "pathAny", "argument": "Widget.Parts[].State", "expected": "FAILED", "state": "failure" },
              { "matcher": "pathAll", "argument": "Widget.Parts[*].State", "expected": "DONE", "state": "success" } ] },
            "WidgetGone": { "operation": "DescribeWidget", "delay": 5, "maxAttempts": 5, "acceptors": [
              { "matcher": "error", "expected": "ResourceNotFoundException", "state": "success" },
              { "matcher": "status", "expected": 410, "state": "success" },
              { "matcher": "status", "expected": 200, "state": "retry" } ] },
            "WidgetExists": { "operation": "DescribeWidget", "delay": 5, "maxAttempts": 5, "acceptors": [
              { "matcher": "error", "expected": false, "state": "success" },
              { "matcher": "error", "expected": "ResourceNotFoundException", "state": "retry" } ] },
            "WidgetAnyError": { "operation": "DescribeWidget", "delay": 5, "maxAttempts": 5, "acceptors": [
              { "matcher": "error", "expected": true, "state": "success" } ] },
            "BigParts": { "operation": "DescribeWidget", "delay": 5, "maxAttempts": 5, "acceptors": [
              { "matcher": "path", "argument": "contains(Widget.Parts[].State, 'BAD') || Widget.Name == `\"broken\"`", "expected": true, "state": "failure" },
              { "matcher": "path", "argument": "length(Widget.Parts[?Size > `2` && !(State == 'SKIP')]) >= `2`", "expected": true, "state": "success" } ] }
          }
        }
        """;

    public const string Paginators = """
        {
          "pagination": {
            "ListWidgets": { "input_token": [ "Marker", "SubMarker" ], "output_token": [ "NextMarker", "NextSubMarker" ],
                             "more_results": "IsTruncated", "limit_key": "MaxItems", "result_key": "Widgets" },
            "ListShards": { "input_token": "ExclusiveStartShardId", "output_token": "Description.Shards[-1].ShardId",
                            "more_results": "Description.HasMore", "result_key": "Description.Shards", "non_aggregate_keys": [ "Description.Name" ] },
            "ListThings": { "input_token": "NextToken", "output_token": "NextToken", "result_key": "Things" }
          }
        }
        """;

    private const string Scenarios = """
        namespace Scenarios;

        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;
        using SsoOidcCodegen.Runtime;
        using SsoOidcCodegen.Runtime.Auth;
        using SsoOidcCodegen.Runtime.Retry;
        using SsoOidcCodegen.Runtime.Waiters;
        using Test.Widgets;
        using Test.Widgets.Model;

        public static class Run
        {
            private static WidgetsClient Client(HttpMessageHandler handler) => new(new AwsClientOptions
            {
                ServiceUrl = new Uri("http://127.0.0.1:1"),
                Region = "us-east-1",
                HttpClient = new HttpClient(handler),
                Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                Retry = new RetryOptions { MaxAttempts = 1 },
            });

            public static async Task<string> Wait(HttpMessageHandler handler, string waiter, int maxAttempts)
            {
                using IWidgetsClient client = Client(handler);
                var options = new WaiterOptions { MinDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, MaxAttempts = maxAttempts };
                var request = new DescribeWidgetInput { WidgetId = "w-1" };
                try
                {
                    WaiterResult<DescribeWidgetOutput> result = waiter switch
                    {
                        "WidgetReady" => await client.WaitUntilWidgetReadyAsync(request, options),
                        "PartsDone" => await client.WaitUntilPartsDoneAsync(request, options),
                        "WidgetGone" => await client.WaitUntilWidgetGoneAsync(request, options),
                        "WidgetExists" => await client.WaitUntilWidgetExistsAsync(request, options),
                        "WidgetAnyError" => await client.WaitUntilWidgetAnyErrorAsync(request, options),
                        "BigParts" => await client.WaitUntilBigPartsAsync(request, options),
                        _ => throw new ArgumentException(waiter),
                    };
                    return $"success attempts={result.Attempts} response={(result.Response is null ? "none" : "some")} error={result.Error?.ErrorCode ?? "none"}";
                }
                catch (WaiterTimeoutException timeout)
                {
                    return $"timeout attempts={timeout.Attempts}";
                }
                catch (WaiterFailedException failed)
                {
                    return $"failure attempts={failed.Attempts} error={(failed.InnerException as AwsServiceException)?.ErrorCode ?? "none"} reason={failed.Reason}";
                }
            }

            public static async Task<string> Widgets(HttpMessageHandler handler)
            {
                using WidgetsClient client = Client(handler);
                var names = new List<string>();
                await foreach (Widget widget in client.ListWidgetsItemsAsync(new ListWidgetsInput { MaxItems = 2 }))
                {
                    names.Add(widget.Name ?? "?");
                }

                return string.Join(",", names);
            }

            public static async Task<string> Shards(HttpMessageHandler handler)
            {
                using WidgetsClient client = Client(handler);
                var ids = new List<string>();
                await foreach (Shard shard in client.ListShardsItemsAsync(new ListShardsInput()))
                {
                    ids.Add(shard.ShardId ?? "?");
                }

                return string.Join(",", ids);
            }

            public static async Task<string> ThingsTwice(HttpMessageHandler handler)
            {
                using WidgetsClient client = Client(handler);
                var request = new ListThingsInput();
                var first = new List<string>();
                await foreach (string thing in client.ListThingsItemsAsync(request))
                {
                    first.Add(thing);
                }

                var pages = 0;
                var second = new List<string>();
                await foreach (ListThingsOutput page in client.ListThingsPagesAsync(request))
                {
                    pages++;
                    second.AddRange(page.Things ?? new List<string>());
                }

                return $"{string.Join(",", first)}|{string.Join(",", second)}|pages={pages}|token={request.NextToken ?? "null"}";
            }
        }
        """;

    private static readonly Lazy<Assembly> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs a static method of the scenarios with the handler and arguments and returns its text.</summary>
    public static async Task<string> RunAsync(string scenario, HttpMessageHandler handler, params object[] arguments)
    {
        MethodInfo method = Built.Value.GetType("Scenarios.Run", throwOnError: true)!.GetMethod(scenario)!;
        var task = (Task<string>)method.Invoke(null, new object[] { handler }.Concat(arguments).ToArray())!;
        return await task;
    }

    /// <summary>A JSON answer with status 200.</summary>
    public static Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> Ok(string body) => ScriptedHandler.Answer(HttpStatusCode.OK, body);

    /// <summary>An awsJson error answer.</summary>
    public static Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> Error(HttpStatusCode status, string code) =>
        ScriptedHandler.Answer(status, "{\"__type\":\"" + code + "\",\"message\":\"scripted\"}");

    /// <summary>The generator run for the synthetic model (for tests on diagnostics and sources).</summary>
    public static GeneratorRun Generate(params string[] extraSources) => GeneratorHarness.Run(Files(), extraSources);

    private static ModelFile[] Files() => new[]
    {
        new ModelFile("/widgets/widgets-2024-01-01.json", Model, Namespace: "Test.Widgets"),
        new ModelFile("/widgets/widgets-2024-01-01.waiters.json", Waiters, "Waiters", ModelPath: "/widgets/widgets-2024-01-01.json"),
        new ModelFile("/widgets/widgets-2024-01-01.paginators.json", Paginators, "Paginators", ModelPath: "/widgets/widgets-2024-01-01.json"),
    };

    private static Assembly Build()
    {
        GeneratorRun run = Generate(Scenarios);
        var problems = run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Info && d.Id != "SOC006").Concat(run.CompileDiagnostics).ToList();
        Assert.True(problems.Count == 0, GeneratorRun.Describe(problems));
        using var image = new MemoryStream();
        EmitResult result = run.Compilation.Emit(image);
        Assert.True(result.Success, GeneratorRun.Describe(result.Diagnostics));
        image.Position = 0;
        return TestAssemblies.Load("widgets", image);
    }
}

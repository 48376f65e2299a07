namespace SsoOidcCodegen.Tests.Waiters;

using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Emit;
using SsoOidcCodegen.Tests.Client;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Real waiters from the corpus: the DynamoDB client generated from <c>AWS_MODELS_DIR/corpus</c> with
/// its waiters from <c>AWS_WAITERS_DIR</c>, run against scripted DynamoDB answers (TableExists,
/// TableNotExists and KinesisStreamingDestinationActive, whose failure acceptor combines
/// <c>length()</c>, a filter with <c>||</c>, <c>&amp;&amp;</c> and comparisons).
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CorpusWaiterBehaviourTests
{
    private const string Scenarios = """
        namespace CorpusScenarios;

        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Corpus.DynamoDb;
        using Corpus.DynamoDb.Model;
        using SsoOidcCodegen.Runtime;
        using SsoOidcCodegen.Runtime.Auth;
        using SsoOidcCodegen.Runtime.Retry;
        using SsoOidcCodegen.Runtime.Waiters;

        public static class Run
        {
            public static async Task<string> Wait(HttpMessageHandler handler, string waiter)
            {
                using var client = new DynamoDBClient(new AwsClientOptions
                {
                    ServiceUrl = new Uri("http://127.0.0.1:1"),
                    Region = "us-east-1",
                    HttpClient = new HttpClient(handler),
                    Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                    Retry = new RetryOptions { MaxAttempts = 1 },
                });
                var options = new WaiterOptions { MinDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
                try
                {
                    int attempts = waiter switch
                    {
                        "TableExists" => (await client.WaitUntilTableExistsAsync(new DescribeTableInput { TableName = "orders" }, options)).Attempts,
                        "TableNotExists" => (await client.WaitUntilTableNotExistsAsync(new DescribeTableInput { TableName = "orders" }, options)).Attempts,
                        "KinesisStreamingDestinationActive" => (await client.WaitUntilKinesisStreamingDestinationActiveAsync(new DescribeKinesisStreamingDestinationInput { TableName = "orders" }, options)).Attempts,
                        _ => throw new ArgumentException(waiter),
                    };
                    return "success attempts=" + attempts;
                }
                catch (WaiterFailedException failed)
                {
                    return $"{(failed is WaiterTimeoutException ? "timeout" : "failure")} attempts={failed.Attempts}";
                }
            }
        }
        """;

    private static readonly Lazy<Assembly> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    private static Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> Ok(string body) => ScriptedHandler.Answer(HttpStatusCode.OK, body);

    private static Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> NotFound() =>
        ScriptedHandler.Answer(HttpStatusCode.BadRequest, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"Requested resource not found\"}");

    [Fact]
    public async Task TableExists_retries_while_the_table_is_missing_or_creating_and_succeeds_when_active()
    {
        var handler = new ScriptedHandler(NotFound(), Ok("{\"Table\":{\"TableStatus\":\"CREATING\"}}"), Ok("{\"Table\":{\"TableStatus\":\"ACTIVE\"}}"));

        Assert.Equal("success attempts=3", await RunAsync(handler, "TableExists"));
        Assert.All(handler.Requests, r => Assert.Equal("DynamoDB_20120810.DescribeTable", r.Headers["X-Amz-Target"]));
        Assert.All(handler.Requests, r => Assert.Contains("\"TableName\":\"orders\"", r.BodyText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TableNotExists_succeeds_on_ResourceNotFoundException()
    {
        var handler = new ScriptedHandler(Ok("{\"Table\":{\"TableStatus\":\"DELETING\"}}"), NotFound());

        Assert.Equal("success attempts=2", await RunAsync(handler, "TableNotExists"));
    }

    [Fact]
    public async Task KinesisStreamingDestinationActive_succeeds_when_any_destination_is_active()
    {
        var handler = new ScriptedHandler(
            Ok("{\"KinesisDataStreamDestinations\":[{\"DestinationStatus\":\"ENABLING\"}]}"),
            Ok("{\"KinesisDataStreamDestinations\":[{\"DestinationStatus\":\"DISABLED\"},{\"DestinationStatus\":\"ACTIVE\"}]}"));

        Assert.Equal("success attempts=2", await RunAsync(handler, "KinesisStreamingDestinationActive"));
    }

    [Fact]
    public async Task KinesisStreamingDestinationActive_fails_when_every_destination_is_disabled_or_failed()
    {
        var handler = new ScriptedHandler(
            Ok("{\"KinesisDataStreamDestinations\":[]}"),
            Ok("{\"KinesisDataStreamDestinations\":[{\"DestinationStatus\":\"DISABLED\"},{\"DestinationStatus\":\"ENABLE_FAILED\"}]}"));

        // The empty list matches no acceptor (length > 0 fails): a retry; then every destination is disabled or failed.
        Assert.Equal("failure attempts=2", await RunAsync(handler, "KinesisStreamingDestinationActive"));
    }

    private static async Task<string> RunAsync(HttpMessageHandler handler, string waiter)
    {
        MethodInfo method = Built.Value.GetType("CorpusScenarios.Run", throwOnError: true)!.GetMethod("Wait")!;
        return await (Task<string>)method.Invoke(null, new object[] { handler, waiter })!;
    }

    private static Assembly Build()
    {
        string model = Path.Combine(ReferenceData.Models, "corpus", "dynamodb-2012-08-10.json");
        string waiters = Path.Combine(ReferenceData.Waiters, "dynamodb-2012-08-10.waiters.json");
        GeneratorRun run = GeneratorHarness.Run(ModelFile.FromDisk(model, ns: "Corpus.DynamoDb", waiters: waiters), Scenarios);
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        using var image = new MemoryStream();
        EmitResult result = run.Compilation.Emit(image);
        Assert.True(result.Success, GeneratorRun.Describe(result.Diagnostics));
        image.Position = 0;
        return TestAssemblies.Load("corpus-dynamodb", image);
    }
}

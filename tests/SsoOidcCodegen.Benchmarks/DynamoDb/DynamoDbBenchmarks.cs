namespace SsoOidcCodegen.Benchmarks.DynamoDb;

using System;
using System.Net.Http;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using SsoOidcCodegen.Benchmarks.Client;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Retry;
using Ours = SsoOidcCodegen.Benchmarks.DynamoDb.Model;
using Peer = Amazon.DynamoDBv2.Model;

/// <summary>
/// DynamoDB in a hot loop: GetItem and PutItem of an item of 20 attributes of every type, and a Query
/// answered with 100 such items, through our client generated from the DynamoDB model and through
/// AWSSDK.DynamoDBv2, both signing with SigV4 and sending to the same in-memory handler.
/// </summary>
[MemoryDiagnoser]
public class DynamoDbBenchmarks : IDisposable
{
    /// <summary>The operations measured.</summary>
    public static readonly string[] Operations = { "GetItem", "PutItem", "Query" };

    private readonly Ours.GetItemInput oursGet = DynamoDbPayloads.OursGetItem();
    private readonly Ours.PutItemInput oursPut = DynamoDbPayloads.OursPutItem();
    private readonly Ours.QueryInput oursQuery = DynamoDbPayloads.OursQuery();
    private readonly Peer.GetItemRequest peerGet = DynamoDbPayloads.PeerGetItem();
    private readonly Peer.PutItemRequest peerPut = DynamoDbPayloads.PeerPutItem();
    private readonly Peer.QueryRequest peerQuery = DynamoDbPayloads.PeerQuery();
    private CannedDynamoDbHandler handler = null!;
    private DynamoDbClient ours = null!;
    private AmazonDynamoDBClient peer = null!;
    private Func<Task> oursCall = null!;
    private Func<Task> peerCall = null!;

    /// <summary>The operation of this case.</summary>
    [ParamsSource(nameof(OperationNames))]
    public string Operation { get; set; } = "GetItem";

    /// <summary>The values of <see cref="Operation"/>.</summary>
    public static string[] OperationNames => Operations;

    /// <summary>Builds the handler and both clients, checks each answers as expected with one request, and warms both.</summary>
    [GlobalSetup]
    public void Setup()
    {
        handler = new CannedDynamoDbHandler();
        ours = new DynamoDbClient(new AwsClientOptions
        {
            ServiceUrl = new Uri(BenchmarkRequests.ServiceUrl),
            Region = BenchmarkRequests.Region,
            HttpClient = new HttpClient(handler, disposeHandler: false),
            Credentials = new StaticCredentialsProvider(BenchmarkRequests.AccessKeyId, BenchmarkRequests.SecretAccessKey),
            Retry = new RetryOptions { MaxAttempts = 1 },
        });
        peer = new AmazonDynamoDBClient(
            new BasicAWSCredentials(BenchmarkRequests.AccessKeyId, BenchmarkRequests.SecretAccessKey),
            new AmazonDynamoDBConfig
            {
                ServiceURL = BenchmarkRequests.ServiceUrl,
                AuthenticationRegion = BenchmarkRequests.Region,
                HttpClientFactory = new SharedHandlerHttpClientFactory(handler),
                MaxErrorRetry = 0,
            });
        (oursCall, peerCall) = Operation switch
        {
            "GetItem" => ((Func<Task>)OursGetItem, (Func<Task>)PeerGetItem),
            "PutItem" => (OursPutItem, PeerPutItem),
            "Query" => (OursQuery, PeerQuery),
            _ => throw new InvalidOperationException($"Unknown operation '{Operation}'."),
        };

        foreach (Func<Task> call in new[] { oursCall, peerCall })
        {
            long before = handler.Requests;
            call().GetAwaiter().GetResult();
            if (handler.Requests != before + 1)
            {
                throw new InvalidOperationException($"{Operation}: one call sent {handler.Requests - before} requests; expected exactly 1.");
            }
        }

        WarmFor(TimeSpan.FromSeconds(1));
        System.Threading.Thread.Sleep(250);
        WarmFor(TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Our generated DynamoDB client.</summary>
    [Benchmark(Baseline = true)]
    public Task Ours() => oursCall();

    /// <summary>The official AWS SDK (AWSSDK.DynamoDBv2).</summary>
    [Benchmark]
    public Task Peer() => peerCall();

    /// <summary>Disposes the clients.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        ours?.Dispose();
        peer?.Dispose();
        handler?.Dispose();
        GC.SuppressFinalize(this);
    }

    private void WarmFor(TimeSpan duration)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            oursCall().GetAwaiter().GetResult();
            peerCall().GetAwaiter().GetResult();
        }
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Unexpected answer: " + what);
        }
    }

    private async Task OursGetItem()
    {
        Ours.GetItemOutput output = await ours.GetItemAsync(oursGet).ConfigureAwait(false);
        Expect(output.Item is { Count: DynamoDbPayloads.Attributes } item && item["dimensions"].M!["h"].N == "20.5" && item["payload"].B!.Length == 32, "ours GetItem");
    }

    private async Task PeerGetItem()
    {
        Peer.GetItemResponse output = await peer.GetItemAsync(peerGet).ConfigureAwait(false);
        Expect(output.Item is { Count: DynamoDbPayloads.Attributes } item && item["dimensions"].M["h"].N == "20.5" && item["payload"].B.Length == 32, "peer GetItem");
    }

    private async Task OursPutItem() =>
        Expect(await ours.PutItemAsync(oursPut).ConfigureAwait(false) is not null, "ours PutItem");

    private async Task PeerPutItem() =>
        Expect(await peer.PutItemAsync(peerPut).ConfigureAwait(false) is not null, "peer PutItem");

    private async Task OursQuery()
    {
        Ours.QueryOutput output = await ours.QueryAsync(oursQuery).ConfigureAwait(false);
        Expect(output.Count == DynamoDbPayloads.QueryItems && output.Items is { Count: DynamoDbPayloads.QueryItems } items && items[99]["quantity"].N == "99", "ours Query");
    }

    private async Task PeerQuery()
    {
        Peer.QueryResponse output = await peer.QueryAsync(peerQuery).ConfigureAwait(false);
        Expect(output.Count == DynamoDbPayloads.QueryItems && output.Items is { Count: DynamoDbPayloads.QueryItems } items && items[99]["quantity"].N == "99", "peer Query");
    }
}

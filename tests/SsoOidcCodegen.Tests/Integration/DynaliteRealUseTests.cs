namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The DynamoDB client generated from <c>AWS_MODELS_DIR/corpus/dynamodb-2012-08-10.json</c> against dynalite (the npm
/// local DynamoDB pinned in <c>tests/node</c>, started once for the class by <c>tests/node/start-dynalite.js</c>), through
/// <see cref="CorruptingProxy"/>: a clean proxy carries a CreateTable, PutItem, GetItem round trip; a proxy that flips one
/// byte of each answer and keeps dynalite's <c>x-amz-crc32</c> header makes the client retry and then throw
/// (<c>Scenarios/DynamoDbScenarios.cs</c> holds the calls).
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class DynaliteRealUseTests(DynaliteRealUseTests.DynaliteFixture dynalite) : IClassFixture<DynaliteRealUseTests.DynaliteFixture>
{
    private static readonly GeneratedServiceClient DynamoDb = new(
        "corpus/dynamodb-2012-08-10.json", "Aws.DynamoDb", "DynamoDbClient", "DynamoDbScenarios.cs", "AWS_MODELS_DIR", "aws/models");

    [Fact]
    public async Task CreateTable_PutItem_and_GetItem_round_trip_through_a_clean_proxy()
    {
        NodeServerProcess server = await dynalite.GetAsync(TestContext.Current.CancellationToken);
        using var proxy = new CorruptingProxy(server.Url, flipOneByte: false);

        await RunAsync(Options(proxy), Options(proxy));

        // DescribeTable polls between CreateTable and PutItem until the table is ACTIVE (the scenario waits as a caller must).
        string?[] targets = proxy.Exchanges.Select(e => e.Target).ToArray();
        Assert.Equal(
            ["DynamoDB_20120810.CreateTable", "DynamoDB_20120810.PutItem", "DynamoDB_20120810.GetItem"],
            targets.Where(t => t != "DynamoDB_20120810.DescribeTable"));
        Assert.Equal("DynamoDB_20120810.DescribeTable", targets[1]);
        Assert.All(proxy.Exchanges, e =>
        {
            Assert.Equal(200, e.Status);
            Assert.Equal(Crc32Of(e.ServerBody), e.Crc32Header);
        });
    }

    [Fact]
    public async Task A_body_with_one_byte_flipped_under_its_crc32_header_is_retried_then_rejected()
    {
        NodeServerProcess server = await dynalite.GetAsync(TestContext.Current.CancellationToken);
        using var clean = new CorruptingProxy(server.Url, flipOneByte: false);
        using var corrupting = new CorruptingProxy(server.Url, flipOneByte: true);

        await RunAsync(Options(clean), Options(corrupting));

        // Three attempts (the standard mode's default), each answered by dynalite and each damaged on the way back.
        Assert.Equal(3, corrupting.Exchanges.Count);
        Assert.All(corrupting.Exchanges, e =>
        {
            Assert.Equal("DynamoDB_20120810.GetItem", e.Target);
            Assert.Equal(200, e.Status);
            Assert.Equal(Crc32Of(e.ServerBody), e.Crc32Header);
            Assert.NotEqual(e.Crc32Header, Crc32Of(e.ClientBody));
            Assert.Equal(1, e.ServerBody.Zip(e.ClientBody).Count(pair => pair.First != pair.Second));
        });
    }

    private static AwsClientOptions Options(CorruptingProxy proxy) => new()
    {
        Region = "us-east-1",
        ServiceUrl = proxy.Url,
        Credentials = new StaticCredentialsProvider("AKIDDYNALITE", "dynalite-secret"),
        // No backoff between the attempts: the test counts them, it does not wait for them.
        RetryRandom = () => 0,
    };

    private static string Crc32Of(byte[] body) =>
        System.IO.Hashing.Crc32.HashToUInt32(body).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task RunAsync(AwsClientOptions first, AwsClientOptions second, [CallerMemberName] string scenario = "")
    {
        // dynalite's table names: 3 to 255 of [A-Za-z0-9_.-].
        string table = "t-" + Guid.NewGuid().ToString("N")[..12];
        await DynamoDb.RunAsync([first, second, table], scenario);
    }

    /// <summary>Starts dynalite on first use (so a test without node can skip) and stops it after the class.</summary>
    public sealed class DynaliteFixture : IAsyncDisposable
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private NodeServerProcess? process;

        public async Task<NodeServerProcess> GetAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return process ??= await NodeServerProcess.StartAsync("start-dynalite.js", "dynalite", [], [], cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }

        public ValueTask DisposeAsync()
        {
            process?.Dispose();
            gate.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

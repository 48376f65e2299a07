namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A 1 GiB object up to s3rver and back through the generated S3 client, with the bytes made on the fly
/// (<c>PatternStream</c> in <c>Scenarios/S3Scenarios.cs</c>, never a 1 GiB array): the test measures what the
/// process allocates and its working set during the transfer, writes them to the test output, and fails
/// when the client buffers the body (the allocation bound is far below the object's size). It runs alone
/// (its collection is not parallel), so other tests' allocations do not count against it.
/// </summary>
[Trait("Category", TestCategories.Integration)]
[Collection(nameof(S3StreamingMemoryTests))]
[CollectionDefinition(nameof(S3StreamingMemoryTests), DisableParallelization = true)]
public sealed class S3StreamingMemoryTests(S3RoundTripTests.S3rverFixture s3rver, ITestOutputHelper output) : IClassFixture<S3RoundTripTests.S3rverFixture>
{
    /// <summary>The object's size.</summary>
    public const long ObjectSize = 1L << 30;

    /// <summary>The most the process may allocate (GC heap, all threads) during the upload, and again during the download.</summary>
    public const long AllocationBound = 64L << 20;

    private static readonly GeneratedServiceClient S3 = new("s3-2006-03-01.json", "Aws.S3", "S3Client", "S3Scenarios.cs");

    [Fact]
    public async Task A_1_GiB_object_uploads_and_downloads_as_streams_with_flat_memory()
    {
        S3rverProcess server = await s3rver.GetAsync(TestContext.Current.CancellationToken);
        var options = new AwsClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = server.Url,
            Credentials = new StaticCredentialsProvider(S3rverProcess.AccessKeyId, S3rverProcess.SecretAccessKey),
            RequestChecksumCalculation = S3rverProcess.RequestChecksums,
        };
        string bucket = "t-streaming-1gib-" + Guid.NewGuid().ToString("N")[..8];
        var figures = new long[7];

        await S3.RunAsync([options, bucket, ObjectSize, figures], "Transfer_streams_and_measure");

        (long upAllocated, long upPeak, long downAllocated, long downPeak, long upMs, long downMs) = (figures[0], figures[1], figures[2], figures[3], figures[4], figures[5]);
        output.WriteLine($"object: {ObjectSize:N0} bytes; working set before the upload {figures[6] / 1048576.0:N0} MiB (the test process, with the S3 client compiled in)");
        output.WriteLine($"upload:   {upMs:N0} ms, {ObjectSize / 1048576.0 / (upMs / 1000.0):N0} MiB/s, allocated {upAllocated / 1048576.0:N1} MiB, peak working set {upPeak / 1048576.0:N0} MiB");
        output.WriteLine($"download: {downMs:N0} ms, {ObjectSize / 1048576.0 / (downMs / 1000.0):N0} MiB/s, allocated {downAllocated / 1048576.0:N1} MiB, peak working set {downPeak / 1048576.0:N0} MiB");
        Assert.True(upAllocated < AllocationBound, $"the upload allocated {upAllocated:N0} bytes (bound {AllocationBound:N0}): the body was buffered");
        Assert.True(downAllocated < AllocationBound, $"the download allocated {downAllocated:N0} bytes (bound {AllocationBound:N0}): the body was buffered");
    }
}

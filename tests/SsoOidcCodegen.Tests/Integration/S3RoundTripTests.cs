namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The S3 client generated from <c>AWS_NEXT_MODELS_DIR/s3-2006-03-01.json</c> against s3rver, a local S3
/// started once for the class (<c>Scenarios/S3Scenarios.cs</c> holds each scenario; each uses a bucket of
/// its own). s3rver checks the key id but not SigV4 signatures, so every request the client sends is
/// also checked here with the service-side SigV4 check, under S3's rules (path as sent, payload hash).
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class S3RoundTripTests(S3RoundTripTests.S3rverFixture s3rver) : IClassFixture<S3RoundTripTests.S3rverFixture>
{
    private const string Region = "us-east-1";
    private static readonly GeneratedServiceClient S3 = new("s3-2006-03-01.json", "Aws.S3", "S3Client", "S3Scenarios.cs");

    [Fact]
    public Task CreateBucket_shows_in_ListBuckets_and_DeleteBucket_removes_it() => RunAsync();

    [Fact]
    public Task PutObject_then_HeadObject_and_GetObject_give_back_the_bytes_type_and_metadata() => RunAsync();

    [Fact]
    public Task ListObjectsV2_lists_every_key_and_the_paginator_follows_continuation_tokens_with_MaxKeys() => RunAsync();

    [Fact]
    public Task CopyObject_copies_the_bytes_to_a_new_key() => RunAsync();

    [Fact]
    public Task DeleteObject_and_DeleteObjects_remove_the_keys() => RunAsync();

    [Fact]
    public Task GetObject_of_a_missing_key_throws_NoSuchKey() => RunAsync();

    [Fact]
    public Task A_missing_bucket_throws_NoSuchBucket() => RunAsync();

    [Fact]
    public Task A_multipart_upload_of_three_5_MiB_parts_reads_back_as_one_object() => RunAsync();

    [Fact]
    public Task GetObject_streams_the_body_from_the_socket_in_pieces_and_a_non_seekable_upload_goes_unsigned() => RunAsync();

    [Fact]
    public Task DeleteObjects_with_a_SHA256_checksum_and_GetObject_with_ChecksumMode_ENABLED_go_through() => RunAsync();

    [Fact]
    public Task HeadObject_of_a_missing_key_throws_a_404_service_exception_without_a_body() => RunAsync();

    private async Task RunAsync([CallerMemberName] string scenario = "")
    {
        S3rverProcess server = await s3rver.GetAsync(TestContext.Current.CancellationToken);
        var recorder = new RecordingHandler();
        using var http = new HttpClient(recorder);
        var options = new AwsClientOptions
        {
            Region = Region,
            ServiceUrl = server.Url,
            Credentials = new StaticCredentialsProvider(S3rverProcess.AccessKeyId, S3rverProcess.SecretAccessKey),
            RequestChecksumCalculation = S3rverProcess.RequestChecksums,
            HttpClient = http,
        };

        // A bucket name per scenario: lower case, digits and hyphens, at most 63 characters.
        string name = string.Concat(scenario.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit));
        string bucket = "t-" + name[..Math.Min(name.Length, 40)] + "-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await S3.RunAsync([options, bucket], scenario);
        }
        catch (Exception exception) when (recorder.Requests.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                exception.Message + "\nRequests sent:\n" + string.Join("\n", recorder.Requests.Select(r => r.Method + " " + r.Target)),
                exception);
        }

        Assert.NotEmpty(recorder.Requests);
        foreach (ReceivedRequest request in recorder.Requests)
        {
            Assert.StartsWith("/" + (request.Target == "/" ? string.Empty : bucket), request.Target, StringComparison.Ordinal);
            SigV4Check.AssertValid(request, S3rverProcess.AccessKeyId, S3rverProcess.SecretAccessKey, Region, "s3", s3: true);
        }
    }

    /// <summary>Starts s3rver on first use (so a test without node can skip) and stops it after the class.</summary>
    public sealed class S3rverFixture : IAsyncDisposable
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private S3rverProcess? process;

        public async Task<S3rverProcess> GetAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return process ??= await S3rverProcess.StartAsync(cancellationToken);
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

    /// <summary>Sends through a real socket and keeps each request as it left the client (the Host header added from the URI).</summary>
    private sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        private readonly ConcurrentQueue<ReceivedRequest> requests = new();

        public IReadOnlyList<ReceivedRequest> Requests => requests.ToArray();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.NonValidated.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
            byte[] body = [];
            if (request.Content is { } content)
            {
                body = await content.ReadAsByteArrayAsync(cancellationToken);
                _ = content.Headers.ContentLength;
                headers.AddRange(content.Headers.NonValidated.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))));
            }

            if (!headers.Any(h => string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(new("Host", request.RequestUri!.Authority));
            }

            requests.Enqueue(new ReceivedRequest(request.Method.Method, request.RequestUri!.PathAndQuery, headers, body));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}

// Compiled at test time with the S3 client generated from AWS_NEXT_MODELS_DIR/s3-2006-03-01.json
// (namespace Aws.S3, with its paginators); run by S3RoundTripTests against s3rver, one method per test
// of the same name, each in a bucket of its own. Addressing is path-style (/bucket/key): the
// generated client writes the bucket into the path as the model's request URIs say.
namespace SsoOidcCodegen.RealUse;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Aws.S3;
using Aws.S3.Model;
using SsoOidcCodegen.Runtime;
using Xunit;

public static class S3Scenarios
{
    public static async Task CreateBucket_shows_in_ListBuckets_and_DeleteBucket_removes_it(AwsClientOptions options, string bucket)
    {
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });

        ListBucketsOutput listed = await s3.ListBucketsAsync(new ListBucketsRequest());
        Bucket created = Assert.Single(listed.Buckets!, b => b.Name == bucket);
        Assert.InRange(created.CreationDate!.Value, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(10));

        await s3.DeleteBucketAsync(new DeleteBucketRequest { Bucket = bucket });
        ListBucketsOutput after = await s3.ListBucketsAsync(new ListBucketsRequest());
        Assert.DoesNotContain(bucket, (after.Buckets ?? []).Select(b => b.Name));
    }

    public static async Task PutObject_then_HeadObject_and_GetObject_give_back_the_bytes_type_and_metadata(AwsClientOptions options, string bucket)
    {
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });
        byte[] body = Encoding.UTF8.GetBytes("hello, s3rver: ünïcödé\n\u0000\u00ff binary tail");
        string etag = "\"" + Convert.ToHexStringLower(MD5.HashData(body)) + "\"";

        PutObjectOutput put = await s3.PutObjectAsync(new PutObjectRequest
        {
            Bucket = bucket,
            Key = "docs/hello world.txt",
            Body = body,
            ContentType = "text/plain; charset=utf-8",
            Metadata = new Dictionary<string, string> { ["purpose"] = "round-trip" },
        });
        Assert.Equal(etag, put.ETag);

        HeadObjectOutput head = await s3.HeadObjectAsync(new HeadObjectRequest { Bucket = bucket, Key = "docs/hello world.txt" });
        Assert.Equal(body.Length, head.ContentLength);
        Assert.Equal("text/plain; charset=utf-8", head.ContentType);
        Assert.Equal(etag, head.ETag);
        Assert.Equal("round-trip", head.Metadata!["purpose"]);
        Assert.InRange(head.LastModified!.Value, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(10));

        GetObjectOutput got = await s3.GetObjectAsync(new GetObjectRequest { Bucket = bucket, Key = "docs/hello world.txt" });
        Assert.Equal(body, got.Body);
        Assert.Equal(etag, got.ETag);
        Assert.Equal("round-trip", got.Metadata!["purpose"]);

        GetObjectOutput range = await s3.GetObjectAsync(new GetObjectRequest { Bucket = bucket, Key = "docs/hello world.txt", Range = "bytes=0-4" });
        Assert.Equal("hello", Encoding.UTF8.GetString(range.Body!));
    }

    public static async Task ListObjectsV2_lists_every_key_and_the_paginator_follows_continuation_tokens_with_MaxKeys(AwsClientOptions options, string bucket)
    {
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });
        string[] keys = ["list/a.txt", "list/b.txt", "list/c.txt", "list/d.txt", "list/e.txt", "other/z.txt"];
        foreach (string key in keys)
        {
            await s3.PutObjectAsync(new PutObjectRequest { Bucket = bucket, Key = key, Body = Encoding.UTF8.GetBytes(key) });
        }

        ListObjectsV2Output all = await s3.ListObjectsV2Async(new ListObjectsV2Request { Bucket = bucket, Prefix = "list/" });
        Assert.Equal(keys[..5], all.Contents!.Select(o => o.Key));
        Assert.Equal(5, all.KeyCount);
        Assert.Equal(false, all.IsTruncated);
        Assert.All(all.Contents!, o => Assert.Equal(10, o.Size));

        ListObjectsV2Output folders = await s3.ListObjectsV2Async(new ListObjectsV2Request { Bucket = bucket, Delimiter = "/" });
        Assert.Equal(["list/", "other/"], folders.CommonPrefixes!.Select(p => p.Prefix));

        var request = new ListObjectsV2Request { Bucket = bucket, Prefix = "list/", MaxKeys = 2 };
        var pages = new List<string[]>();
        await foreach (ListObjectsV2Output page in s3.ListObjectsV2PagesAsync(request))
        {
            pages.Add(page.Contents!.Select(o => o.Key!).ToArray());
        }

        Assert.Equal([["list/a.txt", "list/b.txt"], ["list/c.txt", "list/d.txt"], ["list/e.txt"]], pages);
        Assert.Null(request.ContinuationToken);

        var items = new List<string?>();
        await foreach (var item in s3.ListObjectsV2ItemsAsync(request))
        {
            items.Add(item.Key);
        }

        Assert.Equal(keys[..5], items);
    }

    public static async Task CopyObject_copies_the_bytes_to_a_new_key(AwsClientOptions options, string bucket)
    {
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });
        byte[] body = RandomNumberGenerator.GetBytes(3000);
        await s3.PutObjectAsync(new PutObjectRequest { Bucket = bucket, Key = "source.bin", Body = body });

        CopyObjectOutput copied = await s3.CopyObjectAsync(new CopyObjectRequest { Bucket = bucket, Key = "copies/target.bin", CopySource = $"{bucket}/source.bin" });
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(body)) + "\"", copied.CopyObjectResult!.ETag);

        GetObjectOutput got = await s3.GetObjectAsync(new GetObjectRequest { Bucket = bucket, Key = "copies/target.bin" });
        Assert.Equal(body, got.Body);
    }

    public static async Task DeleteObject_and_DeleteObjects_remove_the_keys(AwsClientOptions options, string bucket)
    {
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });
        foreach (string key in new[] { "one", "two", "three", "four" })
        {
            await s3.PutObjectAsync(new PutObjectRequest { Bucket = bucket, Key = key, Body = [1, 2, 3] });
        }

        await s3.DeleteObjectAsync(new DeleteObjectRequest { Bucket = bucket, Key = "one" });
        DeleteObjectsOutput deleted = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            Bucket = bucket,
            Delete = new Delete { Objects = [new ObjectIdentifier { Key = "two" }, new ObjectIdentifier { Key = "three" }] },
        });

        Assert.Equal(["three", "two"], deleted.Deleted!.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Empty(deleted.Errors ?? []);
        ListObjectsV2Output left = await s3.ListObjectsV2Async(new ListObjectsV2Request { Bucket = bucket });
        Assert.Equal(["four"], left.Contents!.Select(o => o.Key));

        await s3.DeleteObjectAsync(new DeleteObjectRequest { Bucket = bucket, Key = "four" });
        await s3.DeleteBucketAsync(new DeleteBucketRequest { Bucket = bucket });
    }

    public static async Task GetObject_of_a_missing_key_throws_NoSuchKey(AwsClientOptions options, string bucket)
    {
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });

        NoSuchKey error = await Assert.ThrowsAsync<NoSuchKey>(() => s3.GetObjectAsync(new GetObjectRequest { Bucket = bucket, Key = "missing/key.txt" }));

        Assert.Equal("NoSuchKey", error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.IsAssignableFrom<S3Exception>(error);
    }

    public static async Task A_missing_bucket_throws_NoSuchBucket(AwsClientOptions options, string bucket)
    {
        using var s3 = new S3Client(options);

        NoSuchBucket error = await Assert.ThrowsAsync<NoSuchBucket>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { Bucket = bucket }));

        Assert.Equal("NoSuchBucket", error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    public static async Task HeadObject_of_a_missing_key_throws_a_404_service_exception_without_a_body(AwsClientOptions options, string bucket)
    {
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });

        // A HEAD response has no body, so S3 (and s3rver) cannot name the error: only the status is known.
        S3Exception error = await Assert.ThrowsAnyAsync<S3Exception>(() => s3.HeadObjectAsync(new HeadObjectRequest { Bucket = bucket, Key = "missing" }));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    // Run by IdempotencyTokenTests against a ScriptedAwsServer (not s3rver, which has no RenameObject).
    public static async Task An_unset_client_token_is_filled_on_a_copy_the_same_on_every_retry_and_new_per_call(SsoOidcCodegen.Tests.Integration.ScriptedAwsServer server, AwsClientOptions options)
    {
        using var s3 = new S3Client(options);
        var request = new RenameObjectRequest { Bucket = "bucket", Key = "new-key", RenameSource = "/bucket/old-key" };
        server.Enqueue(500, "<Error><Code>InternalError</Code><Message>try again</Message></Error>", "application/xml");
        server.Enqueue(200, string.Empty, "application/xml");
        server.Enqueue(200, string.Empty, "application/xml");

        await s3.RenameObjectAsync(request);
        Assert.Null(request.ClientToken);
        await s3.RenameObjectAsync(request);
        Assert.Null(request.ClientToken);

        string?[] tokens = server.Requests.Select(r => r.Header("x-amz-client-token")).ToArray();
        Assert.Equal(3, tokens.Length);
        Assert.True(Guid.TryParse(tokens[0], out _), "a GUID token: " + tokens[0]);
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[1], tokens[2]);

        server.Enqueue(200, string.Empty, "application/xml");
        request.ClientToken = "the-callers-own-token";
        await s3.RenameObjectAsync(request);
        Assert.Equal("the-callers-own-token", server.Requests[3].Header("x-amz-client-token"));
        Assert.Equal("the-callers-own-token", request.ClientToken);
    }
}

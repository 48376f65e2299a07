// Compiled at test time with the S3 client generated from AWS_NEXT_MODELS_DIR/s3-2006-03-01.json
// (namespace Aws.S3, with its paginators); run by S3RoundTripTests against s3rver, one method per test
// of the same name, each in a bucket of its own. Addressing is path-style (/bucket/key): the
// generated client writes the bucket into the path as the model's request URIs say.
namespace SsoOidcCodegen.RealUse;

using System;
using System.Collections.Generic;
using System.IO;
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
            Body = new MemoryStream(body),
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
        Assert.Equal(body, await ReadAllAsync(got.Body!));
        Assert.Equal(etag, got.ETag);
        Assert.Equal("round-trip", got.Metadata!["purpose"]);

        GetObjectOutput range = await s3.GetObjectAsync(new GetObjectRequest { Bucket = bucket, Key = "docs/hello world.txt", Range = "bytes=0-4" });
        Assert.Equal("hello", Encoding.UTF8.GetString(await ReadAllAsync(range.Body!)));
    }

    public static async Task ListObjectsV2_lists_every_key_and_the_paginator_follows_continuation_tokens_with_MaxKeys(AwsClientOptions options, string bucket)
    {
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });
        string[] keys = ["list/a.txt", "list/b.txt", "list/c.txt", "list/d.txt", "list/e.txt", "other/z.txt"];
        foreach (string key in keys)
        {
            await s3.PutObjectAsync(new PutObjectRequest { Bucket = bucket, Key = key, Body = new MemoryStream(Encoding.UTF8.GetBytes(key)) });
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
        await s3.PutObjectAsync(new PutObjectRequest { Bucket = bucket, Key = "source.bin", Body = new MemoryStream(body) });

        CopyObjectOutput copied = await s3.CopyObjectAsync(new CopyObjectRequest { Bucket = bucket, Key = "copies/target.bin", CopySource = $"{bucket}/source.bin" });
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(body)) + "\"", copied.CopyObjectResult!.ETag);

        GetObjectOutput got = await s3.GetObjectAsync(new GetObjectRequest { Bucket = bucket, Key = "copies/target.bin" });
        Assert.Equal(body, await ReadAllAsync(got.Body!));
    }

    public static async Task DeleteObject_and_DeleteObjects_remove_the_keys(AwsClientOptions options, string bucket)
    {
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });
        foreach (string key in new[] { "one", "two", "three", "four" })
        {
            await s3.PutObjectAsync(new PutObjectRequest { Bucket = bucket, Key = key, Body = new MemoryStream([1, 2, 3]) });
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

    public static async Task A_multipart_upload_of_three_5_MiB_parts_reads_back_as_one_object(AwsClientOptions options, string bucket)
    {
        const int PartSize = 5 * 1024 * 1024;
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });
        byte[][] parts = [RandomNumberGenerator.GetBytes(PartSize), RandomNumberGenerator.GetBytes(PartSize), RandomNumberGenerator.GetBytes(PartSize)];

        CreateMultipartUploadOutput started = await s3.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Bucket = bucket, Key = "big/multipart.bin", ContentType = "application/x-test" });
        Assert.False(string.IsNullOrEmpty(started.UploadId));
        var completed = new List<CompletedPart>();
        for (int i = 0; i < parts.Length; i++)
        {
            UploadPartOutput uploaded = await s3.UploadPartAsync(new UploadPartRequest
            {
                Bucket = bucket,
                Key = "big/multipart.bin",
                UploadId = started.UploadId,
                PartNumber = i + 1,
                Body = new MemoryStream(parts[i]),
            });
            Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(parts[i])) + "\"", uploaded.ETag);
            completed.Add(new CompletedPart { PartNumber = i + 1, ETag = uploaded.ETag });
        }

        CompleteMultipartUploadOutput done = await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            Bucket = bucket,
            Key = "big/multipart.bin",
            UploadId = started.UploadId,
            MultipartUpload = new CompletedMultipartUpload { Parts = completed },
        });
        Assert.Equal("big/multipart.bin", done.Key);

        Assert.False(string.IsNullOrEmpty(done.ETag));

        // (s3rver's ETag of a completed upload is not S3's "md5-of-md5s-N" form, so only agreement is checked.)
        GetObjectOutput got = await s3.GetObjectAsync(new GetObjectRequest { Bucket = bucket, Key = "big/multipart.bin" });
        Assert.Equal(done.ETag, got.ETag);
        Assert.Equal("application/x-test", got.ContentType);
        Assert.Equal(3L * PartSize, got.ContentLength);
        Assert.Equal(parts.SelectMany(p => p).ToArray(), await ReadAllAsync(got.Body!));
    }

    public static async Task GetObject_streams_the_body_from_the_socket_in_pieces_and_a_non_seekable_upload_goes_unsigned(AwsClientOptions options, string bucket)
    {
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });
        byte[] body = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);

        // A stream that cannot seek: sent once as UNSIGNED-PAYLOAD, its length given by the caller.
        await s3.PutObjectAsync(new PutObjectRequest { Bucket = bucket, Key = "streamed.bin", Body = new ForwardOnlyStream(body), ContentLength = body.Length });

        GetObjectOutput got = await s3.GetObjectAsync(new GetObjectRequest { Bucket = bucket, Key = "streamed.bin" });
        await using Stream stream = got.Body!;
        Assert.IsType<SsoOidcCodegen.Runtime.Http.AwsResponseStream>(stream);
        Assert.False(stream.CanSeek);
        Assert.Equal(body.Length, stream.Length);
        byte[] buffer = new byte[64 * 1024];
        using var received = new MemoryStream();
        int reads = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            received.Write(buffer, 0, read);
            reads++;
            Assert.Equal(received.Length, stream.Position);
        }

        Assert.Equal(body, received.ToArray());
        Assert.True(reads >= body.Length / buffer.Length, $"read in {reads} pieces");
    }

    public static async Task DeleteObjects_with_a_SHA256_checksum_and_GetObject_with_ChecksumMode_ENABLED_go_through(AwsClientOptions options, string bucket)
    {
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });
        await s3.PutObjectAsync(new PutObjectRequest { Bucket = bucket, Key = "a", Body = new MemoryStream([1, 2, 3]) });
        await s3.PutObjectAsync(new PutObjectRequest { Bucket = bucket, Key = "b", Body = new MemoryStream([4]) });

        // s3rver sends no x-amz-checksum-* headers, so validation has nothing to check and the body comes through.
        GetObjectOutput got = await s3.GetObjectAsync(new GetObjectRequest { Bucket = bucket, Key = "a", ChecksumMode = "ENABLED" });
        Assert.Equal([1, 2, 3], await ReadAllAsync(got.Body!));

        DeleteObjectsOutput deleted = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            Bucket = bucket,
            ChecksumAlgorithm = "SHA256",
            Delete = new Delete { Objects = [new ObjectIdentifier { Key = "a" }, new ObjectIdentifier { Key = "b" }] },
        });
        Assert.Equal(["a", "b"], deleted.Deleted!.Select(d => d.Key).Order(StringComparer.Ordinal));
    }

    // Run by S3StreamingMemoryTests: figures = [upload allocated, upload peak working set, download allocated,
    // download peak working set, upload ms, download ms, working set before the upload].
    public static async Task Transfer_streams_and_measure(AwsClientOptions options, string bucket, long size, long[] figures)
    {
        using var s3 = new S3Client(options);
        await s3.CreateBucketAsync(new CreateBucketRequest { Bucket = bucket });
        await s3.PutObjectAsync(new PutObjectRequest { Bucket = bucket, Key = "warm-up", Body = new PatternStream(1024) });
        (await s3.GetObjectAsync(new GetObjectRequest { Bucket = bucket, Key = "warm-up" })).Body!.Dispose();

        figures[6] = Environment.WorkingSet;
        using (var meter = new MemoryMeter())
        {
            await s3.PutObjectAsync(new PutObjectRequest { Bucket = bucket, Key = "big.bin", Body = new PatternStream(size) });
            (figures[0], figures[1], figures[4]) = meter.Stop();
        }

        using (var meter = new MemoryMeter())
        {
            GetObjectOutput got = await s3.GetObjectAsync(new GetObjectRequest { Bucket = bucket, Key = "big.bin" });
            Assert.Equal(size, got.ContentLength);
            await using Stream body = got.Body!;
            var expected = new PatternStream(size);
            byte[] received = new byte[128 * 1024];
            byte[] wanted = new byte[received.Length];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(received)) > 0)
            {
                expected.ReadExactly(wanted, 0, read);
                Assert.True(received.AsSpan(0, read).SequenceEqual(wanted.AsSpan(0, read)), $"the bytes differ in the {read} bytes after offset {total}");
                total += read;
            }

            (figures[2], figures[3], figures[5]) = meter.Stop();
            Assert.Equal(size, total);
        }

        await s3.DeleteObjectAsync(new DeleteObjectRequest { Bucket = bucket, Key = "big.bin" });
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

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    /// <summary>A stream that reads forward only (no seek, no length), as a network or pipe source is.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, data.Length - position);
            Array.Copy(data, position, buffer, offset, n);
            position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>The process's GC allocations and its peak working set (sampled every 50 ms) from creation to <see cref="Stop"/>.</summary>
    private sealed class MemoryMeter : IDisposable
    {
        private readonly long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        private readonly System.Threading.Timer sampler;
        private long peak = Environment.WorkingSet;

        public MemoryMeter() => sampler = new System.Threading.Timer(_ => Sample(), null, 0, 50);

        public (long Allocated, long PeakWorkingSet, long Milliseconds) Stop()
        {
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            Sample();
            return (allocated, System.Threading.Interlocked.Read(ref peak), clock.ElapsedMilliseconds);
        }

        public void Dispose() => sampler.Dispose();

        private void Sample()
        {
            long now = Environment.WorkingSet;
            long seen;
            while (now > (seen = System.Threading.Interlocked.Read(ref peak)) && System.Threading.Interlocked.CompareExchange(ref peak, now, seen) != seen)
            {
            }
        }
    }

    /// <summary>
    /// A seekable stream of <c>length</c> pseudo-random bytes made on the fly from one 64 KiB block (shifted per
    /// block, so no two blocks are alike): a large object without a large array.
    /// </summary>
    private sealed class PatternStream(long length) : Stream
    {
        private const int BlockSize = 64 * 1024;
        private static readonly byte[] Pattern = MakePattern();
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => position;
            set => position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int total = (int)Math.Min(buffer.Length, length - position);
            int written = 0;
            while (written < total)
            {
                long block = position / BlockSize;
                int offset = (int)(position % BlockSize);
                int shift = (int)((block * 7919) % BlockSize);
                int start = (offset + shift) % BlockSize;
                int run = Math.Min(Math.Min(BlockSize - offset, BlockSize - start), total - written);
                Pattern.AsSpan(start, run).CopyTo(buffer.Slice(written));
                written += run;
                position += run;
            }

            return written;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override long Seek(long offset, SeekOrigin origin) => position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static byte[] MakePattern()
        {
            var random = new Random(20261201);
            byte[] pattern = new byte[BlockSize];
            random.NextBytes(pattern);
            return pattern;
        }
    }
}

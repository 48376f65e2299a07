namespace SsoOidcCodegen.Benchmarks.S3;

using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using BenchmarkDotNet.Attributes;
using SsoOidcCodegen.Benchmarks.Client;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Retry;
using Ours = SsoOidcCodegen.Benchmarks.S3.Model;
using Peer = Amazon.S3.Model;

/// <summary>
/// S3 throughput: PutObject of a seekable stream (hashed for SigV4, then sent) and GetObject read to its end,
/// 1 MiB and 64 MiB, through our client generated from the S3 model and through AWSSDK.S3 (with its defaults),
/// both sending to the same in-memory handler, which drains each upload and serves each download from one
/// shared block, so the figures are the clients' own cost.
/// </summary>
[MemoryDiagnoser]
public class S3StreamingBenchmarks : IDisposable
{
    private static readonly byte[] Block = MakeBlock();
    private CannedS3Handler handler = null!;
    private S3Client ours = null!;
    private AmazonS3Client peer = null!;

    /// <summary>The object size of this case.</summary>
    [Params(1 << 20, 64 << 20)]
    public int Size { get; set; }

    /// <summary>Builds the handler and both clients.</summary>
    [GlobalSetup]
    public void Setup()
    {
        handler = new CannedS3Handler(Size);
        ours = new S3Client(new AwsClientOptions
        {
            ServiceUrl = new Uri(BenchmarkRequests.ServiceUrl),
            Region = BenchmarkRequests.Region,
            HttpClient = new HttpClient(handler, disposeHandler: false),
            Credentials = new StaticCredentialsProvider(BenchmarkRequests.AccessKeyId, BenchmarkRequests.SecretAccessKey),
            Retry = new RetryOptions { MaxAttempts = 1 },
        });
        peer = new AmazonS3Client(
            new BasicAWSCredentials(BenchmarkRequests.AccessKeyId, BenchmarkRequests.SecretAccessKey),
            new AmazonS3Config
            {
                ServiceURL = BenchmarkRequests.ServiceUrl,
                AuthenticationRegion = BenchmarkRequests.Region,
                ForcePathStyle = true,
                HttpClientFactory = new SharedHandlerHttpClientFactory(handler),
                MaxErrorRetry = 0,
            });
    }

    /// <summary>PutObject through our client.</summary>
    [Benchmark(Baseline = true)]
    public Task OursPut() => ours.PutObjectAsync(new Ours.PutObjectRequest { Bucket = "bench", Key = "object", Body = new BlockStream(Size) });

    /// <summary>PutObject through AWSSDK.S3.</summary>
    [Benchmark]
    public Task PeerPut() => peer.PutObjectAsync(new Peer.PutObjectRequest { BucketName = "bench", Key = "object", InputStream = new BlockStream(Size) });

    /// <summary>GetObject through our client, read to the end.</summary>
    [Benchmark]
    public async Task<long> OursGet()
    {
        Ours.GetObjectOutput output = await ours.GetObjectAsync(new Ours.GetObjectRequest { Bucket = "bench", Key = "object" }).ConfigureAwait(false);
        await using Stream body = output.Body!;
        return await DrainAsync(body).ConfigureAwait(false);
    }

    /// <summary>GetObject through AWSSDK.S3, read to the end.</summary>
    [Benchmark]
    public async Task<long> PeerGet()
    {
        using Peer.GetObjectResponse output = await peer.GetObjectAsync(new Peer.GetObjectRequest { BucketName = "bench", Key = "object" }).ConfigureAwait(false);
        return await DrainAsync(output.ResponseStream).ConfigureAwait(false);
    }

    /// <summary>Disposes the clients.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        ours?.Dispose();
        peer?.Dispose();
        handler?.Dispose();
        GC.SuppressFinalize(this);
    }

    // The caller's read buffer, one for every case (the cases run one at a time): what a GetObject allocates is the
    // client's, not an 80 KB array of the caller's counted into both columns.
    private static readonly byte[] DrainBuffer = new byte[81920];

    private static async Task<long> DrainAsync(Stream body)
    {
        byte[] buffer = DrainBuffer;
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static byte[] MakeBlock()
    {
        byte[] block = new byte[64 * 1024];
        new Random(12).NextBytes(block);
        return block;
    }

    /// <summary>A seekable stream of the given length that repeats one shared block: a large body without a large array.</summary>
    private sealed class BlockStream(long length) : Stream
    {
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
            int offset = (int)(position % Block.Length);
            int count = (int)Math.Min(Math.Min(buffer.Length, Block.Length - offset), length - position);
            Block.AsSpan(offset, count).CopyTo(buffer);
            position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

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
    }

    /// <summary>The in-memory S3: a PUT is drained and answered with an ETag; a GET gets <c>size</c> bytes from the shared block.</summary>
    private sealed class CannedS3Handler(int size) : HttpMessageHandler
    {
        // The ETag of a single-part object is the MD5 of its bytes; AWSSDK.S3 checks a GetObject body against it.
        private readonly string etag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(new BlockStream(size))) + "\"";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
            if (request.Method == HttpMethod.Put)
            {
                if (request.Content is { } content)
                {
                    await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                }

                response.Content = new ByteArrayContent([]);
                response.Headers.TryAddWithoutValidation("ETag", "\"0123456789abcdef0123456789abcdef\"");
            }
            else
            {
                response.Content = new StreamContent(new BlockStream(size));
                response.Content.Headers.ContentLength = size;
                response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
                response.Headers.TryAddWithoutValidation("ETag", etag);
            }

            response.Headers.TryAddWithoutValidation("x-amz-request-id", "BENCH");
            return response;
        }
    }
}

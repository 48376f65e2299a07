namespace SsoOidcCodegen.Tests.Pipeline;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Http;
using SsoOidcCodegen.Runtime.Protocols;
using SsoOidcCodegen.Tests.Infrastructure;
using SsoOidcCodegen.Tests.Integration;
using Xunit;

/// <summary>
/// Streaming bodies through the client pipeline, with hand-written operations (the generated marshallers call the
/// same builder methods): a seekable request stream is hashed for SigV4 and sent again from its start on a retry;
/// one that cannot seek goes once as UNSIGNED-PAYLOAD; <c>requiresLength</c> is enforced; a streaming response is
/// handed out unread and owned by the caller; the unsigned-body trait applies over HTTPS only.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class StreamingBodyTests
{
    [Fact]
    public async Task A_seekable_stream_is_signed_with_its_SHA256_and_sent_again_from_its_start_on_a_retry()
    {
        byte[] all = RandomNumberGenerator.GetBytes(200_000);
        var stream = new MemoryStream(all) { Position = 3 };
        var handler = new ScriptedHandler(Status(500), Status(200));
        using var client = new StreamingClient(handler, "http://localhost/");

        await client.UploadAsync(builder => builder.SetBody(stream, "application/octet-stream", "Body", requiresLength: false));

        Assert.Equal(2, handler.Requests.Count);
        byte[] expected = all[3..];
        string hash = Convert.ToHexStringLower(SHA256.HashData(expected));
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal(expected, r.Body);
            Assert.Equal(hash, r.Header("x-amz-content-sha256"));
            Assert.Equal(expected.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Header("Content-Length"));
        });
        Assert.True(stream.CanRead, "the caller's stream is not disposed");
    }

    /// <summary>
    /// A model can let the caller send the payload hash itself (CodeArtifact's PublishPackageVersion binds
    /// <c>assetSHA256</c> to <c>x-amz-content-sha256</c>): the value given is sent as it is and signed, not
    /// replaced by the signer's own (found by <c>CorpusCallTests</c> on the JavaScript SDK's CodeArtifact model).
    /// </summary>
    [Fact]
    public async Task A_payload_hash_header_the_request_sets_is_sent_as_given_and_signed()
    {
        byte[] data = Encoding.UTF8.GetBytes("asset bytes");
        string given = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("what the caller hashed")));
        var handler = new ScriptedHandler(Status(200));
        using var client = new StreamingClient(handler, "https://localhost/");

        await client.UploadAsync(builder =>
        {
            builder.AddHeader("x-amz-content-sha256", given, "assetSHA256");
            builder.SetBody(data, "application/octet-stream");
        });

        ReceivedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(given, sent.Header("x-amz-content-sha256"));
        Assert.Contains("x-amz-content-sha256", sent.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(data, sent.Body);
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_goes_once_as_UNSIGNED_PAYLOAD_and_is_not_retried()
    {
        byte[] data = Encoding.UTF8.GetBytes("forward only");
        var handler = new ScriptedHandler(Status(500), Status(200));
        using var client = new StreamingClient(handler, "http://localhost/");

        AwsResult<string> result = await client.TryUploadAsync(builder => builder.SetBody(new ForwardOnly(data), null, "Body", requiresLength: false));

        Assert.False(result.IsSuccess);
        Assert.Equal(HttpStatusCode.InternalServerError, result.Error!.StatusCode);
        ReceivedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal("UNSIGNED-PAYLOAD", sent.Header("x-amz-content-sha256"));
        Assert.Equal(data, sent.Body);
    }

    [Fact]
    public async Task RequiresLength_with_a_stream_that_cannot_seek_and_no_length_names_the_member_and_sends_nothing()
    {
        var handler = new ScriptedHandler(Status(200));
        using var client = new StreamingClient(handler, "http://localhost/");

        AwsValidationException error = await Assert.ThrowsAsync<AwsValidationException>(
            () => client.UploadAsync(builder => builder.SetBody(new ForwardOnly([1, 2, 3]), null, "Payload", requiresLength: true)));

        Assert.Contains("Payload", error.Message, StringComparison.Ordinal);
        Assert.Contains("length", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task RequiresLength_is_met_by_a_Content_Length_header()
    {
        var handler = new ScriptedHandler(Status(200));
        using var client = new StreamingClient(handler, "http://localhost/");

        await client.UploadAsync(builder =>
        {
            builder.AddHeader("Content-Length", "3");
            builder.SetBody(new ForwardOnly([1, 2, 3]), null, "Payload", requiresLength: true);
        });

        ReceivedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal([1, 2, 3], sent.Body);
        Assert.Equal("3", sent.Header("Content-Length"));
    }

    [Theory]
    [InlineData("https://localhost/", true)]
    [InlineData("http://localhost/", false)]
    public async Task The_unsigned_body_trait_sends_UNSIGNED_PAYLOAD_over_https_only(string endpoint, bool unsigned)
    {
        byte[] body = Encoding.UTF8.GetBytes("{\"a\":1}");
        var handler = new ScriptedHandler(Status(200));
        using var client = new StreamingClient(handler, endpoint, unsignedPayload: true);

        await client.UploadAsync(builder => builder.SetBody(body, "application/json"));

        string expected = unsigned ? "UNSIGNED-PAYLOAD" : Convert.ToHexStringLower(SHA256.HashData(body));
        Assert.Equal(expected, Assert.Single(handler.Requests).Header("x-amz-content-sha256"));
    }

    [Fact]
    public async Task A_streaming_response_is_handed_out_unread_and_disposing_it_releases_the_response()
    {
        byte[] data = RandomNumberGenerator.GetBytes(100_000);
        var socket = new CountingStream(data);
        var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(socket) });
        using var client = new StreamingClient(handler, "http://localhost/", streamsResponse: true);

        Stream body = await client.DownloadAsync();

        Assert.Equal(0, socket.BytesRead);
        Assert.IsType<AwsResponseStream>(body);
        using (var copy = new MemoryStream())
        {
            await body.CopyToAsync(copy, TestContext.Current.CancellationToken);
            Assert.Equal(data, copy.ToArray());
        }

        Assert.False(socket.Disposed);
        await body.DisposeAsync();
        Assert.True(socket.Disposed);
    }

    [Fact]
    public async Task A_streaming_operation_reads_an_error_response_whole_and_retries_it()
    {
        byte[] data = [9, 8, 7];
        var handler = new ScriptedHandler(Status(503), () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(data) });
        using var client = new StreamingClient(handler, "http://localhost/", streamsResponse: true);

        await using Stream body = await client.DownloadAsync();

        Assert.Equal(2, handler.Requests.Count);
        var copy = new MemoryStream();
        await body.CopyToAsync(copy, TestContext.Current.CancellationToken);
        Assert.Equal(data, copy.ToArray());
    }

    internal static Func<HttpResponseMessage> Status(int code) => () => new HttpResponseMessage((HttpStatusCode)code) { Content = new ByteArrayContent([]) };

    /// <summary>A client with two hand-written operations over the real pipeline.</summary>
    internal sealed class StreamingClient(HttpMessageHandler handler, string endpoint, bool unsignedPayload = false, bool streamsResponse = false)
        : AwsClient(CreateOptions(handler, endpoint), new AwsServiceInfo("Demo", "demo", "demo", "2024-01-01", AwsProtocol.RestJson, null))
    {
        private readonly bool unsignedPayload = unsignedPayload;
        private readonly bool streamsResponse = streamsResponse;

        public Task<string> UploadAsync(Action<AwsRequestBuilder> marshal) => InvokeAsync(marshal, Upload(), CancellationToken.None);

        public Task<AwsResult<string>> TryUploadAsync(Action<AwsRequestBuilder> marshal) => TryInvokeAsync(marshal, Upload(), CancellationToken.None);

        public Task<Stream> DownloadAsync(Action<AwsRequestBuilder>? marshal = null) => InvokeAsync(
            marshal ?? (_ => { }),
            new AwsOperation<Action<AwsRequestBuilder>, Stream>(
                "Download",
                AwsAuthScheme.SigV4,
                (more, builder) => { builder.Method = "GET"; builder.AppendPath("/object"); more(builder); },
                response => response.BodyStream ?? new MemoryStream(response.Body.ToArray()),
                streamsResponse: streamsResponse),
            CancellationToken.None);

        protected override AwsServiceException CreateException(AwsErrorInfo error, AwsResponse response) =>
            new(error.Message, error.Code, response.StatusCode, response.RequestId);

        private static AwsClientOptions CreateOptions(HttpMessageHandler handler, string endpoint) => new()
        {
            Region = "us-east-1",
            ServiceUrl = new Uri(endpoint),
            Credentials = new StaticCredentialsProvider("AKID", "SECRET"),
            HttpClient = new HttpClient(handler),
            Retry = new SsoOidcCodegen.Runtime.Retry.RetryOptions { Backoff = _ => TimeSpan.Zero },
        };

        private AwsOperation<Action<AwsRequestBuilder>, string> Upload() => new(
            "Upload",
            AwsAuthScheme.SigV4,
            (marshal, builder) => { builder.Method = "PUT"; builder.AppendPath("/object"); marshal(builder); },
            _ => "done",
            unsignedPayload: unsignedPayload);
    }

    internal sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int next;

        public List<ReceivedRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.NonValidated.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
            byte[] body = [];
            if (request.Content is { } content)
            {
                _ = content.Headers.ContentLength; // computed on first read, as the handler does when it sends
                headers.AddRange(content.Headers.NonValidated.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))));
                body = await content.ReadAsByteArrayAsync(cancellationToken);
            }

            Requests.Add(new ReceivedRequest(request.Method.Method, request.RequestUri!.PathAndQuery, headers, body));
            return answers[Math.Min(next++, answers.Length - 1)]();
        }
    }

    private sealed class ForwardOnly(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }

    private sealed class CountingStream(byte[] data) : MemoryStream(data)
    {
        public long BytesRead { get; private set; }

        public bool Disposed { get; private set; }

        // MemoryStream's span overloads of a derived type come back here through Stream's array path.
        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = base.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}

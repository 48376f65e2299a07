namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Auth;
using Xunit;

[Trait("Category", TestCategories.Runtime)]
public sealed class SigV4SignerTests
{
    private static readonly AwsCredentials Credentials = new(SigV4TestSuiteTests.AccessKeyId, SigV4TestSuiteTests.SecretAccessKey);
    private static readonly DateTimeOffset SigningTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("https://iam.amazonaws.com/documents%20and%20settings/", "/documents%2520and%2520settings/")]
    [InlineData("https://example.amazonaws.com/example space/", "/example%2520space/")]
    [InlineData("https://example.amazonaws.com/\u1234", "/%25E1%2588%25B4")]
    [InlineData("https://example.amazonaws.com/a%2Fb/$c", "/a%252Fb/%24c")]
    [InlineData("https://example.amazonaws.com//a//b//c%20d", "/a/b/c%2520d")]
    public void Signer_double_encodes_the_sent_path_for_non_S3_services(string uri, string canonicalUri)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);

        SigV4SigningStages stages = Sign(new SigV4Signer(), request);

        Assert.Equal(canonicalUri, CanonicalLines(stages)[1]);
    }

    [Fact]
    public void Signer_keeps_the_sent_path_for_S3()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://bucket.s3.amazonaws.com/my-object//example//photo.user%20x");

        SigV4SigningStages stages = Sign(new SigV4Signer(normalizeAndDoubleEncodePath: false), request);

        Assert.Equal("/my-object//example//photo.user%20x", CanonicalLines(stages)[1]);
    }

    [Theory]
    [InlineData(true, true, "/a%2520b/c/")]
    [InlineData(true, false, "/a%20b/c/")]
    [InlineData(false, true, "/a%2520b//c/")]
    [InlineData(false, false, "/a%20b//c/")]
    public void The_two_path_switches_act_apart(bool normalizePath, bool doubleEncodePath, string canonicalUri)
    {
        // disableNormalizePath keeps the empty segment; disableDoubleEncoding keeps the single encoding of the space.
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/a%20b//c/");

        SigV4SigningStages stages = Sign(new SigV4Signer(normalizePath, doubleEncodePath), request);

        Assert.Equal(canonicalUri, CanonicalLines(stages)[1]);
    }

    [Fact]
    public void Signer_sorts_the_query_by_encoded_name_then_value_and_encodes_it_per_RFC_3986()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/?b=2&a=%7e&a=1&c&%41=x+y&d=%e1%88%b4&e=$");

        SigV4SigningStages stages = Sign(new SigV4Signer(), request);

        Assert.Equal("A=x%2By&a=1&a=~&b=2&c=&d=%E1%88%B4&e=%24", CanonicalLines(stages)[2]);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/", "127.0.0.1:8080")]
    [InlineData("https://[::1]:8443/", "[::1]:8443")]
    [InlineData("https://example.amazonaws.com:443/", "example.amazonaws.com")]
    [InlineData("http://example.amazonaws.com/", "example.amazonaws.com")]
    public void Signer_adds_the_host_HttpClient_would_send_when_none_is_set(string uri, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);

        SigV4SigningStages stages = Sign(new SigV4Signer(), request);

        Assert.Equal(host, Assert.Single(request.Headers.NonValidated["Host"]));
        Assert.Contains($"host:{host}", CanonicalLines(stages));
    }

    [Fact]
    public void Signer_leaves_hop_by_hop_user_agent_length_and_attempt_headers_unsigned()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://oidc.us-east-1.amazonaws.com/token?aws_iam=t")
        {
            Content = new ByteArrayContent("{}"u8.ToArray()),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", "test/1.0");
        request.Headers.TryAddWithoutValidation("amz-sdk-invocation-id", "7d7a8a1c-0000-0000-0000-000000000000");
        request.Headers.TryAddWithoutValidation("amz-sdk-request", "attempt=1; max=3");
        request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", "Root=1-00000000-000000000000000000000000");
        request.Headers.TryAddWithoutValidation("Connection", "keep-alive");
        request.Headers.TryAddWithoutValidation("x-amz-api-version", "2019-06-10");
        request.Content.Headers.ContentLength = 2;
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        SigV4SigningStages stages = Sign(new SigV4Signer(), request);

        Assert.Equal("content-type;host;x-amz-api-version;x-amz-date", CanonicalLines(stages)[^2]);
    }

    [Fact]
    public void Signer_replaces_its_own_headers_when_a_request_is_signed_again()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        var signer = new SigV4Signer();
        signer.Sign(request, ReadOnlySpan<byte>.Empty, new AwsCredentials("AKIDOLD", "old-secret", "old-token"), "us-east-1", "service", SigningTime, addContentSha256Header: true);

        var stages = new SigV4SigningStages();
        signer.Sign(request, "abc"u8, new AwsCredentials("AKIDNEW", "new-secret", "new-token"), "us-east-1", "service", SigningTime.AddHours(1), addContentSha256Header: true, stages);

        Assert.Equal(stages.Authorization, Assert.Single(request.Headers.GetValues("Authorization")));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDNEW/", stages.Authorization, StringComparison.Ordinal);
        Assert.Equal("20150830T133600Z", Assert.Single(request.Headers.GetValues("X-Amz-Date")));
        Assert.Equal("new-token", Assert.Single(request.Headers.GetValues("X-Amz-Security-Token")));
        Assert.Equal(SigV4Signer.HashPayload("abc"u8), Assert.Single(request.Headers.GetValues("X-Amz-Content-SHA256")));
        Assert.Equal("host;x-amz-content-sha256;x-amz-date;x-amz-security-token", CanonicalLines(stages)[^2]);
    }

    [Fact]
    public void Signer_sends_the_payload_hash_header_only_when_asked()
    {
        using var without = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/");
        using var with = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/");
        byte[] payload = Encoding.UTF8.GetBytes("Param1=value1");

        new SigV4Signer().Sign(without, payload, Credentials, "us-east-1", "service", SigningTime);
        new SigV4Signer().Sign(with, payload, Credentials, "us-east-1", "service", SigningTime, addContentSha256Header: true);

        Assert.False(without.Headers.Contains("X-Amz-Content-SHA256"));
        Assert.Equal("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e", Assert.Single(with.Headers.GetValues("X-Amz-Content-SHA256")));
    }

    [Fact]
    public void Span_and_precomputed_hash_overloads_produce_the_same_signature()
    {
        byte[] payload = Encoding.UTF8.GetBytes("{\"clientId\":\"x\"}");
        using var fromBytes = new HttpRequestMessage(HttpMethod.Post, "https://oidc.us-east-1.amazonaws.com/token");
        using var fromHash = new HttpRequestMessage(HttpMethod.Post, "https://oidc.us-east-1.amazonaws.com/token");

        new SigV4Signer().Sign(fromBytes, payload, Credentials, "us-east-1", "sso-oauth", SigningTime);
        new SigV4Signer().Sign(fromHash, SigV4Signer.HashPayload(payload), Credentials, "us-east-1", "sso-oauth", SigningTime);

        Assert.Equal(fromBytes.Headers.GetValues("Authorization"), fromHash.Headers.GetValues("Authorization"));
    }

    [Fact]
    public void Signing_key_matches_the_AWS_documented_derivation_example()
    {
        // "Examples of how to derive a signing key for Signature Version 4", AWS General Reference.
        byte[] key = SigV4Signer.DeriveSigningKey(SigV4TestSuiteTests.SecretAccessKey, "20120215", "us-east-1", "iam");

        Assert.Equal("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void Signing_key_is_reused_for_the_same_secret_day_region_and_service_only()
    {
        var signer = new SigV4Signer();
        DateTime day = new(2015, 8, 30, 12, 0, 0, DateTimeKind.Utc);

        byte[] first = signer.GetSigningKey("secret", day, "us-east-1", "service");
        byte[] sameDayLater = signer.GetSigningKey("secret", day.AddHours(11), "us-east-1", "service");
        byte[] nextDay = signer.GetSigningKey("secret", day.AddDays(1), "us-east-1", "service");
        byte[] otherRegion = signer.GetSigningKey("secret", day.AddDays(1), "eu-west-1", "service");
        byte[] otherSecret = signer.GetSigningKey("other", day.AddDays(1), "eu-west-1", "service");

        Assert.Same(first, sameDayLater);
        Assert.NotEqual(first, nextDay);
        Assert.NotEqual(nextDay, otherRegion);
        Assert.NotEqual(otherRegion, otherSecret);
        Assert.Equal(SigV4Signer.DeriveSigningKey("other", "20150831", "eu-west-1", "service"), otherSecret);
    }

    [Fact]
    public void One_signer_gives_the_same_signatures_when_used_from_many_threads()
    {
        string[] regions = ["us-east-1", "eu-west-1", "ap-south-1", "us-west-2"];
        string SignOnce(SigV4Signer signer, int i)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"https://example.amazonaws.com/item/{i}");
            signer.Sign(request, Encoding.UTF8.GetBytes($"body {i}"), Credentials, regions[i % regions.Length], "service", SigningTime.AddDays(i % 3));
            return request.Headers.GetValues("Authorization").Single();
        }

        string[] expected = Enumerable.Range(0, 400).Select(i => SignOnce(new SigV4Signer(), i)).ToArray();
        var shared = new SigV4Signer();
        string[] actual = new string[expected.Length];

        Parallel.For(0, expected.Length, i => actual[i] = SignOnce(shared, i));

        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// One client signs for many threads at once: each signature takes a keyed HMAC context from the signing key's slots
    /// and the thread's own SHA-256 context. More threads than slots, several credentials (with and without a session
    /// token, one long enough for the pooled UTF-8 path) and both payload-hash modes must give the signatures that
    /// signing one by one gives.
    /// </summary>
    [Fact]
    public void Threads_signing_at_once_with_different_credentials_give_the_signatures_of_signing_one_by_one()
    {
        AwsCredentials[] credentials =
        [
            new("AKIDEXAMPLEONE", "secret-one"),
            new("AKIDEXAMPLETWO", "secret-two", "session-token-two"),
            new("AKIDEXAMPLETHREE", "secret-three", "long-session-token-" + new string('t', 1500)),
        ];

        string SignOnce(SigV4Signer signer, AwsCredentials with, int i)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"https://example.amazonaws.com/item/{i % 7}") { Content = new ByteArrayContent([]) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            signer.Sign(request, Encoding.UTF8.GetBytes($"{{\"item\":{i}}}"), with, "us-east-1", "service", SigningTime, addContentSha256Header: i % 2 == 0);
            return request.Headers.GetValues("Authorization").Single();
        }

        const int PerThread = 60;
        int threadCount = (4 * Environment.ProcessorCount) + 3;
        var sequential = new SigV4Signer();
        string[][] expected = new string[threadCount][];
        for (int t = 0; t < threadCount; t++)
        {
            expected[t] = Enumerable.Range(0, PerThread).Select(i => SignOnce(sequential, credentials[t % credentials.Length], (t * PerThread) + i)).ToArray();
        }

        // Per credentials, one signer shared by the threads using them (its signing key stays cached); and one signer
        // shared by every thread, whose cached key changes hands between credentials.
        SigV4Signer[] perCredentials = credentials.Select(_ => new SigV4Signer()).ToArray();
        var shared = new SigV4Signer();
        string[][] byCredentials = new string[threadCount][];
        string[][] byShared = new string[threadCount][];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var start = new System.Threading.Barrier(threadCount);
        System.Threading.Thread[] threads = Enumerable.Range(0, threadCount).Select(t => new System.Threading.Thread(() =>
        {
            AwsCredentials mine = credentials[t % credentials.Length];
            byCredentials[t] = new string[PerThread];
            byShared[t] = new string[PerThread];
            start.SignalAndWait();
            try
            {
                for (int i = 0; i < PerThread; i++)
                {
                    byCredentials[t][i] = SignOnce(perCredentials[t % credentials.Length], mine, (t * PerThread) + i);
                    byShared[t][i] = SignOnce(shared, mine, (t * PerThread) + i);
                }
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToArray();
        foreach (System.Threading.Thread thread in threads)
        {
            thread.Start();
        }

        foreach (System.Threading.Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(failures);
        for (int t = 0; t < threadCount; t++)
        {
            Assert.Equal(expected[t], byCredentials[t]);
            Assert.Equal(expected[t], byShared[t]);
        }
    }

    [Fact]
    public void Signing_again_allocates_little_more_than_the_header_strings_it_adds()
    {
        var signer = new SigV4Signer();
        byte[] body = new byte[317];
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://oidc.us-east-1.amazonaws.com/token?aws_iam=t") { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("x-amz-api-version", "2019-06-10");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        for (int i = 0; i < 100; i++)
        {
            signer.Sign(request, body, Credentials, "us-east-1", "sso-oauth", SigningTime, addContentSha256Header: true);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            signer.Sign(request, body, Credentials, "us-east-1", "sso-oauth", SigningTime, addContentSha256Header: true);
        }

        long perSignature = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;

        // The Authorization (~480 B), X-Amz-Content-SHA256 (~150 B) and X-Amz-Date (~56 B) strings
        // are needed; buffers are stack or pooled, the signing key cached.
        Assert.InRange(perSignature, 0, 1024);
    }

    [Fact]
    public void Signer_rejects_a_relative_request_uri()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/relative", UriKind.Relative));

        Assert.Throws<ArgumentException>(() => new SigV4Signer().Sign(request, ReadOnlySpan<byte>.Empty, Credentials, "us-east-1", "service", SigningTime));
    }

    /// <summary>
    /// The service canonicalizes the headers it receives. HttpClient writes a header with several
    /// values on one line joined by ", ", so that is what must be signed, not the "," join of
    /// separate header lines.
    /// </summary>
    [Fact]
    public async Task Signed_headers_equal_what_the_service_reads_off_the_HttpClient_wire()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/a%20b/?q=%7e1")
        {
            Content = new ByteArrayContent("{}"u8.ToArray()),
        };
        request.Headers.TryAddWithoutValidation("My-Header", "value2");
        request.Headers.TryAddWithoutValidation("My-Header", "value1");
        request.Headers.TryAddWithoutValidation("X-Spaced", "  p    q  ");
        request.Headers.TryAddWithoutValidation("Accept", ["application/json", "text/plain"]);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var stages = new SigV4SigningStages();
        new SigV4Signer().Sign(request, "{}"u8, Credentials, "us-east-1", "service", SigningTime, addContentSha256Header: true, stages);

        string wire = await ReceiveRequestHeadAsync(listener, request);

        string[] canonical = CanonicalLines(stages);
        string[] signedHeaders = canonical[^2].Split(';');
        Dictionary<string, string> received = wire.Split("\r\n").Skip(1).Where(l => l.Length > 0)
            .Select(l => (Name: l[..l.IndexOf(':', StringComparison.Ordinal)].ToLowerInvariant(), Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..]))
            .ToDictionary(h => h.Name, h => string.Join(' ', h.Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(signedHeaders.Select(name => $"{name}:{received[name]}"), canonical.Skip(3).Take(signedHeaders.Length));
        Assert.Equal("my-header:value2, value1", canonical.Single(l => l.StartsWith("my-header:", StringComparison.Ordinal)));
        Assert.Equal("/a%2520b/", canonical[1]);
        Assert.StartsWith("POST /a%20b/?q=~1 HTTP/1.1", wire, StringComparison.Ordinal);
    }

    private static async Task<string> ReceiveRequestHeadAsync(TcpListener listener, HttpRequestMessage request)
    {
        using var client = new HttpClient();
        Task<HttpResponseMessage> sending = client.SendAsync(request, TestContext.Current.CancellationToken);
        using TcpClient connection = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        NetworkStream stream = connection.GetStream();
        var head = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            Assert.True(read > 0, "The connection closed before the request head was complete.");
            head.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
        using HttpResponseMessage response = await sending;
        string text = head.ToString();
        return text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
    }

    private static SigV4SigningStages Sign(SigV4Signer signer, HttpRequestMessage request)
    {
        var stages = new SigV4SigningStages();
        signer.Sign(request, ReadOnlySpan<byte>.Empty, Credentials, "us-east-1", "service", SigningTime, addContentSha256Header: false, stages);
        return stages;
    }

    private static string[] CanonicalLines(SigV4SigningStages stages) => stages.CanonicalRequest.Split('\n');
}

namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Http;
using Xunit;

/// <summary>
/// The pipeline's signing path builds the canonical headers from the request builder's headers and
/// content type instead of reading the message back; for every kind of request it must sign exactly
/// what reading the message gives.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class SigV4KnownHeadersTests
{
    private static readonly Uri Endpoint = new("https://example.us-east-1.amazonaws.com");
    private static readonly DateTimeOffset SigningTime = new(2026, 11, 30, 23, 59, 58, TimeSpan.Zero);

    public static TheoryData<string> Requests() => new(RequestKinds.Keys);

    [Theory]
    [MemberData(nameof(Requests))]
    public void Signing_from_the_builders_headers_gives_the_canonical_request_of_the_message(string kind)
    {
        foreach (AwsCredentials credentials in new[] { new AwsCredentials("AKIDEXAMPLE", "secret"), new AwsCredentials("AKIDEXAMPLE", "secret", "session token  with   spaces") })
        {
            foreach (bool contentSha256 in new[] { false, true })
            {
                AwsRequestBuilder builder = RequestKinds[kind]();
                byte[]? body = builder.ContentType is not null || !builder.Body.IsEmpty ? builder.Body.ToArray() : null;
                var signer = new SigV4Signer();

                using HttpRequestMessage fromMessage = builder.Build(Endpoint, body);
                AddPipelineHeaders(fromMessage);
                var read = new SigV4SigningStages();
                signer.Sign(fromMessage, body, credentials, "us-east-1", "svc", SigningTime, contentSha256, knownHeaders: null, read);

                using HttpRequestMessage fromBuilder = builder.Build(Endpoint, body);
                AddPipelineHeaders(fromBuilder);
                var known = new SigV4SigningStages();
                signer.Sign(fromBuilder, body, credentials, "us-east-1", "svc", SigningTime, contentSha256, builder, known);

                Assert.Equal(read.CanonicalRequest, known.CanonicalRequest);
                Assert.Equal(read.Authorization, known.Authorization);
                Assert.Equal(Headers(fromMessage), Headers(fromBuilder));
            }
        }
    }

    [Fact]
    public void The_canonical_request_covers_the_builders_headers_and_those_signing_adds()
    {
        AwsRequestBuilder builder = RequestKinds["json body with target"]();
        byte[] body = builder.Body.ToArray();
        using HttpRequestMessage message = builder.Build(Endpoint, body);
        var stages = new SigV4SigningStages();

        new SigV4Signer().Sign(message, body, new AwsCredentials("AKIDEXAMPLE", "secret", "token"), "us-east-1", "svc", SigningTime, true, builder, stages);

        string[] lines = stages.CanonicalRequest.Split('\n');
        Assert.Equal("content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target", lines[^2]);
        Assert.Contains("x-amz-date:20261130T235958Z", lines);
        Assert.Contains("content-type:application/x-amz-json-1.0", lines);
    }

    /// <summary>
    /// The signer keeps the canonical URI and query of the last request URI it signed: one signer signing requests to
    /// other URIs in turn (and back) must give each the canonical request a new signer reading the message gives.
    /// </summary>
    [Fact]
    public void One_signer_signing_requests_to_other_uris_in_turn_signs_each_with_its_own_path_and_query()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "secret");
        var shared = new SigV4Signer();
        string[] paths = ["/token", "/token?aws_iam=t", "/a%20b/./c/../d", "/token?aws_iam=u&x=%7e", "/token"];
        foreach (string path in paths)
        {
            var builder = new AwsRequestBuilder();
            builder.AppendPath(path);
            builder.SetBody(Encoding.UTF8.GetBytes("{}"), "application/json");
            byte[] body = builder.Body.ToArray();

            using HttpRequestMessage expectedMessage = builder.Build(Endpoint, body);
            var expected = new SigV4SigningStages();
            new SigV4Signer().Sign(expectedMessage, body, credentials, "us-east-1", "svc", SigningTime, true, knownHeaders: null, expected);

            using HttpRequestMessage message = builder.Build(Endpoint, body);
            var actual = new SigV4SigningStages();
            shared.Sign(message, body, credentials, "us-east-1", "svc", SigningTime, true, builder, actual);

            Assert.Equal(expected.CanonicalRequest, actual.CanonicalRequest);
        }
    }

    /// <summary>Header values are trimmed and their inner whitespace runs written as one space, whatever their length and characters.</summary>
    [Theory]
    [InlineData("")]
    [InlineData(" \t\r\n ")]
    [InlineData("plain")]
    [InlineData("  a  b\t\tc \r\n d  ")]
    [InlineData("ünï  cödé\t✓ 𝄞  end")]
    public void Trimming_and_collapsing_a_header_value_matches_the_rule_of_the_spec(string value)
    {
        foreach (string text in new[] { value, string.Concat(Enumerable.Repeat(value + " x\t\t", 400)) })
        {
            var buffer = new PooledCharBuffer(4);
            try
            {
                buffer.Append("k:");
                SigV4Canonicalizer.AppendTrimmedCollapsed(ref buffer, text);
                string expected = "k:" + System.Text.RegularExpressions.Regex.Replace(text.Trim(' ', '\t', '\r', '\n'), "[ \t\r\n]+", " ");
                Assert.Equal(expected, new string(buffer.AsSpan(0, buffer.Length)));
            }
            finally
            {
                buffer.Dispose();
            }
        }
    }

    /// <summary>
    /// The text hashed for the canonical request and signed as the string to sign is its UTF-8: the ASCII fast path and
    /// the UTF-8 fallback (a pooled array, for non-ASCII or long text) must give the bytes Encoding.UTF8 gives.
    /// </summary>
    [Theory]
    [InlineData("", 1)]
    [InlineData("POST\n/token\n", 1)]
    [InlineData("a", 1024)]
    [InlineData("a", 1025)]
    [InlineData("x-amz-meta-note:ünï cödé ✓ 𝄞\n", 1)]
    [InlineData("ü", 340)]
    [InlineData("ü", 342)]
    [InlineData("ünï cödé ✓ 𝄞", 400)]
    [InlineData("lone \ud800 surrogate", 3)]
    public void Text_is_hashed_as_its_UTF8_bytes(string part, int repeat)
    {
        string text = string.Concat(Enumerable.Repeat(part, repeat));
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);

        byte[] expected = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));
        byte[] throughLibCrypto = new byte[32];
        byte[] throughIncrementalHash = new byte[32];

        SigV4Signer.AppendUtf8(hash, text);
        SigV4Signer.Sha256OfText(text, throughLibCrypto, libCrypto: LibCryptoSha256.IsAvailable);
        SigV4Signer.Sha256OfText(text, throughIncrementalHash, libCrypto: false);

        Assert.Equal(expected, hash.GetHashAndReset());
        Assert.Equal(expected, throughLibCrypto);
        Assert.Equal(expected, throughIncrementalHash);
    }

    private static readonly Dictionary<string, Func<AwsRequestBuilder>> RequestKinds = new()
    {
        ["json body with target"] = () =>
        {
            var builder = new AwsRequestBuilder();
            builder.AddHeader("X-Amz-Target", "DynamoDB_20120810.Query");
            builder.SetBody(Encoding.UTF8.GetBytes("{\"TableName\":\"t\"}"), "application/x-amz-json-1.0");
            return builder;
        },
        ["get with query and spaced values"] = () =>
        {
            var builder = new AwsRequestBuilder { Method = "GET" };
            builder.AppendPath("/things/");
            builder.AppendLabel("a b", greedy: false);
            builder.AddQuery("z", "1");
            builder.AddQuery("a", null);
            builder.AddHeader("X-Amz-Meta-Note", "  several   inner \t spaces  ");
            builder.AddHeader("x-lower", "v");
            return builder;
        },
        ["content headers"] = () =>
        {
            var builder = new AwsRequestBuilder { Method = "PUT" };
            builder.SetBody(Encoding.UTF8.GetBytes("payload"), "text/plain");
            builder.AddHeader("Content-Language", "en");
            builder.AddContentMd5();
            return builder;
        },
        ["content type bound to a member, no body"] = () =>
        {
            var builder = new AwsRequestBuilder { Method = "POST" };
            builder.AddHeader("Content-Type", "application/octet-stream");
            return builder;
        },
        ["headers signing replaces or skips"] = () =>
        {
            var builder = new AwsRequestBuilder();
            builder.AddHeader("X-Amz-Date", "19700101T000000Z");
            builder.AddHeader("Host", "other.example.com");
            builder.AddHeader("User-Agent", "model-agent");
            builder.AddHeader("X-Amz-Security-Token", "from-the-model");
            builder.SetBody(Encoding.UTF8.GetBytes("{}"), "application/json");
            return builder;
        },
        ["a header name HttpClient refuses"] = () =>
        {
            var builder = new AwsRequestBuilder();
            builder.AddHeader("X-Bad Name", "v");
            builder.AddHeader("X-Amz-Target", "Svc.Op");
            return builder;
        },
        ["more headers than the signer keeps on the stack, names of mixed case"] = () =>
        {
            var builder = new AwsRequestBuilder();
            for (int i = 0; i < 14; i++)
            {
                builder.AddHeader(i % 2 == 0 ? $"X-Amz-Meta-H{i:D2}" : $"x-amz-meta-h{i:D2}_{i}", $"  value   {i} ");
            }

            builder.AddHeader("x-amz-meta-Z", "non-ASCII ünï  cödé ✓");
            builder.SetBody(Encoding.UTF8.GetBytes("{}"), "application/json");
            return builder;
        },
        ["one name twice"] = () =>
        {
            var builder = new AwsRequestBuilder();
            builder.AddHeader("X-Amz-Thing", "a");
            builder.AddHeader("x-amz-thing", "b");
            return builder;
        },
    };

    // What ClientPipeline adds before signing (none of it signed).
    private static void AddPipelineHeaders(HttpRequestMessage message)
    {
        message.Headers.TryAddWithoutValidation("amz-sdk-invocation-id", "0123456789abcdef");
        message.Headers.TryAddWithoutValidation("amz-sdk-request", "attempt=1; max=3");
        message.Headers.TryAddWithoutValidation("User-Agent", "agent/1.0");
    }

    private static string Headers(HttpRequestMessage message)
    {
        var lines = new List<string>();
        foreach (KeyValuePair<string, System.Net.Http.Headers.HeaderStringValues> header in message.Headers.NonValidated)
        {
            lines.Add(header.Key + ": " + header.Value);
        }

        if (message.Content is not null)
        {
            foreach (KeyValuePair<string, System.Net.Http.Headers.HeaderStringValues> header in message.Content.Headers.NonValidated)
            {
                lines.Add(header.Key + ": " + header.Value);
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }
}

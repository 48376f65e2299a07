namespace SsoOidcCodegen.Tests.Http;

using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Text;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Http;
using Xunit;

/// <summary>
/// What the request builder does beyond what the protocol suites can see: the suites' compression
/// cases check only the <c>Content-Encoding</c> header, not the body or the thresholds.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class AwsRequestBuilderTests
{
    private static readonly Uri Endpoint = new("https://example.com");

    [Fact]
    public void CompressBody_gzips_a_body_at_the_threshold_and_says_so_in_Content_Encoding()
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"data\":\"" + new string('x', AwsClientOptions.DefaultMinCompressionSizeBytes - 11) + "\"}");
        Assert.Equal(AwsClientOptions.DefaultMinCompressionSizeBytes, json.Length);
        var builder = new AwsRequestBuilder();
        builder.SetBody(json, "application/json");

        builder.CompressBody("gzip");

        Assert.Equal(json, Gunzip(builder.Body.ToArray()));
        Assert.Contains(new("Content-Encoding", "gzip"), builder.Headers);
    }

    [Fact]
    public void CompressBody_appends_gzip_to_a_Content_Encoding_the_request_already_has()
    {
        var builder = new AwsRequestBuilder { MinCompressionSizeBytes = 1 };
        builder.AddHeader("Content-Encoding", "custom");
        builder.SetBody(Encoding.UTF8.GetBytes("{}"), "application/json");

        builder.CompressBody("gzip");

        using HttpRequestMessage message = builder.Build(Endpoint, builder.Body.ToArray());
        Assert.Equal(new[] { "custom", "gzip" }, message.Content!.Headers.ContentEncoding.ToArray());
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(1, true)]
    public void CompressBody_leaves_a_body_below_the_threshold_or_of_a_client_that_disabled_compression_alone(int threshold, bool disabled)
    {
        byte[] json = Encoding.UTF8.GetBytes("{ }");
        var builder = new AwsRequestBuilder { MinCompressionSizeBytes = threshold, DisableRequestCompression = disabled };
        builder.SetBody(json, "application/json");

        builder.CompressBody("gzip");

        Assert.Equal(json, builder.Body.ToArray());
        Assert.DoesNotContain(builder.Headers, h => h.Key == "Content-Encoding");
    }

    [Theory]
    [InlineData(new string[0], "/")]
    [InlineData(new[] { "" }, "/")]
    [InlineData(new[] { "/token" }, "/token")]
    [InlineData(new[] { "/things/", "label:a b/c", "/parts" }, "/things/a%20b%2Fc/parts")]
    [InlineData(new[] { "label:x", "/y" }, "x/y")]
    [InlineData(new[] { "/keys/", "greedy:a b/c" }, "/keys/a%20b/c")]
    [InlineData(new[] { "/a", "/b", "?list" }, "/a/b?list")]
    public void The_path_is_every_part_in_order_labels_percent_encoded(string[] parts, string expected)
    {
        // The first literal is kept as it is and a builder made only for a second part: both ways give the same path.
        var builder = new AwsRequestBuilder();
        foreach (string part in parts)
        {
            if (part.StartsWith("label:", StringComparison.Ordinal))
            {
                builder.AppendLabel(part.Substring(6), greedy: false);
            }
            else if (part.StartsWith("greedy:", StringComparison.Ordinal))
            {
                builder.AppendLabel(part.Substring(7), greedy: true);
            }
            else
            {
                builder.AppendPath(part);
            }
        }

        Assert.Equal(expected, builder.Path);
        Assert.Equal(expected, builder.BuildPathAndQuery());
    }

    [Fact]
    public void A_query_name_without_a_value_is_sent_without_an_equals_sign()
    {
        var builder = new AwsRequestBuilder();
        builder.AppendPath("/things");
        builder.AddQuery("list", null);
        builder.AddQuery("prefix", "a b");

        Assert.Equal("/things?list&prefix=a%20b", builder.BuildPathAndQuery());
    }

    [Fact]
    public void A_modelled_Content_Type_replaces_the_body_default()
    {
        var builder = new AwsRequestBuilder();
        builder.AddHeader("Content-Type", "image/jpeg");
        builder.SetBody(new byte[] { 1, 2, 3 }, "application/octet-stream");

        using HttpRequestMessage message = builder.Build(Endpoint, builder.Body.ToArray());

        Assert.Equal(new[] { "image/jpeg" }, message.Content!.Headers.GetValues("Content-Type").ToArray());
    }

    /// <summary>
    /// The pipeline keeps a finished call's builder for the client's next call: after Reset every field must be
    /// what a new builder has, except the containers kept for reuse (which must be empty). Read by reflection, so
    /// that a field added later without a line in Reset fails here.
    /// </summary>
    [Fact]
    public void Reset_makes_a_used_builder_equal_to_a_new_one_but_for_its_empty_reusable_parts()
    {
        var used = new AwsRequestBuilder
        {
            Method = "PUT",
            HostPrefix = "data.",
            IdempotencyTokenProvider = () => "token",
            DisableRequestCompression = true,
            MinCompressionSizeBytes = 7,
            OperationName = "Put",
            ResponseChecksumAlgorithms = "CRC32",
            RequestChecksumCalculation = SsoOidcCodegen.Runtime.Checksums.RequestChecksumCalculation.WhenRequired,
            ResponseChecksumValidation = SsoOidcCodegen.Runtime.Checksums.ResponseChecksumValidation.WhenRequired,
        };
        used.AppendPath("/things/");
        used.AppendLabel("a b", greedy: false);
        used.AddQuery("q", "secret");
        used.AddHeader("x-amz-security-thing", "secret");
        var writer = used.StartJsonBody("application/json");
        writer.WriteStartObject();
        writer.WriteString("secret", "value");
        writer.WriteEndObject();
        used.EndJsonBody();
        used.DetachBody();
        using (HttpRequestMessage message = used.Build(Endpoint, used.Body.ToArray()))
        {
        }

        used.SetBody(new MemoryStream(new byte[3]), "application/octet-stream", "Body", requiresLength: true);
        used.DecodedContentLength = 3;

        used.Reset();

        var fresh = new AwsRequestBuilder();
        string[] reusable = ["sparePath", "scratch", "query", "headers", "jsonBuffer", "jsonWriter"];
        var fields = typeof(AwsRequestBuilder).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);
        Assert.True(fields.Length > 20, "the builder's fields were not found");
        foreach (var field in fields)
        {
            object? after = field.GetValue(used);
            if (reusable.Any(name => field.Name == name))
            {
                Assert.True(after is null || after is StringBuilder { Length: 0 } || after is System.Collections.ICollection { Count: 0 } || after is System.Text.Json.Utf8JsonWriter || after.GetType().Name == "PooledBufferWriter", $"{field.Name} still holds the last call's data");
                continue;
            }

            Assert.True(Equals(field.GetValue(fresh), after), $"{field.Name} is {after} after Reset; a new builder has {field.GetValue(fresh)}");
        }

        Assert.Equal(0, used.Body.Length);
        Assert.Empty(used.Headers);
        Assert.Empty(used.Query);
        Assert.Equal("/", used.Path);
    }

    /// <summary>A reset builder marshals the next request as a new one would, whether its path is a literal, has a label or a query.</summary>
    [Fact]
    public void A_reset_builder_builds_the_next_request_like_a_new_one()
    {
        var builder = new AwsRequestBuilder();
        builder.AppendPath("/a/");
        builder.AppendLabel("x y", greedy: false);
        builder.AddQuery("k", "1");
        builder.AddHeader("x-one", "1");
        using (HttpRequestMessage first = builder.Build(Endpoint, null))
        {
            Assert.Equal("https://example.com/a/x%20y?k=1", first.RequestUri!.AbsoluteUri);
        }

        builder.Reset();
        builder.AppendPath("/token");
        builder.AddQuery("aws_iam", "t");
        using HttpRequestMessage second = builder.Build(Endpoint, null);
        using HttpRequestMessage again = builder.Build(Endpoint, null);

        Assert.Equal("https://example.com/token?aws_iam=t", second.RequestUri!.AbsoluteUri);
        Assert.Same(second.RequestUri, again.RequestUri);
        Assert.False(second.Headers.Contains("x-one"));
        Assert.Equal("/token", builder.Path);

        builder.Reset();
        builder.AppendPath("/token");
        builder.AddQuery("aws_iam", "u");
        using HttpRequestMessage third = builder.Build(Endpoint, null);
        Assert.Equal("https://example.com/token?aws_iam=u", third.RequestUri!.AbsoluteUri);
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            gzip.CopyTo(output);
        }

        return output.ToArray();
    }
}

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

namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using SsoOidcCodegen.Runtime.Endpoints;
using Xunit;

/// <summary>The rules standard library, checked against the examples of the rules engine specification.</summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class EndpointFunctionsTests
{
    [Theory]
    [InlineData("https://example.com", "https", "example.com", "", "/", false)]
    [InlineData("http://example.com:80/foo/bar", "http", "example.com:80", "/foo/bar", "/foo/bar/", false)]
    [InlineData("https://127.0.0.1", "https", "127.0.0.1", "", "/", true)]
    [InlineData("https://[fe80::1]", "https", "[fe80::1]", "", "/", true)]
    [InlineData("https://user:secret@example.com:8443/a/", "https", "example.com:8443", "/a/", "/a/", false)]
    [InlineData("https://256.1.1.1", "https", "256.1.1.1", "", "/", false)]
    public void ParseUrl_splits_a_url_into_scheme_authority_and_paths(string url, string scheme, string authority, string path, string normalizedPath, bool isIp)
    {
        ParsedUrl parsed = EndpointFunctions.ParseUrl(url)!;

        Assert.Equal((scheme, authority, path, normalizedPath, isIp), (parsed.Scheme, parsed.Authority, parsed.Path, parsed.NormalizedPath, parsed.IsIp));
    }

    [Theory]
    [InlineData("https://example.com:8443?foo=bar&faz=baz")]
    [InlineData("https://example.com/path?")]
    [InlineData("example.com")]
    [InlineData("kinesis-pod1.us-east-1.amazonaws.com")]
    [InlineData("://example.com")]
    [InlineData("https://")]
    [InlineData("")]
    [InlineData("abcde://nota#url")]
    [InlineData("ftp://example.com/")]
    public void ParseUrl_rejects_a_string_with_a_query_without_scheme_and_host_or_with_a_scheme_other_than_http(string url)
    {
        Assert.Null(EndpointFunctions.ParseUrl(url));
    }

    [Theory]
    [InlineData("a--b--c", "--", 0, new[] { "a", "b", "c" })]
    [InlineData("a--b--c", "--", 2, new[] { "a", "b--c" })]
    [InlineData("a--b--c", "--", 1, new[] { "a--b--c" })]
    [InlineData("", "--", 0, new[] { "" })]
    [InlineData("--", "--", 0, new[] { "", "" })]
    [InlineData("----", "--", 0, new[] { "", "", "" })]
    [InlineData("--b--", "--", 0, new[] { "", "b", "" })]
    [InlineData("--x-s3--azid--suffix", "--", 0, new[] { "", "x-s3", "azid", "suffix" })]
    [InlineData("--x-s3--azid--suffix", "--", 2, new[] { "", "x-s3--azid--suffix" })]
    [InlineData("abc", "x", 0, new[] { "abc" })]
    [InlineData("mybucket", "--", 1, new[] { "mybucket" })]
    public void Split_divides_a_string_as_the_specification_table_shows(string value, string delimiter, int limit, string[] expected)
    {
        Assert.Equal(expected, EndpointFunctions.Split(value, delimiter, limit));
    }

    [Fact]
    public void Split_rejects_an_empty_delimiter_and_a_negative_limit()
    {
        Assert.Throws<ArgumentException>(() => EndpointFunctions.Split("a", string.Empty, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EndpointFunctions.Split("a", "-", -1));
    }

    [Theory]
    [InlineData("abcdef", 0, 4, false, "abcd")]
    [InlineData("abcdef", 0, 4, true, "cdef")]
    [InlineData("abcdef", 2, 3, true, "d")]
    [InlineData("abcdef", 0, 6, false, "abcdef")]
    [InlineData("abcdef", 0, 7, false, null)]
    [InlineData("abcdef", 3, 3, false, null)]
    [InlineData("abcdef", 4, 2, false, null)]
    [InlineData("ab\u00e9def", 0, 2, false, null)]
    public void Substring_takes_ascii_ranges_from_either_end_and_is_unset_otherwise(string input, int start, int stop, bool reverse, string? expected)
    {
        Assert.Equal(expected, EndpointFunctions.Substring(input, start, stop, reverse));
    }

    [Theory]
    [InlineData("abc-_.~XYZ019", "abc-_.~XYZ019")]
    [InlineData("a b", "a%20b")]
    [InlineData("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\", "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C")]
    [InlineData("\u00e9", "%C3%A9")]
    public void UriEncode_percent_encodes_everything_but_unreserved_characters_in_upper_case(string value, string expected)
    {
        Assert.Equal(expected, EndpointFunctions.UriEncode(value));
    }

    [Theory]
    [InlineData("us-east-1", false, true)]
    [InlineData("a", false, true)]
    [InlineData("1abc", false, true)]
    [InlineData("-abc", false, false)]
    [InlineData("a.b", false, false)]
    [InlineData("a.b", true, true)]
    [InlineData("a..b", true, false)]
    [InlineData("a.", true, false)]
    [InlineData("a_b", false, false)]
    [InlineData("", false, false)]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc", false, true)]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd", false, false)]
    public void IsValidHostLabel_accepts_rfc1123_labels_and_dotted_labels_when_allowed(string value, bool allowSubDomains, bool expected)
    {
        Assert.Equal(expected, EndpointFunctions.IsValidHostLabel(value, allowSubDomains));
    }

    [Theory]
    [InlineData("my-bucket", false, true)]
    [InlineData("ab", false, false)]
    [InlineData("My-Bucket", false, false)]
    [InlineData("my.bucket", false, false)]
    [InlineData("my.bucket", true, true)]
    [InlineData("my..bucket", true, false)]
    [InlineData("my-.bucket", true, false)]
    [InlineData("my.-bucket", true, false)]
    [InlineData("192.168.5.4", true, false)]
    [InlineData("bucket-", false, false)]
    public void IsVirtualHostableS3Bucket_accepts_lower_case_bucket_names_that_are_not_ip_addresses(string value, bool allowSubDomains, bool expected)
    {
        Assert.Equal(expected, EndpointFunctions.AwsIsVirtualHostableS3Bucket(value, allowSubDomains));
    }

    [Theory]
    [InlineData("arn:aws:sns:us-west-2:012345678910:example-sns-topic-name", "aws", "sns", "us-west-2", "012345678910", new[] { "example-sns-topic-name" })]
    [InlineData("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE", "aws", "ec2", "us-east-1", "012345678910", new[] { "vpc", "vpc-0e9801d129EXAMPLE" })]
    [InlineData("arn:aws:iam::012345678910:user/johndoe", "aws", "iam", "", "012345678910", new[] { "user", "johndoe" })]
    [InlineData("arn:aws:s3:::bucket_name", "aws", "s3", "", "", new[] { "bucket_name" })]
    [InlineData("arn:aws:kinesis:us-east-1:123:stream/s/consumer/c:1525898737", "aws", "kinesis", "us-east-1", "123", new[] { "stream", "s", "consumer", "c", "1525898737" })]
    public void ParseArn_splits_an_arn_and_its_resource(string arn, string partition, string service, string region, string accountId, string[] resourceId)
    {
        ParsedArn parsed = EndpointFunctions.AwsParseArn(arn)!;

        Assert.Equal((partition, service, region, accountId), (parsed.Partition, parsed.Service, parsed.Region, parsed.AccountId));
        Assert.Equal(resourceId, parsed.ResourceId);
    }

    [Theory]
    [InlineData("11111111-2222-3333-4444-555555555555")]
    [InlineData("arn")]
    [InlineData("arn::kinesis:us-west-2:123456789012:stream/testStream")]
    [InlineData("arn:aws::us-west-2:123456789012:stream/testStream")]
    [InlineData("arn:aws:kinesis:us-west-2:123456789012:")]
    [InlineData("urn:aws:kinesis:us-west-2:123456789012:stream/x")]
    public void ParseArn_rejects_strings_that_are_not_arns(string value)
    {
        Assert.Null(EndpointFunctions.AwsParseArn(value));
    }

    [Fact]
    public void GetAttr_follows_member_and_index_paths_and_is_unset_when_they_lead_nowhere()
    {
        EndpointValue arn = EndpointFunctions.AwsParseArn("arn:aws:kinesis:us-east-1:123:stream/s1")!.ToEndpointValue();
        EndpointValue nested = EndpointValue.ObjectOf(("a", EndpointValue.ObjectOf(("b", EndpointValue.ArrayOf(EndpointValue.Of("x"), EndpointValue.Of("y"))))));

        Assert.Equal(EndpointValue.Of("s1"), EndpointFunctions.GetAttr(arn, "resourceId[1]"));
        Assert.Equal(EndpointValue.Of("kinesis"), EndpointFunctions.GetAttr(arn, "service"));
        Assert.Equal(EndpointValue.Of("y"), EndpointFunctions.GetAttr(nested, "a.b[1]"));
        Assert.Null(EndpointFunctions.GetAttr(nested, "a.b[2]"));
        Assert.Null(EndpointFunctions.GetAttr(nested, "a.c"));
        Assert.Null(EndpointFunctions.GetAttr(EndpointValue.Of("text"), "a"));
        Assert.Equal("y", EndpointFunctions.GetAttr(["x", "y"], 1));
        Assert.Null(EndpointFunctions.GetAttr(["x", "y"], 2));
        Assert.Throws<ArgumentException>(() => EndpointFunctions.GetAttr(nested, "a[x]"));
    }

    [Fact]
    public void Coalesce_returns_the_first_set_value_even_when_it_is_false()
    {
        Assert.Equal("b", EndpointFunctions.Coalesce(null, "b", "c"));
        Assert.Null(EndpointFunctions.Coalesce<string>(null, null));
        Assert.False(EndpointFunctions.Coalesce(null, false, true));
    }

    [Theory]
    [InlineData(true, "-fips", "", "-fips")]
    [InlineData(false, "-fips", "", "")]
    [InlineData(true, "sigv4", "sigv4-s3express", "sigv4")]
    [InlineData(false, "sigv4", "sigv4-s3express", "sigv4-s3express")]
    public void Ite_chooses_a_branch_by_its_condition(bool condition, string whenTrue, string whenFalse, string expected)
    {
        Assert.Equal(expected, EndpointFunctions.Ite(condition, whenTrue, whenFalse));
    }

    [Fact]
    public void Comparison_functions_are_ordinal_and_isSet_only_checks_presence()
    {
        Assert.True(EndpointFunctions.StringEquals("a", "a"));
        Assert.False(EndpointFunctions.StringEquals("a", "A"));
        Assert.True(EndpointFunctions.BooleanEquals(false, false));
        Assert.False(EndpointFunctions.Not(true));
        Assert.True(EndpointFunctions.IsSet(false));
        Assert.False(EndpointFunctions.IsSet(null));
    }

    [Fact]
    public void Endpoint_values_are_equal_by_structure_and_print_as_json()
    {
        EndpointValue first = EndpointValue.ObjectOf(("name", EndpointValue.Of("sigv4")), ("n", EndpointValue.Of(2)), ("flags", EndpointValue.ArrayOf(EndpointValue.Of(true))));
        EndpointValue reordered = EndpointValue.ObjectOf(("flags", EndpointValue.ArrayOf(EndpointValue.Of(true))), ("n", EndpointValue.Of(2)), ("name", EndpointValue.Of("sigv4")));

        Assert.Equal(first, reordered);
        Assert.Equal(first.GetHashCode(), reordered.GetHashCode());
        Assert.NotEqual(first, EndpointValue.ObjectOf(("name", EndpointValue.Of("sigv4a"))));
        Assert.Equal("{\"name\":\"sigv4\",\"n\":2,\"flags\":[true]}", first.ToJsonString());
        Assert.Equal("\"a\\\"b\\n\"", EndpointValue.Of("a\"b\n").ToJsonString());
        Assert.Throws<ArgumentException>(() => EndpointValue.ObjectOf(("a", EndpointValue.Of(1)), ("a", EndpointValue.Of(2))));
        Assert.Throws<InvalidOperationException>(() => EndpointValue.Of(true).AsString());
    }
}

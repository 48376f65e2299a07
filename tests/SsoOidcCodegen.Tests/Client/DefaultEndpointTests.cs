namespace SsoOidcCodegen.Tests.Client;

using System;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Http;
using SsoOidcCodegen.Runtime.Protocols;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The endpoint of a client whose model has no rule set: the host the rule sets' default rules give, built from the
/// region's partition (its DNS suffix, its dual-stack suffix), not a formula that knows only <c>cn-</c>. The expected hosts
/// are AWS's published ones for each partition.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class DefaultEndpointTests
{
    [Theory]
    [InlineData("us-east-1", false, false, "https://demo.us-east-1.amazonaws.com/")]
    [InlineData("us-east-1", true, false, "https://demo-fips.us-east-1.amazonaws.com/")]
    [InlineData("eu-west-1", false, true, "https://demo.eu-west-1.api.aws/")]
    [InlineData("cn-north-1", false, false, "https://demo.cn-north-1.amazonaws.com.cn/")]
    [InlineData("cn-northwest-1", false, true, "https://demo.cn-northwest-1.api.amazonwebservices.com.cn/")]
    [InlineData("us-gov-west-1", false, false, "https://demo.us-gov-west-1.amazonaws.com/")]
    [InlineData("us-iso-east-1", false, false, "https://demo.us-iso-east-1.c2s.ic.gov/")]
    [InlineData("us-isob-east-1", false, false, "https://demo.us-isob-east-1.sc2s.sgov.gov/")]
    [InlineData("xx-future-9", false, false, "https://demo.xx-future-9.amazonaws.com/")]
    public void A_model_without_a_rule_set_goes_to_the_regions_partition_host(string region, bool fips, bool dualStack, string expected)
    {
        using var client = new BareClient(new AwsClientOptions { Region = region, UseFips = fips, UseDualStack = dualStack });

        Assert.Equal(expected, client.Endpoint.AbsoluteUri);
    }

    [Fact]
    public void ServiceUrl_replaces_the_default_host()
    {
        using var client = new BareClient(new AwsClientOptions { Region = "us-iso-east-1", ServiceUrl = new Uri("http://127.0.0.1:4566") });

        Assert.Equal("http://127.0.0.1:4566/", client.Endpoint.AbsoluteUri);
    }

    private sealed class BareClient(AwsClientOptions options)
        : AwsClient(options, new AwsServiceInfo("Demo", "demo", "demo", "2024-01-01", AwsProtocol.RestJson, null))
    {
        protected override AwsServiceException CreateException(AwsErrorInfo error, AwsResponse response) =>
            throw new InvalidOperationException("No call is made.");
    }
}

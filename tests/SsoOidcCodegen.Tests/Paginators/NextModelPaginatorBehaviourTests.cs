namespace SsoOidcCodegen.Tests.Paginators;

using System;
using System.Linq;
using System.Threading.Tasks;
using SsoOidcCodegen.Tests.Waiters;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Paginators of the models in <c>AWS_NEXT_MODELS_DIR</c>, generated from their own paginators files and run
/// against a real HTTP service on 127.0.0.1 that answers by the token each request carries: S3's continuation token
/// (a query parameter that needs encoding) and its <c>NextMarker || Contents[-1].Key</c> token, EC2's
/// <c>NextToken</c> in an ec2Query form, IAM's <c>IsTruncated</c>/<c>Marker</c> (<c>more_results</c>), and
/// Route 53's three tokens at once.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class NextModelPaginatorBehaviourTests
{
    private const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
    private const string S3Token = "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=";

    [Fact]
    public async Task S3_ListObjectsV2_follows_the_continuation_token_and_leaves_the_request_unchanged()
    {
        using var service = new LoopbackService(request => request.PathAndQuery.Contains("continuation-token=", StringComparison.Ordinal)
            ? LoopbackAnswer.Xml(200, $"<ListBucketResult xmlns=\"{S3Namespace}\"><Name>photos</Name><KeyCount>1</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>c.jpg</Key><Size>3</Size></Contents></ListBucketResult>")
            : LoopbackAnswer.Xml(200, $"<ListBucketResult xmlns=\"{S3Namespace}\"><Name>photos</Name><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated><NextContinuationToken>{S3Token}</NextContinuationToken><Contents><Key>a.jpg</Key><Size>1</Size></Contents><Contents><Key>b.jpg</Key><Size>2</Size></Contents></ListBucketResult>"));

        string outcome = await NextModelScenarios.RunAsync("s3-2006-03-01", "Next.S3", NextModelScenarios.S3, service.Url, "ListObjectsV2");

        // Items first, then pages, from the same request object: both start again from the first page.
        Assert.Equal("a.jpg,b.jpg,c.jpg|pages=2|token=null", outcome);
        string[] urls = service.Requests.Select(request => request.PathAndQuery).ToArray();
        Assert.Equal(4, urls.Length);
        Assert.All(urls, url => Assert.StartsWith("/photos?", url, StringComparison.Ordinal));
        Assert.All(urls, url => Assert.Contains("list-type=2", url, StringComparison.Ordinal));
        Assert.All(urls, url => Assert.Contains("max-keys=2", url, StringComparison.Ordinal));
        Assert.Equal([false, true, false, true], urls.Select(url => url.Contains("continuation-token=", StringComparison.Ordinal)));
        Assert.Contains("continuation-token=" + Uri.EscapeDataString(S3Token), urls[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_ListObjects_takes_NextMarker_or_else_the_last_key_as_the_next_marker()
    {
        using var service = new LoopbackService(request => QueryValue(request.PathAndQuery, "marker") switch
        {
            null => S3ListObjects(truncated: true, nextMarker: null, "a.jpg", "b.jpg"),
            "b.jpg" => S3ListObjects(truncated: true, nextMarker: "m-next", "c.jpg"),
            "m-next" => S3ListObjects(truncated: false, nextMarker: null, "d.jpg"),
            string other => LoopbackAnswer.Xml(400, $"<Error><Code>InvalidArgument</Code><Message>unexpected marker {other}</Message></Error>"),
        });

        string outcome = await NextModelScenarios.RunAsync("s3-2006-03-01", "Next.S3", NextModelScenarios.S3, service.Url, "ListObjects");

        Assert.Equal("a.jpg,b.jpg,c.jpg,d.jpg", outcome);
        Assert.Equal([null, "b.jpg", "m-next"], service.Requests.Select(request => QueryValue(request.PathAndQuery, "marker")));
    }

    [Fact]
    public async Task Ec2_DescribeInstances_follows_NextToken_in_the_form_body()
    {
        using var service = new LoopbackService(request => request.BodyText.Contains("NextToken=t1", StringComparison.Ordinal)
            ? Ec2Reservations(null, ("r-2", ["i-3"]))
            : Ec2Reservations("t1", ("r-1", ["i-1", "i-2"])));

        string outcome = await NextModelScenarios.RunAsync("ec2-2016-11-15", "Next.Ec2", NextModelScenarios.Ec2, service.Url, "DescribeInstances");

        Assert.Equal("r-1:i-1+i-2,r-2:i-3|token=null", outcome);
        Assert.Equal(2, service.Requests.Count);
        Assert.All(service.Requests, request => Assert.Contains("Action=DescribeInstances", request.BodyText, StringComparison.Ordinal));
        Assert.All(service.Requests, request => Assert.Contains("MaxResults=5", request.BodyText, StringComparison.Ordinal));
        Assert.DoesNotContain("NextToken", service.Requests[0].BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Iam_ListUsers_follows_Marker_while_IsTruncated_and_stops_when_it_is_false_even_with_a_marker()
    {
        using var service = new LoopbackService(request => request.BodyText.Contains("Marker=m1", StringComparison.Ordinal)
            ? IamUsers(truncated: false, marker: "m2", "carol")
            : IamUsers(truncated: true, marker: "m1", "alice", "bob"));

        string outcome = await NextModelScenarios.RunAsync("iam-2010-05-08", "Next.Iam", NextModelScenarios.Iam, service.Url, "ListUsers");

        Assert.Equal("alice,bob,carol|marker=null", outcome);
        Assert.Equal(2, service.Requests.Count);
        Assert.All(service.Requests, request => Assert.Contains("Action=ListUsers", request.BodyText, StringComparison.Ordinal));
        Assert.All(service.Requests, request => Assert.Contains("MaxItems=2", request.BodyText, StringComparison.Ordinal));
        Assert.DoesNotContain("Marker", service.Requests[0].BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route53_ListResourceRecordSets_carries_all_three_tokens_to_the_next_page()
    {
        using var service = new LoopbackService(request => QueryValue(request.PathAndQuery, "name") is null
            ? Route53Records(true, ("c.example.com.", "AAAA", "set-1"), ("a.example.com.", "A"), ("b.example.com.", "A"))
            : Route53Records(false, null, ("c.example.com.", "AAAA")));

        string outcome = await NextModelScenarios.RunAsync("route53-2013-04-01", "Next.Route53", NextModelScenarios.Route53, service.Url, "ListResourceRecordSets");

        Assert.Equal("a.example.com. A,b.example.com. A,c.example.com. AAAA|start=null", outcome);
        Assert.Equal(2, service.Requests.Count);
        Assert.All(service.Requests, request => Assert.StartsWith("/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset", request.PathAndQuery, StringComparison.Ordinal));
        Assert.All(service.Requests, request => Assert.Equal("2", QueryValue(request.PathAndQuery, "maxitems")));
        string second = service.Requests[1].PathAndQuery;
        Assert.Equal(("c.example.com.", "AAAA", "set-1"), (QueryValue(second, "name"), QueryValue(second, "type"), QueryValue(second, "identifier")));
        Assert.Null(QueryValue(service.Requests[0].PathAndQuery, "identifier"));
    }

    private static string? QueryValue(string pathAndQuery, string name)
    {
        int question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return null;
        }

        foreach (string pair in pathAndQuery[(question + 1)..].Split('&'))
        {
            string[] parts = pair.Split('=', 2);
            if (Uri.UnescapeDataString(parts[0]) == name)
            {
                return parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            }
        }

        return null;
    }

    private static LoopbackAnswer S3ListObjects(bool truncated, string? nextMarker, params string[] keys) => LoopbackAnswer.Xml(200,
        $"<ListBucketResult xmlns=\"{S3Namespace}\"><Name>photos</Name><MaxKeys>1000</MaxKeys><IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>"
        + (nextMarker is null ? string.Empty : $"<NextMarker>{nextMarker}</NextMarker>")
        + string.Concat(keys.Select(key => $"<Contents><Key>{key}</Key><Size>1</Size></Contents>"))
        + "</ListBucketResult>");

    private static LoopbackAnswer Ec2Reservations(string? nextToken, params (string Id, string[] Instances)[] reservations) => LoopbackAnswer.Xml(200,
        "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><reservationSet>"
        + string.Concat(reservations.Select(reservation => $"<item><reservationId>{reservation.Id}</reservationId><instancesSet>"
            + string.Concat(reservation.Instances.Select(instance => $"<item><instanceId>{instance}</instanceId><instanceState><code>16</code><name>running</name></instanceState></item>"))
            + "</instancesSet></item>"))
        + "</reservationSet>"
        + (nextToken is null ? string.Empty : $"<nextToken>{nextToken}</nextToken>")
        + "</DescribeInstancesResponse>");

    private static LoopbackAnswer IamUsers(bool truncated, string marker, params string[] names) => LoopbackAnswer.Xml(200,
        "<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListUsersResult><Users>"
        + string.Concat(names.Select(name => $"<member><Path>/</Path><UserName>{name}</UserName><UserId>AIDA{name.ToUpperInvariant()}</UserId><Arn>arn:aws:iam::123456789012:user/{name}</Arn><CreateDate>2024-10-01T10:00:00Z</CreateDate></member>"))
        + $"</Users><IsTruncated>{(truncated ? "true" : "false")}</IsTruncated><Marker>{marker}</Marker></ListUsersResult>"
        + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListUsersResponse>");

    private static LoopbackAnswer Route53Records(bool truncated, (string Name, string Type, string Identifier)? next, params (string Name, string Type)[] records) => LoopbackAnswer.Xml(200,
        "<ListResourceRecordSetsResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><ResourceRecordSets>"
        + string.Concat(records.Select(record => $"<ResourceRecordSet><Name>{record.Name}</Name><Type>{record.Type}</Type><SetIdentifier>set-1</SetIdentifier><Weight>10</Weight><TTL>300</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>"))
        + $"</ResourceRecordSets><IsTruncated>{(truncated ? "true" : "false")}</IsTruncated><MaxItems>2</MaxItems>"
        + (next is { } token ? $"<NextRecordName>{token.Name}</NextRecordName><NextRecordType>{token.Type}</NextRecordType><NextRecordIdentifier>{token.Identifier}</NextRecordIdentifier>" : string.Empty)
        + "</ListResourceRecordSetsResponse>");
}

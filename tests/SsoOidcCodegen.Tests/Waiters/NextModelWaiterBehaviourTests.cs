namespace SsoOidcCodegen.Tests.Waiters;

using System;
using System.Formats.Cbor;
using System.Linq;
using System.Threading.Tasks;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Waiters of the models in <c>AWS_NEXT_MODELS_DIR</c>, generated from their own waiters files and run against
/// scripted answers from a real HTTP service on 127.0.0.1: S3's status matchers over rest-xml (HEAD answers without
/// a body), EC2's <c>pathAll</c>/<c>pathAny</c> over ec2Query with an <c>error</c> matcher, IAM's status and error
/// matchers over awsQuery, CloudWatch's <c>length(...) &gt; `0`</c> over smithy-rpc-v2-cbor, and Route 53's
/// <c>path</c> matcher over rest-xml.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class NextModelWaiterBehaviourTests
{
    private const string Ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    [Fact]
    public async Task S3_BucketExists_retries_on_404_and_succeeds_on_200()
    {
        using var service = new LoopbackService(LoopbackAnswer.Empty(404), LoopbackAnswer.Empty(404), LoopbackAnswer.Empty(200));

        Assert.Equal("success attempts=3", await S3(service, "BucketExists"));
        Assert.Equal(3, service.Requests.Count);
        Assert.All(service.Requests, request => Assert.Equal(("HEAD", "/photos"), (request.Method, request.PathAndQuery)));
        Assert.All(service.Requests, request => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Header("Authorization"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(301)]
    public async Task S3_BucketExists_takes_a_403_or_301_as_success_through_its_status_acceptor(int status)
    {
        using var service = new LoopbackService(new LoopbackAnswer(status, [], null, ("x-amz-bucket-region", "eu-west-1")));

        string outcome = await S3(service, "BucketExists");

        Assert.StartsWith($"success attempts=1 error={status}", outcome, StringComparison.Ordinal);
        Assert.Single(service.Requests);
    }

    [Fact]
    public async Task S3_BucketExists_ends_with_WaiterFailedException_on_an_error_no_acceptor_expects()
    {
        using var service = new LoopbackService(LoopbackAnswer.Empty(500));

        Assert.StartsWith("failure attempts=1 error=500", await S3(service, "BucketExists"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_BucketNotExists_succeeds_on_404_and_times_out_while_the_bucket_stays()
    {
        using (var gone = new LoopbackService(LoopbackAnswer.Empty(200), LoopbackAnswer.Empty(404)))
        {
            Assert.StartsWith("success attempts=2 error=404", await S3(gone, "BucketNotExists"), StringComparison.Ordinal);
        }

        using var stays = new LoopbackService(LoopbackAnswer.Empty(200));
        Assert.Equal("timeout attempts=3", await S3(stays, "BucketNotExists"));
        Assert.Equal(3, stays.Requests.Count);
    }

    [Fact]
    public async Task S3_ObjectExists_and_ObjectNotExists_call_HeadObject_with_the_key_path()
    {
        using (var appears = new LoopbackService(LoopbackAnswer.Empty(404), new LoopbackAnswer(200, [], null, ("ETag", "\"abc\""), ("Last-Modified", "Tue, 01 Oct 2024 10:00:00 GMT"))))
        {
            Assert.Equal("success attempts=2", await S3(appears, "ObjectExists"));
            Assert.All(appears.Requests, request => Assert.Equal(("HEAD", "/photos/2024/cat.jpg"), (request.Method, request.PathAndQuery)));
        }

        using var disappears = new LoopbackService(LoopbackAnswer.Empty(200), LoopbackAnswer.Empty(404));
        Assert.StartsWith("success attempts=2 error=404", await S3(disappears, "ObjectNotExists"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ec2_InstanceRunning_retries_on_NotFound_on_no_instances_and_while_any_is_pending_then_succeeds_when_all_run()
    {
        using var service = new LoopbackService(
            LoopbackAnswer.Xml(400, "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance IDs 'i-1, i-2' do not exist</Message></Error></Errors><RequestID>r-0</RequestID></Response>"),
            Ec2Instances(),
            Ec2Instances("pending", "running"),
            Ec2Instances("running", "running"));

        Assert.Equal("success attempts=4", await NextModelScenarios.RunAsync("ec2-2016-11-15", "Next.Ec2", NextModelScenarios.Ec2, service.Url, "InstanceRunning"));
        Assert.Equal(4, service.Requests.Count);
        Assert.All(service.Requests, request =>
        {
            Assert.Equal(("POST", "/"), (request.Method, request.PathAndQuery));
            Assert.Contains("Action=DescribeInstances", request.BodyText, StringComparison.Ordinal);
            Assert.Contains("Version=2016-11-15", request.BodyText, StringComparison.Ordinal);
            Assert.Contains("InstanceId.1=i-1", request.BodyText, StringComparison.Ordinal);
            Assert.Contains("InstanceId.2=i-2", request.BodyText, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("terminated")]
    [InlineData("shutting-down")]
    [InlineData("stopping")]
    public async Task Ec2_InstanceRunning_fails_as_soon_as_any_instance_is_in_a_failure_state(string state)
    {
        using var service = new LoopbackService(Ec2Instances("running", state), Ec2Instances("running", "running"));

        Assert.Equal("failure attempts=1", await NextModelScenarios.RunAsync("ec2-2016-11-15", "Next.Ec2", NextModelScenarios.Ec2, service.Url, "InstanceRunning"));
        Assert.Single(service.Requests);
    }

    [Fact]
    public async Task Ec2_InstanceRunning_times_out_after_the_attempts_the_options_allow()
    {
        using var service = new LoopbackService(Ec2Instances("pending"));

        Assert.Equal("timeout attempts=3", await NextModelScenarios.RunAsync("ec2-2016-11-15", "Next.Ec2", NextModelScenarios.Ec2, service.Url, "InstanceRunningTimesOut"));
        Assert.Equal(3, service.Requests.Count);
    }

    [Fact]
    public async Task Iam_UserExists_retries_on_NoSuchEntity_and_succeeds_on_200()
    {
        using var service = new LoopbackService(
            IamError(404, "NoSuchEntity", "The user with name alice cannot be found."),
            LoopbackAnswer.Xml(200, """
                <GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                  <GetUserResult><User><Path>/</Path><UserName>alice</UserName><UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user/alice</Arn><CreateDate>2024-10-01T10:00:00Z</CreateDate></User></GetUserResult>
                  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
                </GetUserResponse>
                """));

        Assert.Equal("success attempts=2", await Iam(service, "UserExists"));
        Assert.All(service.Requests, request =>
        {
            Assert.Equal("POST", request.Method);
            Assert.Contains("Action=GetUser", request.BodyText, StringComparison.Ordinal);
            Assert.Contains("UserName=alice", request.BodyText, StringComparison.Ordinal);
            Assert.Contains("Version=2010-05-08", request.BodyText, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Iam_UserExists_ends_with_the_typed_error_no_acceptor_expects()
    {
        using var service = new LoopbackService(IamError(403, "AccessDenied", "User is not authorized to perform iam:GetUser"));

        Assert.Equal("failure attempts=1 error=403 AccessDenied", await Iam(service, "UserExists"));
    }

    [Fact]
    public async Task CloudWatch_AlarmExists_retries_while_no_alarm_is_listed_and_succeeds_when_one_is()
    {
        using var service = new LoopbackService(LoopbackAnswer.Cbor(200, Alarms()), LoopbackAnswer.Cbor(200, Alarms("cpu-high")));

        Assert.Equal("success attempts=2", await CloudWatch(service, "AlarmExists"));
        Assert.All(service.Requests, request =>
        {
            Assert.Equal(("POST", "/service/GraniteServiceVersion20100801/operation/DescribeAlarms"), (request.Method, request.PathAndQuery));
            Assert.Equal("rpc-v2-cbor", request.Header("smithy-protocol"));
            Assert.Equal("cpu-high", ReadAlarmName(request.Body));
        });
    }

    [Fact]
    public async Task CloudWatch_AlarmExists_times_out_while_the_list_stays_empty()
    {
        using var service = new LoopbackService(LoopbackAnswer.Cbor(200, Alarms()));

        Assert.Equal("timeout attempts=2", await CloudWatch(service, "AlarmExistsTimesOut"));
    }

    [Fact]
    public async Task Route53_ResourceRecordSetsChanged_waits_for_the_change_status_INSYNC()
    {
        using var service = new LoopbackService(Route53Change("PENDING"), Route53Change("PENDING"), Route53Change("INSYNC"));

        Assert.Equal("success attempts=3", await NextModelScenarios.RunAsync("route53-2013-04-01", "Next.Route53", NextModelScenarios.Route53, service.Url, "ResourceRecordSetsChanged"));
        Assert.All(service.Requests, request => Assert.Equal(("GET", "/2013-04-01/change/C2682N5HXP0BZ4"), (request.Method, request.PathAndQuery)));
    }

    internal static LoopbackAnswer Ec2Instances(params string[] states) => LoopbackAnswer.Xml(200, $"""
        <DescribeInstancesResponse xmlns="{Ec2Namespace}">
          <requestId>r-1</requestId>
          <reservationSet>{(states.Length == 0 ? string.Empty : "<item><reservationId>r-1</reservationId><instancesSet>"
            + string.Concat(states.Select((state, i) => $"<item><instanceId>i-{i + 1}</instanceId><instanceState><code>0</code><name>{state}</name></instanceState></item>"))
            + "</instancesSet></item>")}</reservationSet>
        </DescribeInstancesResponse>
        """);

    private static LoopbackAnswer IamError(int status, string code, string message) => LoopbackAnswer.Xml(status, $"""
        <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>
          <RequestId>r-0</RequestId>
        </ErrorResponse>
        """);

    private static LoopbackAnswer Route53Change(string status) => LoopbackAnswer.Xml(200, $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <GetChangeResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
          <ChangeInfo><Id>/change/C2682N5HXP0BZ4</Id><Status>{status}</Status><SubmittedAt>2024-10-01T10:00:00.000Z</SubmittedAt></ChangeInfo>
        </GetChangeResponse>
        """);

    /// <summary>A DescribeAlarms output in CBOR: <c>{"MetricAlarms": [{"AlarmName": ...}, ...]}</c>.</summary>
    private static byte[] Alarms(params string[] names)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(1);
        writer.WriteTextString("MetricAlarms");
        writer.WriteStartArray(names.Length);
        foreach (string name in names)
        {
            writer.WriteStartMap(1);
            writer.WriteTextString("AlarmName");
            writer.WriteTextString(name);
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>The single entry of <c>AlarmNames</c> in a DescribeAlarms input body.</summary>
    private static string? ReadAlarmName(byte[] body)
    {
        var reader = new CborReader(body);
        int? count = reader.ReadStartMap();
        string? found = null;
        for (int i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
        {
            string key = reader.ReadTextString();
            if (key == "AlarmNames")
            {
                int? items = reader.ReadStartArray();
                Assert.Equal(1, items);
                found = reader.ReadTextString();
                reader.ReadEndArray();
            }
            else
            {
                reader.SkipValue();
            }
        }

        return found;
    }

    private static Task<string> S3(LoopbackService service, string scenario) =>
        NextModelScenarios.RunAsync("s3-2006-03-01", "Next.S3", NextModelScenarios.S3, service.Url, scenario);

    private static Task<string> Iam(LoopbackService service, string scenario) =>
        NextModelScenarios.RunAsync("iam-2010-05-08", "Next.Iam", NextModelScenarios.Iam, service.Url, scenario);

    private static Task<string> CloudWatch(LoopbackService service, string scenario) =>
        NextModelScenarios.RunAsync("cloudwatch-2010-08-01", "Next.CloudWatch", NextModelScenarios.CloudWatch, service.Url, scenario);
}

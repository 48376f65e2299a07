// Compiled at test time with the SNS client generated from AWS_NEXT_MODELS_DIR/sns-2010-03-31.json
// (namespace Aws.Sns, with its paginators); run by SnsRealUseTests, one method per test of the same
// name. Expected form fields follow the awsQuery rules: maps as Name.entry.N.key/value (or the
// key/value locationNames, Name and Value for message attributes), lists as Name.member.N.
namespace SsoOidcCodegen.RealUse;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Aws.Sns;
using Aws.Sns.Model;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Tests.Integration;
using Xunit;

public static class SnsScenarios
{
    private const string Namespace = "http://sns.amazonaws.com/doc/2010-03-31/";
    private const string TopicArn = "arn:aws:sns:us-west-2:123456789012:orders";

    public static async Task CreateTopic_sends_attributes_as_numbered_map_entries_and_tags_as_members_and_reads_the_arn(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(200, $"""
            <CreateTopicResponse xmlns="{Namespace}">
              <CreateTopicResult>
                <TopicArn>arn:aws:sns:us-west-2:123456789012:orders.fifo</TopicArn>
              </CreateTopicResult>
              <ResponseMetadata>
                <RequestId>a8dec8b3-33a4-11df-8963-01868b7c937a</RequestId>
              </ResponseMetadata>
            </CreateTopicResponse>
            """);

        using var sns = new SnsClient(options);
        CreateTopicResponse created = await sns.CreateTopicAsync(new CreateTopicInput
        {
            Name = "orders.fifo",
            Attributes = new Dictionary<string, string>
            {
                ["FifoTopic"] = "true",
                ["DisplayName"] = "Orders & Returns",
                ["ContentBasedDeduplication"] = "false",
            },
            Tags = [new Tag { Key = "env", Value = "test" }, new Tag { Key = "owner", Value = "shop" }],
        });

        QueryForm form = QueryForm.Of(Assert.Single(server.Requests));
        Assert.Equal("CreateTopic", form["Action"]);
        Assert.Equal("2010-03-31", form["Version"]);
        Assert.Equal("orders.fifo", form["Name"]);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["ContentBasedDeduplication"] = "false", ["DisplayName"] = "Orders & Returns", ["FifoTopic"] = "true" },
            form.Map("Attributes"));
        Assert.Equal(("env", "test", "owner", "shop"), (form["Tags.member.1.Key"], form["Tags.member.1.Value"], form["Tags.member.2.Key"], form["Tags.member.2.Value"]));
        Assert.Equal(3 + 4 + 3 * 2, form.Fields.Count);
        Assert.Equal("arn:aws:sns:us-west-2:123456789012:orders.fifo", created.TopicArn);
    }

    public static async Task Publish_sends_message_attributes_as_a_map_of_structures_keyed_Name_and_Value_and_binary_as_base64(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(200, $"""
            <PublishResponse xmlns="{Namespace}">
              <PublishResult>
                <MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId>
                <SequenceNumber>10000000000000003000</SequenceNumber>
              </PublishResult>
              <ResponseMetadata>
                <RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId>
              </ResponseMetadata>
            </PublishResponse>
            """);

        using var sns = new SnsClient(options);
        PublishResponse published = await sns.PublishAsync(new PublishInput
        {
            TopicArn = TopicArn,
            Message = "{\"order\": 42, \"note\": \"ünïcödé\"}",
            Subject = "New order",
            MessageGroupId = "orders",
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                ["priority"] = new MessageAttributeValue { DataType = "Number", StringValue = "5" },
                ["signature"] = new MessageAttributeValue { DataType = "Binary", BinaryValue = [0x00, 0xFF, 0x10, 0x80] },
            },
        });

        QueryForm form = QueryForm.Of(Assert.Single(server.Requests));
        Assert.Equal("Publish", form["Action"]);
        Assert.Equal(TopicArn, form["TopicArn"]);
        Assert.Equal("{\"order\": 42, \"note\": \"ünïcödé\"}", form["Message"]);
        Assert.Equal("New order", form["Subject"]);
        string priority = form.MapEntry("MessageAttributes", "priority", keyName: "Name");
        Assert.Equal("Number", form[priority + ".Value.DataType"]);
        Assert.Equal("5", form[priority + ".Value.StringValue"]);
        string signature = form.MapEntry("MessageAttributes", "signature", keyName: "Name");
        Assert.Equal("Binary", form[signature + ".Value.DataType"]);
        Assert.Equal("AP8QgA==", form[signature + ".Value.BinaryValue"]);
        Assert.False(form.Has(signature + ".Value.StringValue"));
        Assert.Equal(new[] { "MessageAttributes.entry.1", "MessageAttributes.entry.2" }, new[] { priority, signature }.Order(StringComparer.Ordinal));

        Assert.Equal("567910cd-659e-55d4-8ccb-5aaf14679dc0", published.MessageId);
        Assert.Equal("10000000000000003000", published.SequenceNumber);
    }

    public static async Task ListTopicsItemsAsync_follows_NextToken_across_pages_and_yields_every_topic(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(200, $"""
            <ListTopicsResponse xmlns="{Namespace}">
              <ListTopicsResult>
                <Topics>
                  <member><TopicArn>arn:aws:sns:us-west-2:123456789012:a</TopicArn></member>
                  <member><TopicArn>arn:aws:sns:us-west-2:123456789012:b</TopicArn></member>
                </Topics>
                <NextToken>page+2/token=</NextToken>
              </ListTopicsResult>
              <ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>
            </ListTopicsResponse>
            """);
        server.Enqueue(200, $"""
            <ListTopicsResponse xmlns="{Namespace}">
              <ListTopicsResult>
                <Topics>
                  <member><TopicArn>arn:aws:sns:us-west-2:123456789012:c</TopicArn></member>
                </Topics>
              </ListTopicsResult>
              <ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata>
            </ListTopicsResponse>
            """);

        using var sns = new SnsClient(options);
        var request = new ListTopicsInput();
        var arns = new List<string?>();
        await foreach (Topic topic in sns.ListTopicsItemsAsync(request))
        {
            arns.Add(topic.TopicArn);
        }

        Assert.Equal(["arn:aws:sns:us-west-2:123456789012:a", "arn:aws:sns:us-west-2:123456789012:b", "arn:aws:sns:us-west-2:123456789012:c"], arns);
        Assert.Equal(2, server.Requests.Count);
        Assert.False(QueryForm.Of(server.Requests[0]).Has("NextToken"));
        Assert.Equal("page+2/token=", QueryForm.Of(server.Requests[1])["NextToken"]);
        Assert.Null(request.NextToken);
    }

    public static async Task GetTopicAttributes_reads_a_map_of_entries_with_key_and_value(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(200, $$"""
            <GetTopicAttributesResponse xmlns="{{Namespace}}">
              <GetTopicAttributesResult>
                <Attributes>
                  <entry><key>Owner</key><value>123456789012</value></entry>
                  <entry><key>Policy</key><value>{"Version":"2008-10-17","Statement":[]}</value></entry>
                  <entry><key>SubscriptionsConfirmed</key><value>3</value></entry>
                  <entry><key>DisplayName</key><value>Orders &amp; Returns</value></entry>
                </Attributes>
              </GetTopicAttributesResult>
              <ResponseMetadata><RequestId>057f074c-33a7-11df-9540-99d0768312d3</RequestId></ResponseMetadata>
            </GetTopicAttributesResponse>
            """);

        using var sns = new SnsClient(options);
        GetTopicAttributesResponse response = await sns.GetTopicAttributesAsync(new GetTopicAttributesInput { TopicArn = TopicArn });

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Owner"] = "123456789012",
                ["Policy"] = "{\"Version\":\"2008-10-17\",\"Statement\":[]}",
                ["SubscriptionsConfirmed"] = "3",
                ["DisplayName"] = "Orders & Returns",
            },
            response.Attributes);
        Assert.Equal(TopicArn, QueryForm.Of(Assert.Single(server.Requests))["TopicArn"]);
    }

    public static async Task PublishBatch_sends_entries_with_nested_maps_and_reads_successful_and_failed_lists(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(200, $"""
            <PublishBatchResponse xmlns="{Namespace}">
              <PublishBatchResult>
                <Successful>
                  <member>
                    <Id>first</Id>
                    <MessageId>11111111-1111-1111-1111-111111111111</MessageId>
                  </member>
                </Successful>
                <Failed>
                  <member>
                    <Id>second</Id>
                    <Code>InvalidParameter</Code>
                    <Message>Invalid parameter: Message too long</Message>
                    <SenderFault>true</SenderFault>
                  </member>
                </Failed>
              </PublishBatchResult>
              <ResponseMetadata><RequestId>b1</RequestId></ResponseMetadata>
            </PublishBatchResponse>
            """);

        using var sns = new SnsClient(options);
        PublishBatchResponse response = await sns.PublishBatchAsync(new PublishBatchInput
        {
            TopicArn = TopicArn,
            PublishBatchRequestEntries =
            [
                new PublishBatchRequestEntry { Id = "first", Message = "one" },
                new PublishBatchRequestEntry
                {
                    Id = "second",
                    Message = "two",
                    MessageAttributes = new Dictionary<string, MessageAttributeValue> { ["kind"] = new MessageAttributeValue { DataType = "String", StringValue = "bulk" } },
                },
            ],
        });

        QueryForm form = QueryForm.Of(Assert.Single(server.Requests));
        Assert.Equal("first", form["PublishBatchRequestEntries.member.1.Id"]);
        Assert.Equal("one", form["PublishBatchRequestEntries.member.1.Message"]);
        Assert.Equal("second", form["PublishBatchRequestEntries.member.2.Id"]);
        Assert.Equal("kind", form["PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Name"]);
        Assert.Equal("String", form["PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Value.DataType"]);
        Assert.Equal("bulk", form["PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Value.StringValue"]);

        PublishBatchResultEntry success = Assert.Single(response.Successful!);
        Assert.Equal(("first", "11111111-1111-1111-1111-111111111111"), (success.Id, success.MessageId));
        BatchResultErrorEntry failure = Assert.Single(response.Failed!);
        Assert.Equal(("second", "InvalidParameter", "Invalid parameter: Message too long", true), (failure.Id, failure.Code, failure.Message, failure.SenderFault));
    }

    public static async Task GetTopicAttributes_of_a_missing_topic_throws_NotFoundException_for_the_code_NotFound(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(404, $"""
            <ErrorResponse xmlns="{Namespace}">
              <Error>
                <Type>Sender</Type>
                <Code>NotFound</Code>
                <Message>Topic does not exist</Message>
              </Error>
              <RequestId>e1b0c7a6-0000-4000-8000-000000000001</RequestId>
            </ErrorResponse>
            """);

        using var sns = new SnsClient(options);
        NotFoundException error = await Assert.ThrowsAsync<NotFoundException>(() => sns.GetTopicAttributesAsync(new GetTopicAttributesInput { TopicArn = TopicArn + "-gone" }));

        Assert.Equal("NotFound", error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("Topic does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal("e1b0c7a6-0000-4000-8000-000000000001", error.RequestId);
        Assert.Single(server.Requests);
    }

    public static async Task An_error_code_the_model_does_not_list_throws_SnsException_with_that_code(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(403, $"""
            <ErrorResponse xmlns="{Namespace}">
              <Error>
                <Type>Sender</Type>
                <Code>OptInRequired</Code>
                <Message>The AWS Access Key Id needs a subscription for the service</Message>
              </Error>
              <RequestId>e1b0c7a6-0000-4000-8000-000000000002</RequestId>
            </ErrorResponse>
            """);

        using var sns = new SnsClient(options);
        SnsException error = await Assert.ThrowsAsync<SnsException>(() => sns.ListTopicsAsync(new ListTopicsInput()));

        Assert.Equal(typeof(SnsException), error.GetType());
        Assert.Equal("OptInRequired", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Single(server.Requests);
    }
}

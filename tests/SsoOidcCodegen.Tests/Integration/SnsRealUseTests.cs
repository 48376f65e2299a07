namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The SNS client generated from <c>AWS_NEXT_MODELS_DIR/sns-2010-03-31.json</c> calling a scripted awsQuery
/// service on a real socket (<c>Scenarios/SnsScenarios.cs</c> holds each scenario). Every request the
/// service receives must carry a SigV4 signature the service can verify.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SnsRealUseTests : IDisposable
{
    private static readonly GeneratedServiceClient Sns = new("sns-2010-03-31.json", "Aws.Sns", "SnsClient", "SnsScenarios.cs");
    private readonly ScriptedAwsServer server = new();

    public void Dispose() => server.Dispose();

    [Fact]
    public Task CreateTopic_sends_attributes_as_numbered_map_entries_and_tags_as_members_and_reads_the_arn() => RunAsync();

    [Fact]
    public Task Publish_sends_message_attributes_as_a_map_of_structures_keyed_Name_and_Value_and_binary_as_base64() => RunAsync();

    [Fact]
    public Task ListTopicsItemsAsync_follows_NextToken_across_pages_and_yields_every_topic() => RunAsync();

    [Fact]
    public Task GetTopicAttributes_reads_a_map_of_entries_with_key_and_value() => RunAsync();

    [Fact]
    public Task PublishBatch_sends_entries_with_nested_maps_and_reads_successful_and_failed_lists() => RunAsync();

    [Fact]
    public Task GetTopicAttributes_of_a_missing_topic_throws_NotFoundException_for_the_code_NotFound() => RunAsync();

    [Fact]
    public Task An_error_code_the_model_does_not_list_throws_SnsException_with_that_code() => RunAsync();

    private async Task RunAsync([CallerMemberName] string scenario = "")
    {
        await Sns.RunAsync([server, RealUse.Options(server.Url)], scenario);

        Assert.NotEmpty(server.Requests);
        foreach (ReceivedRequest request in server.Requests)
        {
            Assert.Null(request.Header("X-Amz-Security-Token"));
            SigV4Check.AssertValid(request, RealUse.AccessKeyId, RealUse.SecretAccessKey, RealUse.Region, "sns");
        }
    }
}

namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The IAM client generated from <c>AWS_NEXT_MODELS_DIR/iam-2010-05-08.json</c> calling a scripted awsQuery
/// service on a real socket (<c>Scenarios/IamScenarios.cs</c> holds each scenario). Every request the
/// service receives must carry a SigV4 signature the service can verify.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class IamRealUseTests : IDisposable
{
    private static readonly GeneratedServiceClient Iam = new("iam-2010-05-08.json", "Aws.Iam", "IamClient", "IamScenarios.cs");
    private readonly ScriptedAwsServer server = new();

    public void Dispose() => server.Dispose();

    [Fact]
    public Task CreateUser_sends_tags_and_a_permissions_boundary_and_reads_the_user_with_its_create_date_and_tags() => RunAsync();

    [Fact]
    public Task CreateRole_sends_the_policy_document_json_percent_encoded_and_reads_the_role() => RunAsync();

    [Fact]
    public Task ListUsersItemsAsync_follows_Marker_while_IsTruncated_and_sends_the_same_filter_on_every_page() => RunAsync();

    [Fact]
    public Task GetAccountSummary_reads_a_map_of_enum_keys_to_integers() => RunAsync();

    [Fact]
    public Task SimulatePrincipalPolicy_sends_context_entries_with_value_lists_and_reads_nested_statements_and_decision_maps() => RunAsync();

    [Fact]
    public Task GetUser_of_a_missing_user_throws_NoSuchEntityException_for_the_code_NoSuchEntity() => RunAsync();

    [Fact]
    public Task WaitUntilUserExistsAsync_calls_GetUser_again_after_NoSuchEntity_until_it_succeeds() => RunAsync();

    [Fact]
    public Task An_error_code_the_model_does_not_list_throws_IamException_with_that_code() => RunAsync();

    private async Task RunAsync([CallerMemberName] string scenario = "")
    {
        await Iam.RunAsync([server, RealUse.Options(server.Url)], scenario);

        Assert.NotEmpty(server.Requests);
        foreach (ReceivedRequest request in server.Requests)
        {
            SigV4Check.AssertValid(request, RealUse.AccessKeyId, RealUse.SecretAccessKey, RealUse.Region, "iam");
        }
    }
}

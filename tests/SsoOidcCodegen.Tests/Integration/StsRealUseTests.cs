namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The STS client generated from <c>AWS_NEXT_MODELS_DIR/sts-2011-06-15.json</c> calling a scripted awsQuery
/// service on a real socket (<c>Scenarios/StsScenarios.cs</c> holds each scenario). Every request the
/// service receives must carry a SigV4 signature the service can verify, with the session token signed.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class StsRealUseTests : IDisposable
{
    private const string SessionToken = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    private static readonly GeneratedServiceClient Sts = new("sts-2011-06-15.json", "Aws.Sts", "StsClient", "StsScenarios.cs");
    private readonly ScriptedAwsServer server = new();

    public void Dispose() => server.Dispose();

    [Fact]
    public Task AssumeRole_sends_policy_arns_tags_and_contexts_as_numbered_members_and_reads_the_nested_credentials() => RunAsync();

    [Fact]
    public Task GetCallerIdentity_sends_only_action_and_version_and_reads_the_identity() => RunAsync();

    [Fact]
    public Task GetFederationToken_reads_the_federated_user_and_a_timestamp_with_fractional_seconds_and_an_offset() => RunAsync();

    [Fact]
    public Task AssumeRole_answered_with_ExpiredTokenException_throws_the_typed_exception_with_code_message_and_request_id() => RunAsync();

    [Fact]
    public Task GetSessionToken_answered_with_RegionDisabledException_throws_the_typed_exception_for_its_403() => RunAsync();

    [Fact]
    public Task An_error_code_the_model_does_not_list_throws_the_service_exception_with_that_code() => RunAsync();

    [Fact]
    public Task A_throttled_call_is_retried_and_the_retry_carries_the_same_form_and_a_fresh_signature() => RunAsync();

    private async Task RunAsync([CallerMemberName] string scenario = "")
    {
        await Sts.RunAsync([server, RealUse.Options(server.Url, SessionToken)], scenario);

        Assert.NotEmpty(server.Requests);
        foreach (ReceivedRequest request in server.Requests)
        {
            Assert.Equal(SessionToken, request.Header("X-Amz-Security-Token"));
            Assert.Matches("SignedHeaders=[a-z0-9;-]*x-amz-security-token[,;]", request.Header("Authorization"));
            SigV4Check.AssertValid(request, RealUse.AccessKeyId, RealUse.SecretAccessKey, RealUse.Region, "sts");
        }
    }
}

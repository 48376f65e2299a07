// Compiled at test time with the STS client generated from AWS_NEXT_MODELS_DIR/sts-2011-06-15.json
// (namespace Aws.Sts); run by StsRealUseTests, one method per test of the same name. The expected form
// fields are written from the awsQuery rules (Action, Version, members by name, lists as
// Name.member.N, structures in lists as Name.member.N.Member), not from what the client sends.
namespace SsoOidcCodegen.RealUse;

using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using Aws.Sts;
using Aws.Sts.Model;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Tests.Integration;
using Xunit;

public static class StsScenarios
{
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static async Task AssumeRole_sends_policy_arns_tags_and_contexts_as_numbered_members_and_reads_the_nested_credentials(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(200, $"""
            <AssumeRoleResponse xmlns="{Namespace}">
              <AssumeRoleResult>
                <SourceIdentity>dev-laptop</SourceIdentity>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::123456789012:assumed-role/deploy/ci-run-7</Arn>
                  <AssumedRoleId>AROA3XFRBF535PLBIFPI4:ci-run-7</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>ASIAREALUSEASSUMED</AccessKeyId>
                  <SecretAccessKey>assumedSecretEXAMPLE</SecretAccessKey>
                  <SessionToken>FwoGZXIvYXdzEBAaDAssumedToken</SessionToken>
                  <Expiration>2026-12-01T10:15:30Z</Expiration>
                </Credentials>
                <PackedPolicySize>6</PackedPolicySize>
              </AssumeRoleResult>
              <ResponseMetadata>
                <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
              </ResponseMetadata>
            </AssumeRoleResponse>
            """);

        using var sts = new StsClient(options);
        AssumeRoleResponse response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::123456789012:role/deploy",
            RoleSessionName = "ci-run-7",
            DurationSeconds = 900,
            ExternalId = "ext id/42",
            SourceIdentity = "dev-laptop",
            PolicyArns =
            [
                new PolicyDescriptorType { Arn = "arn:aws:iam::aws:policy/ReadOnlyAccess" },
                new PolicyDescriptorType { Arn = "arn:aws:iam::123456789012:policy/deploy-extra" },
            ],
            Tags =
            [
                new Tag { Key = "Project", Value = "Unicorn & Co" },
                new Tag { Key = "Team", Value = "Automation" },
            ],
            TransitiveTagKeys = ["Project"],
            ProvidedContexts = [new ProvidedContext { ProviderArn = "arn:aws:iam::aws:contextProvider/IdentityCenter", ContextAssertion = "abc=" }],
        });

        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("/", request.Target);
        Assert.StartsWith("Action=AssumeRole&Version=2011-06-15&", request.BodyText, StringComparison.Ordinal);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["Action"] = "AssumeRole",
                ["Version"] = "2011-06-15",
                ["RoleArn"] = "arn:aws:iam::123456789012:role/deploy",
                ["RoleSessionName"] = "ci-run-7",
                ["DurationSeconds"] = "900",
                ["ExternalId"] = "ext id/42",
                ["SourceIdentity"] = "dev-laptop",
                ["PolicyArns.member.1.arn"] = "arn:aws:iam::aws:policy/ReadOnlyAccess",
                ["PolicyArns.member.2.arn"] = "arn:aws:iam::123456789012:policy/deploy-extra",
                ["Tags.member.1.Key"] = "Project",
                ["Tags.member.1.Value"] = "Unicorn & Co",
                ["Tags.member.2.Key"] = "Team",
                ["Tags.member.2.Value"] = "Automation",
                ["TransitiveTagKeys.member.1"] = "Project",
                ["ProvidedContexts.member.1.ProviderArn"] = "arn:aws:iam::aws:contextProvider/IdentityCenter",
                ["ProvidedContexts.member.1.ContextAssertion"] = "abc=",
            },
            QueryForm.Of(request).ToSortedDictionary());

        // Reserved characters travel percent-encoded; a space is %20 (or +), never raw.
        Assert.Contains("ExternalId=ext%20id%2F42", request.BodyText.Replace("+", "%20", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Unicorn%20%26%20Co", request.BodyText.Replace("+", "%20", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.Equal("ASIAREALUSEASSUMED", response.Credentials!.AccessKeyId);
        Assert.Equal("assumedSecretEXAMPLE", response.Credentials.SecretAccessKey);
        Assert.Equal("FwoGZXIvYXdzEBAaDAssumedToken", response.Credentials.SessionToken);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 15, 30, TimeSpan.Zero), response.Credentials.Expiration);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/deploy/ci-run-7", response.AssumedRoleUser!.Arn);
        Assert.Equal("AROA3XFRBF535PLBIFPI4:ci-run-7", response.AssumedRoleUser.AssumedRoleId);
        Assert.Equal(6, response.PackedPolicySize);
        Assert.Equal("dev-laptop", response.SourceIdentity);
    }

    public static async Task GetCallerIdentity_sends_only_action_and_version_and_reads_the_identity(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(200, $"""
            <GetCallerIdentityResponse xmlns="{Namespace}">
              <GetCallerIdentityResult>
                <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
                <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
                <Account>123456789012</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata>
                <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
              </ResponseMetadata>
            </GetCallerIdentityResponse>
            """);

        using var sts = new StsClient(options);
        GetCallerIdentityResponse identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Action"] = "GetCallerIdentity", ["Version"] = "2011-06-15" },
            QueryForm.Of(request).ToSortedDictionary());
        Assert.Equal(("arn:aws:iam::123456789012:user/Alice", "AIDACKCEVSQ6C2EXAMPLE", "123456789012"), (identity.Arn, identity.UserId, identity.Account));
    }

    public static async Task GetFederationToken_reads_the_federated_user_and_a_timestamp_with_fractional_seconds_and_an_offset(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(200, $"""
            <GetFederationTokenResponse xmlns="{Namespace}">
              <GetFederationTokenResult>
                <Credentials>
                  <SessionToken>FederatedSessionToken</SessionToken>
                  <SecretAccessKey>federatedSecret</SecretAccessKey>
                  <Expiration>2026-12-01T12:00:00.250+02:00</Expiration>
                  <AccessKeyId>ASIAFEDERATED</AccessKeyId>
                </Credentials>
                <FederatedUser>
                  <Arn>arn:aws:sts::123456789012:federated-user/Bob</Arn>
                  <FederatedUserId>123456789012:Bob</FederatedUserId>
                </FederatedUser>
                <PackedPolicySize>0</PackedPolicySize>
              </GetFederationTokenResult>
              <ResponseMetadata>
                <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
              </ResponseMetadata>
            </GetFederationTokenResponse>
            """);

        using var sts = new StsClient(options);
        GetFederationTokenResponse response = await sts.GetFederationTokenAsync(new GetFederationTokenRequest
        {
            Name = "Bob",
            Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""",
            Tags = [new Tag { Key = "CostCenter", Value = "12345" }],
        });

        QueryForm form = QueryForm.Of(Assert.Single(server.Requests));
        Assert.Equal("GetFederationToken", form["Action"]);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""", form["Policy"]);
        Assert.Equal("CostCenter", form["Tags.member.1.Key"]);
        Assert.Equal("12345", form["Tags.member.1.Value"]);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, 250, TimeSpan.Zero), response.Credentials!.Expiration!.Value.ToUniversalTime());
        Assert.Equal("123456789012:Bob", response.FederatedUser!.FederatedUserId);
        Assert.Equal(0, response.PackedPolicySize);
    }

    public static async Task AssumeRole_answered_with_ExpiredTokenException_throws_the_typed_exception_with_code_message_and_request_id(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(400, $"""
            <ErrorResponse xmlns="{Namespace}">
              <Error>
                <Type>Sender</Type>
                <Code>ExpiredTokenException</Code>
                <Message>The security token included in the request is expired</Message>
              </Error>
              <RequestId>9f1e2d3c-0000-4000-8000-000000000001</RequestId>
            </ErrorResponse>
            """);

        using var sts = new StsClient(options);
        ExpiredTokenException error = await Assert.ThrowsAsync<ExpiredTokenException>(
            () => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/deploy", RoleSessionName = "ci-run-8" }));

        Assert.Equal("ExpiredTokenException", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("The security token included in the request is expired", error.Message, StringComparison.Ordinal);
        Assert.Equal("9f1e2d3c-0000-4000-8000-000000000001", error.RequestId);
        Assert.IsAssignableFrom<StsException>(error);

        // A client error is not retried.
        Assert.Single(server.Requests);
    }

    public static async Task GetSessionToken_answered_with_RegionDisabledException_throws_the_typed_exception_for_its_403(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(403, $"""
            <ErrorResponse xmlns="{Namespace}">
              <Error>
                <Type>Sender</Type>
                <Code>RegionDisabledException</Code>
                <Message>STS is not activated in this region for account:123456789012.</Message>
              </Error>
              <RequestId>9f1e2d3c-0000-4000-8000-000000000002</RequestId>
            </ErrorResponse>
            """);

        using var sts = new StsClient(options);
        RegionDisabledException error = await Assert.ThrowsAsync<RegionDisabledException>(
            () => sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 3600 }));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("STS is not activated in this region", error.Message, StringComparison.Ordinal);
        Assert.Equal("3600", QueryForm.Of(Assert.Single(server.Requests))["DurationSeconds"]);
    }

    public static async Task An_error_code_the_model_does_not_list_throws_the_service_exception_with_that_code(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(403, $"""
            <ErrorResponse xmlns="{Namespace}">
              <Error>
                <Type>Sender</Type>
                <Code>InvalidClientTokenId</Code>
                <Message>The security token included in the request is invalid.</Message>
              </Error>
              <RequestId>9f1e2d3c-0000-4000-8000-000000000003</RequestId>
            </ErrorResponse>
            """);

        using var sts = new StsClient(options);
        StsException error = await Assert.ThrowsAsync<StsException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal(typeof(StsException), error.GetType());
        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("9f1e2d3c-0000-4000-8000-000000000003", error.RequestId);
        Assert.Single(server.Requests);
    }

    public static async Task A_throttled_call_is_retried_and_the_retry_carries_the_same_form_and_a_fresh_signature(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(400, $"""
            <ErrorResponse xmlns="{Namespace}">
              <Error>
                <Type>Sender</Type>
                <Code>Throttling</Code>
                <Message>Rate exceeded</Message>
              </Error>
              <RequestId>9f1e2d3c-0000-4000-8000-000000000004</RequestId>
            </ErrorResponse>
            """);
        server.Enqueue(200, $"""
            <GetCallerIdentityResponse xmlns="{Namespace}">
              <GetCallerIdentityResult>
                <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
                <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
                <Account>123456789012</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata>
                <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
              </ResponseMetadata>
            </GetCallerIdentityResponse>
            """);

        using var sts = new StsClient(options);
        GetCallerIdentityResponse identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("123456789012", identity.Account);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(server.Requests[0].BodyText, server.Requests[1].BodyText);
    }
}

// Compiled at test time with the IAM client generated from AWS_NEXT_MODELS_DIR/iam-2010-05-08.json
// (namespace Aws.Iam, with its paginators and waiters); run by IamRealUseTests, one method per test of
// the same name. Expected form fields follow the awsQuery rules (lists as Name.member.N, structures
// in lists as Name.member.N.Member), written by hand, not from what the client sends.
namespace SsoOidcCodegen.RealUse;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Aws.Iam;
using Aws.Iam.Model;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Waiters;
using SsoOidcCodegen.Tests.Integration;
using Xunit;

public static class IamScenarios
{
    private const string Namespace = "https://iam.amazonaws.com/doc/2010-05-08/";

    public static async Task CreateUser_sends_tags_and_a_permissions_boundary_and_reads_the_user_with_its_create_date_and_tags(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(200, $"""
            <CreateUserResponse xmlns="{Namespace}">
              <CreateUserResult>
                <User>
                  <Path>/division_abc/subdivision_xyz/</Path>
                  <UserName>Bob</UserName>
                  <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
                  <Arn>arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob</Arn>
                  <CreateDate>2026-11-30T20:07:42Z</CreateDate>
                  <PermissionsBoundary>
                    <PermissionsBoundaryType>Policy</PermissionsBoundaryType>
                    <PermissionsBoundaryArn>arn:aws:iam::123456789012:policy/boundary</PermissionsBoundaryArn>
                  </PermissionsBoundary>
                  <Tags>
                    <member><Key>Dept</Key><Value>Accounting</Value></member>
                    <member><Key>CostCenter</Key><Value>12345</Value></member>
                  </Tags>
                </User>
              </CreateUserResult>
              <ResponseMetadata>
                <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
              </ResponseMetadata>
            </CreateUserResponse>
            """);

        using var iam = new IamClient(options);
        CreateUserResponse created = await iam.CreateUserAsync(new CreateUserRequest
        {
            UserName = "Bob",
            Path = "/division_abc/subdivision_xyz/",
            PermissionsBoundary = "arn:aws:iam::123456789012:policy/boundary",
            Tags = [new Tag { Key = "Dept", Value = "Accounting" }, new Tag { Key = "CostCenter", Value = "12345" }],
        });

        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.StartsWith("Action=CreateUser&Version=2010-05-08&", request.BodyText, StringComparison.Ordinal);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["Action"] = "CreateUser",
                ["Version"] = "2010-05-08",
                ["UserName"] = "Bob",
                ["Path"] = "/division_abc/subdivision_xyz/",
                ["PermissionsBoundary"] = "arn:aws:iam::123456789012:policy/boundary",
                ["Tags.member.1.Key"] = "Dept",
                ["Tags.member.1.Value"] = "Accounting",
                ["Tags.member.2.Key"] = "CostCenter",
                ["Tags.member.2.Value"] = "12345",
            },
            QueryForm.Of(request).ToSortedDictionary());

        User user = created.User!;
        Assert.Equal("Bob", user.UserName);
        Assert.Equal("arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob", user.Arn);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 20, 7, 42, TimeSpan.Zero), user.CreateDate);
        Assert.Null(user.PasswordLastUsed);
        Assert.Equal("arn:aws:iam::123456789012:policy/boundary", user.PermissionsBoundary!.PermissionsBoundaryArn);
        Assert.Equal(["Dept=Accounting", "CostCenter=12345"], user.Tags!.Select(t => t.Key + "=" + t.Value));
    }

    public static async Task CreateRole_sends_the_policy_document_json_percent_encoded_and_reads_the_role(ScriptedAwsServer server, AwsClientOptions options)
    {
        const string trustPolicy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]\n}";
        server.Enqueue(200, $"""
            <CreateRoleResponse xmlns="{Namespace}">
              <CreateRoleResult>
                <Role>
                  <Path>/</Path>
                  <RoleName>web-server</RoleName>
                  <RoleId>AROADBQP57FF2AEXAMPLE</RoleId>
                  <Arn>arn:aws:iam::123456789012:role/web-server</Arn>
                  <CreateDate>2026-11-30T20:10:00.5Z</CreateDate>
                  <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument>
                  <MaxSessionDuration>7200</MaxSessionDuration>
                </Role>
              </CreateRoleResult>
              <ResponseMetadata><RequestId>4a93ceee-9966-11e1-b624-b1aEXAMPLE7c</RequestId></ResponseMetadata>
            </CreateRoleResponse>
            """);

        using var iam = new IamClient(options);
        CreateRoleResponse created = await iam.CreateRoleAsync(new CreateRoleRequest
        {
            RoleName = "web-server",
            AssumeRolePolicyDocument = trustPolicy,
            MaxSessionDuration = 7200,
            Description = "Lets EC2 act for the web tier; 100% managed",
        });

        ReceivedRequest request = Assert.Single(server.Requests);
        QueryForm form = QueryForm.Of(request);
        Assert.Equal(trustPolicy, form["AssumeRolePolicyDocument"]);
        Assert.Equal("7200", form["MaxSessionDuration"]);
        Assert.Equal("Lets EC2 act for the web tier; 100% managed", form["Description"]);
        Assert.DoesNotContain("\n", request.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("{", request.BodyText, StringComparison.Ordinal);

        Role role = created.Role!;
        Assert.Equal("arn:aws:iam::123456789012:role/web-server", role.Arn);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 20, 10, 0, 500, TimeSpan.Zero), role.CreateDate);
        Assert.Equal(7200, role.MaxSessionDuration);

        // IAM returns policy documents URL-encoded; the client hands the text over as the service sent it.
        Assert.Equal("%7B%22Version%22%3A%222012-10-17%22%7D", role.AssumeRolePolicyDocument);
    }

    public static async Task ListUsersItemsAsync_follows_Marker_while_IsTruncated_and_sends_the_same_filter_on_every_page(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(200, $"""
            <ListUsersResponse xmlns="{Namespace}">
              <ListUsersResult>
                <Users>
                  <member><UserId>AID1</UserId><Path>/eng/</Path><UserName>Andrew</UserName><Arn>arn:aws:iam::123456789012:user/eng/Andrew</Arn><CreateDate>2012-09-05T19:38:48Z</CreateDate><PasswordLastUsed>2014-09-08T21:47:36Z</PasswordLastUsed></member>
                  <member><UserId>AID2</UserId><Path>/eng/</Path><UserName>Jackie</UserName><Arn>arn:aws:iam::123456789012:user/eng/Jackie</Arn><CreateDate>2014-04-09T15:43:45Z</CreateDate></member>
                </Users>
                <IsTruncated>true</IsTruncated>
                <Marker>AAJt/marker+1==</Marker>
              </ListUsersResult>
              <ResponseMetadata><RequestId>p1</RequestId></ResponseMetadata>
            </ListUsersResponse>
            """);
        server.Enqueue(200, $"""
            <ListUsersResponse xmlns="{Namespace}">
              <ListUsersResult>
                <Users>
                  <member><UserId>AID3</UserId><Path>/eng/</Path><UserName>Maria</UserName><Arn>arn:aws:iam::123456789012:user/eng/Maria</Arn><CreateDate>2015-01-01T00:00:00Z</CreateDate></member>
                </Users>
                <IsTruncated>false</IsTruncated>
              </ListUsersResult>
              <ResponseMetadata><RequestId>p2</RequestId></ResponseMetadata>
            </ListUsersResponse>
            """);

        using var iam = new IamClient(options);
        var request = new ListUsersRequest { PathPrefix = "/eng/", MaxItems = 2 };
        var users = new List<User>();
        await foreach (User user in iam.ListUsersItemsAsync(request))
        {
            users.Add(user);
        }

        Assert.Equal(["Andrew", "Jackie", "Maria"], users.Select(u => u.UserName));
        Assert.Equal(new DateTimeOffset(2014, 9, 8, 21, 47, 36, TimeSpan.Zero), users[0].PasswordLastUsed);
        Assert.Equal(2, server.Requests.Count);
        QueryForm first = QueryForm.Of(server.Requests[0]);
        QueryForm second = QueryForm.Of(server.Requests[1]);
        Assert.Equal(("/eng/", "2"), (first["PathPrefix"], first["MaxItems"]));
        Assert.False(first.Has("Marker"));
        Assert.Equal(("/eng/", "2", "AAJt/marker+1=="), (second["PathPrefix"], second["MaxItems"], second["Marker"]));
        Assert.Null(request.Marker);
    }

    public static async Task GetAccountSummary_reads_a_map_of_enum_keys_to_integers(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(200, $"""
            <GetAccountSummaryResponse xmlns="{Namespace}">
              <GetAccountSummaryResult>
                <SummaryMap>
                  <entry><key>Groups</key><value>31</value></entry>
                  <entry><key>UsersQuota</key><value>5000</value></entry>
                  <entry><key>AccountMFAEnabled</key><value>0</value></entry>
                  <entry><key>Users</key><value>27</value></entry>
                </SummaryMap>
              </GetAccountSummaryResult>
              <ResponseMetadata><RequestId>85cb9b90-ac28-11e4-a88d-97964EXAMPLE</RequestId></ResponseMetadata>
            </GetAccountSummaryResponse>
            """);

        using var iam = new IamClient(options);
        GetAccountSummaryResponse summary = await iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());

        Assert.Equal(new Dictionary<string, int> { ["Groups"] = 31, ["UsersQuota"] = 5000, ["AccountMFAEnabled"] = 0, ["Users"] = 27 }, summary.SummaryMap);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Action"] = "GetAccountSummary", ["Version"] = "2010-05-08" },
            QueryForm.Of(Assert.Single(server.Requests)).ToSortedDictionary());
    }

    public static async Task SimulatePrincipalPolicy_sends_context_entries_with_value_lists_and_reads_nested_statements_and_decision_maps(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(200, $"""
            <SimulatePrincipalPolicyResponse xmlns="{Namespace}">
              <SimulatePrincipalPolicyResult>
                <IsTruncated>false</IsTruncated>
                <EvaluationResults>
                  <member>
                    <EvalActionName>s3:ListBucket</EvalActionName>
                    <EvalResourceName>arn:aws:s3:::teambucket</EvalResourceName>
                    <EvalDecision>allowed</EvalDecision>
                    <MatchedStatements>
                      <member>
                        <SourcePolicyId>Group1_Policy</SourcePolicyId>
                        <SourcePolicyType>IAM Policy</SourcePolicyType>
                        <StartPosition><Line>1</Line><Column>38</Column></StartPosition>
                        <EndPosition><Line>1</Line><Column>135</Column></EndPosition>
                      </member>
                    </MatchedStatements>
                    <MissingContextValues>
                      <member>aws:CurrentTime</member>
                    </MissingContextValues>
                    <EvalDecisionDetails>
                      <entry><key>IAM Policy</key><value>allowed</value></entry>
                      <entry><key>Resource Policy</key><value>implicitDeny</value></entry>
                    </EvalDecisionDetails>
                    <PermissionsBoundaryDecisionDetail>
                      <AllowedByPermissionsBoundary>true</AllowedByPermissionsBoundary>
                    </PermissionsBoundaryDecisionDetail>
                  </member>
                  <member>
                    <EvalActionName>s3:DeleteBucket</EvalActionName>
                    <EvalResourceName>arn:aws:s3:::teambucket</EvalResourceName>
                    <EvalDecision>implicitDeny</EvalDecision>
                    <MatchedStatements/>
                  </member>
                </EvaluationResults>
              </SimulatePrincipalPolicyResult>
              <ResponseMetadata><RequestId>004d7059-4c14-11e5-b121-bd8c7EXAMPLE</RequestId></ResponseMetadata>
            </SimulatePrincipalPolicyResponse>
            """);

        using var iam = new IamClient(options);
        SimulatePolicyResponse response = await iam.SimulatePrincipalPolicyAsync(new SimulatePrincipalPolicyRequest
        {
            PolicySourceArn = "arn:aws:iam::123456789012:user/Jill",
            ActionNames = ["s3:ListBucket", "s3:DeleteBucket"],
            ResourceArns = ["arn:aws:s3:::teambucket"],
            ContextEntries =
            [
                new ContextEntry { ContextKeyName = "aws:SourceIp", ContextKeyType = new ContextKeyTypeEnum("ipList"), ContextKeyValues = ["203.0.113.0/24", "198.51.100.7"] },
                new ContextEntry { ContextKeyName = "aws:MultiFactorAuthPresent", ContextKeyType = new ContextKeyTypeEnum("boolean"), ContextKeyValues = ["true"] },
            ],
        });

        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["Action"] = "SimulatePrincipalPolicy",
                ["Version"] = "2010-05-08",
                ["PolicySourceArn"] = "arn:aws:iam::123456789012:user/Jill",
                ["ActionNames.member.1"] = "s3:ListBucket",
                ["ActionNames.member.2"] = "s3:DeleteBucket",
                ["ResourceArns.member.1"] = "arn:aws:s3:::teambucket",
                ["ContextEntries.member.1.ContextKeyName"] = "aws:SourceIp",
                ["ContextEntries.member.1.ContextKeyType"] = "ipList",
                ["ContextEntries.member.1.ContextKeyValues.member.1"] = "203.0.113.0/24",
                ["ContextEntries.member.1.ContextKeyValues.member.2"] = "198.51.100.7",
                ["ContextEntries.member.2.ContextKeyName"] = "aws:MultiFactorAuthPresent",
                ["ContextEntries.member.2.ContextKeyType"] = "boolean",
                ["ContextEntries.member.2.ContextKeyValues.member.1"] = "true",
            },
            QueryForm.Of(Assert.Single(server.Requests)).ToSortedDictionary());

        Assert.Equal(false, response.IsTruncated);
        Assert.Equal(2, response.EvaluationResults!.Count);
        EvaluationResult listBucket = response.EvaluationResults[0];
        Assert.Equal(("s3:ListBucket", "allowed"), (listBucket.EvalActionName, listBucket.EvalDecision?.Value));
        Statement statement = Assert.Single(listBucket.MatchedStatements!);
        Assert.Equal(("Group1_Policy", "IAM Policy"), (statement.SourcePolicyId, statement.SourcePolicyType?.Value));
        Assert.Equal((1, 38, 1, 135), (statement.StartPosition!.Line, statement.StartPosition.Column, statement.EndPosition!.Line, statement.EndPosition.Column));
        Assert.Equal(["aws:CurrentTime"], listBucket.MissingContextValues!);
        Assert.Equal(
            ["IAM Policy=allowed", "Resource Policy=implicitDeny"],
            listBucket.EvalDecisionDetails!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.Value));
        Assert.Equal(true, listBucket.PermissionsBoundaryDecisionDetail!.AllowedByPermissionsBoundary);

        EvaluationResult deleteBucket = response.EvaluationResults[1];
        Assert.Equal("implicitDeny", deleteBucket.EvalDecision?.Value);
        Assert.Empty(deleteBucket.MatchedStatements!);
        Assert.Null(deleteBucket.EvalDecisionDetails);
    }

    public static async Task GetUser_of_a_missing_user_throws_NoSuchEntityException_for_the_code_NoSuchEntity(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(404, NoSuchEntity("The user with name Nobody cannot be found."));

        using var iam = new IamClient(options);
        NoSuchEntityException error = await Assert.ThrowsAsync<NoSuchEntityException>(() => iam.GetUserAsync(new GetUserRequest { UserName = "Nobody" }));

        Assert.Equal("NoSuchEntity", error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("The user with name Nobody cannot be found.", error.Message, StringComparison.Ordinal);
        Assert.Equal("0f6c6b9e-0000-4000-8000-000000000001", error.RequestId);
        Assert.Equal("Nobody", QueryForm.Of(Assert.Single(server.Requests))["UserName"]);
    }

    public static async Task WaitUntilUserExistsAsync_calls_GetUser_again_after_NoSuchEntity_until_it_succeeds(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(404, NoSuchEntity("The user with name Carol cannot be found."));
        server.Enqueue(404, NoSuchEntity("The user with name Carol cannot be found."));
        server.Enqueue(200, $"""
            <GetUserResponse xmlns="{Namespace}">
              <GetUserResult>
                <User><UserId>AIDCAROL</UserId><Path>/</Path><UserName>Carol</UserName><Arn>arn:aws:iam::123456789012:user/Carol</Arn><CreateDate>2026-11-30T20:00:00Z</CreateDate></User>
              </GetUserResult>
              <ResponseMetadata><RequestId>w3</RequestId></ResponseMetadata>
            </GetUserResponse>
            """);

        using var iam = new IamClient(options);
        WaiterResult<GetUserResponse> result = await iam.WaitUntilUserExistsAsync(
            new GetUserRequest { UserName = "Carol" },
            new WaiterOptions { MinDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) });

        Assert.Equal(3, result.Attempts);
        Assert.Equal("AIDCAROL", result.Response!.User!.UserId);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("Carol", QueryForm.Of(r)["UserName"]));
    }

    public static async Task An_error_code_the_model_does_not_list_throws_IamException_with_that_code(ScriptedAwsServer server, AwsClientOptions options)
    {
        server.Enqueue(403, $"""
            <ErrorResponse xmlns="{Namespace}">
              <Error>
                <Type>Sender</Type>
                <Code>AccessDenied</Code>
                <Message>User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: iam:ListUsers</Message>
              </Error>
              <RequestId>0f6c6b9e-0000-4000-8000-000000000002</RequestId>
            </ErrorResponse>
            """);

        using var iam = new IamClient(options);
        IamException error = await Assert.ThrowsAsync<IamException>(() => iam.ListUsersAsync(new ListUsersRequest()));

        Assert.Equal(typeof(IamException), error.GetType());
        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("is not authorized to perform: iam:ListUsers", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    private static string NoSuchEntity(string message) => $"""
        <ErrorResponse xmlns="{Namespace}">
          <Error>
            <Type>Sender</Type>
            <Code>NoSuchEntity</Code>
            <Message>{message}</Message>
          </Error>
          <RequestId>0f6c6b9e-0000-4000-8000-000000000001</RequestId>
        </ErrorResponse>
        """;
}

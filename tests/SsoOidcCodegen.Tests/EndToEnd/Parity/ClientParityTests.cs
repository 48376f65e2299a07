namespace SsoOidcCodegen.Tests.EndToEnd.Parity;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using SsoOidcCodegen.Tests.LocalService;
using Xunit;

/// <summary>
/// Our generated client and the official AWSSDK.SSOOIDC run the same scenario against the same
/// local service. The requests the service recorded must match (method, path, query, content
/// type, <c>x-amz-api-version</c>, <c>amz-sdk-request</c>, JSON body byte for byte once each
/// client's own codes and tokens are masked), and both must surface the same values, or the same
/// exception type, error code, message, status and error members.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ClientParityTests
{
    public static TheoryData<string> Scenarios => [.. ParityScenarios.Names];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Both_clients_send_the_same_request_and_surface_the_same_result(string name)
    {
        ParityScenario scenario = ParityScenarios.Build()[name];
        await using OidcTestSession session = await OidcTestSession.StartAsync(scenario.Options?.Invoke());
        using IParityClient ours = new OurParityClient(session.Service.BaseAddress);
        using IParityClient theirs = new TheirParityClient(session.Service.BaseAddress);
        ParityCall ourCall = await scenario.Prepare(session);
        ParityCall theirCall = await scenario.Prepare(session);
        scenario.AfterPrepare?.Invoke(session);

        (ParityOutcome ourOutcome, RecordedRequest[] ourRequests) = await RunAsync(session, scenario, ours, ourCall);
        (ParityOutcome theirOutcome, RecordedRequest[] theirRequests) = await RunAsync(session, scenario, theirs, theirCall);

        Assert.Equal(scenario.Attempts, theirRequests.Length);
        Assert.Equal(scenario.Attempts, ourRequests.Length);
        Dictionary<string, string> masks = Masks(ourCall.Input, theirCall.Input);
        for (int i = 0; i < ourRequests.Length; i++)
        {
            AssertSameRequest(theirRequests[i], ourRequests[i], masks);
        }

        if (scenario.ExpectedError is null)
        {
            Assert.True(ourOutcome.Error is null, $"ours threw {ourOutcome.Error}");
            Assert.True(theirOutcome.Error is null, $"theirs threw {theirOutcome.Error}");
            Assert.Equal(ParityValues.OfWire(ours.Wire.Responses[^1]), ourOutcome.Values);
            Assert.Equal(ParityValues.OfWire(theirs.Wire.Responses[^1]), theirOutcome.Values);
            Assert.Equal(theirOutcome.Values!.Keys, ourOutcome.Values!.Keys);
        }
        else
        {
            ParityError theirError = Assert.IsType<ParityError>(theirOutcome.Error);
            ParityError ourError = Assert.IsType<ParityError>(ourOutcome.Error);
            Assert.Equal(scenario.ExpectedError, theirError.TypeName);
            Assert.Equal(theirError with { Message = ExpectedMessage(theirError, theirs.Wire.Responses[^1]) }, ourError);
        }
    }

    /// <summary>
    /// The message our client gives where the SDK gives <paramref name="theirs"/>. They differ when
    /// the body has no <c>message</c> member (SSO OIDC errors never have one): the SDK then says
    /// "The service returned an error with Error Code X and HTTP Body: {body}", and ours gives
    /// the body's <c>error_description</c>, the text meant for people. Everything else must be equal.
    /// </summary>
    private static string ExpectedMessage(ParityError theirs, byte[] body)
    {
        string bodyText = System.Text.Encoding.UTF8.GetString(body);
        string fallback = $"The service returned an error with Error Code {theirs.ErrorCode} and HTTP Body: {bodyText}";
        if (theirs.Message != fallback)
        {
            return theirs.Message;
        }

        JsonNode? json = JsonNode.Parse(bodyText);
        Assert.Null(json?["message"]);
        return json?["error_description"]?.GetValue<string>() ?? theirs.Message;
    }

    private static async Task<(ParityOutcome Outcome, RecordedRequest[] Requests)> RunAsync(OidcTestSession session, ParityScenario scenario, IParityClient client, ParityCall call)
    {
        scenario.BeforeEachRun?.Invoke(session);
        int before = session.Service.Requests.Count;
        ParityOutcome outcome = await client.RunAsync(call);
        return (outcome, [.. session.Service.Requests.Skip(before)]);
    }

    private static void AssertSameRequest(RecordedRequest theirs, RecordedRequest ours, Dictionary<string, string> masks)
    {
        Assert.Equal(theirs.Method, ours.Method);
        Assert.Equal(theirs.Path, ours.Path);
        Assert.Equal(theirs.QueryString, ours.QueryString);
        foreach (string header in new[] { "Content-Type", "x-amz-api-version", "amz-sdk-request" })
        {
            Assert.True(
                theirs.Headers.TryGetValue(header, out string? expected) == ours.Headers.TryGetValue(header, out string? actual) && expected == actual,
                $"{header}: theirs '{expected}', ours '{actual}'");
        }

        Assert.Equal(theirs.Headers.ContainsKey("Authorization"), ours.Headers.ContainsKey("Authorization"));
        string theirBody = Mask(theirs.BodyText, masks);
        string ourBody = Mask(ours.BodyText, masks);

        // Same members and values; the order differs (see Bodies_list_the_same_members_in_different_orders).
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(theirBody), JsonNode.Parse(ourBody)), $"theirs {theirBody}\nours   {ourBody}");
    }

    /// <summary>The input values that differ between the two calls (each client's own device code, token...), as JSON string literal → placeholder.</summary>
    private static Dictionary<string, string> Masks(JsonObject ours, JsonObject theirs)
    {
        var masks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, JsonNode? value) in ours)
        {
            JsonNode? other = theirs[name];
            if (value is JsonValue && other is JsonValue && value.ToJsonString() != other.ToJsonString())
            {
                masks[value.ToJsonString()] = $"\"<{name}>\"";
                masks[other.ToJsonString()] = $"\"<{name}>\"";
            }
        }

        return masks;
    }

    private static string Mask(string body, Dictionary<string, string> masks) =>
        masks.Aggregate(body, (text, mask) => text.Replace(mask.Key, mask.Value, StringComparison.Ordinal));
}

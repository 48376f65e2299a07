namespace SsoOidcCodegen.Tests.EndToEnd.Parity;

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using SsoOidcCodegen.Tests.Infrastructure;
using SsoOidcCodegen.Tests.LocalService;
using Xunit;

/// <summary>
/// The one wire difference the parity tests mask: the official SDK writes body members in ordinal
/// (alphabetical) order of their wire names, our marshallers in the model's declaration order.
/// JSON member order carries no meaning and SigV4 hashes whatever bytes are sent, so both are
/// correct; this test pins both orders so that a change to either is noticed.
/// </summary>
public sealed class BodyMemberOrderTests
{
    [Fact]
    public async Task Bodies_list_the_same_members_in_different_orders()
    {
        await using OidcTestSession session = await OidcTestSession.StartAsync();
        using var ours = new OurParityClient(session.Service.BaseAddress);
        using var theirs = new TheirParityClient(session.Service.BaseAddress);
        var call = new ParityCall("CreateToken", new JsonObject
        {
            ["clientId"] = "id",
            ["clientSecret"] = "secret",
            ["grantType"] = "refresh_token",
            ["refreshToken"] = "token",
            ["scope"] = new JsonArray("sso:account:access"),
            ["redirectUri"] = "http://127.0.0.1/oauth/callback",
        });

        await ours.RunAsync(call);
        await theirs.RunAsync(call);

        string[] ourOrder = Members(session.Service.Requests[0]);
        string[] theirOrder = Members(session.Service.Requests[1]);
        Assert.Equal(theirOrder.Order(StringComparer.Ordinal), ourOrder.Order(StringComparer.Ordinal));
        Assert.Equal(theirOrder.Order(StringComparer.Ordinal), theirOrder);
        Assert.Equal(ModelOrder("CreateTokenRequest").Where(ourOrder.Contains), ourOrder);
        Assert.NotEqual(theirOrder, ourOrder);
    }

    private static string[] Members(RecordedRequest request) =>
        [.. JsonDocument.Parse(request.BodyText).RootElement.EnumerateObject().Select(member => member.Name)];

    private static string[] ModelOrder(string shape)
    {
        using JsonDocument model = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.json")));
        return [.. model.RootElement.GetProperty("shapes").GetProperty(shape).GetProperty("members").EnumerateObject().Select(member => member.Name)];
    }
}

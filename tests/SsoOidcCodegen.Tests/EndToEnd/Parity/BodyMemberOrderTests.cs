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
/// Both clients write body members in ordinal order of their wire names, so the bodies recorded at
/// the server are the same bytes (not only the same JSON).
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class BodyMemberOrderTests
{
    [Fact]
    public async Task Bodies_are_byte_identical_with_members_in_ordinal_order()
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
        Assert.Equal(theirOrder.Order(StringComparer.Ordinal), theirOrder);
        Assert.Equal(theirOrder, ourOrder);
        Assert.Equal(session.Service.Requests[1].BodyText, session.Service.Requests[0].BodyText);
        Assert.NotEqual(ModelOrder("CreateTokenRequest").Where(ourOrder.Contains), ourOrder);
    }

    private static string[] Members(RecordedRequest request) =>
        [.. JsonDocument.Parse(request.BodyText).RootElement.EnumerateObject().Select(member => member.Name)];

    private static string[] ModelOrder(string shape)
    {
        using JsonDocument model = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.json")));
        return [.. model.RootElement.GetProperty("shapes").GetProperty(shape).GetProperty("members").EnumerateObject().Select(member => member.Name)];
    }
}

namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using Xunit;
using SsoOidcCodegen.Tests.Infrastructure;

[Trait("Category", TestCategories.Integration)]
public sealed class VerificationPageTests
{
    [Fact]
    public async Task The_complete_verification_uri_shows_the_user_code_with_allow_and_deny_buttons()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);

        WireResponse page = await session.GetAsync(codes.VerificationUriComplete);

        Assert.Equal(200, page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        Assert.Contains($"<strong id=\"user-code\">{codes.UserCode}</strong>", page.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"approve\"", page.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"deny\"", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verification_uri_without_a_code_asks_for_one()
    {
        await using var session = await OidcTestSession.StartAsync();

        WireResponse page = await session.GetAsync("/verify");

        Assert.Equal(200, page.StatusCode);
        Assert.Contains("name=\"user_code\"", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_user_code_shows_a_404_page()
    {
        await using var session = await OidcTestSession.StartAsync();

        WireResponse page = await session.GetAsync("/verify?user_code=BCDF-GHJK");

        Assert.Equal(404, page.StatusCode);
        Assert.Contains("Unknown code", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_on_the_verification_page_lets_polling_issue_a_token()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);

        WireResponse page = await SubmitAsync(session, codes.UserCode, "approve");

        Assert.Equal(200, page.StatusCode);
        Assert.Contains("Request approved", page.Text, StringComparison.Ordinal);
        Assert.Equal(200, (await session.PollDeviceTokenAsync(client, codes.DeviceCode)).StatusCode);
    }

    [Fact]
    public async Task Denying_on_the_verification_page_makes_polling_return_AccessDeniedException()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);

        WireResponse page = await SubmitAsync(session, codes.UserCode, "deny");

        Assert.Contains("Request denied", page.Text, StringComparison.Ordinal);
        AwsErrorAssert.IsError(await session.PollDeviceTokenAsync(client, codes.DeviceCode), 400, "AccessDeniedException", "access_denied");
    }

    [Fact]
    public async Task A_decision_cannot_be_changed_once_made()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);
        await SubmitAsync(session, codes.UserCode, "deny");

        WireResponse page = await SubmitAsync(session, codes.UserCode, "approve");

        Assert.Contains("Request denied", page.Text, StringComparison.Ordinal);
        AwsErrorAssert.IsError(await session.PollDeviceTokenAsync(client, codes.DeviceCode), 400, "AccessDeniedException", "access_denied");
    }

    [Fact]
    public async Task An_expired_user_code_cannot_be_approved_on_the_page()
    {
        var time = TestClocks.Manual();
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { TimeProvider = time });
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);
        time.Advance(TimeSpan.FromSeconds(codes.ExpiresIn));

        WireResponse page = await SubmitAsync(session, codes.UserCode, "approve");

        Assert.Equal(400, page.StatusCode);
        Assert.Contains("Code expired", page.Text, StringComparison.Ordinal);
        AwsErrorAssert.IsError(await session.PollDeviceTokenAsync(client, codes.DeviceCode), 400, "ExpiredTokenException", "expired_token");
    }

    [Fact]
    public async Task A_form_without_an_action_is_a_bad_request()
    {
        await using var session = await OidcTestSession.StartAsync();

        WireResponse page = await SubmitAsync(session, "BCDF-GHJK", "maybe");

        Assert.Equal(400, page.StatusCode);
    }

    private static async Task<WireResponse> SubmitAsync(OidcTestSession session, string userCode, string action)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/verify")
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("user_code", userCode), new KeyValuePair<string, string>("action", action)]),
        };
        return await session.SendAsync(request);
    }
}

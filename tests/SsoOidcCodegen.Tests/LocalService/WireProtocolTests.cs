namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

[Trait("Category", TestCategories.Integration)]
public sealed class WireProtocolTests
{
    [Fact]
    public async Task Every_response_carries_its_own_guid_request_id()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration("http://127.0.0.1:1/cb", "sso:account:access"));

        WireResponse[] responses =
        [
            await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration()),
            await session.PostJsonAsync("/token", "{}"),
            await session.GetAsync(AuthorizationCodeFlowTests.AuthorizeUrl(client.ClientId, "http://127.0.0.1:1/cb", PkcePair.Create().Challenge)),
            await session.GetAsync("/verify"),
            await session.GetAsync("/no/such/operation"),
        ];

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (WireResponse response in responses)
        {
            Assert.True(Guid.TryParse(response.RequestId, out _), $"No GUID request id on {response}");
            Assert.True(seen.Add(response.RequestId!), $"Request id {response.RequestId} repeated.");
        }
    }

    [Theory]
    [InlineData("POST", "/no/such/operation")]
    [InlineData("GET", "/token")]
    [InlineData("PUT", "/client/register")]
    public async Task A_request_that_matches_no_operation_returns_404_UnknownOperationException(string method, string path)
    {
        await using var session = await OidcTestSession.StartAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        WireResponse response = await session.SendAsync(request);

        AwsErrorAssert.IsError(response, 404, "UnknownOperationException", "invalid_request", "http://internal.amazon.com/coral/com.amazon.coral.service/");
    }

    [Fact]
    public async Task Requests_are_accepted_without_an_api_version_header_and_with_a_charset_on_the_content_type()
    {
        await using var session = await OidcTestSession.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/client/register")
        {
            Content = new StringContent(OidcTestSession.DeviceClientRegistration().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        Assert.Equal("utf-8", request.Content.Headers.ContentType!.CharSet);

        WireResponse response = await session.SendAsync(request);

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task An_empty_body_reads_as_an_empty_object_and_fails_on_the_first_required_member()
    {
        await using var session = await OidcTestSession.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/client/register") { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        WireResponse response = await session.SendAsync(request);

        AwsErrorAssert.IsError(response, 400, "InvalidRequestException", "invalid_request");
        Assert.Contains("clientName", response.Json.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_strings_are_written_without_html_safe_escaping()
    {
        await using var session = await OidcTestSession.StartAsync();
        JsonObject registration = OidcTestSession.DeviceClientRegistration();
        registration["clientType"] = "confidential";

        WireResponse response = await session.PostJsonAsync("/client/register", registration);

        Assert.Contains("clientType must be 'public'", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_binds_to_the_ipv4_loopback_address_on_an_ephemeral_port()
    {
        await using var first = await OidcTestSession.StartAsync();
        await using var second = await OidcTestSession.StartAsync();

        Assert.Equal("127.0.0.1", first.Service.BaseAddress.Host);
        Assert.Equal("http", first.Service.BaseAddress.Scheme);
        Assert.Equal("/", first.Service.BaseAddress.AbsolutePath);
        Assert.NotEqual(first.Service.BaseAddress.Port, second.Service.BaseAddress.Port);
    }

    [Fact]
    public async Task Invalid_options_are_rejected_before_the_service_starts()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => global::SsoOidc.LocalService.LocalSsoOidcService.StartAsync(
            new global::SsoOidc.LocalService.LocalSsoOidcServiceOptions { DeviceCodeLifetime = TimeSpan.Zero },
            TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => global::SsoOidc.LocalService.LocalSsoOidcService.StartAsync(
            new global::SsoOidc.LocalService.LocalSsoOidcServiceOptions { Issuer = new Uri("relative", UriKind.Relative) },
            TestContext.Current.CancellationToken));
    }
}

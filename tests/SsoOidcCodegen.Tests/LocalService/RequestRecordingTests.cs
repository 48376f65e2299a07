namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using Xunit;
using SsoOidcCodegen.Tests.Infrastructure;

[Trait("Category", TestCategories.Integration)]
public sealed class RequestRecordingTests
{
    [Fact]
    public async Task A_request_is_recorded_with_method_path_query_headers_and_the_exact_body_bytes()
    {
        var time = TestClocks.Manual();
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { TimeProvider = time });
        const string body = "{\"clientId\":\"arn:aws:sso::123456789012:application/ssoins-1/apl-1\",\"grantType\":\"refresh_token\",\"refreshToken\":\"r\u00e9\"}";

        WireResponse response = await session.PostJsonAsync("/token?aws_iam=t", body);

        RecordedRequest recorded = Assert.Single(session.Service.Requests);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/token", recorded.Path);
        Assert.Equal("?aws_iam=t", recorded.QueryString);
        Assert.Equal(Encoding.UTF8.GetBytes(body), recorded.Body.ToArray());
        Assert.Equal(body, recorded.BodyText);
        Assert.Equal("2019-06-10", recorded.Headers["X-AMZ-API-VERSION"]);
        Assert.Equal("application/json", recorded.Headers["Content-Type"]);
        Assert.Equal(response.RequestId, recorded.RequestId);
        Assert.Equal(time.GetUtcNow(), recorded.ReceivedAt);
        Assert.Null(recorded.Fault);
    }

    [Fact]
    public async Task Concurrent_requests_are_all_recorded_once_each()
    {
        await using var session = await OidcTestSession.StartAsync();

        WireResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(
            _ => session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration())));

        Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(
            responses.Select(r => r.RequestId!).Order(StringComparer.Ordinal),
            session.Service.Requests.Select(r => r.RequestId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Requests_is_a_snapshot_that_later_requests_do_not_change()
    {
        await using var session = await OidcTestSession.StartAsync();
        await session.RegisterClientAsync();

        var snapshot = session.Service.Requests;
        await session.RegisterClientAsync();

        Assert.Single(snapshot);
        Assert.Equal(2, session.Service.Requests.Count);
    }

    [Fact]
    public async Task A_recorded_request_prints_without_its_body()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();
        await session.StartDeviceAuthorizationAsync(client);

        RecordedRequest recorded = session.Service.Requests[1];

        Assert.Contains(client.ClientSecret, recorded.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain(client.ClientSecret, recorded.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("POST /device_authorization", recorded.ToString(), StringComparison.Ordinal);
    }
}

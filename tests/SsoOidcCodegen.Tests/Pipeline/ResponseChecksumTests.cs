namespace SsoOidcCodegen.Tests.Pipeline;

using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Retry;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;
using SsoOidcCodegen.Tests.Integration;
using Xunit;

/// <summary>
/// <c>x-amz-crc32</c> (DynamoDB's body checksum) against a server on a real socket: a body that matches is read, a
/// damaged one is a transport failure that is retried, and when every attempt is damaged the caller gets
/// <see cref="AwsTransportException"/> holding <see cref="AwsChecksumMismatchException"/>. The expected checksums
/// come from a bitwise CRC32 written here, checked against the standard check value, not from the runtime.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class ResponseChecksumTests
{
    private const string TokenJson = "{\"accessToken\":\"at-from-the-server\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}";
    private const string PendingJson = "{\"error\":\"authorization_pending\",\"error_description\":\"not yet\"}";

    [Fact]
    public void The_reference_crc32_gives_the_standard_check_value() =>
        Assert.Equal(0xCBF43926u, ReferenceCrc32(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public async Task A_body_that_matches_its_crc32_is_read()
    {
        using var server = new ScriptedAwsServer();
        server.Enqueue(200, TokenJson, "application/json", Crc(TokenJson));
        using SsoOidcClient client = Client(server, maxAttempts: 3);

        CreateTokenResponse response = await client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken);

        Assert.Equal("at-from-the-server", response.AccessToken);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_damaged_body_is_retried_and_the_next_good_answer_is_read()
    {
        using var server = new ScriptedAwsServer();
        server.Enqueue(200, TokenJson, "application/json", WrongCrc(TokenJson));
        server.Enqueue(200, TokenJson, "application/json", Crc(TokenJson));
        using SsoOidcClient client = Client(server, maxAttempts: 3);

        CreateTokenResponse response = await client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken);

        Assert.Equal("at-from-the-server", response.AccessToken);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("not a number")]
    [InlineData("-1")]
    [InlineData("4294967296")]
    [InlineData("")]
    public async Task A_body_damaged_on_every_attempt_ends_in_a_transport_error_naming_the_header_and_not_the_body(string kind)
    {
        using var server = new ScriptedAwsServer();
        for (int i = 0; i < 3; i++)
        {
            server.Enqueue(200, TokenJson, "application/json", kind == "wrong" ? WrongCrc(TokenJson) : ("x-amz-crc32", kind));
        }

        using SsoOidcClient client = Client(server, maxAttempts: 3);

        AwsTransportException error = await Assert.ThrowsAsync<AwsTransportException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken));

        AwsChecksumMismatchException mismatch = Assert.IsType<AwsChecksumMismatchException>(error.InnerException);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("x-amz-crc32", mismatch.Header);
        Assert.Equal(ReferenceCrc32(Encoding.UTF8.GetBytes(TokenJson)).ToString(CultureInfo.InvariantCulture), mismatch.Actual);
        Assert.Contains("x-amz-crc32", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("at-from-the-server", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_answer_is_checked_too_and_a_matching_one_is_the_typed_service_error()
    {
        using var server = new ScriptedAwsServer();
        server.Enqueue(400, PendingJson, "application/json", ("x-amzn-ErrorType", "AuthorizationPendingException"), WrongCrc(PendingJson));
        server.Enqueue(400, PendingJson, "application/json", ("x-amzn-ErrorType", "AuthorizationPendingException"), Crc(PendingJson));
        using SsoOidcClient client = Client(server, maxAttempts: 3);

        await Assert.ThrowsAsync<AuthorizationPendingException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_response_without_the_header_is_not_checked()
    {
        using var server = new ScriptedAwsServer();
        server.Enqueue(200, TokenJson, "application/json");
        using SsoOidcClient client = Client(server, maxAttempts: 1);

        CreateTokenResponse response = await client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken);

        Assert.Equal("at-from-the-server", response.AccessToken);
    }

    private static (string, string) Crc(string body) => ("x-amz-crc32", ReferenceCrc32(Encoding.UTF8.GetBytes(body)).ToString(CultureInfo.InvariantCulture));

    private static (string, string) WrongCrc(string body) => ("x-amz-crc32", (ReferenceCrc32(Encoding.UTF8.GetBytes(body)) ^ 0x00010000u).ToString(CultureInfo.InvariantCulture));

    /// <summary>The IEEE 802.3 CRC32 (reflected polynomial 0xEDB88320), one bit at a time.</summary>
    private static uint ReferenceCrc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static CreateTokenRequest TokenRequest() => new()
    {
        ClientId = "client",
        ClientSecret = "secret",
        GrantType = "urn:ietf:params:oauth:grant-type:device_code",
        DeviceCode = "device",
    };

    private static SsoOidcClient Client(ScriptedAwsServer server, int maxAttempts) => new(new AwsClientOptions
    {
        Region = "us-east-1",
        ServiceUrl = server.Url,
        Retry = new RetryOptions { MaxAttempts = maxAttempts, Backoff = _ => TimeSpan.Zero, InitialRetryTokens = 1_000 },
    });
}

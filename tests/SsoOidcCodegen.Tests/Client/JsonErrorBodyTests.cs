namespace SsoOidcCodegen.Tests.Client;

using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Http;
using SsoOidcCodegen.Runtime.Protocols;
using SsoOidcCodegen.Runtime.Retry;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A JSON error body is read in one pass when the code comes from <c>X-Amzn-ErrorType</c>: the modelled members go
/// to the error shape's generated reader and the message comes from <c>message</c>, <c>Message</c> or
/// <c>error_description</c>, with the same results as reading the code and message first and the members after.
/// Through the generated SSO OIDC client (whose errors model <c>error</c> and <c>error_description</c>) and through
/// <see cref="AwsErrorInfo"/> directly.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class JsonErrorBodyTests
{
    public static readonly TheoryData<string, string> MessageSources = new()
    {
        // Body, and the message the exception must carry: message, then Message, then error_description.
        { """{"error":"authorization_pending","error_description":"wait"}""", "wait" },
        { """{"error_description":"wait","error":"authorization_pending"}""", "wait" },
        { """{"Message":"upper","error_description":"wait","error":"authorization_pending"}""", "upper" },
        { """{"error_description":"wait","Message":"upper","message":"lower","error":"authorization_pending"}""", "lower" },
        { """{"unknown":{"deep":[1,{"x":null}]},"error":"authorization_pending","error_description":"wait"}""", "wait" },

        // Names written with escapes are the same names.
        { """{"error":"authorization_pending","error\u005fdescription":"wait"}""", "wait" },
        { """{"\u004dessage":"upper","error":"authorization_pending","error_description":"wait"}""", "upper" },
        { """{"messag\u0065":"lower","Message":"upper","error":"authorization_pending","error_description":"wait"}""", "lower" },
    };

    [Theory]
    [MemberData(nameof(MessageSources))]
    public async Task With_the_code_in_the_header_the_members_and_the_message_are_read_whatever_their_order(string body, string message)
    {
        AwsServiceException error = await CallFailing(body, errorType: "AuthorizationPendingException");

        var pending = Assert.IsType<AuthorizationPendingException>(error);
        Assert.Equal("AuthorizationPendingException", pending.ErrorCode);
        Assert.Equal(message, pending.Message);
        Assert.Equal("authorization_pending", pending.Error);
        Assert.Equal("wait", pending.ErrorDescription);
        Assert.Equal("req-1", pending.RequestId);
    }

    [Theory]
    [MemberData(nameof(MessageSources))]
    public async Task With_the_code_in_the_body_the_same_answer_gives_the_same_exception(string body, string message)
    {
        string typed = body.Insert(1, "\"__type\":\"com.amazonaws.ssooidc#AuthorizationPendingException\",");

        AwsServiceException error = await CallFailing(typed, errorType: null);

        var pending = Assert.IsType<AuthorizationPendingException>(error);
        Assert.Equal("AuthorizationPendingException", pending.ErrorCode);
        Assert.Equal(message, pending.Message);
        Assert.Equal("authorization_pending", pending.Error);
        Assert.Equal("wait", pending.ErrorDescription);
    }

    [Fact]
    public async Task A_member_in_an_unexpected_form_leaves_it_and_the_members_after_it_unset_and_keeps_the_message()
    {
        AwsServiceException error = await CallFailing("""{"error":{"not":"a string"},"error_description":"wait"}""", errorType: "AuthorizationPendingException");

        var pending = Assert.IsType<AuthorizationPendingException>(error);
        Assert.Null(pending.Error);
        Assert.Null(pending.ErrorDescription);
        Assert.Equal("wait", pending.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_keeps_the_typed_error_with_a_description_and_no_members()
    {
        AwsServiceException error = await CallFailing("<html>secret=abc</html>", errorType: "AuthorizationPendingException");

        var pending = Assert.IsType<AuthorizationPendingException>(error);
        Assert.Null(pending.Error);
        Assert.Equal("The service answered HTTP 400 with a body that is not JSON (application/json), 23 bytes long.", pending.Message);
        Assert.DoesNotContain("secret", pending.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_cut_short_keeps_the_typed_error_and_describes_the_body()
    {
        AwsServiceException error = await CallFailing("""{"error_description":"wait","error":"authori""", errorType: "AuthorizationPendingException");

        var pending = Assert.IsType<AuthorizationPendingException>(error);
        Assert.StartsWith("The service answered HTTP 400 with a body that is not JSON", pending.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_without_a_message_is_described_by_its_code()
    {
        AwsServiceException error = await CallFailing("""{"error":"slow_down"}""", errorType: "SlowDownException");

        var slow = Assert.IsType<SlowDownException>(error);
        Assert.Equal("SlowDownException", slow.Message);
        Assert.Equal("slow_down", slow.Error);
    }

    [Fact]
    public async Task An_unmodelled_code_in_the_header_gives_the_base_exception_with_the_body_message()
    {
        AwsServiceException error = await CallFailing("""{"message":"no such thing"}""", errorType: "SomethingNewException");

        Assert.IsType<SsoOidcException>(error);
        Assert.Equal("SomethingNewException", error.ErrorCode);
        Assert.Equal("no such thing", error.Message);
    }

    [Fact]
    public void The_message_read_before_the_members_is_the_one_the_single_pass_gives()
    {
        // Reading Message first reads the body for it (a caller that never reads the members); the members can still be read after.
        AwsResponse response = Response("""{"error":"e","error_description":"d"}""", "AuthorizationPendingException");
        AwsErrorInfo info = AwsErrorInfo.Read(response);

        Assert.Equal("AuthorizationPendingException", info.Code);
        Assert.Equal("d", info.Message);
        Assert.True(info.BodyIsJsonObject);

        var exception = info.ReadMembers(new AwsServiceException(null, info.Code, HttpStatusCode.BadRequest, null), response, ReadError);
        Assert.Equal("d", exception.Message);
        Assert.Equal("e", exception.Data["error"]);
    }

    [Fact]
    public void The_single_pass_sets_what_the_information_reports_after_it()
    {
        AwsResponse response = Response("""{"error":"e","Message":"m"}""", "Boom");
        AwsErrorInfo info = AwsErrorInfo.Read(response);

        var exception = info.ReadMembers(new AwsServiceException(null, info.Code, HttpStatusCode.BadRequest, null), response, ReadError);

        Assert.Equal("m", exception.Message);
        Assert.Equal("e", exception.Data["error"]);
        Assert.Equal("m", info.Message);
        Assert.True(info.BodyIsJsonObject);
    }

    [Theory]
    [InlineData("""{"\u005f_type":"ns#Boom","message":"m"}""", "Boom", "m")]
    [InlineData("""{"c\u006fde":"Boom","Messag\u0065":"m"}""", "Boom", "m")]
    [InlineData("""{"code":"Lost","__type":"Boom:http://internal","error\u005Fdescription":"d"}""", "Boom", "d")]
    [InlineData("""{"cod":"Lost","_type":"Lost","messages":"no","error_descriptio":"no"}""", null, null)]
    public void The_code_and_message_are_read_from_the_body_whatever_the_names_escapes(string body, string? code, string? message)
    {
        var response = new AwsResponse(new HttpResponseMessage(HttpStatusCode.BadRequest), Encoding.UTF8.GetBytes(body));

        AwsErrorInfo info = AwsErrorInfo.Read(response);

        Assert.Equal(code, info.Code);
        Assert.Equal(message, info.Message);
        Assert.True(info.BodyIsJsonObject);
    }

    // A hand-written member reader: the error shape of these two tests has one member, "error", kept in Data.
    private static bool ReadError(ref System.Text.Json.Utf8JsonReader reader, AwsServiceException target)
    {
        if (!reader.ValueTextEquals("error"u8))
        {
            return false;
        }

        reader.Read();
        target.Data["error"] = reader.GetString();
        return true;
    }

    private static AwsResponse Response(string body, string errorType)
    {
        var message = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        message.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
        return new AwsResponse(message, Encoding.UTF8.GetBytes(body));
    }

    private static async Task<AwsServiceException> CallFailing(string body, string? errorType)
    {
        var handler = new OneAnswer(body, errorType);
        using var client = new SsoOidcClient(new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            Region = "us-east-1",
            HttpClient = new HttpClient(handler),
            Retry = new RetryOptions { MaxAttempts = 1 },
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        });
        var request = new CreateTokenRequest { ClientId = "client", ClientSecret = "secret", GrantType = "urn:ietf:params:oauth:grant-type:device_code", DeviceCode = "device" };

        AwsResult<CreateTokenResponse> result = await client.TryCreateTokenAsync(request, TestContext.Current.CancellationToken);

        Assert.False(result.IsSuccess);
        AwsServiceException error = result.Error!;
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);

        // The throwing variant throws the same answer.
        AwsServiceException thrown = await Assert.ThrowsAnyAsync<AwsServiceException>(() => client.CreateTokenAsync(request, TestContext.Current.CancellationToken));
        Assert.Equal(error.GetType(), thrown.GetType());
        Assert.Equal(error.Message, thrown.Message);
        return error;
    }

    private sealed class OneAnswer(string body, string? errorType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
            if (errorType is not null)
            {
                response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
            }

            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-1");
            return Task.FromResult(response);
        }
    }
}

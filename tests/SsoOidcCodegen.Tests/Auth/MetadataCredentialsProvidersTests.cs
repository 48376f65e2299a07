namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Auth;
using Xunit;

/// <summary>The container credentials endpoint and IMDSv2 providers, over a scripted HTTP handler.</summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class MetadataCredentialsProvidersTests
{
    private const string CredentialsJson = """{"Code": "Success", "AccessKeyId": "ASIAMETADATA", "SecretAccessKey": "metaSecret", "Token": "metaToken", "Expiration": "2099-01-01T00:00:00Z"}""";

    private readonly FakeEnvironment _environment = new();

    [Fact]
    public async Task The_container_endpoint_is_read_from_the_relative_uri_with_the_token_file_as_authorization()
    {
        using var tokenFile = new TemporaryDirectory();
        _environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/abc";
        _environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = tokenFile.Write("token", "secret-auth-token\n");
        var handler = new ScriptedHandler(_ => (HttpStatusCode.OK, CredentialsJson));

        AwsCredentials credentials = await new ContainerCredentialsProvider(_environment.Reader, new HttpClient(handler)).GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("ASIAMETADATA", "metaToken"), (credentials.AccessKeyId, credentials.SessionToken));
        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal("http://169.254.170.2/v2/credentials/abc", request.RequestUri!.AbsoluteUri);
        Assert.Equal("secret-auth-token", string.Join(",", request.Headers.GetValues("Authorization")));
    }

    [Theory]
    [InlineData("http://example.com/creds")]
    [InlineData("ftp://127.0.0.1/creds")]
    public async Task A_full_uri_over_http_to_another_host_is_refused(string uri)
    {
        _environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = uri;
        var handler = new ScriptedHandler(_ => (HttpStatusCode.OK, CredentialsJson));

        await Assert.ThrowsAsync<AwsCredentialsException>(async () => await new ContainerCredentialsProvider(_environment.Reader, new HttpClient(handler)).GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_full_uri_on_loopback_is_used_with_the_token_variable()
    {
        _environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://127.0.0.1:51679/creds";
        _environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "env-token";
        var handler = new ScriptedHandler(_ => (HttpStatusCode.OK, CredentialsJson));

        await new ContainerCredentialsProvider(_environment.Reader, new HttpClient(handler)).GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("env-token", string.Join(",", Assert.Single(handler.Requests).Headers.GetValues("Authorization")));
    }

    [Fact]
    public async Task The_container_endpoint_is_tried_twice_then_the_error_names_the_status()
    {
        _environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/creds";
        var handler = new ScriptedHandler(_ => (HttpStatusCode.InternalServerError, "oops"));

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(async () => await new ContainerCredentialsProvider(_environment.Reader, new HttpClient(handler)).GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imds_takes_a_session_token_then_the_role_then_its_credentials()
    {
        var handler = new ScriptedHandler(request => request.RequestUri!.AbsolutePath switch
        {
            "/latest/api/token" when request.Method == HttpMethod.Put => (HttpStatusCode.OK, "imds-session"),
            "/latest/meta-data/iam/security-credentials/" => (HttpStatusCode.OK, "my-role\n"),
            "/latest/meta-data/iam/security-credentials/my-role" => (HttpStatusCode.OK, CredentialsJson),
            _ => (HttpStatusCode.NotFound, string.Empty),
        });

        AwsCredentials credentials = await new InstanceMetadataCredentialsProvider(_environment.Reader, new HttpClient(handler)).GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("ASIAMETADATA", credentials.AccessKeyId);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal("21600", string.Join(",", handler.Requests[0].Headers.GetValues("x-aws-ec2-metadata-token-ttl-seconds")));
        Assert.Equal("imds-session", string.Join(",", handler.Requests[2].Headers.GetValues("x-aws-ec2-metadata-token")));
    }

    [Fact]
    public async Task Imds_that_does_not_answer_in_time_means_no_credentials_quickly()
    {
        var handler = new ScriptedHandler(_ => (HttpStatusCode.OK, "never"), delay: TimeSpan.FromSeconds(30));
        var provider = new InstanceMetadataCredentialsProvider(_environment.Reader, new HttpClient(handler)) { RequestTimeout = TimeSpan.FromMilliseconds(200) };

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(async () => await provider.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("no instance metadata service answered", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Imds_is_not_asked_when_disabled()
    {
        _environment["AWS_EC2_METADATA_DISABLED"] = "true";
        var handler = new ScriptedHandler(_ => (HttpStatusCode.OK, string.Empty));

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(async () => await new InstanceMetadataCredentialsProvider(_environment.Reader, new HttpClient(handler)).GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Empty(handler.Requests);
        Assert.Contains("AWS_EC2_METADATA_DISABLED", error.Message, StringComparison.Ordinal);
    }

    private sealed class ScriptedHandler(Func<HttpRequestMessage, (HttpStatusCode Status, string Body)> answer, TimeSpan? delay = null) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request);
            }

            if (delay is { } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }

            (HttpStatusCode status, string body) = answer(request);
            return new HttpResponseMessage(status) { Content = new StringContent(body) };
        }
    }
}

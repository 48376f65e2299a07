namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Sts.Model;
using Xunit;

/// <summary>
/// <see cref="AssumeRoleCredentialsProvider"/> and <see cref="WebIdentityCredentialsProvider"/> against a
/// real HTTP server on 127.0.0.1 that answers as STS does (awsQuery: a form body in, XML out). The
/// expected form bodies are written from the awsQuery rules (Action, Version, then the members,
/// percent-encoded), not taken from what the client sends.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class StsCredentialsProvidersTests : IDisposable
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/dev";
    private const string RoleArnEncoded = "arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdev";
    private const string SourceSecret = "sourceSecretKeyEXAMPLE";
    private const string WebToken = "eyJhbGciOiJSUzI1NiJ9.web-identity-token-EXAMPLE.signature";

    private readonly TemporaryDirectory _home = new();
    private readonly FakeEnvironment _environment = new();
    private readonly FakeSts _sts;

    public StsCredentialsProvidersTests()
    {
        _sts = new FakeSts();
        _environment["HOME"] = _home.Path;
        _environment["AWS_CONFIG_FILE"] = Path.Combine(_home.Path, "config");
        _environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_home.Path, "credentials");
        _environment["AWS_REGION"] = "us-west-2";
        _environment["AWS_ENDPOINT_URL_STS"] = _sts.Url;
        _environment["AWS_EC2_METADATA_DISABLED"] = "true";
    }

    public void Dispose()
    {
        _sts.Dispose();
        _home.Dispose();
    }

    [Fact]
    public async Task A_role_is_assumed_with_the_static_keys_of_its_source_profile_in_a_signed_form_request()
    {
        _home.Write("credentials", $"[base]\naws_access_key_id = AKIDSOURCEEXAMPLE\naws_secret_access_key = {SourceSecret}\n");
        _home.Write("config", $"[profile dev]\nrole_arn = {RoleArn}\nsource_profile = base\nrole_session_name = my-session\nexternal_id = ext-42\nduration_seconds = 1800\n");
        _sts.Answer = _ => (200, AssumeRoleXml("ASIAROLEDEV", "roleSecretDEV", "roleTokenDEV", "2099-01-01T00:00:00Z"));

        using var provider = new AssumeRoleCredentialsProvider("dev", _environment.Reader);
        AwsCredentials credentials = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("ASIAROLEDEV", "roleSecretDEV", "roleTokenDEV"), (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
        // The account of the assumed role's ARN (arn:aws:sts::123456789012:assumed-role/dev/session) is the credentials' account.
        Assert.Equal("123456789012", credentials.AccountId);
        FakeSts.Request request = Assert.Single(_sts.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.StartsWith("Action=AssumeRole&Version=2011-06-15&", request.Body, StringComparison.Ordinal);
        Assert.Equal(
            new SortedDictionary<string, string>
            {
                ["Action"] = "AssumeRole",
                ["Version"] = "2011-06-15",
                ["RoleArn"] = RoleArnEncoded,
                ["RoleSessionName"] = "my-session",
                ["ExternalId"] = "ext-42",
                ["DurationSeconds"] = "1800",
            },
            FormFields(request.Body));

        // SigV4 with the source keys, scoped to the region and the signing name sts.
        string authorization = request.Header("Authorization") ?? string.Empty;
        Assert.Matches(@"^AWS4-HMAC-SHA256 Credential=AKIDSOURCEEXAMPLE/\d{8}/us-west-2/sts/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$", authorization);
        Assert.Null(request.Header("X-Amz-Security-Token"));
        Assert.DoesNotContain(SourceSecret, request.Body + authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_profile_with_a_role_of_its_own_is_assumed_first_and_its_credentials_sign_the_next_request()
    {
        _home.Write("credentials", $"[root]\naws_access_key_id = AKIDROOTEXAMPLE\naws_secret_access_key = {SourceSecret}\n");
        _home.Write(
            "config",
            $"[profile middle]\nrole_arn = arn:aws:iam::111111111111:role/middle\nsource_profile = root\nrole_session_name = hop1\n\n" +
            $"[profile dev]\nrole_arn = {RoleArn}\nsource_profile = middle\nrole_session_name = hop2\n");
        _sts.Answer = request => FormFields(request.Body)["RoleSessionName"] == "hop1"
            ? (200, AssumeRoleXml("ASIAMIDDLE", "middleSecret", "middleToken", "2099-01-01T00:00:00Z"))
            : (200, AssumeRoleXml("ASIAFINAL", "finalSecret", "finalToken", "2099-01-01T00:00:00Z"));

        using var provider = new AssumeRoleCredentialsProvider("dev", _environment.Reader);
        AwsCredentials credentials = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("ASIAFINAL", credentials.AccessKeyId);
        Assert.Equal(2, _sts.Requests.Count);
        FakeSts.Request first = _sts.Requests[0];
        FakeSts.Request second = _sts.Requests[1];
        Assert.Equal("arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2Fmiddle", FormFields(first.Body)["RoleArn"]);
        Assert.Contains("Credential=AKIDROOTEXAMPLE/", first.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(RoleArnEncoded, FormFields(second.Body)["RoleArn"]);
        Assert.Contains("Credential=ASIAMIDDLE/", second.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("middleToken", second.Header("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task Source_profiles_that_form_a_cycle_give_an_error_naming_the_cycle_without_calling_sts()
    {
        _home.Write("config", "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n");

        using var provider = new AssumeRoleCredentialsProvider("a", _environment.Reader);
        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(
            async () => await provider.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("cycle: a -> b -> a", error.Message, StringComparison.Ordinal);
        Assert.Empty(_sts.Requests);
    }

    [Fact]
    public async Task A_profile_may_name_itself_as_source_when_it_has_static_keys()
    {
        _home.Write("config", $"[profile self]\naws_access_key_id = AKIDSELFEXAMPLE\naws_secret_access_key = {SourceSecret}\nrole_arn = {RoleArn}\nsource_profile = self\n");
        _sts.Answer = _ => (200, AssumeRoleXml("ASIASELF", "selfSecret", "selfToken", "2099-01-01T00:00:00Z"));

        using var provider = new AssumeRoleCredentialsProvider("self", _environment.Reader);
        AwsCredentials credentials = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("ASIASELF", credentials.AccessKeyId);
        Assert.Contains("Credential=AKIDSELFEXAMPLE/", Assert.Single(_sts.Requests).Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_source_Environment_signs_with_the_environment_keys()
    {
        _environment["AWS_ACCESS_KEY_ID"] = "AKIDENVEXAMPLE";
        _environment["AWS_SECRET_ACCESS_KEY"] = SourceSecret;
        _environment["AWS_SESSION_TOKEN"] = "envSessionToken";
        _home.Write("config", $"[profile dev]\nrole_arn = {RoleArn}\ncredential_source = Environment\n");
        _sts.Answer = _ => (200, AssumeRoleXml("ASIAENVROLE", "s", "t", "2099-01-01T00:00:00Z"));

        using var provider = new AssumeRoleCredentialsProvider("dev", _environment.Reader);
        AwsCredentials credentials = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("ASIAENVROLE", credentials.AccessKeyId);
        FakeSts.Request request = Assert.Single(_sts.Requests);
        Assert.Contains("Credential=AKIDENVEXAMPLE/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("envSessionToken", request.Header("X-Amz-Security-Token"));
        Assert.StartsWith("ssooidccodegen-session-", FormFields(request.Body)["RoleSessionName"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_credential_source_is_an_error_naming_the_supported_values()
    {
        _home.Write("config", $"[profile dev]\nrole_arn = {RoleArn}\ncredential_source = Laptop\n");

        using var provider = new AssumeRoleCredentialsProvider("dev", _environment.Reader);
        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(
            async () => await provider.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Environment, Ec2InstanceMetadata and EcsContainer", error.Message, StringComparison.Ordinal);
        Assert.Empty(_sts.Requests);
    }

    [Fact]
    public async Task Role_credentials_are_kept_until_shortly_before_they_expire()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _home.Write("credentials", $"[base]\naws_access_key_id = AKIDSOURCEEXAMPLE\naws_secret_access_key = {SourceSecret}\n");
        _home.Write("config", $"[profile dev]\nrole_arn = {RoleArn}\nsource_profile = base\n");
        int calls = 0;
        _sts.Answer = _ =>
        {
            int call = Interlocked.Increment(ref calls);
            return (200, AssumeRoleXml($"ASIACALL{call}", "s", "t", "2026-01-01T01:00:00Z"));
        };

        using var provider = new AssumeRoleCredentialsProvider("dev", _environment.Reader, new StsCredentialsProviderOptions { TimeProvider = clock });
        Assert.Equal("ASIACALL1", (await provider.GetCredentialsAsync(TestContext.Current.CancellationToken)).AccessKeyId);
        clock.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("ASIACALL1", (await provider.GetCredentialsAsync(TestContext.Current.CancellationToken)).AccessKeyId);
        Assert.Single(_sts.Requests);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("ASIACALL2", (await provider.GetCredentialsAsync(TestContext.Current.CancellationToken)).AccessKeyId);
        Assert.Equal(2, _sts.Requests.Count);
    }

    [Fact]
    public async Task Web_identity_from_a_token_file_is_an_unsigned_AssumeRoleWithWebIdentity()
    {
        _environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = _home.Write("token", WebToken + "\n");
        _environment["AWS_ROLE_ARN"] = RoleArn;
        _environment["AWS_ROLE_SESSION_NAME"] = "pod-session";
        _sts.Answer = _ => (200, WebIdentityXml("ASIAWEB", "webSecret", "webToken", "2099-01-01T00:00:00Z"));

        using var provider = new WebIdentityCredentialsProvider(null, _environment.Reader);
        AwsCredentials credentials = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("ASIAWEB", "webSecret", "webToken"), (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
        FakeSts.Request request = Assert.Single(_sts.Requests);
        Assert.Null(request.Header("Authorization"));
        Assert.Null(request.Header("X-Amz-Security-Token"));
        Assert.StartsWith("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&", request.Body, StringComparison.Ordinal);
        Assert.Equal(
            new SortedDictionary<string, string>
            {
                ["Action"] = "AssumeRoleWithWebIdentity",
                ["Version"] = "2011-06-15",
                ["RoleArn"] = RoleArnEncoded,
                ["RoleSessionName"] = "pod-session",
                ["WebIdentityToken"] = "eyJhbGciOiJSUzI1NiJ9.web-identity-token-EXAMPLE.signature",
            },
            FormFields(request.Body));
    }

    [Fact]
    public async Task Web_identity_from_a_profile_uses_its_token_file_and_role()
    {
        string tokenFile = _home.Write("token", WebToken);
        _home.Write("config", $"[profile web]\nrole_arn = {RoleArn}\nweb_identity_token_file = {tokenFile}\nrole_session_name = from-profile\n");
        _sts.Answer = _ => (200, WebIdentityXml("ASIAWEBPROFILE", "s", "t", "2099-01-01T00:00:00Z"));

        using var provider = new WebIdentityCredentialsProvider("web", _environment.Reader);
        Assert.Equal("ASIAWEBPROFILE", (await provider.GetCredentialsAsync(TestContext.Current.CancellationToken)).AccessKeyId);
        Assert.Equal("from-profile", FormFields(Assert.Single(_sts.Requests).Body)["RoleSessionName"]);
    }

    [Fact]
    public async Task An_sts_error_document_becomes_a_credentials_error_with_the_code_and_message_and_the_typed_exception_inside()
    {
        _environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = _home.Write("token", WebToken);
        _environment["AWS_ROLE_ARN"] = RoleArn;
        _sts.Answer = _ => (400, ErrorXml("Sender", "InvalidIdentityToken", "Couldn't retrieve verification key from your identity provider"));

        using var provider = new WebIdentityCredentialsProvider(null, _environment.Reader);
        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(
            async () => await provider.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.IsType<InvalidIdentityTokenException>(error.InnerException);
        Assert.Contains(RoleArn, error.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidIdentityToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("Couldn't retrieve verification key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WebToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_source_token_gives_the_typed_ExpiredTokenException_inside_and_no_secret_in_the_text()
    {
        _home.Write("credentials", $"[base]\naws_access_key_id = AKIDSOURCEEXAMPLE\naws_secret_access_key = {SourceSecret}\naws_session_token = sourceSessionTokenSECRET\n");
        _home.Write("config", $"[profile dev]\nrole_arn = {RoleArn}\nsource_profile = base\n");
        _sts.Answer = _ => (400, ErrorXml("Sender", "ExpiredTokenException", "The security token included in the request is expired"));

        using var provider = new AssumeRoleCredentialsProvider("dev", _environment.Reader);
        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(
            async () => await provider.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.IsType<ExpiredTokenException>(error.InnerException);
        Assert.Contains("ExpiredTokenException", error.Message, StringComparison.Ordinal);
        Assert.Contains("profile 'dev'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SourceSecret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sourceSessionTokenSECRET", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assumed_credentials_and_the_sts_answer_redact_their_secrets()
    {
        _environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = _home.Write("token", WebToken);
        _environment["AWS_ROLE_ARN"] = RoleArn;
        _sts.Answer = _ => (200, WebIdentityXml("ASIAWEB", "webSecretVALUE", "webSessionTokenVALUE", "2099-01-01T00:00:00Z"));

        using var provider = new WebIdentityCredentialsProvider(null, _environment.Reader);
        AwsCredentials credentials = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain("webSecretVALUE", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("webSessionTokenVALUE", credentials.ToString(), StringComparison.Ordinal);
        string model = new Credentials { AccessKeyId = "ASIAWEB", SecretAccessKey = "webSecretVALUE", SessionToken = "webSessionTokenVALUE" }.ToString();
        Assert.DoesNotContain("webSecretVALUE", model, StringComparison.Ordinal);
        Assert.DoesNotContain("webSessionTokenVALUE", model, StringComparison.Ordinal);
        string request = new AssumeRoleWithWebIdentityRequest { RoleArn = RoleArn, RoleSessionName = "x", WebIdentityToken = WebToken }.ToString();
        Assert.DoesNotContain(WebToken, request, StringComparison.Ordinal);
        Assert.Contains("ASIAWEB", model, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_chain_takes_a_role_profile_before_its_static_keys_and_web_identity_before_sso_and_the_files()
    {
        _home.Write("credentials", $"[dev]\naws_access_key_id = AKIDSTATICDEV\naws_secret_access_key = {SourceSecret}\n\n[base]\naws_access_key_id = AKIDSOURCEEXAMPLE\naws_secret_access_key = {SourceSecret}\n");
        _home.Write("config", $"[profile dev]\nrole_arn = {RoleArn}\nsource_profile = base\n\n[profile plain]\nregion = us-west-2\n");
        _sts.Answer = request => FormFields(request.Body)["Action"] == "AssumeRole"
            ? (200, AssumeRoleXml("ASIACHAINROLE", "s", "t", "2099-01-01T00:00:00Z"))
            : (200, WebIdentityXml("ASIACHAINWEB", "s", "t", "2099-01-01T00:00:00Z"));

        AwsCredentials role = await new DefaultCredentialsChain("dev", _environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken);
        Assert.Equal("ASIACHAINROLE", role.AccessKeyId);

        _environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = _home.Write("token", WebToken);
        _environment["AWS_ROLE_ARN"] = RoleArn;
        AwsCredentials web = await new DefaultCredentialsChain("plain", _environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken);
        Assert.Equal("ASIACHAINWEB", web.AccessKeyId);
    }

    [Fact]
    public async Task Without_role_or_web_identity_settings_the_chain_reports_both_sources_as_not_configured()
    {
        _home.Write("config", "[profile plain]\nregion = us-west-2\n");

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(
            async () => await new DefaultCredentialsChain("plain", _environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("assume role (profile 'plain'): profile 'plain' has no role_arn", error.Message, StringComparison.Ordinal);
        Assert.Contains("web identity (AWS_WEB_IDENTITY_TOKEN_FILE, or profile 'plain'): neither", error.Message, StringComparison.Ordinal);
        Assert.Empty(_sts.Requests);
    }

    // The form body's fields, values left percent-encoded as sent (keys are plain names).
    private static SortedDictionary<string, string> FormFields(string body)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in body.Split('&'))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            fields.Add(pair[..equals], pair[(equals + 1)..]);
        }

        return fields;
    }

    private static string AssumeRoleXml(string keyId, string secret, string token, string expiration) =>
        $"""
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::123456789012:assumed-role/dev/session</Arn>
              <AssumedRoleId>AROA3XFRBF535PLBIFPI4:session</AssumedRoleId>
            </AssumedRoleUser>
            <Credentials>
              <AccessKeyId>{keyId}</AccessKeyId>
              <SecretAccessKey>{secret}</SecretAccessKey>
              <SessionToken>{token}</SessionToken>
              <Expiration>{expiration}</Expiration>
            </Credentials>
          </AssumeRoleResult>
          <ResponseMetadata>
            <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
          </ResponseMetadata>
        </AssumeRoleResponse>
        """;

    private static string WebIdentityXml(string keyId, string secret, string token, string expiration) =>
        $"""
        <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleWithWebIdentityResult>
            <SubjectFromWebIdentityToken>system:serviceaccount:default:app</SubjectFromWebIdentityToken>
            <Credentials>
              <SessionToken>{token}</SessionToken>
              <SecretAccessKey>{secret}</SecretAccessKey>
              <Expiration>{expiration}</Expiration>
              <AccessKeyId>{keyId}</AccessKeyId>
            </Credentials>
          </AssumeRoleWithWebIdentityResult>
          <ResponseMetadata>
            <RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId>
          </ResponseMetadata>
        </AssumeRoleWithWebIdentityResponse>
        """;

    private static string ErrorXml(string type, string code, string message) =>
        $"""
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error>
            <Type>{type}</Type>
            <Code>{code}</Code>
            <Message>{message}</Message>
          </Error>
          <RequestId>4f3a1b2c-0000-4000-8000-000000000000</RequestId>
        </ErrorResponse>
        """;

    /// <summary>An HTTP server on 127.0.0.1 (ephemeral port) that records requests and answers with <see cref="Answer"/>.</summary>
    private sealed class FakeSts : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly ConcurrentQueue<Request> _requests = new();
        private readonly Task _loop;

        public FakeSts()
        {
            // HttpListener needs a port up front: take one the OS hands out, then listen on it.
            for (int attempt = 0; ; attempt++)
            {
                using (var probe = new TcpListener(IPAddress.Loopback, 0))
                {
                    probe.Start();
                    Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
                }

                _listener = new HttpListener();
                _listener.Prefixes.Add(Url);
                try
                {
                    _listener.Start();
                    break;
                }
                catch (HttpListenerException) when (attempt < 5)
                {
                    _listener.Close();
                }
            }

            _loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public Func<Request, (int Status, string Xml)> Answer { get; set; } = _ => (500, "<ErrorResponse/>");

        public IReadOnlyList<Request> Requests => _requests.ToArray();

        public void Dispose()
        {
            _listener.Close();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The loop ends with the listener.
            }
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                string body = await reader.ReadToEndAsync().ConfigureAwait(false);
                var headers = context.Request.Headers.AllKeys.Where(key => key is not null)
                    .ToDictionary(key => key!, key => context.Request.Headers[key]!, StringComparer.OrdinalIgnoreCase);
                var request = new Request(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body);
                _requests.Enqueue(request);
                (int status, string xml) = Answer(request);
                byte[] bytes = Encoding.UTF8.GetBytes(xml);
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/xml";
                context.Response.Headers["x-amzn-RequestId"] = "4f3a1b2c-0000-4000-8000-000000000000";
                await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
                context.Response.Close();
            }
        }

        public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
        {
            public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
        }
    }
}

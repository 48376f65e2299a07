namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Auth;
using Xunit;

[Trait("Category", TestCategories.Runtime)]
public sealed class CredentialsTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI";

    [Fact]
    public void Credentials_ToString_shows_the_access_key_id_and_redacts_the_secret_and_token()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", Secret, Token);

        string text = credentials.ToString();

        Assert.Contains("AKIDEXAMPLE", text, StringComparison.Ordinal);
        Assert.Contains("*** redacted ***", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_without_a_session_token_say_so_and_still_redact_the_secret()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", Secret, sessionToken: "");

        Assert.Null(credentials.SessionToken);
        Assert.DoesNotContain(Secret, credentials.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:sts::123456789012:assumed-role/dev/session", "123456789012")]
    [InlineData("arn:aws-cn:iam::000000000042:role/x", "000000000042")]
    [InlineData("arn:aws:sts::12345678901:assumed-role/dev/session", null)]
    [InlineData("arn:aws:sts::12345678901a:assumed-role/dev/session", null)]
    [InlineData("arn:aws:sts::123456789012", null)]
    [InlineData("not an arn", null)]
    [InlineData(null, null)]
    public void The_account_id_of_an_assumed_role_arn_is_its_fifth_field_when_that_is_twelve_digits(string? arn, string? accountId)
    {
        Assert.Equal(accountId, AwsCredentials.AccountIdOfArn(arn));
    }

    [Fact]
    public void The_account_id_is_shown_by_ToString_and_an_empty_one_is_none()
    {
        Assert.Contains("AccountId = 123456789012", new AwsCredentials("AKIDEXAMPLE", Secret, accountId: "123456789012").ToString(), StringComparison.Ordinal);
        Assert.Null(new AwsCredentials("AKIDEXAMPLE", Secret, accountId: "").AccountId);
    }

    [Theory]
    [InlineData("", Secret)]
    [InlineData("AKIDEXAMPLE", "")]
    public void Credentials_require_an_access_key_id_and_a_secret(string accessKeyId, string secret)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new AwsCredentials(accessKeyId, secret));

        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_provider_returns_its_credentials()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", Secret);

        AwsCredentials result = await new StaticCredentialsProvider(credentials).GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Same(credentials, result);
    }

    [Fact]
    public async Task Environment_provider_reads_key_secret_and_session_token()
    {
        var environment = new FakeEnvironment
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDENV",
            ["AWS_SECRET_ACCESS_KEY"] = Secret,
            ["AWS_SESSION_TOKEN"] = Token,
        };

        AwsCredentials credentials = await new EnvironmentCredentialsProvider(environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("AKIDENV", Secret, Token), (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
    }

    [Fact]
    public async Task Environment_provider_returns_the_same_instance_while_the_variables_are_unchanged()
    {
        var environment = new FakeEnvironment { ["AWS_ACCESS_KEY_ID"] = "AKIDENV", ["AWS_SECRET_ACCESS_KEY"] = Secret };
        var provider = new EnvironmentCredentialsProvider(environment.Reader);

        AwsCredentials first = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);
        AwsCredentials second = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);
        environment["AWS_SECRET_ACCESS_KEY"] = "rotated-secret";
        AwsCredentials third = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Same(first, second);
        Assert.Equal("rotated-secret", third.SecretAccessKey);
    }

    [Fact]
    public async Task Environment_provider_without_an_access_key_id_names_the_variable_and_not_the_secret()
    {
        var environment = new FakeEnvironment { ["AWS_SECRET_ACCESS_KEY"] = Secret };

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(
            async () => await new EnvironmentCredentialsProvider(environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("AWS_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_provider_without_a_secret_names_the_variable()
    {
        var environment = new FakeEnvironment { ["AWS_ACCESS_KEY_ID"] = "AKIDENV", ["AWS_SECRET_ACCESS_KEY"] = "" };

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(
            async () => await new EnvironmentCredentialsProvider(environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("AWS_SECRET_ACCESS_KEY is not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Providers_honour_cancellation()
    {
        using var cancelled = new System.Threading.CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await new DefaultCredentialsChain(null, new FakeEnvironment().Reader).GetCredentialsAsync(cancelled.Token));
    }
}

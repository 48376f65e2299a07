namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.IO;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Auth;
using Xunit;

[Trait("Category", TestCategories.Runtime)]
public sealed class SharedCredentialsFileProviderTests : IDisposable
{
    private const string DefaultSecret = "defaultSecretEXAMPLEKEYwJalrXUtnFEMIK7MDENG";
    private const string DevSecret = "devSecretEXAMPLEKEY/K7MDENG+bPxRfiCYEXAMPLE";
    private const string ConfigSecret = "configSecretEXAMPLEKEYbPxRfiCYEXAMPLEKEY";

    private const string CredentialsText = """
        # The default profile
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = defaultSecretEXAMPLEKEYwJalrXUtnFEMIK7MDENG

        ; A profile with temporary credentials and an inline comment
        [dev]
          AWS_ACCESS_KEY_ID=AKIDDEV   ; key ids are not secret
        aws_secret_access_key = devSecretEXAMPLEKEY/K7MDENG+bPxRfiCYEXAMPLE
        aws_session_token = devToken#notAComment
        aws_account_id = 123456789012
        """;

    private readonly TemporaryDirectory _directory = new();
    private readonly FakeEnvironment _environment = new();

    public SharedCredentialsFileProviderTests()
    {
        _environment["AWS_SHARED_CREDENTIALS_FILE"] = _directory.Write("credentials", CredentialsText);
        _environment["AWS_CONFIG_FILE"] = Path.Combine(_directory.Path, "no-config");
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Provider_reads_the_default_profile_when_neither_argument_nor_AWS_PROFILE_name_one()
    {
        AwsCredentials credentials = await GetAsync(profileName: null);

        Assert.Equal(("AKIDDEFAULT", DefaultSecret, (string?)null, (string?)null), (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken, credentials.AccountId));
    }

    [Fact]
    public async Task Provider_reads_the_profile_named_by_AWS_PROFILE_with_comments_and_case_insensitive_keys()
    {
        _environment["AWS_PROFILE"] = "dev";

        AwsCredentials credentials = await GetAsync(profileName: null);

        Assert.Equal(("AKIDDEV", DevSecret, "devToken#notAComment", "123456789012"), (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken, credentials.AccountId));
    }

    [Fact]
    public async Task Provider_prefers_the_constructor_profile_to_AWS_PROFILE()
    {
        _environment["AWS_PROFILE"] = "dev";

        AwsCredentials credentials = await GetAsync(profileName: "default");

        Assert.Equal("AKIDDEFAULT", credentials.AccessKeyId);
    }

    [Fact]
    public async Task Provider_falls_back_to_the_profile_section_of_the_config_file()
    {
        _environment["AWS_CONFIG_FILE"] = _directory.Write("config", $"""
            [ops]
            aws_access_key_id = AKIDNOTAPROFILE
            aws_secret_access_key = wrong

            [profile ops]
            region = eu-west-1
            aws_access_key_id = AKIDCONFIG
            aws_secret_access_key = {ConfigSecret}
            """);

        AwsCredentials credentials = await GetAsync(profileName: "ops");

        Assert.Equal(("AKIDCONFIG", ConfigSecret), (credentials.AccessKeyId, credentials.SecretAccessKey));
    }

    [Fact]
    public async Task Provider_prefers_the_credentials_file_to_the_config_file()
    {
        _environment["AWS_CONFIG_FILE"] = _directory.Write("config", $"""
            [default]
            aws_access_key_id = AKIDCONFIG
            aws_secret_access_key = {ConfigSecret}
            """);

        AwsCredentials credentials = await GetAsync(profileName: null);

        Assert.Equal("AKIDDEFAULT", credentials.AccessKeyId);
    }

    [Fact]
    public async Task Provider_finds_the_credentials_file_under_the_home_directory_by_default()
    {
        var environment = new FakeEnvironment { ["HOME"] = _directory.Path };
        _directory.Write(Path.Combine(".aws", "credentials"), $"[default]\naws_access_key_id = AKIDHOME\naws_secret_access_key = {DefaultSecret}\n");

        AwsCredentials credentials = await new SharedCredentialsFileProvider(null, environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("AKIDHOME", credentials.AccessKeyId);
    }

    [Fact]
    public async Task Provider_finds_the_config_file_under_the_home_directory_by_default()
    {
        var environment = new FakeEnvironment { ["HOME"] = _directory.Path, ["AWS_PROFILE"] = "ops" };
        _directory.Write(Path.Combine(".aws", "credentials"), "[ops]\nregion = eu-west-1\n");
        _directory.Write(Path.Combine(".aws", "config"), $"[profile ops]\naws_access_key_id = AKIDHOMECONFIG\naws_secret_access_key = {ConfigSecret}\n");

        AwsCredentials credentials = await new SharedCredentialsFileProvider(null, environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("AKIDHOMECONFIG", credentials.AccessKeyId);
    }

    [Fact]
    public async Task Profile_with_half_a_key_pair_is_an_error_rather_than_a_fallback_to_the_config_file()
    {
        _environment["AWS_SHARED_CREDENTIALS_FILE"] = _directory.Write("partial", "[default]\naws_access_key_id = AKIDPARTIAL\n");
        _environment["AWS_CONFIG_FILE"] = _directory.Write("config", $"[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = {ConfigSecret}\n");

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(() => GetAsync(profileName: null));

        Assert.Contains("has aws_access_key_id but no aws_secret_access_key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ConfigSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_profile_names_the_profile_and_both_files_and_no_secret()
    {
        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(() => GetAsync(profileName: "prod"));

        Assert.Contains("'prod'", error.Message, StringComparison.Ordinal);
        Assert.Contains(_environment["AWS_SHARED_CREDENTIALS_FILE"]!, error.Message, StringComparison.Ordinal);
        Assert.Contains(_environment["AWS_CONFIG_FILE"]!, error.Message, StringComparison.Ordinal);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task Profile_without_keys_says_that_other_credential_kinds_are_not_resolved()
    {
        _environment["AWS_SHARED_CREDENTIALS_FILE"] = _directory.Write("sso", "[default]\nsso_session = corp\n");

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(() => GetAsync(profileName: null));

        Assert.Contains("no aws_access_key_id and aws_secret_access_key (SSO, role and process credentials are not resolved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_file_gives_the_line_number_but_not_the_line()
    {
        _environment["AWS_SHARED_CREDENTIALS_FILE"] = _directory.Write("broken", $"[default]\naws_access_key_id = AKIDBROKEN\n{DefaultSecret}\n");

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(() => GetAsync(profileName: null));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task Default_chain_prefers_the_environment_to_the_files()
    {
        _environment["AWS_ACCESS_KEY_ID"] = "AKIDENV";
        _environment["AWS_SECRET_ACCESS_KEY"] = "envSecret";

        AwsCredentials credentials = await new DefaultCredentialsChain(null, _environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("AKIDENV", credentials.AccessKeyId);
    }

    [Fact]
    public async Task Default_chain_uses_the_files_when_the_environment_has_no_credentials()
    {
        _environment["AWS_PROFILE"] = "dev";

        AwsCredentials credentials = await new DefaultCredentialsChain(null, _environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("AKIDDEV", credentials.AccessKeyId);
    }

    [Fact]
    public async Task Default_chain_without_credentials_lists_what_it_tried_and_no_secret()
    {
        _environment["AWS_SECRET_ACCESS_KEY"] = "envOnlySecretEXAMPLE";
        _environment["AWS_EC2_METADATA_DISABLED"] = "true";
        var chain = new DefaultCredentialsChain("prod", _environment.Reader);

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(
            async () => await chain.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("environment variables: AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not", error.Message, StringComparison.Ordinal);
        Assert.Contains("shared credentials and config files (profile 'prod')", error.Message, StringComparison.Ordinal);
        Assert.Contains("SSO (profile 'prod'): profile 'prod' has no SSO settings", error.Message, StringComparison.Ordinal);
        Assert.Contains("credential_process (profile 'prod')", error.Message, StringComparison.Ordinal);
        Assert.Contains("container credentials endpoint: neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", error.Message, StringComparison.Ordinal);
        Assert.Contains("EC2 instance metadata (IMDSv2): AWS_EC2_METADATA_DISABLED is true", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("envOnlySecretEXAMPLE", error.ToString(), StringComparison.Ordinal);
        AssertNoSecret(error);
    }

    private static void AssertNoSecret(Exception error)
    {
        string text = error.ToString();
        Assert.DoesNotContain(DefaultSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(DevSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("devToken", text, StringComparison.Ordinal);
    }

    private async Task<AwsCredentials> GetAsync(string? profileName) =>
        await new SharedCredentialsFileProvider(profileName, _environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken);
}

namespace SsoOidcCodegen.Tests.Auth;

using System;
using SsoOidcCodegen.Runtime.Auth;
using Xunit;

/// <summary><c>[sso-session NAME]</c> sections and the SSO settings of a profile, resolved as the AWS CLI resolves them.</summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class SharedConfigFileSsoSessionTests
{
    private const string Config =
        """
        [default]
        region = eu-west-1

        [profile dev]
        sso_session = my-sso
        sso_account_id = 111122223333
        sso_role_name = ReadOnly

        [sso-session my-sso]
        sso_start_url = https://my-sso-portal.awsapps.com/start
        sso_region = us-east-1
        sso_registration_scopes = sso:account:access, ,codecatalyst:read_write ,

        [sso-session   spaced]   ; a comment
        sso_start_url = https://spaced.awsapps.com/start
        sso_region = eu-central-1

        [profile legacy]
        sso_start_url = https://legacy.awsapps.com/start
        sso_region = us-west-2
        sso_account_id = 444455556666
        sso_role_name = Admin

        [profile broken]
        sso_session = missing

        [profile half]
        sso_start_url = https://half.awsapps.com/start

        [profile sso-session my-sso]
        region = ap-south-1
        """;

    private static SharedConfigFile File() => SharedConfigFile.Parse(Config, SharedConfigFileKind.Config, "/home/u/.aws/config");

    [Fact]
    public void Sso_session_sections_are_read_apart_from_profiles()
    {
        SharedConfigFile file = File();

        Assert.Equal(["my-sso", "spaced"], file.SsoSessionNames);
        Assert.True(file.TryGetSsoSessionValue("my-sso", "SSO_REGION", out string? region));
        Assert.Equal("us-east-1", region);
        Assert.True(file.ContainsProfile("sso-session my-sso"));
        Assert.False(file.TryGetSsoSessionValue("my-sso", "region", out _));
        Assert.False(file.ContainsProfile("my-sso"));
    }

    [Fact]
    public void The_credentials_file_has_no_sso_sessions()
    {
        SharedConfigFile file = SharedConfigFile.Parse("[sso-session x]\nsso_region = us-east-1\n", SharedConfigFileKind.Credentials);

        Assert.Empty(file.SsoSessionNames);
        Assert.True(file.ContainsProfile("sso-session x"));
    }

    [Fact]
    public void A_session_profile_takes_start_url_region_and_scopes_from_its_session_and_account_and_role_from_itself()
    {
        SsoProfileSettings settings = SsoProfileSettings.FromProfile(File(), "dev");

        Assert.Equal(("my-sso", "https://my-sso-portal.awsapps.com/start", "us-east-1"), (settings.SessionName, settings.StartUrl, settings.Region));
        Assert.Equal(["sso:account:access", "codecatalyst:read_write"], settings.RegistrationScopes);
        Assert.Equal(("111122223333", "ReadOnly"), (settings.AccountId, settings.RoleName));
        Assert.Equal("my-sso", settings.TokenCacheKey);
        Assert.Equal("sso-login --profile dev", settings.LoginCommand);
    }

    [Fact]
    public void A_legacy_profile_keys_its_token_by_start_url_and_has_no_registration_scopes()
    {
        SsoProfileSettings settings = SsoProfileSettings.FromProfile(File(), "legacy");

        Assert.Null(settings.SessionName);
        Assert.Null(settings.RegistrationScopes);
        Assert.Equal("https://legacy.awsapps.com/start", settings.TokenCacheKey);
        Assert.Equal("us-west-2", settings.Region);
        Assert.True(settings.HasRole);
    }

    [Fact]
    public void A_session_named_directly_has_no_profile_and_no_role()
    {
        SsoProfileSettings settings = SsoProfileSettings.FromSession(File(), "spaced");

        Assert.Equal(("https://spaced.awsapps.com/start", "eu-central-1"), (settings.StartUrl, settings.Region));
        Assert.Null(settings.RegistrationScopes);
        Assert.False(settings.HasRole);
        Assert.Equal("sso-login --sso-session spaced", settings.LoginCommand);
    }

    [Theory]
    [InlineData("nope", "has no profile 'nope'")]
    [InlineData("broken", "has no [sso-session missing] section")]
    [InlineData("half", "is missing sso_region")]
    [InlineData("default", "is missing sso_start_url, sso_region")]
    public void An_incomplete_profile_names_what_is_missing(string profile, string expected)
    {
        SsoConfigurationException error = Assert.Throws<SsoConfigurationException>(() => SsoProfileSettings.FromProfile(File(), profile));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("/home/u/.aws/config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_profiles_with_sso_settings_count_as_sso_profiles()
    {
        SharedConfigFile file = File();

        Assert.True(SsoProfileSettings.IsSsoProfile(file, "dev"));
        Assert.True(SsoProfileSettings.IsSsoProfile(file, "half"));
        Assert.False(SsoProfileSettings.IsSsoProfile(file, "default"));
        Assert.False(SsoProfileSettings.IsSsoProfile(file, "nope"));
    }
}

namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.IO;
using SsoOidcCodegen.Runtime.Auth;
using Xunit;

[Trait("Category", TestCategories.Runtime)]
public sealed class SharedConfigFileTests
{
    private const string ConfigText = """
        [default]
        region = us-east-1 # trailing comment
        output = json

        [profile dev]
        region=eu-west-1
        s3 =
          max_concurrent_requests = 20
        sso_session = corp

        [sso-session corp]
        sso_region = us-east-2

        [services dev-services]
        region = ap-south-1

        [qa]
        region = sa-east-1

        [profile   spaced  ]
        region = ca-central-1
        """;

    [Theory]
    [InlineData("default", "us-east-1")]
    [InlineData("dev", "eu-west-1")]
    [InlineData("spaced", "ca-central-1")]
    public void Config_file_gives_the_region_of_profile_sections(string profile, string region)
    {
        SharedConfigFile config = SharedConfigFile.Parse(ConfigText, SharedConfigFileKind.Config);

        Assert.True(config.TryGetRegion(profile, out string? found));
        Assert.Equal(region, found);
    }

    [Theory]
    [InlineData("qa")]
    [InlineData("corp")]
    [InlineData("sso-session corp")]
    [InlineData("dev-services")]
    [InlineData("missing")]
    public void Config_file_sections_without_the_profile_prefix_are_not_profiles(string profile)
    {
        SharedConfigFile config = SharedConfigFile.Parse(ConfigText, SharedConfigFileKind.Config);

        Assert.False(config.TryGetRegion(profile, out _));
        Assert.False(config.ContainsProfile(profile));
    }

    [Fact]
    public void Nested_settings_are_read_as_parent_dot_key()
    {
        SharedConfigFile config = SharedConfigFile.Parse(ConfigText, SharedConfigFileKind.Config);

        Assert.True(config.TryGetValue("dev", "s3.max_concurrent_requests", out string? value));
        Assert.Equal("20", value);
        Assert.True(config.TryGetValue("dev", "SSO_SESSION", out string? session));
        Assert.Equal("corp", session);
    }

    [Fact]
    public void Credentials_file_sections_are_profiles_by_plain_name()
    {
        SharedConfigFile credentials = SharedConfigFile.Parse("[qa]\nregion = sa-east-1\n[profile x]\nregion = y\n", SharedConfigFileKind.Credentials);

        Assert.True(credentials.TryGetRegion("qa", out string? region));
        Assert.Equal("sa-east-1", region);
        Assert.True(credentials.ContainsProfile("profile x"));
    }

    [Fact]
    public void Setting_before_any_section_is_rejected_with_its_line_number()
    {
        FormatException error = Assert.Throws<FormatException>(() => SharedConfigFile.Parse("# comment\nregion = us-east-1\n", SharedConfigFileKind.Config, "/tmp/config"));

        Assert.Contains("'/tmp/config' line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_loads_as_empty()
    {
        SharedConfigFile config = SharedConfigFile.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "config"), SharedConfigFileKind.Config);

        Assert.False(config.Exists);
        Assert.Empty(config.ProfileNames);
    }

    [Fact]
    public void File_paths_come_from_the_override_variables_else_the_home_directory()
    {
        var environment = new FakeEnvironment { ["HOME"] = "/home/someone", ["AWS_CONFIG_FILE"] = "~/custom/config" };

        Assert.Equal(Path.Combine("/home/someone", "custom", "config"), SharedConfigFile.ResolveConfigFilePath(environment.Reader));
        Assert.Equal(Path.Combine("/home/someone", ".aws", "credentials"), SharedConfigFile.ResolveCredentialsFilePath(environment.Reader));
        Assert.Null(SharedConfigFile.ResolveCredentialsFilePath(new FakeEnvironment().Reader));
    }

    [Theory]
    [InlineData("explicit", "fromEnv", "explicit")]
    [InlineData(null, "fromEnv", "fromEnv")]
    [InlineData(null, null, "default")]
    [InlineData("", "", "default")]
    public void Profile_name_is_the_argument_else_AWS_PROFILE_else_default(string? argument, string? variable, string expected)
    {
        var environment = new FakeEnvironment { ["AWS_PROFILE"] = variable };

        Assert.Equal(expected, SharedConfigFile.ResolveProfileName(argument, environment.Reader));
    }
}

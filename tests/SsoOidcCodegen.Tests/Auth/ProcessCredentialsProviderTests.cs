namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.IO;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Auth;
using Xunit;

/// <summary><c>credential_process</c>: the command's JSON, its failures, its splitting and the caching of expiring credentials.</summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class ProcessCredentialsProviderTests : IDisposable
{
    private readonly TemporaryDirectory _home = new();
    private readonly FakeEnvironment _environment = new();

    public ProcessCredentialsProviderTests()
    {
        _environment["HOME"] = _home.Path;
    }

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task The_commands_json_gives_the_credentials()
    {
        SkipOnWindows();
        string script = Script("""{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "processSecret", "SessionToken": "processToken", "Expiration": "2099-01-01T00:00:00Z", "AccountId": "210987654321"}""");
        _home.Write(".aws/config", $"[profile p]\ncredential_process = sh {script}\n");

        AwsCredentials credentials = await new ProcessCredentialsProvider("p", _environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("AKIDPROCESS", "processSecret", "processToken", "210987654321"), (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken, credentials.AccountId));
    }

    [Fact]
    public async Task Credentials_that_do_not_expire_soon_are_kept_and_the_command_runs_once()
    {
        SkipOnWindows();
        string counter = Path.Combine(_home.Path, "runs");
        string script = Script($$"""echo run >> '{{counter}}'; echo '{"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "s", "Expiration": "2099-01-01T00:00:00Z"}'""", raw: true);
        _home.Write(".aws/config", $"[profile p]\ncredential_process = sh {script}\n");
        var provider = new ProcessCredentialsProvider("p", _environment.Reader);

        await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);
        await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Single(File.ReadAllLines(counter));
    }

    [Theory]
    [InlineData("""{"Version": 2, "AccessKeyId": "a", "SecretAccessKey": "b"}""", "no \"Version\": 1")]
    [InlineData("""{"Version": 1, "AccessKeyId": "a"}""", "no AccessKeyId and SecretAccessKey")]
    [InlineData("not json", "did not answer JSON")]
    [InlineData("""{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "b", "Expiration": "soon"}""", "not an ISO 8601 time")]
    public async Task Output_that_is_not_the_documented_json_is_an_error_that_says_why(string output, string expected)
    {
        SkipOnWindows();
        _home.Write(".aws/config", $"[profile p]\ncredential_process = sh {Script(output)}\n");

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(
            async () => await new ProcessCredentialsProvider("p", _environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_command_reports_its_exit_code_and_standard_error()
    {
        SkipOnWindows();
        _home.Write(".aws/config", $"[profile p]\ncredential_process = sh {Script("echo 'token expired' >&2; exit 3", raw: true)}\n");

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(
            async () => await new ProcessCredentialsProvider("p", _environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("exited with code 3: token expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_without_credential_process_is_not_configured()
    {
        _home.Write(".aws/config", "[profile p]\nregion = us-east-1\n");

        AwsCredentialsException error = await Assert.ThrowsAsync<AwsCredentialsException>(
            async () => await new ProcessCredentialsProvider("p", _environment.Reader).GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("profile 'p' has no credential_process", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tool --flag value", new[] { "tool", "--flag", "value" })]
    [InlineData("'/opt/my tool/bin' \"a b\" c\\ d", new[] { "/opt/my tool/bin", "a b", "c d" })]
    [InlineData("  spaced   out  ", new[] { "spaced", "out" })]
    [InlineData("x \"say \\\"hi\\\"\" ''", new[] { "x", "say \"hi\"", "" })]
    public void The_command_line_is_split_as_a_POSIX_shell_splits_it(string command, string[] expected)
    {
        SkipOnWindows();
        Assert.Equal(expected, ProcessCredentialsProvider.SplitCommandLine(command));
    }

    [Fact]
    public void An_unclosed_quote_is_an_error() =>
        Assert.Throws<FormatException>(() => ProcessCredentialsProvider.SplitCommandLine("tool 'open"));

    private static void SkipOnWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("These cases run sh scripts and POSIX splitting.");
        }
    }

    private string Script(string content, bool raw = false) =>
        _home.Write($"script-{Guid.NewGuid():N}.sh", raw ? content + "\n" : "cat <<'EOF'\n" + content + "\nEOF\n");
}

namespace SsoOidcCodegen.Tests.EndToEnd;

using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using SsoLogin;
using SsoLogin.Caching;
using SsoLogin.Demo;
using SsoLogin.Flow;
using SsoOidcCodegen.Tests.Auth;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>The <c>sso-login</c> command: arguments, exit codes, one-line errors, and the real entry point with HOME in a temp directory.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SsoLoginCommandTests
{
    [Theory]
    [InlineData("--bogus", "sso-login: unknown argument '--bogus' (see --help).")]
    [InlineData("--start-url https://x.awsapps.com/start", "sso-login: --region is required with --start-url (the region of your IAM Identity Center instance).")]
    [InlineData("--start-url not-a-url --region us-east-1", "sso-login: --start-url must be an absolute https URL, not 'not-a-url'.")]
    [InlineData("--region", "sso-login: --region needs a value.")]
    [InlineData("--endpoint http://127.0.0.1:1", "sso-login: --endpoint needs --profile, --sso-session or --start-url (the demo starts its own local service).")]
    [InlineData("--profile a --sso-session b", "sso-login: give only one of --profile, --sso-session and --start-url.")]
    [InlineData("logout --profile a", "sso-login: logout signs out of every cached session; it takes no --profile, --sso-session or --start-url.")]
    [InlineData("--demo --profile a", "sso-login: --demo signs in to a local service; it takes no --profile, --sso-session or --start-url.")]
    [InlineData("--start-url https://x.awsapps.com/start --region US_EAST", "sso-login: --region must be a region name such as us-east-1, not 'US_EAST'.")]
    public async Task A_wrong_command_line_prints_one_line_and_exits_2(string commandLine, string expected)
    {
        using var directory = new TemporaryDirectory();
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await SsoLoginCommand.RunAsync(commandLine.Split(' '), output, error, new LoginEnvironment { GetEnvironmentVariable = NoVariables, CacheDirectory = directory.Path, Browser = new IdleBrowser() }, TestContext.Current.CancellationToken);

        Assert.Equal(SsoLoginCommand.ExitUsage, exit);
        Assert.Equal(expected + Environment.NewLine, error.ToString());
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    // A machine's AWS_PROFILE or AWS_CONFIG_FILE must not turn the demo into a profile login.
    private static string? NoVariables(string name) => null;

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        var output = new StringWriter();

        int exit = await SsoLoginCommand.RunAsync(["--help"], output, TextWriter.Null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.StartsWith("Usage: sso-login [--profile NAME | --sso-session NAME]", output.ToString(), StringComparison.Ordinal);

        // The README shows the same text in its "Usage" block, so the two cannot drift apart.
        string readme = File.ReadAllText(Path.Combine(SsoOidcCodegen.Tests.Infrastructure.ReferenceData.RepoRoot, "samples", "SsoLogin", "README.md")).ReplaceLineEndings("\n");
        int start = readme.IndexOf("```text\nUsage: sso-login", StringComparison.Ordinal);
        Assert.True(start >= 0, "samples/SsoLogin/README.md has no ```text block starting with the usage.");
        start += "```text\n".Length;
        string block = readme[start..readme.IndexOf("\n```", start, StringComparison.Ordinal)];
        Assert.Equal(block.TrimEnd(), output.ToString().ReplaceLineEndings("\n").TrimEnd());
    }

    [Fact]
    public async Task Device_code_login_against_an_endpoint_writes_the_token_cache_and_exits_0()
    {
        await using LocalSsoOidcService service = await LocalSsoOidcService.StartAsync(new LocalSsoOidcServiceOptions { AutoApproveDeviceCodes = true }, TestContext.Current.CancellationToken);
        using var directory = new TemporaryDirectory();
        var output = new StringWriter();
        var error = new StringWriter();
        var browser = new IdleBrowser();

        int exit = await SsoLoginCommand.RunAsync(
            ["--start-url", LoginTestHost.StartUrl, "--region", "eu-west-1", "--use-device-code", "--endpoint", service.BaseAddress.ToString(), "--no-browser"],
            output,
            error,
            new LoginEnvironment { GetEnvironmentVariable = NoVariables, CacheDirectory = directory.Path, Browser = browser },
            TestContext.Current.CancellationToken);

        Assert.True(exit == 0, error.ToString());
        Assert.Equal(string.Empty, error.ToString());
        Assert.Equal(0, browser.Opened);
        CachedToken token = Assert.IsType<CachedToken>(new TokenCache(directory.Path).Read(LoginTestHost.StartUrl));
        Assert.Equal("eu-west-1", token.Region);
        Assert.Contains("Signed in to " + LoginTestHost.StartUrl, output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token.AccessToken, output.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(" sso-login", service.Requests[0].Headers["User-Agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_error_is_one_line_on_stderr_with_exit_code_1()
    {
        await using LocalSsoOidcService service = await LocalSsoOidcService.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        service.Faults.For("/client/register").RespondWithStatus(400);
        using var directory = new TemporaryDirectory();
        var error = new StringWriter();

        int exit = await SsoLoginCommand.RunAsync(
            ["--start-url", LoginTestHost.StartUrl, "--region", "us-east-1", "--use-device-code", "--endpoint", service.BaseAddress.ToString()],
            TextWriter.Null,
            error,
            new LoginEnvironment { GetEnvironmentVariable = NoVariables, CacheDirectory = directory.Path, Browser = new IdleBrowser() },
            TestContext.Current.CancellationToken);

        Assert.Equal(SsoLoginCommand.ExitLoginFailed, exit);
        Assert.Equal(
            "sso-login: error: the SSO OIDC service answered InvalidRequestException (HTTP 400): Injected fault: HTTP 400." + Environment.NewLine,
            error.ToString());
    }

    [Fact]
    public async Task An_unreadable_answer_is_one_line_on_stderr_that_quotes_no_body()
    {
        await using LocalSsoOidcService service = await LocalSsoOidcService.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        service.Faults.For("/client/register").TruncateBody();
        using var directory = new TemporaryDirectory();
        var error = new StringWriter();

        int exit = await SsoLoginCommand.RunAsync(
            ["--start-url", LoginTestHost.StartUrl, "--region", "us-east-1", "--use-device-code", "--endpoint", service.BaseAddress.ToString()],
            TextWriter.Null,
            error,
            new LoginEnvironment { GetEnvironmentVariable = NoVariables, CacheDirectory = directory.Path, Browser = new IdleBrowser() },
            TestContext.Current.CancellationToken);

        Assert.Equal(SsoLoginCommand.ExitLoginFailed, exit);
        string line = Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sso-login: error: the SSO OIDC service's answer could not be read: RegisterClient: the service answered HTTP 200, but the body could not be read", line, StringComparison.Ordinal);
        Assert.DoesNotContain("clientSecret", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_one_line_on_stderr_with_exit_code_1()
    {
        using var directory = new TemporaryDirectory();
        var error = new StringWriter();
        string endpoint = $"http://127.0.0.1:{UnusedPort()}/";

        int exit = await SsoLoginCommand.RunAsync(
            ["--start-url", LoginTestHost.StartUrl, "--region", "us-east-1", "--use-device-code", "--endpoint", endpoint],
            TextWriter.Null,
            error,
            new LoginEnvironment { GetEnvironmentVariable = NoVariables, CacheDirectory = directory.Path, Browser = new IdleBrowser() },
            TestContext.Current.CancellationToken);

        Assert.Equal(SsoLoginCommand.ExitLoginFailed, exit);
        string line = Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"sso-login: error: could not reach the SSO OIDC service at {endpoint} (3 attempts): ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_signs_in_to_its_own_local_service_and_leaves_a_valid_token_cache()
    {
        using var directory = new TemporaryDirectory();
        var output = new StringWriter();

        int exit = await SsoLoginCommand.RunAsync(["--use-device-code"], output, TextWriter.Null, new LoginEnvironment { GetEnvironmentVariable = NoVariables, CacheDirectory = directory.Path }, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        CachedToken token = Assert.IsType<CachedToken>(new TokenCache(directory.Path).Read(LocalDemo.StartUrl));
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow.AddHours(7));
        Assert.Contains("POST /client/register, POST /device_authorization, POST /token", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dotnet_run_of_the_sample_with_HOME_in_a_temp_directory_prints_a_login_and_leaves_the_token_cache_there()
    {
        using var home = new TemporaryDirectory();
        string configuration = typeof(SsoLoginCommand).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "run", "--project", Path.Combine(ReferenceData.RepoRoot, "samples", "SsoLogin", "SsoLogin.csproj"), "--no-build", "-c", configuration },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ReferenceData.RepoRoot,
        };
        start.Environment["HOME"] = home.Path;
        start.Environment["USERPROFILE"] = home.Path;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await stdout}\n{await stderr}");
        string path = Path.Combine(home.Path, ".aws", "sso", "cache", CacheFile.FileName(LocalDemo.StartUrl));
        Assert.True(File.Exists(path), await stdout);
        using JsonDocument cache = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = cache.RootElement;
        Assert.Equal(LocalDemo.StartUrl, root.GetProperty("startUrl").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", root.GetProperty("expiresAt").GetString());
        Assert.True(CacheFile.TryParseTimestamp(root.GetProperty("expiresAt").GetString(), out DateTimeOffset expiresAt) && expiresAt > DateTimeOffset.UtcNow);
        Assert.Contains("Signed in to " + LocalDemo.StartUrl, await stdout, StringComparison.Ordinal);
        Assert.Contains(path, await stdout, StringComparison.Ordinal);
        foreach (string secret in new[] { "accessToken", "clientSecret", "refreshToken" }.Select(name => root.GetProperty(name).GetString()!))
        {
            Assert.DoesNotContain(secret, await stdout + await stderr, StringComparison.Ordinal);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

namespace SsoOidcCodegen.Tests.EndToEnd;

using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using SsoLogin.Browsers;
using SsoLogin.Caching;
using SsoLogin.Demo;
using SsoLogin.Flow;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.Tests.Auth;
using Xunit;
using SsoOidcCodegen.Tests.Infrastructure;

/// <summary>
/// A local SSO OIDC service on loopback, our generated client pointed at it, a temporary SSO
/// cache directory and a captured output, all on one jumping clock: what a login test needs.
/// </summary>
public sealed class LoginTestHost : IAsyncDisposable
{
    public const string StartUrl = "https://my-sso-portal.awsapps.com/start";
    public const string Region = "us-east-1";

    private readonly TemporaryDirectory _cache;

    private LoginTestHost(LocalSsoOidcService service, JumpingFakeTimeProvider clock, TemporaryDirectory cache)
    {
        Service = service;
        Clock = clock;
        _cache = cache;
        Client = CreateClient(service, clock);
        Browser = new LocalServiceBrowser(service);
    }

    public LocalSsoOidcService Service { get; }

    public JumpingFakeTimeProvider Clock { get; }

    public SsoOidcClient Client { get; }

    /// <summary>The simulated user: approves device codes, follows authorization redirects.</summary>
    public LocalServiceBrowser Browser { get; }

    public StringWriter Output { get; } = new();

    public string CacheDirectory => _cache.Path;

    public TokenCache Tokens => new(CacheDirectory);

    public string TokenPath => Tokens.PathFor(StartUrl);

    /// <summary>Starts the service; <paramref name="configure"/> gets the shared clock and returns the service options.</summary>
    public static async Task<LoginTestHost> StartAsync(Func<TimeProvider, LocalSsoOidcServiceOptions>? configure = null)
    {
        var clock = TestClocks.Jumping();
        LocalSsoOidcServiceOptions options = configure?.Invoke(clock) ?? new LocalSsoOidcServiceOptions { TimeProvider = clock };
        Assert.Same(clock, options.TimeProvider);
        LocalSsoOidcService service = await LocalSsoOidcService.StartAsync(options, TestContext.Current.CancellationToken);
        return new LoginTestHost(service, clock, new TemporaryDirectory());
    }

    /// <summary>Our client as a test uses it: fixed retry jitter (no waiting), the shared clock.</summary>
    public static SsoOidcClient CreateClient(LocalSsoOidcService service, TimeProvider clock, Action<AwsClientOptions>? configure = null)
    {
        var options = new AwsClientOptions
        {
            ServiceUrl = service.BaseAddress,
            Region = Region,
            TimeProvider = clock,
            RetryRandom = () => 0,
            AttemptTimeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(options);
        return new SsoOidcClient(options);
    }

    /// <summary>Whether the flow writes to a terminal (the in-place status line) instead of a redirected stream.</summary>
    public bool InteractiveOutput { get; set; }

    public LoginFlow Flow(LoginMethod method, IBrowser? browser = null, Func<LoginSettings, LoginSettings>? adjust = null)
    {
        var settings = new LoginSettings { StartUrl = StartUrl, Region = Region, Method = method };
        settings = adjust?.Invoke(settings) ?? settings;
        return new LoginFlow(Client, Service.BaseAddress, settings, new LoginEnvironment
        {
            CacheDirectory = CacheDirectory,
            Output = Output,
            Time = Clock,
            Browser = browser ?? Browser,
            InteractiveOutput = InteractiveOutput,
        });
    }

    public Task<LoginResult> LoginAsync(LoginMethod method, IBrowser? browser = null, Func<LoginSettings, LoginSettings>? adjust = null) =>
        Flow(method, browser, adjust).RunAsync(TestContext.Current.CancellationToken);

    /// <summary>The requests to an operation's path, in order.</summary>
    public RecordedRequest[] RequestsTo(string path) => [.. Service.Requests.Where(r => r.Path == path)];

    /// <summary>Every file in the cache directory, as a name → bytes snapshot.</summary>
    public System.Collections.Generic.Dictionary<string, byte[]> SnapshotCache() =>
        Directory.Exists(CacheDirectory)
            ? Directory.GetFiles(CacheDirectory).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes)
            : [];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Browser.Dispose();
        await Service.DisposeAsync();
        _cache.Dispose();
    }
}

/// <summary>A browser that does nothing: the user never looks.</summary>
public sealed class IdleBrowser : IBrowser
{
    public int Opened { get; private set; }

    public Task<bool> TryOpenAsync(Uri url, System.Threading.CancellationToken cancellationToken)
    {
        Opened++;
        return Task.FromResult(true);
    }
}

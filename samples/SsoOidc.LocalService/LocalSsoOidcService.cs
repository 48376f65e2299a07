namespace SsoOidc.LocalService;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SsoOidc.LocalService.Http;
using SsoOidc.LocalService.Protocol;

/// <summary>
/// A local AWS SSO OIDC service on <c>127.0.0.1</c> and an ephemeral port: RegisterClient,
/// StartDeviceAuthorization, CreateToken and CreateTokenWithIAM on the wire as the real service
/// speaks them (rest-json), plus the browser pages a user would visit (<c>/verify</c> for the
/// device flow, <c>/authorize</c> for PKCE). Tests and the login sample start it in-process.
/// </summary>
/// <example>
/// <code>
/// await using var service = await LocalSsoOidcService.StartAsync();
/// var http = new HttpClient { BaseAddress = service.BaseAddress };
/// // ... RegisterClient, StartDeviceAuthorization ...
/// service.ApproveUserCode(userCode);
/// </code>
/// </example>
public sealed class LocalSsoOidcService : IAsyncDisposable
{
    private const string LogCategory = "SsoOidc.LocalService";

    private readonly WebApplication _app;
    private readonly AuthorizationServer _server;
    private readonly RequestRecorder _recorder;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private LocalSsoOidcService(
        WebApplication app,
        Uri baseAddress,
        AuthorizationServer server,
        RequestRecorder recorder,
        FaultInjector faults,
        CancellationTokenSource stopping,
        LocalSsoOidcServiceOptions options)
    {
        _app = app;
        BaseAddress = baseAddress;
        _server = server;
        _recorder = recorder;
        Faults = faults;
        _stopping = stopping;
        Options = options;
    }

    /// <summary>The service's root, <c>http://127.0.0.1:&lt;port&gt;/</c>; operation paths are relative to it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The options the service was started with.</summary>
    public LocalSsoOidcServiceOptions Options { get; }

    /// <summary>Every request received so far, in arrival order, faulted ones included. Each read is a snapshot.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _recorder.Snapshot();

    /// <summary>Faults to inject, per route.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The role credentials the SSO portal has issued so far, by access key id.</summary>
    public IReadOnlyDictionary<string, IssuedRoleCredentials> IssuedRoleCredentials => _portal?.Issued ?? new Dictionary<string, IssuedRoleCredentials>();

    private PortalServer? _portal;

    /// <summary>Starts the service and returns once it accepts connections.</summary>
    /// <param name="options">How the service behaves; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<LocalSsoOidcService> StartAsync(LocalSsoOidcServiceOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalSsoOidcServiceOptions();
        options.Validate();

        // The empty builder reads no configuration, environment variables or appsettings, so an
        // ASPNETCORE_URLS or Logging section on the machine cannot change what tests see.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LocalSsoOidcService).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);

        // Added last so they win over the caller's rules: ASP.NET Core's request logs carry URLs.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System", LogLevel.Warning);

        WebApplication app = builder.Build();
        var stopping = new CancellationTokenSource();
        try
        {
            var server = new AuthorizationServer(options);
            var recorder = new RequestRecorder();
            var faults = new FaultInjector();
            var pipeline = new RequestPipeline(
                recorder,
                faults,
                options.TimeProvider,
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory),
                stopping.Token);

            var portal = new PortalServer(server, options);
            LocalSsoOidcService? started = null;
            app.Use(pipeline.InvokeAsync);
            app.UseRouting();
            new AdminEndpoints(() => started ?? throw new InvalidOperationException("The service has not started."), server, portal).Map(app);
            new PortalEndpoints(portal).Map(app);
            new SsoOidcEndpoints(server).Map(app);

            await app.StartAsync(cancellationToken);

            Uri baseAddress = BoundAddress(app);
            server.BaseAddress = baseAddress;
            started = new LocalSsoOidcService(app, baseAddress, server, recorder, faults, stopping, options) { _portal = portal };
            return started;
        }
        catch
        {
            stopping.Dispose();
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Approves the device authorization that shows <paramref name="userCode"/>, as the user would at <c>/verify</c>.</summary>
    /// <param name="userCode">The user code, e.g. <c>ABCD-EFGH</c>; case and separators do not matter.</param>
    /// <exception cref="ArgumentException">No device authorization has this user code.</exception>
    /// <exception cref="InvalidOperationException">The code has expired or was already denied.</exception>
    public void ApproveUserCode(string userCode) => Decide(userCode, approve: true);

    /// <summary>Denies the device authorization that shows <paramref name="userCode"/>; polling then gets <c>AccessDeniedException</c>.</summary>
    /// <param name="userCode">The user code, e.g. <c>ABCD-EFGH</c>; case and separators do not matter.</param>
    /// <exception cref="ArgumentException">No device authorization has this user code.</exception>
    /// <exception cref="InvalidOperationException">The code has expired or was already approved.</exception>
    public void DenyUserCode(string userCode) => Decide(userCode, approve: false);

    /// <summary>Stops the service: in-flight requests (including injected latency) are cut short.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await _app.DisposeAsync();
            _stopping.Dispose();
        }
    }

    private void Decide(string userCode, bool approve)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userCode);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        UserCodeStatus before = _server.Decide(userCode, approve);
        UserCodeStatus wanted = approve ? UserCodeStatus.Approved : UserCodeStatus.Denied;
        switch (before)
        {
            case UserCodeStatus.Pending:
                return;
            case UserCodeStatus.Unknown:
                throw new ArgumentException($"No device authorization has the user code '{userCode}'.", nameof(userCode));
            case UserCodeStatus.Expired:
                throw new InvalidOperationException($"The user code '{userCode}' has expired.");
            default:
                if (before != wanted)
                {
                    throw new InvalidOperationException($"The user code '{userCode}' was already {before.ToString().ToLowerInvariant()}.");
                }

                return;
        }
    }

    private static Uri BoundAddress(WebApplication app)
    {
        IServerAddressesFeature? addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        string address = addresses?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address.");
        return new Uri(address.TrimEnd('/') + "/");
    }
}

namespace SsoOidcCodegen.Tests.EndToEnd;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

/// <summary>
/// <c>SsoOidc.LocalService</c> run as its own process on an ephemeral port, driven only through
/// HTTP: the AWS routes and the <c>/_admin/</c> surface.
/// </summary>
internal sealed class LocalServiceProcess : IDisposable
{
    private const string ListeningPrefix = "SSO OIDC and SSO portal listening on ";
    private readonly ExternalProcess _process;

    private LocalServiceProcess(ExternalProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Admin = new HttpClient { BaseAddress = new Uri(baseAddress, "_admin/") };
    }

    public Uri BaseAddress { get; }

    public HttpClient Admin { get; }

    public int ProcessId => _process.Id;

    public static async Task<LocalServiceProcess> StartAsync(params string[] args)
    {
        ExternalProcess process = ExternalProcess.Start("SsoOidc.LocalService.dll", ["--port", "0", .. args], new Dictionary<string, string>());
        string? line = await process.WaitForLineAsync(l => l.StartsWith(ListeningPrefix, StringComparison.Ordinal), TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        if (line is null)
        {
            string diagnostics = process.Output + Environment.NewLine + process.Error;
            process.Dispose();
            Assert.Fail("The local service did not start: " + diagnostics);
        }

        return new LocalServiceProcess(process, new Uri(line![ListeningPrefix.Length..].Trim()));
    }

    /// <summary>Waits for a pending device authorization and approves it through the admin surface; returns its user code.</summary>
    public async Task<string> ApproveNextUserCodeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using JsonDocument pending = JsonDocument.Parse(await Admin.GetStringAsync("user-codes", cancellationToken));
            if (pending.RootElement.GetProperty("pending").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.String } code)
            {
                string userCode = code.GetString()!;
                using HttpResponseMessage approved = await Admin.PostAsync($"user-codes/{Uri.EscapeDataString(userCode)}/approve", null, cancellationToken);
                approved.EnsureSuccessStatusCode();
                return userCode;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("No device authorization became pending.");
    }

    public async Task<JsonElement[]> RequestsAsync(CancellationToken cancellationToken)
    {
        using JsonDocument document = JsonDocument.Parse(await Admin.GetStringAsync("requests", cancellationToken));
        return [.. document.RootElement.GetProperty("requests").EnumerateArray().Select(request => request.Clone())];
    }

    public async Task<JsonElement[]> IssuedRoleCredentialsAsync(CancellationToken cancellationToken)
    {
        using JsonDocument document = JsonDocument.Parse(await Admin.GetStringAsync("role-credentials", cancellationToken));
        return [.. document.RootElement.GetProperty("issued").EnumerateArray().Select(item => item.Clone())];
    }

    public async Task PlanFaultAsync(object fault, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await Admin.PostAsJsonAsync("faults", fault, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        Admin.Dispose();
        _process.Dispose();
    }
}

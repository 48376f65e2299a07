namespace SsoOidc.LocalService;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

/// <summary>
/// <c>dotnet run --project samples/SsoOidc.LocalService -- --port 9000</c> (or the
/// <c>sso-local-service</c> tool): serves SSO OIDC, the SSO portal and the admin surface on
/// <c>127.0.0.1</c> until Ctrl+C or SIGTERM.
/// </summary>
internal static class Program
{
    private const string Usage =
        """
        Usage: sso-local-service [--port N] [--config FILE] [--account ID[:NAME]=ROLE[,ROLE...]]...
                                 [--auto-approve] [--deny-authorization] [--access-token-lifetime SECONDS]
                                 [--refresh-token-lifetime SECONDS] [--role-credentials-lifetime SECONDS] [--verbose]

        Serves AWS SSO OIDC (RegisterClient, StartDeviceAuthorization, CreateToken, CreateTokenWithIAM,
        /authorize, /verify), the SSO portal (GetRoleCredentials, ListAccounts, ListAccountRoles, Logout)
        and an admin surface under /_admin/ on 127.0.0.1, until Ctrl+C.

          --port N                          the port; 0 (default) picks a free one, printed at start
          --config FILE                     JSON: {"accounts": [{"accountId": "111122223333", "accountName": "...",
                                            "emailAddress": "...", "roles": ["ReadOnly"]}]}
          --account ID[:NAME]=ROLES         an account and its roles (repeatable; replaces the default
                                            111122223333 with ReadOnly and Admin)
          --auto-approve                    device codes start approved (no /verify step)
          --deny-authorization              /authorize declines (access_denied) instead of approving
          --access-token-lifetime SECONDS   default 3600
          --refresh-token-lifetime SECONDS  default 7776000 (90 days)
          --role-credentials-lifetime SECONDS  default 3600
          --verbose                         log each request (method, path, status; never bodies)
        """;

    private static async Task<int> Main(string[] args)
    {
        LocalSsoOidcServiceOptions options;
        try
        {
            options = ParseOptions(args, out bool help);
            if (help)
            {
                Console.WriteLine(Usage);
                return 0;
            }
        }
        catch (Exception bad) when (bad is FormatException or IOException or JsonException or ArgumentException)
        {
            Console.Error.WriteLine("sso-local-service: " + bad.Message);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        await using LocalSsoOidcService service = await LocalSsoOidcService.StartAsync(options, stop.Token);
        Console.WriteLine($"SSO OIDC and SSO portal listening on {service.BaseAddress}");
        Console.WriteLine($"Admin surface: {service.BaseAddress}_admin/ (user-codes, requests, faults, role-credentials)");
        foreach (PortalAccount account in options.Accounts)
        {
            Console.WriteLine($"Account {account.AccountId} ({account.AccountName}): roles {string.Join(", ", account.Roles)}");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        return 0;
    }

    internal static LocalSsoOidcServiceOptions ParseOptions(IReadOnlyList<string> args, out bool help)
    {
        help = false;
        int port = 0;
        var accounts = new List<PortalAccount>();
        bool autoApprove = false;
        bool denyAuthorization = false;
        bool verbose = false;
        TimeSpan accessTokenLifetime = TimeSpan.FromHours(1);
        TimeSpan refreshTokenLifetime = TimeSpan.FromDays(90);
        TimeSpan roleCredentialsLifetime = TimeSpan.FromHours(1);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    help = true;
                    break;
                case "--port":
                    port = int.TryParse(Value(args, ref i, arg), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed <= 65535
                        ? parsed
                        : throw new FormatException("--port takes a number from 0 to 65535.");
                    break;
                case "--account":
                    accounts.Add(PortalAccount.Parse(Value(args, ref i, arg)));
                    break;
                case "--config":
                    accounts.AddRange(ReadConfig(Value(args, ref i, arg)));
                    break;
                case "--auto-approve":
                    autoApprove = true;
                    break;
                case "--deny-authorization":
                    denyAuthorization = true;
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                case "--access-token-lifetime":
                    accessTokenLifetime = Seconds(Value(args, ref i, arg), arg);
                    break;
                case "--refresh-token-lifetime":
                    refreshTokenLifetime = Seconds(Value(args, ref i, arg), arg);
                    break;
                case "--role-credentials-lifetime":
                    roleCredentialsLifetime = Seconds(Value(args, ref i, arg), arg);
                    break;
                default:
                    throw new FormatException($"unknown argument '{arg}' (see --help).");
            }
        }

        return new LocalSsoOidcServiceOptions
        {
            Port = port,
            Accounts = accounts.Count > 0 ? accounts : [PortalAccount.Default],
            AutoApproveDeviceCodes = autoApprove,
            AutoApproveAuthorization = !denyAuthorization,
            AccessTokenLifetime = accessTokenLifetime,
            RefreshTokenLifetime = refreshTokenLifetime,
            RoleCredentialsLifetime = roleCredentialsLifetime,
            ConfigureLogging = verbose
                ? logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information)
                : null,
        };
    }

    private static IEnumerable<PortalAccount> ReadConfig(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        if (!document.RootElement.TryGetProperty("accounts", out JsonElement accounts) || accounts.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{path}' has no \"accounts\" array.");
        }

        var result = new List<PortalAccount>();
        foreach (JsonElement account in accounts.EnumerateArray())
        {
            string id = account.GetProperty("accountId").GetString() ?? throw new FormatException("accountId must be a string.");
            string name = account.TryGetProperty("accountName", out JsonElement n) ? n.GetString() ?? id : id;
            string email = account.TryGetProperty("emailAddress", out JsonElement e) ? e.GetString() ?? $"{id}@example.com" : $"{id}@example.com";
            var roles = new List<string>();
            foreach (JsonElement role in account.GetProperty("roles").EnumerateArray())
            {
                roles.Add(role.GetString() ?? throw new FormatException("roles must be strings."));
            }

            result.Add(PortalAccount.Parse($"{id}:{name}={string.Join(',', roles)}") with { EmailAddress = email });
        }

        return result;
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string name) =>
        i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value.");

    private static TimeSpan Seconds(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"{name} takes a positive number of seconds.");
}

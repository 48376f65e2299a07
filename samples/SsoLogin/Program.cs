namespace SsoLogin;

using System;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// <c>sso-login --start-url URL --region REGION [--use-device-code] [--endpoint URL] [--no-browser]</c>:
/// signs in to IAM Identity Center with the generated SSO OIDC client and caches the token where the
/// AWS CLI and SDKs look for it. Without <c>--start-url</c> it runs the whole flow against a local
/// service it starts itself.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        var environment = new SsoLogin.Flow.LoginEnvironment { InteractiveOutput = !Console.IsOutputRedirected };
        return await SsoLoginCommand.RunAsync(args, Console.Out, Console.Error, environment, interrupt.Token);
    }
}

namespace SsoLogin;

using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SsoLogin.Browsers;
using SsoLogin.Caching;
using SsoLogin.Demo;
using SsoLogin.Flow;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.SsoOidc;

/// <summary>
/// <c>sso-login</c>: parses the command line, runs the login (or the local demo), and turns every
/// failure into one line on the error writer and a non-zero exit code.
/// </summary>
public static class SsoLoginCommand
{
    /// <summary>Success.</summary>
    public const int ExitSuccess = 0;

    /// <summary>The login failed (denied, expired, service error, unreachable service).</summary>
    public const int ExitLoginFailed = 1;

    /// <summary>The command line is wrong.</summary>
    public const int ExitUsage = 2;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int ExitCanceled = 130;

    /// <summary>Runs <c>sso-login</c>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Progress and results.</param>
    /// <param name="error">One line per failure.</param>
    /// <param name="environment">Cache directory, clock and browser; null for the user's (<c>~/.aws/sso/cache</c>, system clock, system browser).</param>
    /// <param name="cancellationToken">Cancels the login.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, LoginEnvironment? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        LoginArguments arguments;
        try
        {
            arguments = LoginArguments.Parse(args);
        }
        catch (FormatException usage)
        {
            error.WriteLine("sso-login: " + usage.Message);
            return ExitUsage;
        }

        if (arguments.ShowHelp)
        {
            output.WriteLine(LoginArguments.Usage);
            return ExitSuccess;
        }

        environment = new LoginEnvironment
        {
            CacheDirectory = environment?.CacheDirectory ?? CacheFile.DefaultDirectory(),
            Output = output,
            Time = environment?.Time ?? TimeProvider.System,
            Browser = environment?.Browser ?? new SystemBrowser(),
        };
        string region = arguments.Region ?? "us-east-1";
        Uri? endpoint = arguments.Endpoint;
        try
        {
            if (arguments.IsDemo)
            {
                await LocalDemo.RunAsync(arguments.Method, region, environment, cancellationToken).ConfigureAwait(false);
                return ExitSuccess;
            }

            using var client = new SsoOidcClient(new AwsClientOptions
            {
                Region = region,
                ServiceUrl = arguments.Endpoint,
                TimeProvider = environment.Time,
                AttemptTimeout = TimeSpan.FromSeconds(30),
                UserAgentSuffix = "sso-login",
            });
            endpoint = client.Endpoint;
            var settings = new LoginSettings
            {
                StartUrl = arguments.StartUrl!,
                Region = region,
                Method = arguments.Method,
                OpenBrowser = arguments.OpenBrowser,
            };
            await new LoginFlow(client, endpoint, settings, environment).RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitSuccess;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("sso-login: canceled; the token cache was left as it was.");
            return ExitCanceled;
        }
        catch (Exception failure) when (Describe(failure, endpoint) is { } message)
        {
            error.WriteLine("sso-login: error: " + OneLine(message));
            return ExitLoginFailed;
        }
    }

    /// <summary>The one-line explanation of a failure, or null for a bug that should crash loudly.</summary>
    public static string? Describe(Exception failure, Uri? endpoint) => failure switch
    {
        LoginFailedException login => login.Message,
        AwsUnmarshallingException unreadable => $"the SSO OIDC service's answer could not be read: {unreadable.Message}",
        AwsServiceException service => $"the SSO OIDC service answered {(service.ErrorCode.Length > 0 ? service.ErrorCode : "an error")} (HTTP {(int)service.StatusCode}): {service.Message}",
        AwsTransportException transport => $"could not reach the SSO OIDC service{(endpoint is null ? string.Empty : " at " + endpoint)} ({transport.Attempts} attempts): {transport.InnerException?.Message ?? transport.Message}",
        AwsTimeoutException timeout => $"the SSO OIDC service did not answer in time: {timeout.Message}",
        IOException or UnauthorizedAccessException => $"could not write the token cache: {failure.Message}",
        _ => null,
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

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
using SsoOidcCodegen.Runtime.Auth;
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
            GetEnvironmentVariable = environment?.GetEnvironmentVariable ?? Environment.GetEnvironmentVariable,
            InteractiveOutput = environment?.InteractiveOutput ?? false,
        };
        string region = arguments.Region ?? "us-east-1";
        Uri? endpoint = arguments.Endpoint;
        try
        {
            if (arguments.IsLogout)
            {
                await LogoutCommand.RunAsync(environment, arguments.Endpoint, cancellationToken).ConfigureAwait(false);
                return ExitSuccess;
            }

            LoginSettings? settings;
            try
            {
                settings = ResolveSettings(arguments, environment.GetEnvironmentVariable);
            }
            catch (SsoConfigurationException configuration)
            {
                error.WriteLine("sso-login: " + OneLine(configuration.Message));
                return ExitUsage;
            }

            if (settings is null)
            {
                await LocalDemo.RunAsync(arguments.Method, region, environment, cancellationToken).ConfigureAwait(false);
                return ExitSuccess;
            }

            using var client = new SsoOidcClient(new AwsClientOptions
            {
                Region = settings.Region,
                ServiceUrl = arguments.Endpoint ?? LogoutCommand.EndpointFromEnvironment(environment.GetEnvironmentVariable, "AWS_ENDPOINT_URL_SSO_OIDC"),
                TimeProvider = environment.Time,
                AttemptTimeout = TimeSpan.FromSeconds(30),
                UserAgentSuffix = "sso-login",
            });
            endpoint = client.Endpoint;
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

    /// <summary>
    /// What to sign in to: the profile (<c>--profile</c>, else <c>AWS_PROFILE</c> when nothing else is
    /// named), the <c>--sso-session</c>, or the <c>--start-url</c>; null for the demo. Sessions use the
    /// authorization code flow unless <c>--use-device-code</c>; legacy profiles use the device code
    /// flow, as the AWS CLI does.
    /// </summary>
    /// <exception cref="SsoConfigurationException">The config file lacks the profile, the session or a setting.</exception>
    public static LoginSettings? ResolveSettings(LoginArguments arguments, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (arguments.StartUrl is { } startUrl)
        {
            return new LoginSettings
            {
                StartUrl = startUrl,
                Region = arguments.Region ?? "us-east-1",
                Method = arguments.Method,
                OpenBrowser = arguments.OpenBrowser,
            };
        }

        string? profile = arguments.Profile;
        if (profile is null && arguments.SsoSession is null && !arguments.IsExplicitDemo)
        {
            string? fromEnvironment = getEnvironmentVariable(SharedConfigFile.ProfileVariable);
            profile = string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment;
        }

        if (profile is null && arguments.SsoSession is null)
        {
            return null;
        }

        SharedConfigFile config;
        try
        {
            config = SharedConfigFile.LoadConfigFile(getEnvironmentVariable);
        }
        catch (Exception unreadable) when (unreadable is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new SsoConfigurationException($"The config file cannot be read: {unreadable.Message}", unreadable);
        }

        if (!config.Exists)
        {
            throw new SsoConfigurationException($"There is no config file at '{config.Path ?? "~/.aws/config"}'; run 'aws configure sso' or write the profile yourself (see sso-login's README).");
        }

        SsoProfileSettings sso = profile is not null
            ? SsoProfileSettings.FromProfile(config, profile)
            : SsoProfileSettings.FromSession(config, arguments.SsoSession!);
        return new LoginSettings
        {
            StartUrl = sso.StartUrl,
            Region = sso.Region,
            SessionName = sso.SessionName,
            RegistrationScopes = sso.RegistrationScopes,
            Method = sso.SessionName is not null && !arguments.DeviceCodeRequested ? LoginMethod.AuthorizationCode : LoginMethod.DeviceCode,
            OpenBrowser = arguments.OpenBrowser,
        };
    }

    /// <summary>The one-line explanation of a failure, or null for a bug that should crash loudly.</summary>
    public static string? Describe(Exception failure, Uri? endpoint) => failure switch
    {
        LoginFailedException login => login.Message,
        AwsUnmarshallingException unreadable => $"the SSO OIDC service's answer could not be read: {unreadable.Message}",
        AwsServiceException service => $"the SSO OIDC service answered {(service.ErrorCode.Length > 0 ? service.ErrorCode : "an error")} (HTTP {(int)service.StatusCode}): {service.Message}",
        AwsTransportException transport => $"could not reach the SSO OIDC service{(endpoint is null ? string.Empty : " at " + endpoint)} ({transport.Attempts} attempts): {transport.InnerException?.Message ?? transport.Message}",
        AwsTimeoutException timeout => $"the SSO OIDC service did not answer in time: {timeout.Message}",
        SsoConfigurationException configuration => configuration.Message,
        IOException or UnauthorizedAccessException => $"could not write the token cache: {failure.Message}",
        _ => null,
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

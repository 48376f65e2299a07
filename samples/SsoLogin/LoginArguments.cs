namespace SsoLogin;

using System;
using System.Collections.Generic;
using System.Linq;
using SsoLogin.Flow;

/// <summary>The command line of <c>sso-login</c>.</summary>
public sealed class LoginArguments
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        """
        Usage: sso-login [--profile NAME | --sso-session NAME] [--use-device-code] [--no-browser] [--endpoint URL]
               sso-login --start-url URL --region REGION [--use-device-code] [--no-browser] [--endpoint URL]
               sso-login logout [--endpoint URL]
               sso-login [--demo] [--use-device-code] [--region REGION]     (demo against a local service)

        Signs in to AWS IAM Identity Center and caches the access token in ~/.aws/sso/cache in the
        AWS CLI's format, as 'aws sso login' does, so the AWS CLI, the SDKs and SsoCredentialsProvider
        use it without a second sign-in.

          --profile NAME       a profile of ~/.aws/config (or AWS_CONFIG_FILE) with sso_session = NAME or
                               with sso_start_url and sso_region; AWS_PROFILE when no other option is given
          --sso-session NAME   an [sso-session NAME] section of the config file
          --start-url URL      the IAM Identity Center start URL (https://my-sso-portal.awsapps.com/start)
          --region REGION      the region of the IAM Identity Center instance (required with --start-url)
          --use-device-code    use the device code flow instead of the browser and a loopback redirect
                               (legacy profiles, like the AWS CLI, always use it)
          --endpoint URL       the SSO OIDC endpoint (logout: the SSO portal endpoint), instead of
                               AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL or the region's
          --no-browser         print the sign-in URL instead of opening a browser
          --demo               sign in to a local service started in-process (also the default when
                               nothing above is given and AWS_PROFILE is not set)
          -h, --help           show this text

          logout               sign out of every cached session (the SSO portal's Logout) and delete the
                               cached tokens, as 'aws sso logout' does

        Exit codes: 0 signed in (or still signed in), 1 the login failed, 2 the command line or the
        config is wrong, 130 interrupted.
        """;

    /// <summary>Whether this run is <c>sso-login logout</c>.</summary>
    public bool IsLogout { get; private init; }

    /// <summary>The profile named with <c>--profile</c>, or null.</summary>
    public string? Profile { get; private init; }

    /// <summary>The session named with <c>--sso-session</c>, or null.</summary>
    public string? SsoSession { get; private init; }

    /// <summary>Whether the demo was asked for by name (<c>--demo</c>), so <c>AWS_PROFILE</c> is not used.</summary>
    public bool IsExplicitDemo { get; private init; }

    /// <summary>Whether <c>--use-device-code</c> was given.</summary>
    public bool DeviceCodeRequested { get; private init; }

    /// <summary>The start URL, or null for the demo.</summary>
    public string? StartUrl { get; private init; }

    /// <summary>The region (us-east-1 in the demo when none is given).</summary>
    public string? Region { get; private init; }

    /// <summary>The flow to run.</summary>
    public LoginMethod Method { get; private init; } = LoginMethod.AuthorizationCode;

    /// <summary>An endpoint that replaces the region's.</summary>
    public Uri? Endpoint { get; private init; }

    /// <summary>Whether to open a browser.</summary>
    public bool OpenBrowser { get; private init; } = true;

    /// <summary>Whether the usage text was asked for.</summary>
    public bool ShowHelp { get; private init; }

    /// <summary>Whether this run is the local demo (no start URL, profile or session).</summary>
    public bool IsDemo => StartUrl is null && Profile is null && SsoSession is null && !IsLogout;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="FormatException">An argument is unknown, missing its value, or invalid; the message says which.</exception>
    public static LoginArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? startUrl = null;
        string? region = null;
        string? profile = null;
        string? ssoSession = null;
        bool logout = false;
        bool demo = false;
        string? endpoint = null;
        var method = LoginMethod.AuthorizationCode;
        bool openBrowser = true;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (i == 0 && arg == "logout")
            {
                logout = true;
                continue;
            }

            string? inlineValue = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            switch (arg)
            {
                case "-h" or "--help":
                    return new LoginArguments { ShowHelp = true };
                case "--demo":
                    demo = true;
                    break;
                case "--profile":
                    profile = Value(arg, inlineValue, args, ref i);
                    break;
                case "--sso-session":
                    ssoSession = Value(arg, inlineValue, args, ref i);
                    break;
                case "--start-url":
                    startUrl = Value(arg, inlineValue, args, ref i);
                    break;
                case "--region":
                    region = Value(arg, inlineValue, args, ref i);
                    break;
                case "--endpoint":
                    endpoint = Value(arg, inlineValue, args, ref i);
                    break;
                case "--use-device-code":
                    method = LoginMethod.DeviceCode;
                    break;
                case "--no-browser":
                    openBrowser = false;
                    break;
                default:
                    throw new FormatException($"unknown argument '{args[i]}' (see --help).");
            }
        }

        if (new[] { profile, ssoSession, startUrl }.Count(value => value is not null) > 1)
        {
            throw new FormatException("give only one of --profile, --sso-session and --start-url.");
        }

        if (demo && (profile ?? ssoSession ?? startUrl) is not null)
        {
            throw new FormatException("--demo signs in to a local service; it takes no --profile, --sso-session or --start-url.");
        }

        if (logout && (profile ?? ssoSession ?? startUrl) is not null)
        {
            throw new FormatException("logout signs out of every cached session; it takes no --profile, --sso-session or --start-url.");
        }

        if (startUrl is not null && !IsHttpUrl(startUrl))
        {
            throw new FormatException($"--start-url must be an absolute https URL, not '{startUrl}'.");
        }

        if (startUrl is not null && string.IsNullOrWhiteSpace(region))
        {
            throw new FormatException("--region is required with --start-url (the region of your IAM Identity Center instance).");
        }

        if (region is not null && !IsRegionName(region))
        {
            throw new FormatException($"--region must be a region name such as us-east-1, not '{region}'.");
        }

        Uri? endpointUri = null;
        if (endpoint is not null)
        {
            if (startUrl is null && profile is null && ssoSession is null && !logout)
            {
                throw new FormatException("--endpoint needs --profile, --sso-session or --start-url (the demo starts its own local service).");
            }

            if (!IsHttpUrl(endpoint))
            {
                throw new FormatException($"--endpoint must be an absolute http or https URL, not '{endpoint}'.");
            }

            endpointUri = new Uri(endpoint);
        }

        return new LoginArguments
        {
            StartUrl = startUrl,
            Region = region,
            Profile = profile,
            SsoSession = ssoSession,
            IsLogout = logout,
            IsExplicitDemo = demo,
            DeviceCodeRequested = method == LoginMethod.DeviceCode,
            Method = method,
            Endpoint = endpointUri,
            OpenBrowser = openBrowser,
        };
    }

    private static string Value(string name, string? inlineValue, IReadOnlyList<string> args, ref int i)
    {
        if (inlineValue is not null)
        {
            return inlineValue.Length > 0 ? inlineValue : throw new FormatException($"{name} needs a value.");
        }

        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new FormatException($"{name} needs a value.");
        }

        return args[++i];
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsRegionName(string value)
    {
        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return value.Length > 0;
    }
}

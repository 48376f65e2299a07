namespace SsoLogin;

using System;
using System.Collections.Generic;
using SsoLogin.Flow;

/// <summary>The command line of <c>sso-login</c>.</summary>
public sealed class LoginArguments
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        """
        Usage: sso-login --start-url URL --region REGION [--use-device-code] [--endpoint URL] [--no-browser]
               sso-login [--use-device-code] [--region REGION]     (demo against a local service)

        Signs in to AWS IAM Identity Center and caches the access token in ~/.aws/sso/cache in the
        AWS CLI's format, as 'aws sso login' does.

          --start-url URL      the IAM Identity Center start URL (https://my-sso-portal.awsapps.com/start);
                               without it, sso-login signs in to a local service it starts itself (demo)
          --region REGION      the region of the IAM Identity Center instance (required with --start-url)
          --use-device-code    use the device code flow instead of the browser and a loopback redirect
          --endpoint URL       the SSO OIDC endpoint, instead of https://oidc.REGION.amazonaws.com
          --no-browser         print the sign-in URL instead of opening a browser
          -h, --help           show this text
        """;

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

    /// <summary>Whether this run is the local demo.</summary>
    public bool IsDemo => StartUrl is null;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="FormatException">An argument is unknown, missing its value, or invalid; the message says which.</exception>
    public static LoginArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? startUrl = null;
        string? region = null;
        string? endpoint = null;
        var method = LoginMethod.AuthorizationCode;
        bool openBrowser = true;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
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
            if (startUrl is null)
            {
                throw new FormatException("--endpoint needs --start-url (the demo starts its own local service).");
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

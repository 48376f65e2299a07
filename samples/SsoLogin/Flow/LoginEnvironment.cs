namespace SsoLogin.Flow;

using System;
using System.IO;
using SsoLogin.Browsers;
using SsoLogin.Caching;

/// <summary>Where a login reads and writes, and what it talks to: injectable for tests.</summary>
public sealed class LoginEnvironment
{
    /// <summary>The SSO cache directory (default <c>~/.aws/sso/cache</c>).</summary>
    public string CacheDirectory { get; init; } = CacheFile.DefaultDirectory();

    /// <summary>Where progress goes. Nothing secret is ever written here.</summary>
    public TextWriter Output { get; init; } = TextWriter.Null;

    /// <summary>The clock for expiries and the timer for polling.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The browser that shows sign-in pages (null: only print the URLs).</summary>
    public IBrowser? Browser { get; init; }

    /// <summary>Reads environment variables (<c>AWS_CONFIG_FILE</c>, <c>AWS_PROFILE</c>, <c>AWS_ENDPOINT_URL_SSO_OIDC</c>, <c>HOME</c>); injectable for tests.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Whether the output is a terminal: polling then shows one status line with the elapsed time, rewritten in place.</summary>
    public bool InteractiveOutput { get; init; }
}

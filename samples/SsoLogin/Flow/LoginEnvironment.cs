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
}

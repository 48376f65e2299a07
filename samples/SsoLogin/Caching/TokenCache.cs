namespace SsoLogin.Caching;

using System;
using System.Text.Json;
using SsoOidcCodegen.Runtime.Auth;

/// <summary>
/// The SSO token cache in the AWS CLI's format: <c>&lt;directory&gt;/&lt;sha1(key)&gt;.json</c>, where the
/// key is the <c>sso-session</c> name, or the start URL for a legacy profile (botocore's rule). The
/// file format is the runtime's <see cref="SsoTokenCache"/> (the members, order, layout and
/// <c>expiresAt</c> format the AWS CLI writes); files are replaced atomically and are readable by
/// their owner only.
/// </summary>
public sealed class TokenCache
{
    private readonly SsoTokenCache _files;

    /// <summary>Creates a cache over <paramref name="directory"/> (created on the first write).</summary>
    public TokenCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
        _files = new SsoTokenCache(directory);
    }

    /// <summary>The cache directory, usually <c>~/.aws/sso/cache</c>.</summary>
    public string Directory { get; }

    /// <summary>The file that holds the token of <paramref name="key"/> (a session name or a start URL).</summary>
    public string PathFor(string key) => _files.PathFor(key);

    /// <summary>
    /// The cached token of <paramref name="key"/>, or null when there is none or the file cannot be
    /// used (unreadable, not JSON, no access token or expiry): the caller signs in again.
    /// </summary>
    public CachedToken? Read(string key)
    {
        SsoToken? token = _files.Read(key);
        return token is null
            ? null
            : new CachedToken
            {
                StartUrl = token.StartUrl ?? key,
                Region = token.Region ?? string.Empty,
                AccessToken = token.AccessToken,
                ExpiresAt = token.ExpiresAt,
                ClientId = token.ClientId,
                ClientSecret = token.ClientSecret,
                RegistrationExpiresAt = token.RegistrationExpiresAt,
                RefreshToken = token.RefreshToken,
            };
    }

    /// <summary>Writes <paramref name="token"/> under <paramref name="key"/> (atomically, owner-only) and returns the file's path.</summary>
    public string Write(string key, CachedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        string path = PathFor(key);
        SsoTokenCache.WriteAtomically(path, Serialize(token));
        return path;
    }

    /// <summary>Writes <paramref name="token"/> under its start URL (a legacy profile's key).</summary>
    public string Write(CachedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Write(token.StartUrl, token);
    }

    /// <summary>The file's bytes: the AWS CLI's members, in its order and layout, unset ones left out.</summary>
    public static byte[] Serialize(CachedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SsoTokenCache.Serialize(new SsoToken
        {
            StartUrl = token.StartUrl,
            Region = token.Region,
            AccessToken = token.AccessToken,
            ExpiresAt = token.ExpiresAt,
            ClientId = token.ClientId,
            ClientSecret = token.ClientSecret,
            RegistrationExpiresAt = token.RegistrationExpiresAt,
            RefreshToken = token.RefreshToken,
        });
    }

    internal static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

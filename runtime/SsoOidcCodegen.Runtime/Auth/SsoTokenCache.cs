namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

/// <summary>
/// The SSO token cache the AWS CLI, botocore and the AWS SDKs share: <c>~/.aws/sso/cache/&lt;sha1(key)&gt;.json</c>,
/// where the key is the <c>sso-session</c> name, or the start URL for a legacy profile.
/// </summary>
/// <remarks>
/// Files are written as the AWS CLI writes them: Python's <c>json.dumps</c> layout (one line,
/// <c>", "</c> and <c>": "</c> separators, non-ASCII as <c>\uXXXX</c>), the members <c>startUrl</c>,
/// <c>region</c>, <c>accessToken</c>, <c>expiresAt</c>, <c>clientId</c>, <c>clientSecret</c>,
/// <c>registrationExpiresAt</c>, <c>refreshToken</c> in that order, times as <c>YYYY-MM-DDTHH:MM:SSZ</c>.
/// Unlike the CLI, which truncates and rewrites the file in place, the bytes go to a temporary file
/// that is renamed over the old one, so a reader (or a crash) never sees half a file; on Unix the
/// file is created <c>0600</c> in a <c>0700</c> directory.
/// </remarks>
public sealed class SsoTokenCache
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Creates a cache over <paramref name="directory"/>; null for <c>~/.aws/sso/cache</c>.</summary>
    /// <param name="directory">The cache directory.</param>
    public SsoTokenCache(string? directory = null)
    {
        Directory = string.IsNullOrEmpty(directory) ? DefaultDirectory() : directory;
    }

    /// <summary>The cache directory.</summary>
    public string Directory { get; }

    /// <summary>The default directory, <c>&lt;home&gt;/.aws/sso/cache</c>.</summary>
    /// <param name="home">The home directory; null for the user's.</param>
    public static string DefaultDirectory(string? home = null) =>
        Path.Combine(home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "sso", "cache");

    /// <summary>The file name for a cache key: lower-case hex SHA-1 of its UTF-8 bytes, plus <c>.json</c>.</summary>
    /// <param name="key">The session name, or the start URL of a legacy profile.</param>
    public static string FileName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
#pragma warning disable CA5350 // SHA-1 names the file as the AWS CLI does; it protects nothing.
        return Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant() + ".json";
#pragma warning restore CA5350
    }

    /// <summary>The path of the file that holds the token of <paramref name="key"/>.</summary>
    /// <param name="key">The session name, or the start URL of a legacy profile.</param>
    public string PathFor(string key) => Path.Combine(Directory, FileName(key));

    /// <summary>The cached token of <paramref name="key"/>, or null when there is none or it cannot be used (no <c>accessToken</c> or <c>expiresAt</c>).</summary>
    /// <param name="key">The session name, or the start URL of a legacy profile.</param>
    public SsoToken? Read(string key)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(PathFor(key));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return Parse(bytes);
    }

    /// <summary>Parses a token file; null when it is not a JSON object with <c>accessToken</c> and <c>expiresAt</c>.</summary>
    /// <param name="bytes">The file's bytes.</param>
    public static SsoToken? Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || String(root, "accessToken") is not { Length: > 0 } accessToken
                || !TryParseTimestamp(String(root, "expiresAt"), out DateTimeOffset expiresAt))
            {
                return null;
            }

            return new SsoToken
            {
                StartUrl = String(root, "startUrl"),
                Region = String(root, "region"),
                AccessToken = accessToken,
                ExpiresAt = expiresAt,
                ClientId = String(root, "clientId"),
                ClientSecret = String(root, "clientSecret"),
                RegistrationExpiresAt = TryParseTimestamp(String(root, "registrationExpiresAt"), out DateTimeOffset registrationExpiresAt) ? registrationExpiresAt : null,
                RefreshToken = String(root, "refreshToken"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the token of <paramref name="key"/> atomically and owner-only; returns the file's path.</summary>
    /// <param name="key">The session name, or the start URL of a legacy profile.</param>
    /// <param name="token">The token.</param>
    public string Write(string key, SsoToken token)
    {
        string path = PathFor(key);
        WriteAtomically(path, Serialize(token));
        return path;
    }

    /// <summary>Removes the cached token of <paramref name="key"/>; false when there was none.</summary>
    /// <param name="key">The session name, or the start URL of a legacy profile.</param>
    public bool Delete(string key)
    {
        string path = PathFor(key);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>The file's bytes, as the AWS CLI writes them (see the remarks of <see cref="SsoTokenCache"/>).</summary>
    /// <param name="token">The token.</param>
    public static byte[] Serialize(SsoToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var text = new StringBuilder(512).Append('{');
        bool first = true;
        Member(text, ref first, "startUrl", token.StartUrl);
        Member(text, ref first, "region", token.Region);
        Member(text, ref first, "accessToken", token.AccessToken);
        Member(text, ref first, "expiresAt", FormatTimestamp(token.ExpiresAt));
        Member(text, ref first, "clientId", token.ClientId);
        Member(text, ref first, "clientSecret", token.ClientSecret);
        Member(text, ref first, "registrationExpiresAt", token.RegistrationExpiresAt is { } registration ? FormatTimestamp(registration) : null);
        Member(text, ref first, "refreshToken", token.RefreshToken);
        return Encoding.ASCII.GetBytes(text.Append('}').ToString());
    }

    /// <summary>A time as the AWS CLI writes it: UTC, whole seconds, <c>Z</c>.</summary>
    /// <param name="value">The time.</param>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a time as the CLI and the SDKs write it: <c>2026-01-15T09:30:00Z</c>, with fractional
    /// seconds or an offset, or with the <c>UTC</c> suffix of older botocore refreshes.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The time.</param>
    public static bool TryParseTimestamp(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string normalized = text.Trim();
        if (normalized.EndsWith("UTC", StringComparison.Ordinal))
        {
            normalized = normalized[..^3] + "Z";
        }

        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/> so that a reader sees the old
    /// file or the new one, never a mix: a temporary file in the same directory (owner-only on Unix,
    /// flushed to disk) renamed over the target. On failure the temporary file is removed.
    /// </summary>
    /// <param name="path">The file to replace.</param>
    /// <param name="content">The new content.</param>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))
            ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        if (!System.IO.Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        string temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover temporary file is harmless; the target is untouched.
            }

            throw;
        }
    }

    private static void Member(StringBuilder text, ref bool first, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (!first)
        {
            text.Append(", ");
        }

        first = false;
        AppendPythonJsonString(text, name);
        text.Append(": ");
        AppendPythonJsonString(text, value);
    }

    // Python's json.dumps with ensure_ascii: the short escapes, other controls and all non-ASCII as \uXXXX (lower-case hex).
    private static void AppendPythonJsonString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

namespace SsoLogin.Caching;

using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

/// <summary>
/// The file conventions of the AWS CLI's SSO cache (<c>~/.aws/sso/cache</c>): names are the SHA-1
/// of a key, timestamps are UTC <c>YYYY-MM-DDTHH:MM:SSZ</c>, and files are replaced atomically and
/// readable by their owner only.
/// </summary>
public static class CacheFile
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>The cache directory under a home directory: <c>&lt;home&gt;/.aws/sso/cache</c>.</summary>
    public static string DefaultDirectory(string? home = null) =>
        Path.Combine(home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "sso", "cache");

    /// <summary>The file name for <paramref name="key"/>: lower-case hex SHA-1 of its UTF-8 bytes, plus <c>.json</c>.</summary>
    public static string FileName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
#pragma warning disable CA5350 // SHA-1 names the file as the AWS CLI does; it protects nothing.
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(key))) + ".json";
#pragma warning restore CA5350
    }

    /// <summary>Formats a time as the AWS CLI writes it: UTC, whole seconds, <c>Z</c> suffix.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a timestamp written by the AWS CLI or an SDK: <c>2026-01-15T09:30:00Z</c>, with
    /// fractional seconds or an offset, or with the <c>UTC</c> suffix some older tools wrote.
    /// </summary>
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

        return DateTimeOffset.TryParse(
            normalized,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/> so that a reader sees the
    /// old file or the new one, never a mix: the bytes go to a temporary file in the same
    /// directory (created owner-only on Unix, and flushed to disk), which is then renamed over the
    /// target. On failure the temporary file is removed and the old file is left as it was.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))
            ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        EnsureDirectory(directory);

        string temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Set at creation, so the secrets are never readable by others, not even for a moment.
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
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Creates the directory (owner-only on Unix, as the AWS CLI does) when it does not exist.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is harmless, the target is untouched.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

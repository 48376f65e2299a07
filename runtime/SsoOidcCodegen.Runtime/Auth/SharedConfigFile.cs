namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;

/// <summary>
/// One of the AWS shared files (<c>~/.aws/credentials</c> or <c>~/.aws/config</c>) read into
/// profiles of <c>key = value</c> settings, plus where those files and the profile name are found.
/// </summary>
/// <remarks>
/// The format is the INI dialect the AWS CLI and SDKs read: <c>[section]</c> lines, <c>key = value</c>
/// lines, whole-line comments starting with <c>#</c> or <c>;</c>, and inline comments only after
/// whitespace (a secret may contain neither, but a value such as <c>a#b</c> stays whole). Keys are
/// case-insensitive, profile names are not. Indented lines continue the previous setting (nested
/// settings such as <c>s3 =</c> blocks) and are kept as <c>parent.key</c>. A repeated profile merges
/// into the first, later keys winning. Error messages give the file and line number, never a line's text.
/// </remarks>
public sealed class SharedConfigFile
{
    /// <summary>Overrides the path of the credentials file.</summary>
    public const string CredentialsFileVariable = "AWS_SHARED_CREDENTIALS_FILE";

    /// <summary>Overrides the path of the config file.</summary>
    public const string ConfigFileVariable = "AWS_CONFIG_FILE";

    /// <summary>Names the profile to use when none is given explicitly.</summary>
    public const string ProfileVariable = "AWS_PROFILE";

    /// <summary>The profile used when neither an explicit name nor <c>AWS_PROFILE</c> gives one.</summary>
    public const string DefaultProfileName = "default";

    private readonly Dictionary<string, Dictionary<string, string>> _profiles;
    private readonly Dictionary<string, Dictionary<string, string>> _ssoSessions;

    private SharedConfigFile(SharedConfigFileKind kind, string? path, bool exists, Dictionary<string, Dictionary<string, string>> profiles, Dictionary<string, Dictionary<string, string>>? ssoSessions = null)
    {
        Kind = kind;
        Path = path;
        Exists = exists;
        _profiles = profiles;
        _ssoSessions = ssoSessions ?? new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
    }

    /// <summary>Which file this is.</summary>
    public SharedConfigFileKind Kind { get; }

    /// <summary>The file's path, or null when it was parsed from text or no path could be determined.</summary>
    public string? Path { get; }

    /// <summary>Whether the file existed when it was loaded (true for parsed text).</summary>
    public bool Exists { get; }

    /// <summary>The names of the profiles in the file.</summary>
    public IReadOnlyCollection<string> ProfileNames => _profiles.Keys;

    /// <summary>Parses the text of a shared file.</summary>
    /// <param name="content">The file's text.</param>
    /// <param name="kind">Which file it is; decides how profile sections are named.</param>
    /// <param name="path">The path to name in error messages, if any.</param>
    /// <exception cref="FormatException">A line is neither a section, a setting, a comment nor blank.</exception>
    public static SharedConfigFile Parse(string content, SharedConfigFileKind kind, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var sessions = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        return new SharedConfigFile(kind, path, exists: true, ParseProfiles(content, kind, path, sessions), sessions);
    }

    /// <summary>Reads a shared file; a file that does not exist reads as empty (<see cref="Exists"/> is false).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="kind">Which file it is.</param>
    /// <exception cref="FormatException">The file is malformed.</exception>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    public static SharedConfigFile Load(string path, SharedConfigFileKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new SharedConfigFile(kind, path, exists: false, new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal));
        }

        var sessions = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        return new SharedConfigFile(kind, path, exists: true, ParseProfiles(text, kind, path, sessions), sessions);
    }

    /// <summary>Reads the config file: <c>AWS_CONFIG_FILE</c>, else <c>~/.aws/config</c>.</summary>
    /// <param name="getEnvironmentVariable">Reads environment variables; null for the process environment.</param>
    public static SharedConfigFile LoadConfigFile(Func<string, string?>? getEnvironmentVariable = null) =>
        LoadOrEmpty(ResolveConfigFilePath(getEnvironmentVariable), SharedConfigFileKind.Config);

    /// <summary>Reads the credentials file: <c>AWS_SHARED_CREDENTIALS_FILE</c>, else <c>~/.aws/credentials</c>.</summary>
    /// <param name="getEnvironmentVariable">Reads environment variables; null for the process environment.</param>
    public static SharedConfigFile LoadCredentialsFile(Func<string, string?>? getEnvironmentVariable = null) =>
        LoadOrEmpty(ResolveCredentialsFilePath(getEnvironmentVariable), SharedConfigFileKind.Credentials);

    /// <summary>The config file's path: <c>AWS_CONFIG_FILE</c>, else <c>~/.aws/config</c>; null when no home directory is known.</summary>
    /// <param name="getEnvironmentVariable">Reads environment variables; null for the process environment.</param>
    public static string? ResolveConfigFilePath(Func<string, string?>? getEnvironmentVariable = null) =>
        ResolvePath(getEnvironmentVariable ?? Environment.GetEnvironmentVariable, ConfigFileVariable, "config");

    /// <summary>The credentials file's path: <c>AWS_SHARED_CREDENTIALS_FILE</c>, else <c>~/.aws/credentials</c>; null when no home directory is known.</summary>
    /// <param name="getEnvironmentVariable">Reads environment variables; null for the process environment.</param>
    public static string? ResolveCredentialsFilePath(Func<string, string?>? getEnvironmentVariable = null) =>
        ResolvePath(getEnvironmentVariable ?? Environment.GetEnvironmentVariable, CredentialsFileVariable, "credentials");

    /// <summary>The profile to use: <paramref name="profileName"/>, else <c>AWS_PROFILE</c>, else <c>default</c>.</summary>
    /// <param name="profileName">An explicitly chosen profile, or null.</param>
    /// <param name="getEnvironmentVariable">Reads environment variables; null for the process environment.</param>
    public static string ResolveProfileName(string? profileName, Func<string, string?>? getEnvironmentVariable = null)
    {
        if (!string.IsNullOrEmpty(profileName))
        {
            return profileName;
        }

        string? fromEnvironment = (getEnvironmentVariable ?? Environment.GetEnvironmentVariable)(ProfileVariable);
        return string.IsNullOrEmpty(fromEnvironment) ? DefaultProfileName : fromEnvironment;
    }

    /// <summary>Whether the file has the profile.</summary>
    /// <param name="profileName">The profile's name (without the config file's <c>profile </c> prefix).</param>
    public bool ContainsProfile(string profileName) => _profiles.ContainsKey(profileName);

    /// <summary>A setting of a profile.</summary>
    /// <param name="profileName">The profile's name (without the config file's <c>profile </c> prefix).</param>
    /// <param name="key">The setting's key, matched case-insensitively; nested settings as <c>parent.key</c>.</param>
    /// <param name="value">The value, when the profile has the setting.</param>
    public bool TryGetValue(string profileName, string key, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(profileName);
        ArgumentNullException.ThrowIfNull(key);
        value = null;
        return _profiles.TryGetValue(profileName, out Dictionary<string, string>? settings)
            && settings.TryGetValue(key, out value);
    }

    /// <summary>The names of the <c>[sso-session NAME]</c> sections of the config file.</summary>
    public IReadOnlyCollection<string> SsoSessionNames => _ssoSessions.Keys;

    /// <summary>Whether the config file has an <c>[sso-session NAME]</c> section.</summary>
    /// <param name="sessionName">The session's name.</param>
    public bool ContainsSsoSession(string sessionName) => _ssoSessions.ContainsKey(sessionName);

    /// <summary>A setting of an <c>[sso-session NAME]</c> section (<c>sso_start_url</c>, <c>sso_region</c>, <c>sso_registration_scopes</c>).</summary>
    /// <param name="sessionName">The session's name.</param>
    /// <param name="key">The setting's key, matched case-insensitively.</param>
    /// <param name="value">The value, when the section has the setting.</param>
    public bool TryGetSsoSessionValue(string sessionName, string key, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(sessionName);
        ArgumentNullException.ThrowIfNull(key);
        value = null;
        return _ssoSessions.TryGetValue(sessionName, out Dictionary<string, string>? settings)
            && settings.TryGetValue(key, out value);
    }

    /// <summary>The <c>region</c> setting of a profile, when it has a non-empty one.</summary>
    /// <param name="profileName">The profile's name.</param>
    /// <param name="region">The region, for example <c>us-east-1</c>.</param>
    public bool TryGetRegion(string profileName, [NotNullWhen(true)] out string? region)
    {
        if (TryGetValue(profileName, "region", out region) && region.Length > 0)
        {
            return true;
        }

        region = null;
        return false;
    }

    /// <summary>The file's path for messages.</summary>
    public override string ToString() => $"{Kind} file '{Path ?? "(text)"}'";

    private static SharedConfigFile LoadOrEmpty(string? path, SharedConfigFileKind kind) =>
        path is null
            ? new SharedConfigFile(kind, null, exists: false, new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal))
            : Load(path, kind);

    private static string? ResolvePath(Func<string, string?> getEnvironmentVariable, string variable, string fileName)
    {
        string? overridden = getEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(overridden))
        {
            return ExpandHome(overridden, getEnvironmentVariable);
        }

        string? home = GetHomeDirectory(getEnvironmentVariable);
        return home is null ? null : System.IO.Path.Combine(home, ".aws", fileName);
    }

    private static string? ExpandHome(string path, Func<string, string?> getEnvironmentVariable)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
        {
            string? home = GetHomeDirectory(getEnvironmentVariable);
            return home is null ? null : System.IO.Path.Join(home, path.AsSpan(1).TrimStart("/\\"));
        }

        return path;
    }

    // The order the AWS SDKs document for "~": HOME, then USERPROFILE, then HOMEDRIVE + HOMEPATH.
    private static string? GetHomeDirectory(Func<string, string?> getEnvironmentVariable)
    {
        string? home = getEnvironmentVariable("HOME");
        if (!string.IsNullOrEmpty(home))
        {
            return home;
        }

        home = getEnvironmentVariable("USERPROFILE");
        if (!string.IsNullOrEmpty(home))
        {
            return home;
        }

        string? drive = getEnvironmentVariable("HOMEDRIVE");
        string? homePath = getEnvironmentVariable("HOMEPATH");
        return string.IsNullOrEmpty(drive) || string.IsNullOrEmpty(homePath) ? null : drive + homePath;
    }

    private static Dictionary<string, Dictionary<string, string>> ParseProfiles(string content, SharedConfigFileKind kind, string? path, Dictionary<string, Dictionary<string, string>> ssoSessions)
    {
        var profiles = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null; // null: before any section, or inside a section that is not a profile
        bool inSection = false;
        string? lastKey = null;
        int lineNumber = 0;

        foreach (ReadOnlySpan<char> rawLine in content.AsSpan().EnumerateLines())
        {
            lineNumber++;
            ReadOnlySpan<char> line = rawLine.TrimEnd();
            ReadOnlySpan<char> trimmed = line.TrimStart();
            if (trimmed.IsEmpty || trimmed[0] is '#' or ';')
            {
                continue;
            }

            if (trimmed[0] == '[')
            {
                int close = trimmed.IndexOf(']');
                if (close < 0 || !IsBlankOrComment(trimmed[(close + 1)..]))
                {
                    throw Malformed(path, lineNumber, "a section line must be '[name]', optionally followed by a comment");
                }

                inSection = true;
                lastKey = null;
                string? profileName = ProfileNameOf(trimmed[1..close].Trim(), kind);
                if (SsoSessionNameOf(trimmed[1..close].Trim(), kind) is { } sessionName)
                {
                    if (!ssoSessions.TryGetValue(sessionName, out current))
                    {
                        current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        ssoSessions.Add(sessionName, current);
                    }
                }
                else if (profileName is null)
                {
                    current = null;
                }
                else if (!profiles.TryGetValue(profileName, out current))
                {
                    current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    profiles.Add(profileName, current);
                }

                continue;
            }

            if (!inSection)
            {
                throw Malformed(path, lineNumber, "a setting appears before any '[section]'");
            }

            bool continuation = line.Length > 0 && char.IsWhiteSpace(line[0]);
            int equals = trimmed.IndexOf('=');
            if (continuation && lastKey is not null)
            {
                // A nested setting under "parent =": kept as "parent.key"; other continuation text is ignored.
                if (equals > 0 && current is not null)
                {
                    string nestedKey = string.Concat(lastKey, ".", trimmed[..equals].Trim());
                    current[nestedKey] = StripInlineComment(trimmed[(equals + 1)..]).Trim().ToString();
                }

                continue;
            }

            if (equals <= 0)
            {
                throw Malformed(path, lineNumber, "expected 'key = value'");
            }

            ReadOnlySpan<char> key = trimmed[..equals].Trim();
            if (key.IsEmpty)
            {
                throw Malformed(path, lineNumber, "a setting has an empty key");
            }

            lastKey = key.ToString();
            if (current is not null)
            {
                current[lastKey] = StripInlineComment(trimmed[(equals + 1)..]).Trim().ToString();
            }
        }

        return profiles;
    }

    private static string? ProfileNameOf(ReadOnlySpan<char> section, SharedConfigFileKind kind)
    {
        if (section.IsEmpty)
        {
            return null;
        }

        if (kind == SharedConfigFileKind.Credentials)
        {
            return section.ToString();
        }

        if (section.SequenceEqual(DefaultProfileName))
        {
            return DefaultProfileName;
        }

        // "[profile name]": the prefix may be followed by spaces or tabs.
        const string Prefix = "profile";
        if (section.StartsWith(Prefix, StringComparison.Ordinal) && section.Length > Prefix.Length && section[Prefix.Length] is ' ' or '\t')
        {
            ReadOnlySpan<char> name = section[Prefix.Length..].Trim();
            return name.IsEmpty ? null : name.ToString();
        }

        return null;
    }

    // "[sso-session name]" sections exist in the config file only (AWS CLI v2.9 and later).
    private static string? SsoSessionNameOf(ReadOnlySpan<char> section, SharedConfigFileKind kind)
    {
        const string Prefix = "sso-session";
        if (kind != SharedConfigFileKind.Config || !section.StartsWith(Prefix, StringComparison.Ordinal)
            || section.Length <= Prefix.Length || section[Prefix.Length] is not (' ' or '\t'))
        {
            return null;
        }

        ReadOnlySpan<char> name = section[Prefix.Length..].Trim();
        return name.IsEmpty ? null : name.ToString();
    }

    // An inline comment starts at '#' or ';' preceded by whitespace.
    private static ReadOnlySpan<char> StripInlineComment(ReadOnlySpan<char> value)
    {
        for (int i = 1; i < value.Length; i++)
        {
            if (value[i] is '#' or ';' && char.IsWhiteSpace(value[i - 1]))
            {
                return value[..i];
            }
        }

        return value;
    }

    private static bool IsBlankOrComment(ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart();
        return rest.IsEmpty || rest[0] is '#' or ';';
    }

    private static FormatException Malformed(string? path, int lineNumber, string problem) =>
        new($"{(path is null ? "Shared config text" : $"'{path}'")} line {lineNumber}: {problem}.");
}

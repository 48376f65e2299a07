namespace SsoLogin.Caching;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

/// <summary>
/// Client registrations, cached as the AWS CLI caches them: one file per registration key,
/// <c>&lt;directory&gt;/&lt;sha1(key)&gt;.json</c> holding <c>clientId</c>, <c>clientSecret</c>,
/// <c>expiresAt</c>, <c>scopes</c>, <c>grantTypes</c> and <c>redirectUris</c>. The key names
/// everything that makes a registration usable (tool, start URL, region, scopes, grant types),
/// so a registration made for one flow or one portal is never used for another.
/// </summary>
public sealed class RegistrationCache
{
    /// <summary>Creates a cache over <paramref name="directory"/> (created on the first write).</summary>
    public RegistrationCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    /// <summary>The cache directory, usually <c>~/.aws/sso/cache</c>.</summary>
    public string Directory { get; }

    /// <summary>
    /// The registration key, as botocore and the AWS CLI build it: the JSON of <c>region</c>,
    /// <c>scopes</c> (the session's <c>sso_registration_scopes</c>, <c>null</c> when none are
    /// configured), <c>session_name</c> (<c>null</c> for a legacy profile), <c>startUrl</c> and
    /// <c>tool</c> (<c>"botocore"</c>), keys sorted, written as Python's <c>json.dumps(..., sort_keys=True)</c>
    /// writes them. So <c>aws sso login</c> and <c>sso-login</c> share one registration per session.
    /// </summary>
    public static string Key(string startUrl, string region, IReadOnlyList<string>? scopes, string? sessionName)
    {
        ArgumentNullException.ThrowIfNull(startUrl);
        ArgumentNullException.ThrowIfNull(region);
        return "{\"region\": " + Quote(region)
            + ", \"scopes\": " + (scopes is null ? "null" : "[" + string.Join(", ", scopes.Select(Quote)) + "]")
            + ", \"session_name\": " + (sessionName is null ? "null" : Quote(sessionName))
            + ", \"startUrl\": " + Quote(startUrl)
            + ", \"tool\": \"botocore\"}";
    }

    /// <summary>Whether a cached registration can run a flow that needs <paramref name="grantTypes"/>.</summary>
    public static bool Allows(CachedRegistration registration, IReadOnlyList<string> grantTypes)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(grantTypes);

        // A registration without grant types is the service's default: device code and refresh token.
        IReadOnlyList<string> registered = registration.GrantTypes.Count > 0
            ? registration.GrantTypes
            : ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"];
        return grantTypes.All(grant => registered.Contains(grant, StringComparer.Ordinal));
    }

    /// <summary>The file that holds the registration of <paramref name="key"/>.</summary>
    public string PathFor(string key) => Path.Combine(Directory, CacheFile.FileName(key));

    /// <summary>The cached registration of <paramref name="key"/>, or null when there is none or it cannot be read.</summary>
    public CachedRegistration? Read(string key)
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

        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || TokenCache.String(root, "clientId") is not { Length: > 0 } clientId
                || TokenCache.String(root, "clientSecret") is not { Length: > 0 } clientSecret
                || !CacheFile.TryParseTimestamp(TokenCache.String(root, "expiresAt"), out DateTimeOffset expiresAt))
            {
                return null;
            }

            return new CachedRegistration
            {
                ClientId = clientId,
                ClientSecret = clientSecret,
                ExpiresAt = expiresAt,
                Scopes = Strings(root, "scopes"),
                GrantTypes = Strings(root, "grantTypes"),
                RedirectUris = Strings(root, "redirectUris"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the registration of <paramref name="key"/> (atomically, owner-only) and returns the file's path.</summary>
    public string Write(string key, CachedRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("clientId", registration.ClientId);
            writer.WriteString("clientSecret", registration.ClientSecret);
            writer.WriteString("expiresAt", CacheFile.FormatTimestamp(registration.ExpiresAt));
            WriteList(writer, "scopes", registration.Scopes);
            WriteList(writer, "grantTypes", registration.GrantTypes);
            WriteList(writer, "redirectUris", registration.RedirectUris);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        string path = PathFor(key);
        CacheFile.WriteAtomically(path, buffer.ToArray());
        return path;
    }

    /// <summary>Removes the registration of <paramref name="key"/> (for one the service no longer accepts).</summary>
    public void Delete(string key)
    {
        try
        {
            File.Delete(PathFor(key));
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing cached, nothing to remove.
        }
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string[] Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)]
            : [];

    // Python's json.dumps escaping (ASCII only), so the key and its SHA-1 match botocore's.
    private static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' or > '~' => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}

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
    /// The registration key: the arguments as a JSON object with sorted keys, written the way
    /// botocore's <c>json.dumps(..., sort_keys=True)</c> writes them (<c>", "</c> and <c>": "</c>).
    /// </summary>
    public static string Key(string startUrl, string region, IReadOnlyList<string> scopes, IReadOnlyList<string> grantTypes, string tool = "sso-login")
    {
        var members = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["grantTypes"] = List(grantTypes),
            ["region"] = Quote(region),
            ["scopes"] = List(scopes),
            ["startUrl"] = Quote(startUrl),
            ["tool"] = Quote(tool),
        };
        return "{" + string.Join(", ", members.Select(member => Quote(member.Key) + ": " + member.Value)) + "}";

        static string List(IReadOnlyList<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";
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

    // Any stable escaping will do: the key only has to come out the same on every run.
    private static string Quote(string value) => JsonSerializer.Serialize(value);
}

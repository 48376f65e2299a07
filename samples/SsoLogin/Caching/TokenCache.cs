namespace SsoLogin.Caching;

using System;
using System.IO;
using System.Text.Json;

/// <summary>
/// The SSO token cache in the AWS CLI's format: <c>&lt;directory&gt;/&lt;sha1(startUrl)&gt;.json</c>
/// holding <c>startUrl</c>, <c>region</c>, <c>accessToken</c>, <c>expiresAt</c>, <c>clientId</c>,
/// <c>clientSecret</c>, <c>registrationExpiresAt</c> and <c>refreshToken</c>. Files are replaced
/// atomically and are readable by their owner only.
/// </summary>
public sealed class TokenCache
{
    /// <summary>Creates a cache over <paramref name="directory"/> (created on the first write).</summary>
    public TokenCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    /// <summary>The cache directory, usually <c>~/.aws/sso/cache</c>.</summary>
    public string Directory { get; }

    /// <summary>The file that holds the token of <paramref name="startUrl"/>.</summary>
    public string PathFor(string startUrl) => Path.Combine(Directory, CacheFile.FileName(startUrl));

    /// <summary>
    /// The cached token of <paramref name="startUrl"/>, or null when there is none or the file
    /// cannot be used (unreadable, not JSON, no access token or expiry): the caller signs in again.
    /// </summary>
    public CachedToken? Read(string startUrl)
    {
        string path = PathFor(startUrl);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
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
                || String(root, "accessToken") is not { Length: > 0 } accessToken
                || !CacheFile.TryParseTimestamp(String(root, "expiresAt"), out DateTimeOffset expiresAt))
            {
                return null;
            }

            return new CachedToken
            {
                StartUrl = String(root, "startUrl") ?? startUrl,
                Region = String(root, "region") ?? string.Empty,
                AccessToken = accessToken,
                ExpiresAt = expiresAt,
                ClientId = String(root, "clientId"),
                ClientSecret = String(root, "clientSecret"),
                RegistrationExpiresAt = CacheFile.TryParseTimestamp(String(root, "registrationExpiresAt"), out DateTimeOffset registrationExpiresAt)
                    ? registrationExpiresAt
                    : null,
                RefreshToken = String(root, "refreshToken"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="token"/> (atomically, owner-only) and returns the file's path.</summary>
    public string Write(CachedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        string path = PathFor(token.StartUrl);
        CacheFile.WriteAtomically(path, Serialize(token));
        return path;
    }

    /// <summary>The file's bytes: the AWS CLI's members, in its order, unset ones left out.</summary>
    public static byte[] Serialize(CachedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("startUrl", token.StartUrl);
            writer.WriteString("region", token.Region);
            writer.WriteString("accessToken", token.AccessToken);
            writer.WriteString("expiresAt", CacheFile.FormatTimestamp(token.ExpiresAt));
            WriteIfSet(writer, "clientId", token.ClientId);
            WriteIfSet(writer, "clientSecret", token.ClientSecret);
            if (token.RegistrationExpiresAt is { } registrationExpiresAt)
            {
                writer.WriteString("registrationExpiresAt", CacheFile.FormatTimestamp(registrationExpiresAt));
            }

            WriteIfSet(writer, "refreshToken", token.RefreshToken);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    internal static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    internal static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

namespace SsoOidcCodegen.Tests.EndToEnd;

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SsoLogin.Caching;
using SsoOidcCodegen.Tests.Auth;
using Xunit;

/// <summary>The token and registration caches: the AWS CLI's file names and members, atomic owner-only writes.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class TokenCacheTests
{
    private const string StartUrl = "https://my-sso-portal.awsapps.com/start";

    private static CachedToken Token(string accessToken = "access-token-1", string? refreshToken = "refresh-token-1") => new()
    {
        StartUrl = StartUrl,
        Region = "eu-west-1",
        AccessToken = accessToken,
        ExpiresAt = new DateTimeOffset(2026, 1, 15, 10, 30, 0, 456, TimeSpan.Zero),
        ClientId = "client-id-1",
        ClientSecret = "client-secret-1",
        RegistrationExpiresAt = new DateTimeOffset(2026, 4, 15, 11, 30, 0, TimeSpan.FromHours(2)),
        RefreshToken = refreshToken,
    };

    [Fact]
    public void The_token_file_is_named_by_the_sha1_of_the_start_url_as_the_AWS_CLI_names_it()
    {
        using var directory = new TemporaryDirectory();

        string path = new TokenCache(directory.Path).Write(Token());

        // hashlib.sha1(b"https://my-sso-portal.awsapps.com/start").hexdigest()
        Assert.Equal(Path.Combine(directory.Path, "c7aaaf71fcc8777ae2475525ed049d39fe16c484.json"), path);
    }

    [Fact]
    public void The_token_file_holds_the_AWS_CLI_members_with_UTC_second_timestamps()
    {
        using var directory = new TemporaryDirectory();

        string path = new TokenCache(directory.Path).Write(Token());

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal(
            ["startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken"],
            document.RootElement.EnumerateObject().Select(member => member.Name));
        Assert.Equal("2026-01-15T10:30:00Z", document.RootElement.GetProperty("expiresAt").GetString());
        Assert.Equal("2026-04-15T09:30:00Z", document.RootElement.GetProperty("registrationExpiresAt").GetString());
        Assert.Equal("eu-west-1", document.RootElement.GetProperty("region").GetString());
    }

    [Fact]
    public void A_token_without_refresh_token_or_registration_leaves_those_members_out()
    {
        using var directory = new TemporaryDirectory();
        var token = new CachedToken { StartUrl = StartUrl, Region = "us-east-1", AccessToken = "a", ExpiresAt = DateTimeOffset.UnixEpoch };

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(new TokenCache(directory.Path).Write(token)));

        Assert.Equal(["startUrl", "region", "accessToken", "expiresAt"], document.RootElement.EnumerateObject().Select(member => member.Name));
    }

    [Fact]
    public void Write_then_Read_gives_back_every_member()
    {
        using var directory = new TemporaryDirectory();
        var cache = new TokenCache(directory.Path);
        CachedToken written = Token();

        cache.Write(written);
        CachedToken read = Assert.IsType<CachedToken>(cache.Read(StartUrl));

        Assert.Equal(written.AccessToken, read.AccessToken);
        Assert.Equal(written.RefreshToken, read.RefreshToken);
        Assert.Equal(written.ClientId, read.ClientId);
        Assert.Equal(written.ClientSecret, read.ClientSecret);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 10, 30, 0, TimeSpan.Zero), read.ExpiresAt);
        Assert.Equal(new DateTimeOffset(2026, 4, 15, 9, 30, 0, TimeSpan.Zero), read.RegistrationExpiresAt);
    }

    [Theory]
    [InlineData("2026-01-15T10:30:00Z")]
    [InlineData("2026-01-15T10:30:00UTC")]
    [InlineData("2026-01-15T10:30:00.000Z")]
    [InlineData("2026-01-15T11:30:00+01:00")]
    public void Read_accepts_the_timestamp_forms_other_tools_write(string expiresAt)
    {
        using var directory = new TemporaryDirectory();
        var cache = new TokenCache(directory.Path);
        File.WriteAllText(cache.PathFor(StartUrl), $$"""{"startUrl":"{{StartUrl}}","region":"us-east-1","accessToken":"a","expiresAt":"{{expiresAt}}"}""");

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 10, 30, 0, TimeSpan.Zero), cache.Read(StartUrl)!.ExpiresAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"accessToken\":\"a\",\"expiresAt\":")]
    [InlineData("[]")]
    [InlineData("{\"expiresAt\":\"2026-01-15T10:30:00Z\"}")]
    [InlineData("{\"accessToken\":\"a\",\"expiresAt\":\"soon\"}")]
    public void An_unusable_cache_file_reads_as_no_token(string content)
    {
        using var directory = new TemporaryDirectory();
        var cache = new TokenCache(directory.Path);
        File.WriteAllText(cache.PathFor(StartUrl), content);

        Assert.Null(cache.Read(StartUrl));
    }

    [Fact]
    public void The_token_file_and_a_new_cache_directory_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes do not apply on Windows.");
            return;
        }

        using var home = new TemporaryDirectory();
        string directory = CacheFile.DefaultDirectory(home.Path);

        string path = new TokenCache(directory).Write(Token());
        new TokenCache(directory).Write(Token("access-token-2"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.Equal(Path.Combine(home.Path, ".aws", "sso", "cache"), directory);
    }

    [Fact]
    public void Replacing_the_file_leaves_no_temporary_file_behind()
    {
        using var directory = new TemporaryDirectory();
        var cache = new TokenCache(directory.Path);

        cache.Write(Token("access-token-1"));
        cache.Write(Token("access-token-2"));

        Assert.Equal([Path.GetFileName(cache.PathFor(StartUrl))], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
        Assert.Equal("access-token-2", cache.Read(StartUrl)!.AccessToken);
    }

    [Fact]
    public async Task A_reader_never_sees_a_half_written_file_while_it_is_replaced()
    {
        using var directory = new TemporaryDirectory();
        var cache = new TokenCache(directory.Path);
        CachedToken small = Token("small");
        CachedToken large = Token(new string('x', 256 * 1024), new string('y', 256 * 1024));
        cache.Write(small);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        int reads = 0;

        Task writer = Task.Run(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                cache.Write(i % 2 == 0 ? large : small);
            }
        }, TestContext.Current.CancellationToken);
        Task reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                byte[] bytes = File.ReadAllBytes(cache.PathFor(StartUrl));
                Assert.True(bytes.SequenceEqual(TokenCache.Serialize(small)) || bytes.SequenceEqual(TokenCache.Serialize(large)), $"Read a torn file of {bytes.Length} bytes.");
                reads++;
            }
        }, TestContext.Current.CancellationToken);
        await Task.WhenAll(writer, reader);

        Assert.True(reads > 10, $"Only {reads} reads happened.");
    }

    [Fact]
    public void A_write_that_cannot_replace_the_target_fails_and_leaves_no_temporary_file()
    {
        using var directory = new TemporaryDirectory();
        var cache = new TokenCache(directory.Path);
        Directory.CreateDirectory(cache.PathFor(StartUrl));

        Assert.ThrowsAny<IOException>(() => cache.Write(Token()));

        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void The_token_ToString_never_shows_a_secret()
    {
        string text = Token().ToString();

        Assert.DoesNotContain("access-token-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-token-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret-1", text, StringComparison.Ordinal);
        Assert.Contains(StartUrl, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registration_key_is_botocores_sorted_json_and_its_file_name_matches_the_AWS_CLIs()
    {
        string key = RegistrationCache.Key(StartUrl, "us-east-1", ["sso:account:access"], "my-sso");

        // Python: json.dumps({"tool": "botocore", "startUrl": ..., "region": ..., "scopes": [...], "session_name": "my-sso"}, sort_keys=True)
        Assert.Equal(
            "{\"region\": \"us-east-1\", \"scopes\": [\"sso:account:access\"], \"session_name\": \"my-sso\", "
            + "\"startUrl\": \"https://my-sso-portal.awsapps.com/start\", \"tool\": \"botocore\"}",
            key);

        // hashlib.sha1(that.encode()).hexdigest(), computed with Python.
        Assert.Equal("c5cfae6e3e4f067423a532368c8b514b6a4b0ace.json", CacheFile.FileName(key));
    }

    [Fact]
    public void A_legacy_registration_key_has_null_scopes_and_session_as_botocore_writes_them()
    {
        string key = RegistrationCache.Key(StartUrl, "us-east-1", null, null);

        Assert.Equal("0e093f10f65cee6c5c1898a8e240f5726875bf08.json", CacheFile.FileName(key));
        Assert.NotEqual(key, RegistrationCache.Key(StartUrl, "us-east-1", null, "my-sso"));
    }

    [Fact]
    public void A_session_token_file_is_named_by_the_sha1_of_the_session_name()
    {
        using var directory = new TemporaryDirectory();

        string path = new TokenCache(directory.Path).Write("my-sso", Token());

        // hashlib.sha1(b"my-sso").hexdigest()
        Assert.Equal(Path.Combine(directory.Path, "0ad374308c5a4e22f723adf10145eafad7c4031c.json"), path);
        Assert.Equal("access-token-1", new TokenCache(directory.Path).Read("my-sso")?.AccessToken);
    }

    [Fact]
    public void The_token_file_is_byte_for_byte_what_the_AWS_CLIs_json_dumps_writes()
    {
        using var directory = new TemporaryDirectory();

        string path = new TokenCache(directory.Path).Write(Token());

        // Python: json.dumps(token) of the same members, with the CLI's "%Y-%m-%dT%H:%M:%SZ" times.
        Assert.Equal(
            "{\"startUrl\": \"https://my-sso-portal.awsapps.com/start\", \"region\": \"eu-west-1\", \"accessToken\": \"access-token-1\", "
            + "\"expiresAt\": \"2026-01-15T10:30:00Z\", \"clientId\": \"client-id-1\", \"clientSecret\": \"client-secret-1\", "
            + "\"registrationExpiresAt\": \"2026-04-15T09:30:00Z\", \"refreshToken\": \"refresh-token-1\"}",
            File.ReadAllText(path));
    }

    [Fact]
    public void Registration_reuse_needs_the_grants_of_the_flow()
    {
        var deviceOnly = new CachedRegistration { ClientId = "c", ClientSecret = "s", ExpiresAt = DateTimeOffset.MaxValue };
        var authorizationCode = new CachedRegistration { ClientId = "c", ClientSecret = "s", ExpiresAt = DateTimeOffset.MaxValue, GrantTypes = ["authorization_code", "refresh_token"] };

        Assert.True(RegistrationCache.Allows(deviceOnly, ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"]));
        Assert.False(RegistrationCache.Allows(deviceOnly, ["authorization_code", "refresh_token"]));
        Assert.True(RegistrationCache.Allows(authorizationCode, ["authorization_code", "refresh_token"]));
        Assert.False(RegistrationCache.Allows(authorizationCode, ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"]));
    }

    [Fact]
    public void A_registration_round_trips_through_its_owner_only_file()
    {
        using var directory = new TemporaryDirectory();
        var cache = new RegistrationCache(directory.Path);
        string key = RegistrationCache.Key(StartUrl, "us-east-1", ["sso:account:access"], "my-sso");

        string path = cache.Write(key, new CachedRegistration
        {
            ClientId = "id",
            ClientSecret = "secret",
            ExpiresAt = new DateTimeOffset(2026, 4, 15, 9, 30, 0, TimeSpan.Zero),
            Scopes = ["sso:account:access"],
            GrantTypes = ["authorization_code", "refresh_token"],
            RedirectUris = ["http://127.0.0.1/oauth/callback"],
        });
        CachedRegistration read = Assert.IsType<CachedRegistration>(cache.Read(key));

        Assert.Equal(Path.Combine(directory.Path, CacheFile.FileName(key)), path);
        Assert.Equal(("id", "secret"), (read.ClientId, read.ClientSecret));
        Assert.Equal(["http://127.0.0.1/oauth/callback"], read.RedirectUris);
        Assert.Equal("2026-04-15T09:30:00Z", JsonDocument.Parse(File.ReadAllBytes(path)).RootElement.GetProperty("expiresAt").GetString());
        Assert.DoesNotContain("secret", read.ToString(), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }
}

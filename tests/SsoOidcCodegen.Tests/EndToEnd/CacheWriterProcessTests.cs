namespace SsoOidcCodegen.Tests.EndToEnd;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SsoLogin.Caching;
using SsoOidcCodegen.Tests.Auth;
using Xunit;

/// <summary>
/// The token cache under processes that die or race: writers (<c>SsoOidcCodegen.CacheWriter</c>, which
/// writes through sso-login's <see cref="TokenCache"/> in a loop) killed mid-write, and several writing
/// the same file at once, while this process reads it. Every read is one whole token or another.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CacheWriterProcessTests
{
    private const string Key = "my-sso";

    [Fact]
    public async Task A_writer_killed_mid_write_leaves_a_whole_token_file()
    {
        using var directory = new TemporaryDirectory();
        HashSet<string> whole = Variants(4000);

        for (int round = 0; round < 5; round++)
        {
            using ExternalProcess writer = await StartWriterAsync(directory.Path, 4000);
            await Task.Delay(50 + (round * 37), TestContext.Current.CancellationToken);
            writer.Kill();

            string text = File.ReadAllText(Path.Combine(directory.Path, CacheFile.FileName(Key)));
            Assert.True(whole.Contains(text), $"Round {round}: the file is torn ({text.Length} characters).");
            Assert.NotNull(new TokenCache(directory.Path).Read(Key));
        }
    }

    [Fact]
    public async Task Concurrent_writers_never_leave_a_torn_file_for_a_reader()
    {
        using var directory = new TemporaryDirectory();
        int[] sizes = [10, 3000, 60000];
        HashSet<string> whole = [.. sizes.SelectMany(Variants)];
        var writers = new List<ExternalProcess>();
        try
        {
            foreach (int size in sizes)
            {
                writers.Add(await StartWriterAsync(directory.Path, size));
            }

            string path = Path.Combine(directory.Path, CacheFile.FileName(Key));
            var seen = new HashSet<int>();
            int reads = 0;
            DateTime until = DateTime.UtcNow.AddSeconds(3);
            while (DateTime.UtcNow < until)
            {
                string text = File.ReadAllText(path);
                Assert.True(whole.Contains(text), $"Read {reads}: a torn file of {text.Length} characters.");
                seen.Add(text.Length);
                reads++;
            }

            Assert.True(reads > 10, $"Only {reads} reads in 3 s.");
        }
        finally
        {
            foreach (ExternalProcess writer in writers)
            {
                writer.Dispose();
            }
        }

        Assert.Contains(File.ReadAllText(Path.Combine(directory.Path, CacheFile.FileName(Key))), whole);
    }

    private static async Task<ExternalProcess> StartWriterAsync(string directory, int size)
    {
        ExternalProcess writer = ExternalProcess.Start("SsoOidcCodegen.CacheWriter.dll", [directory, Key, size.ToString(System.Globalization.CultureInfo.InvariantCulture)], new Dictionary<string, string>());
        if (await writer.WaitForLineAsync(line => line == "ready", TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken) is null)
        {
            string error = writer.Error;
            writer.Dispose();
            Assert.Fail("The cache writer did not start: " + error);
        }

        return writer;
    }

    // The two tokens a writer of this size alternates between, serialized independently of the writer.
    private static HashSet<string> Variants(int size) =>
    [
        .. new[] { 'a', 'b' }.Select(fill => System.Text.Encoding.ASCII.GetString(TokenCache.Serialize(new CachedToken
        {
            StartUrl = "https://my-sso-portal.awsapps.com/start",
            Region = "us-east-1",
            AccessToken = new string(fill, size),
            ExpiresAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ClientId = "client",
            ClientSecret = "secret",
            RegistrationExpiresAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
            RefreshToken = new string(fill, size / 2),
        }))),
    ];
}

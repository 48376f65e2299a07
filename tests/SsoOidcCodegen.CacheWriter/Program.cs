namespace SsoOidcCodegen.CacheWriter;

using System;
using SsoLogin.Caching;

/// <summary>
/// <c>SsoOidcCodegen.CacheWriter DIRECTORY KEY SIZE</c>: writes a token of about SIZE characters under
/// KEY with sso-login's <see cref="TokenCache"/>, prints "ready" after the first write, and goes on
/// writing (alternating between two tokens) until it is killed.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 3 || !int.TryParse(args[2], out int size) || size < 1)
        {
            Console.Error.WriteLine("usage: SsoOidcCodegen.CacheWriter DIRECTORY KEY SIZE");
            return 2;
        }

        var cache = new TokenCache(args[0]);
        CachedToken[] tokens = [Token(size, 'a'), Token(size, 'b')];
        cache.Write(args[1], tokens[0]);
        Console.WriteLine("ready");
        for (long i = 1; ; i++)
        {
            cache.Write(args[1], tokens[i % 2]);
        }
    }

    /// <summary>The token the writer of SIZE writes; the tests build the same ones to compare.</summary>
    public static CachedToken Token(int size, char fill) => new()
    {
        StartUrl = "https://my-sso-portal.awsapps.com/start",
        Region = "us-east-1",
        AccessToken = new string(fill, size),
        ExpiresAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ClientId = "client",
        ClientSecret = "secret",
        RegistrationExpiresAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
        RefreshToken = new string(fill, size / 2),
    };
}

namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// s3rver (the npm package pinned in <c>tests/node/package-lock.json</c>, installed there by <c>npm ci</c>)
/// run by <c>node tests/node/start-s3rver.js</c> on 127.0.0.1 and a free port (<see cref="NodeServerProcess"/>), with its
/// data in a fresh directory. Without node or the installed package the test is skipped with the reason, except under
/// CI (<c>CI=true</c>), where <c>.ci/run</c> installs both and their absence is a failure.
/// </summary>
public sealed class S3rverProcess : IDisposable
{
    /// <summary>The key pair s3rver knows out of the box (its built-in account).</summary>
    public const string AccessKeyId = "S3RVER";

    /// <summary>The secret of <see cref="AccessKeyId"/>.</summary>
    public const string SecretAccessKey = "S3RVER";

    /// <summary>
    /// The request checksum setting of the clients that talk to s3rver: <c>WhenRequired</c>, not the SDKs' default. s3rver
    /// 3.7.1 predates flexible checksums and stores an <c>aws-chunked</c> body as it arrives, undecoded, so a streamed
    /// upload with the default CRC32 trailer would read back with its chunk framing. Response validation keeps the
    /// default: every GetObject asks for the checksum with <c>x-amz-checksum-mode: ENABLED</c>, which s3rver ignores.
    /// </summary>
    public const SsoOidcCodegen.Runtime.Checksums.RequestChecksumCalculation RequestChecksums = SsoOidcCodegen.Runtime.Checksums.RequestChecksumCalculation.WhenRequired;

    private readonly NodeServerProcess server;
    private readonly string dataDirectory;

    private S3rverProcess(NodeServerProcess server, string dataDirectory)
    {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    /// <summary>The server's base address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Url => server.Url;

    /// <summary>Starts s3rver and waits until it listens.</summary>
    public static async Task<S3rverProcess> StartAsync(CancellationToken cancellationToken)
    {
        NodeServerProcess.RequireNode("s3rver");
        string data = Path.Combine(Path.GetTempPath(), "s3rver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            // s3rver makes its ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node.js 17 and later) only has in its legacy provider.
            NodeServerProcess server = await NodeServerProcess.StartAsync("start-s3rver.js", "s3rver", ["--openssl-legacy-provider"], [data], cancellationToken);
            return new S3rverProcess(server, data);
        }
        catch
        {
            Directory.Delete(data, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        server.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary directory is left behind.
        }
    }
}

namespace SsoOidcCodegen.Tests.EventStreams;

using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// A local HTTP/2 server without TLS (h2c, prior knowledge) on 127.0.0.1 for input event streams: Kestrel hands the
/// test's handler each request, whose body the handler reads frame by frame (<see cref="ReadFrameAsync"/>) while it
/// answers, so input and output can overlap as they do with Bedrock's bidirectional streams.
/// </summary>
internal sealed class LocalHttp2EventStreamServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalHttp2EventStreamServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    /// <summary>The server's base address.</summary>
    public Uri Url { get; }

    /// <summary>Starts the server; every request goes to <paramref name="handler"/>.</summary>
    public static async Task<LocalHttp2EventStreamServer> StartAsync(RequestDelegate handler)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        WebApplication app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LocalHttp2EventStreamServer(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <summary>Reads one whole frame (prelude, headers, payload, CRC) from the body as it arrives; null at the body's end.</summary>
    public static async Task<byte[]?> ReadFrameAsync(Stream body, CancellationToken cancellationToken)
    {
        byte[] length = new byte[4];
        int read = await body.ReadAtLeastAsync(length, 4, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return null;
        }

        if (read < 4)
        {
            throw new EndOfStreamException("The body ended inside a frame's prelude.");
        }

        int total = BinaryPrimitives.ReadInt32BigEndian(length);
        byte[] frame = new byte[total];
        length.CopyTo(frame, 0);
        await body.ReadExactlyAsync(frame.AsMemory(4), cancellationToken);
        return frame;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }
}

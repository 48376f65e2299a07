namespace SsoOidcCodegen.Runtime.Pipeline;

using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Http;

/// <summary>
/// A response body read into a pooled buffer, never past <see cref="AwsClientOptions.MaxResponseBodySize"/>:
/// a body that is larger (or never ends) stops the call with <see cref="AwsResponseTooLargeException"/>
/// instead of growing the buffer without bound. Dispose returns the buffer to the pool.
/// </summary>
internal struct ResponseBody : IDisposable
{
    private const int InitialSize = 4096;
    private const int MaxInitialSize = 1024 * 1024;
    private byte[]? buffer;

    private ResponseBody(byte[]? buffer, int length)
    {
        this.buffer = buffer;
        Length = length;
    }

    /// <summary>The number of bytes read.</summary>
    public int Length { get; }

    /// <summary>The bytes read.</summary>
    public readonly ReadOnlyMemory<byte> Memory => buffer is null ? ReadOnlyMemory<byte>.Empty : buffer.AsMemory(0, Length);

    /// <summary>Reads the whole body of <paramref name="response"/>, at most <paramref name="limit"/> bytes.</summary>
    public static async ValueTask<ResponseBody> ReadAsync(HttpResponseMessage response, int limit, string operationName, CancellationToken cancellationToken)
    {
        long? declared = response.Content.Headers.ContentLength;
        if (declared == 0)
        {
            return default;
        }

        if (declared > limit)
        {
            throw TooLarge(response, limit, operationName);
        }

        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // A declared length is a hint, not a promise: never rent more than MaxInitialSize before the bytes arrive.
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Min(declared ?? InitialSize, limit), MaxInitialSize));
        int length = 0;
        try
        {
            while (true)
            {
                int room = Math.Min(buffer.Length, limit) - length;
                if (room == 0)
                {
                    if (length >= limit)
                    {
                        // Full: one more byte means the body is over the limit.
                        byte[] probe = new byte[1];
                        if (await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) > 0)
                        {
                            throw TooLarge(response, limit, operationName);
                        }

                        break;
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                    continue;
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length, room), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (length == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return default;
        }

        return new ResponseBody(buffer, length);
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }

    private static AwsResponseTooLargeException TooLarge(HttpResponseMessage response, int limit, string operationName) =>
        new(operationName, response.StatusCode, new AwsResponse(response, ReadOnlyMemory<byte>.Empty).RequestId, limit);
}

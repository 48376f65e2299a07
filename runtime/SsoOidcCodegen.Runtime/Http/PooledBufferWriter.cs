namespace SsoOidcCodegen.Runtime.Http;

using System;
using System.Buffers;

/// <summary>
/// The buffer a JSON request body is written into, rented from <see cref="ArrayPool{T}.Shared"/>:
/// <see cref="System.Text.Json.Utf8JsonWriter"/> asks for worst-case sizes (six bytes a character for a
/// string it may escape), which made an <see cref="ArrayBufferWriter{T}"/> regrow and allocate several
/// times the body's size on every call. Cleared when returned: a body can hold a client secret.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>
{
    private readonly int initialSize;
    private byte[] buffer;
    private int written;

    /// <summary>Rents the first buffer.</summary>
    public PooledBufferWriter(int initialSize)
    {
        this.initialSize = initialSize;
        buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    /// <summary>What was written so far; valid until the next write or <see cref="Return"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => buffer.AsMemory(0, written);

    /// <summary>Forgets what was written (keeps the buffer).</summary>
    public void Clear() => written = 0;

    /// <inheritdoc/>
    public void Advance(int count)
    {
        if (count < 0 || written + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        written += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsMemory(written);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsSpan(written);
    }

    /// <summary>
    /// Forgets what was written and zeroes it (a body can hold a client secret), keeping the buffer for the next body
    /// unless it grew past <see cref="MaxKeptSize"/>, which goes back to the pool.
    /// </summary>
    public void Wipe()
    {
        if (buffer.Length > MaxKeptSize)
        {
            Return();
            return;
        }

        buffer.AsSpan(0, written).Clear();
        written = 0;
    }

    /// <summary>The largest buffer <see cref="Wipe"/> keeps.</summary>
    public const int MaxKeptSize = 16 * 1024;

    /// <summary>Gives the buffer back to the pool, cleared; the writer rents again if it is written to after this.</summary>
    public void Return()
    {
        byte[] old = buffer;
        buffer = Array.Empty<byte>();
        written = 0;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old, clearArray: true);
        }
    }

    private void Ensure(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (buffer.Length - written >= needed)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(Math.Max(buffer.Length * 2, initialSize), written + needed));
        buffer.AsSpan(0, written).CopyTo(larger);
        byte[] old = buffer;
        buffer = larger;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old, clearArray: true);
        }
    }
}

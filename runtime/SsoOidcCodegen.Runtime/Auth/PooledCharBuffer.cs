namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Buffers;

/// <summary>A growable run of characters on a pooled array: the signer's one scratch buffer per request.</summary>
internal ref struct PooledCharBuffer
{
    private char[] _array;
    private int _length;

    public PooledCharBuffer(int initialCapacity)
    {
        _array = ArrayPool<char>.Shared.Rent(initialCapacity);
        _length = 0;
    }

    /// <summary>How many characters are written. Setting a smaller value drops the tail.</summary>
    public int Length
    {
        readonly get => _length;
        set
        {
            if ((uint)value > (uint)_length)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            _length = value;
        }
    }

    /// <summary>The backing array; valid until the next append that grows the buffer.</summary>
    public readonly char[] Array => _array;

    public readonly ReadOnlySpan<char> AsSpan(int start, int length) => _array.AsSpan(start, length);

    public void Append(char c)
    {
        if (_length == _array.Length)
        {
            Grow(1);
        }

        _array[_length++] = c;
    }

    public void Append(scoped ReadOnlySpan<char> text)
    {
        if (text.Length > _array.Length - _length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_array.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary>Appends a copy of characters already in this buffer (growing first, so the source stays valid).</summary>
    public void AppendFromSelf(int start, int length)
    {
        if (length > _array.Length - _length)
        {
            Grow(length);
        }

        _array.AsSpan(start, length).CopyTo(_array.AsSpan(_length));
        _length += length;
    }

    /// <summary>Reserves <paramref name="count"/> characters at the end and returns them for writing.</summary>
    public Span<char> AppendSpan(int count)
    {
        if (count > _array.Length - _length)
        {
            Grow(count);
        }

        Span<char> span = _array.AsSpan(_length, count);
        _length += count;
        return span;
    }

    public void Dispose()
    {
        char[]? array = _array;
        _array = null!;
        _length = 0;
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }

    private void Grow(int additional)
    {
        char[] larger = ArrayPool<char>.Shared.Rent(Math.Max(_array.Length * 2, _length + additional));
        _array.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<char>.Shared.Return(_array);
        _array = larger;
    }
}

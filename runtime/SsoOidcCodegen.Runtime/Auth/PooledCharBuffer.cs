namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Buffers;

/// <summary>A growable run of characters on a pooled array: the signer's one scratch buffer per request.</summary>
internal ref struct PooledCharBuffer
{
    private readonly bool _clearOnReturn;
    private char[] _array;
    private int _length;

    // The longest the text has been: a tail dropped by setting Length is cleared too.
    private int _highWater;

    public PooledCharBuffer(int initialCapacity)
        : this(initialCapacity, clearOnReturn: false)
    {
    }

    /// <summary>Creates a buffer; with <paramref name="clearOnReturn"/> (the text will hold a secret such as a session token) what was written is zeroed before an array goes back to the pool.</summary>
    public PooledCharBuffer(int initialCapacity, bool clearOnReturn)
    {
        _array = ArrayPool<char>.Shared.Rent(initialCapacity);
        _length = 0;
        _clearOnReturn = clearOnReturn;
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

            _highWater = Math.Max(_highWater, _length);
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
        int length = _length;
        _array = null!;
        _length = 0;
        if (array is not null)
        {
            Return(array, length);
        }
    }

    private void Grow(int additional)
    {
        char[] larger = ArrayPool<char>.Shared.Rent(Math.Max(_array.Length * 2, _length + additional));
        _array.AsSpan(0, _length).CopyTo(larger);
        Return(_array, _length);
        _array = larger;
    }

    private readonly void Return(char[] array, int written)
    {
        if (_clearOnReturn)
        {
            array.AsSpan(0, Math.Max(written, _highWater)).Clear();
        }

        ArrayPool<char>.Shared.Return(array);
    }
}

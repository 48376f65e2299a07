namespace SsoOidcCodegen.Generator.Parsing;

using System;
using System.Collections.Generic;

/// <summary>
/// A pipeline value holding documentation placeholders, with the documentation they stand for: equal to another when the
/// values are equal and every documentation string the value shows is written the same, so that an edit of documentation
/// it does not show leaves it equal (and what is made from it cached).
/// </summary>
internal sealed class Documented<T> : IEquatable<Documented<T>>
    where T : class, IEquatable<T>
{
    private readonly int[] indices;

    /// <summary>The value, and the documentation strings of <paramref name="documentation"/> it shows (<paramref name="indices"/>).</summary>
    public Documented(T value, DocumentationTable documentation, int[] indices)
    {
        Value = value;
        Documentation = documentation;
        this.indices = indices;
    }

    /// <summary>The value, with placeholders where the model has documentation.</summary>
    public T Value { get; }

    /// <summary>The model's documentation.</summary>
    public DocumentationTable Documentation { get; }

    /// <summary>Writes the documentation over the placeholders of a value of this kind.</summary>
    public DocumentationResolver Resolver => new(Documentation);

    /// <inheritdoc/>
    public bool Equals(Documented<T>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || indices.Length != other.indices.Length || !Value.Equals(other.Value))
        {
            return false;
        }

        for (int i = 0; i < indices.Length; i++)
        {
            if (indices[i] != other.indices[i] || !Documentation.SameAt(indices[i], other.Documentation))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Documented<T>);

    /// <inheritdoc/>
    public override int GetHashCode() => indices.Length;
}

/// <summary>Makes <see cref="Documented{T}"/> values.</summary>
internal static class Documented
{
    /// <summary><paramref name="value"/> with the documentation <paramref name="collect"/> finds in it.</summary>
    public static Documented<T> Of<T>(T value, DocumentationTable documentation, Action<T, List<int>> collect)
        where T : class, IEquatable<T>
    {
        if (documentation.IsEmpty)
        {
            return new Documented<T>(value, documentation, Array.Empty<int>());
        }

        var indices = new List<int>();
        collect(value, indices);
        return new Documented<T>(value, documentation, indices.ToArray());
    }
}

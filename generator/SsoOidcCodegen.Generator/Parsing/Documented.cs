namespace SsoOidcCodegen.Generator.Parsing;

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

/// <summary>
/// A pipeline value holding documentation placeholders, numbered from 0 in the order they are met in it, with the
/// documentation they stand for: equal to another when the values are equal and every documentation string the value
/// shows is written the same. An edit of documentation the value does not show leaves it equal, and so does an edit that
/// adds or removes documentation before it in the model (which numbers the model's placeholders anew).
/// </summary>
internal sealed class Documented<T> : IEquatable<Documented<T>>
    where T : class, IEquatable<T>
{
    // The documentation string of the model each placeholder of the value stands for.
    private readonly int[] indices;

    /// <summary>The value with its placeholders numbered from 0; placeholder i stands for string <c>indices[i]</c> of <paramref name="documentation"/>.</summary>
    public Documented(T value, DocumentationTable documentation, int[] indices)
    {
        Value = value;
        Documentation = documentation;
        this.indices = indices;
    }

    /// <summary>The value, with placeholders (numbered from 0) where the model has documentation.</summary>
    public T Value { get; }

    /// <summary>The model's documentation.</summary>
    public DocumentationTable Documentation { get; }

    /// <summary>Writes the documentation over the placeholders of a value of this kind.</summary>
    public DocumentationResolver Resolver => DocumentationResolver.Through(Documentation, indices);

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
            if (!Documentation.SameText(indices[i], other.Documentation, other.indices[i]))
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
    /// <summary>
    /// <paramref name="value"/> (a part of a spec, placeholders in it numbered as in the model) with its placeholders numbered
    /// from 0 by <paramref name="renumber"/>, and <paramref name="documentation"/>. The renumbered value is kept with the
    /// value, which the pipeline keeps from run to run while it is equal, so an edit of documentation alone (after which
    /// every item is paired with the new documentation) renumbers nothing again.
    /// </summary>
    public static Documented<T> Of<T>(T value, DocumentationTable documentation, Func<T, DocumentationResolver, T> renumber)
        where T : class, IEquatable<T>
    {
        if (documentation.IsEmpty)
        {
            // The model's text was parsed as it is: its spec holds its documentation, and no placeholder.
            return new Documented<T>(value, documentation, Array.Empty<int>());
        }

        if (!Renumbered<T>.Values.TryGetValue(value, out Renumbered<T>? renumbered))
        {
            var indices = new List<int>();
            T numbered = renumber(value, DocumentationResolver.Renumbering(indices));
            renumbered = Renumbered<T>.Values.GetValue(value, _ => new Renumbered<T>(numbered, indices.ToArray()));
        }

        return new Documented<T>(renumbered.Value, documentation, renumbered.Indices);
    }

    private sealed class Renumbered<T>
        where T : class
    {
        public static readonly ConditionalWeakTable<T, Renumbered<T>> Values = new();

        public Renumbered(T value, int[] indices)
        {
            Value = value;
            Indices = indices;
        }

        public T Value { get; }

        public int[] Indices { get; }
    }
}

namespace SsoOidcCodegen.Generator.Parsing;

using System;

/// <summary>
/// The documentation strings <see cref="DocumentationSplitter.Split"/> took out of a model, kept where they stand in its
/// text and decoded only when one is asked for, so that an edit of one shape's documentation decodes and renders that
/// shape's alone. Two tables are equal when they hold the same strings as the model writes them (the same text written
/// with other escapes counts as different, which only renders a file again).
/// </summary>
internal sealed class DocumentationTable : IEquatable<DocumentationTable>
{
    /// <summary>A model without documentation taken out.</summary>
    public static readonly DocumentationTable Empty = new(string.Empty, Array.Empty<int>());

    private readonly string text;

    // Start and end (exclusive) of each documentation string in the text, quotes included, in order.
    private readonly int[] cuts;

    private readonly string?[] decoded;

    /// <summary>The strings of <paramref name="text"/> between each pair of <paramref name="cuts"/>, each a JSON string with its quotes.</summary>
    public DocumentationTable(string text, int[] cuts)
    {
        this.text = text;
        this.cuts = cuts;
        decoded = new string?[cuts.Length / 2];
    }

    /// <summary>How many documentation strings were taken out.</summary>
    public int Count => decoded.Length;

    /// <summary>Whether none was.</summary>
    public bool IsEmpty => decoded.Length == 0;

    /// <summary>Documentation string <paramref name="index"/>, decoded as the JSON reader decodes it (once; then kept).</summary>
    public string this[int index] =>
        decoded[index] ??= DocumentationSplitter.Decode(text, cuts[2 * index] + 1, cuts[(2 * index) + 1] - 1);

    /// <summary>Whether string <paramref name="index"/> is written the same in both tables (false when either has no such string).</summary>
    public bool SameAt(int index, DocumentationTable other) => SameText(index, other, index);

    /// <summary>
    /// Whether string <paramref name="index"/> is written as string <paramref name="otherIndex"/> of <paramref name="other"/>
    /// (false when either has no such string).
    /// </summary>
    public bool SameText(int index, DocumentationTable other, int otherIndex)
    {
        if ((uint)index >= (uint)Count || (uint)otherIndex >= (uint)other.Count)
        {
            return false;
        }

        int start = cuts[2 * index];
        int length = cuts[(2 * index) + 1] - start;
        int otherStart = other.cuts[2 * otherIndex];
        return length == other.cuts[(2 * otherIndex) + 1] - otherStart
            && ((ReferenceEquals(text, other.text) && start == otherStart)
                || string.CompareOrdinal(text, start, other.text, otherStart, length) == 0);
    }

    /// <inheritdoc/>
    public bool Equals(DocumentationTable? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        for (int i = 0; i < Count; i++)
        {
            if (!SameAt(i, other))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DocumentationTable);

    /// <inheritdoc/>
    public override int GetHashCode() => Count;
}

namespace SsoOidcCodegen.Generator.Parsing;

using System;
using System.Collections.Generic;
using System.Globalization;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// Writes text over the documentation placeholders <see cref="DocumentationSplitter.Split"/> left in the parse of a model's
/// text, making new records only where one changes: the documentation they stand for, or (<see cref="Renumbering"/>)
/// placeholders numbered from 0 in the order met, so that a part of the spec compares equal to the same part of another
/// parse whatever documentation comes before it in the model.
/// </summary>
internal sealed class DocumentationResolver
{
    private const char Marker = '\u0001';

    // The text placeholder i is replaced with; null leaves it.
    private readonly Func<int, string?> replacement;

    /// <summary>A resolver writing <paramref name="documentation"/>'s strings in.</summary>
    public DocumentationResolver(DocumentationTable documentation)
        : this(index => index < documentation.Count ? documentation[index] : null)
    {
    }

    private DocumentationResolver(Func<int, string?> replacement)
    {
        this.replacement = replacement;
    }

    /// <summary>A resolver writing the documentation string <c>indices[i]</c> of <paramref name="documentation"/> over placeholder i.</summary>
    public static DocumentationResolver Through(DocumentationTable documentation, int[] indices) =>
        new(index => index < indices.Length && indices[index] < documentation.Count ? documentation[indices[index]] : null);

    /// <summary>
    /// A resolver numbering the placeholders it meets from 0, in order, adding the number each had to <paramref name="indices"/>.
    /// </summary>
    public static DocumentationResolver Renumbering(List<int> indices) => new(index =>
    {
        indices.Add(index);
        return Marker + (indices.Count - 1).ToString(CultureInfo.InvariantCulture);
    });

    /// <summary>The spec with every placeholder replaced.</summary>
    public ServiceSpec Service(ServiceSpec spec) => spec with
    {
        Documentation = Text(spec.Documentation),
        Operations = Each(spec.Operations, operation => Changed(operation.Documentation, out string? text) ? operation with { Documentation = text } : operation),
        Shapes = Each(spec.Shapes, Shape),
        EventStreams = Each(spec.EventStreams, EventStream),
    };

    /// <summary>The shape with the placeholders of its own, its members' and its event stream's documentation replaced.</summary>
    public ShapeSpec Shape(ShapeSpec shape)
    {
        EquatableArray<MemberSpec> members = Each(shape.Members, member => Changed(member.Documentation, out string? text) ? member with { Documentation = text } : member, out bool membersChanged);
        EventStreamMemberSpec? stream = shape.EventStream is { } member && Changed(member.Documentation, out string? streamText) ? member with { Documentation = streamText } : shape.EventStream;
        bool documented = Changed(shape.Documentation, out string? text);
        return documented || membersChanged || !ReferenceEquals(stream, shape.EventStream)
            ? shape with { Documentation = documented ? text : shape.Documentation, Members = members, EventStream = stream }
            : shape;
    }

    // The index a placeholder stands for, or -1 when the value is none (read without making a string).
    private static int IndexOf(string? value)
    {
        if (value is null || value.Length < 2 || value.Length > 11 || value[0] != Marker)
        {
            return -1;
        }

        long index = 0;
        for (int i = 1; i < value.Length; i++)
        {
            char c = value[i];
            if (c is < '0' or > '9')
            {
                return -1;
            }

            index = (index * 10) + (c - '0');
        }

        return index > int.MaxValue ? -1 : (int)index;
    }

    private EventStreamSpec EventStream(EventStreamSpec stream)
    {
        EquatableArray<EventSpec> events = Each(stream.Events, item => Changed(item.Documentation, out string? text) ? item with { Documentation = text } : item, out bool eventsChanged);
        bool documented = Changed(stream.Documentation, out string? text);
        return documented || eventsChanged ? stream with { Documentation = documented ? text : stream.Documentation, Events = events } : stream;
    }

    private string? Text(string? value) => Changed(value, out string? text) ? text : value;

    // Whether the value is a placeholder, and what replaces it.
    private bool Changed(string? value, out string? text)
    {
        int index = IndexOf(value);
        text = index < 0 ? null : replacement(index);
        return text is not null;
    }

    // The array with each element mapped; the same array when no element changed.
    private static EquatableArray<T> Each<T>(EquatableArray<T> items, Func<T, T> map)
        where T : class, IEquatable<T> => Each(items, map, out _);

    private static EquatableArray<T> Each<T>(EquatableArray<T> items, Func<T, T> map, out bool changed)
        where T : class, IEquatable<T>
    {
        T[]? result = null;
        for (int i = 0; i < items.Count; i++)
        {
            T item = items[i];
            T mapped = map(item);
            if (!ReferenceEquals(mapped, item) && result is null)
            {
                result = new T[items.Count];
                for (int j = 0; j < i; j++)
                {
                    result[j] = items[j];
                }
            }

            if (result is not null)
            {
                result[i] = mapped;
            }
        }

        changed = result is not null;
        return result is null ? items : EquatableArray<T>.FromOwnedArray(result);
    }
}

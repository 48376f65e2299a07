namespace SsoOidcCodegen.Generator.Parsing;

using System;
using System.Collections.Generic;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// Writes a model's documentation over the placeholders <see cref="DocumentationSplitter.Split"/> left in the parse of its
/// text, making new records only where one changes; and lists which documentation strings a part of the spec shows, so
/// that a pipeline item can tell whether an edit of documentation reached it.
/// </summary>
internal sealed class DocumentationResolver
{
    private const char Marker = '\u0001';

    private readonly DocumentationTable documentation;

    public DocumentationResolver(DocumentationTable documentation)
    {
        this.documentation = documentation;
    }

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

    /// <summary>The documentation strings <see cref="Shape"/> puts into <paramref name="shape"/>, in order.</summary>
    public static void CollectShape(ShapeSpec shape, List<int> indices)
    {
        Collect(shape.Documentation, indices);
        foreach (MemberSpec member in shape.Members)
        {
            Collect(member.Documentation, indices);
        }

        Collect(shape.EventStream?.Documentation, indices);
    }

    /// <summary>The documentation strings <see cref="Service"/> puts into <paramref name="spec"/>, in order.</summary>
    public static void CollectService(ServiceSpec spec, List<int> indices)
    {
        Collect(spec.Documentation, indices);
        foreach (OperationSpec operation in spec.Operations)
        {
            Collect(operation.Documentation, indices);
        }

        foreach (ShapeSpec shape in spec.Shapes)
        {
            CollectShape(shape, indices);
        }

        foreach (EventStreamSpec stream in spec.EventStreams)
        {
            Collect(stream.Documentation, indices);
            foreach (EventSpec item in stream.Events)
            {
                Collect(item.Documentation, indices);
            }
        }
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

    private static void Collect(string? value, List<int> indices)
    {
        if (IndexOf(value) is >= 0 and int index)
        {
            indices.Add(index);
        }
    }

    private EventStreamSpec EventStream(EventStreamSpec stream)
    {
        EquatableArray<EventSpec> events = Each(stream.Events, item => Changed(item.Documentation, out string? text) ? item with { Documentation = text } : item, out bool eventsChanged);
        bool documented = Changed(stream.Documentation, out string? text);
        return documented || eventsChanged ? stream with { Documentation = documented ? text : stream.Documentation, Events = events } : stream;
    }

    private string? Text(string? value) => Changed(value, out string? text) ? text : value;

    // Whether the value is a placeholder, and the documentation it stands for.
    private bool Changed(string? value, out string? text)
    {
        int index = IndexOf(value);
        if (index < 0 || index >= documentation.Count)
        {
            text = null;
            return false;
        }

        text = documentation[index];
        return true;
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

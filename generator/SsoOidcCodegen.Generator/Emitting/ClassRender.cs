namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

/// <summary>
/// One class of the generated files (a serializer, an operation, the error table, the collections' codecs, a surface
/// file), not yet rendered: its template and view model. Two are equal when their templates and view models are
/// (compared member by member, <see cref="ViewEquality"/>), so the generator renders one again only when what it shows
/// changed: adding a member to a shape renders that shape's serializer and the operations that carry it, the other
/// classes come from Roslyn's cache.
/// </summary>
internal sealed class ClassRender : IEquatable<ClassRender>
{
    public ClassRender(string className, string template, object view, bool withoutBlankLineBeforeEnd)
    {
        ClassName = className;
        Template = template;
        View = view;
        WithoutBlankLineBeforeEnd = withoutBlankLineBeforeEnd;
    }

    /// <summary>The class's name.</summary>
    public string ClassName { get; }

    /// <summary>The template that renders it.</summary>
    public string Template { get; }

    /// <summary>The template's view model: built in full before the render, never changed after.</summary>
    public object View { get; }

    /// <summary>Whether a blank line before the class's closing brace is taken out (what a template's last optional part leaves).</summary>
    public bool WithoutBlankLineBeforeEnd { get; }

    /// <summary>The class as a file of its own: header, namespace and class.</summary>
    public string Render()
    {
        string text = TemplateRenderer.Render(Template, View);
        return WithoutBlankLineBeforeEnd ? ServiceEmitter.WithoutBlankLineBeforeEnd(text) : text;
    }

    /// <inheritdoc/>
    public bool Equals(ClassRender? other) =>
        other is not null
        && ClassName == other.ClassName
        && Template == other.Template
        && WithoutBlankLineBeforeEnd == other.WithoutBlankLineBeforeEnd
        && ViewEquality.Equal(View, other.View);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ClassRender);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ClassName) ^ StringComparer.Ordinal.GetHashCode(Template);
}

/// <summary>
/// Compares two view models by what a template can read of them: strings, numbers, booleans and enums by value,
/// sequences item by item, anything else (records, anonymous types) public property by public property and public field
/// by public field. View models
/// are trees of such values.
/// </summary>
internal static class ViewEquality
{
    // A type's public instance properties without parameters, each as a comparison of that property of two instances
    // (through a delegate bound to its getter once per type, not a reflection call per read), and its public instance
    // fields: what a template can read.
    private static readonly ConcurrentDictionary<Type, Func<object, object, bool>[]> Properties = new();
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> Fields = new();
    private static readonly MethodInfo PropertyComparerOfType = typeof(ViewEquality).GetMethod(nameof(PropertyComparerOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Whether the two values show the same to a template.</summary>
    public static bool Equal(object? left, object? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null)
        {
            return false;
        }

        Type type = left.GetType();
        if (type != right.GetType())
        {
            return false;
        }

        if (left is string text)
        {
            return string.Equals(text, (string)right, StringComparison.Ordinal);
        }

        if (type.IsPrimitive || type.IsEnum || left is decimal)
        {
            return left.Equals(right);
        }

        if (left is IEnumerable items)
        {
            IEnumerator others = ((IEnumerable)right).GetEnumerator();
            foreach (object? item in items)
            {
                if (!others.MoveNext() || !Equal(item, others.Current))
                {
                    return false;
                }
            }

            return !others.MoveNext();
        }

        foreach (Func<object, object, bool> propertyEqual in Properties.GetOrAdd(type, PropertyComparers))
        {
            if (!propertyEqual(left, right))
            {
                return false;
            }
        }

        foreach (FieldInfo field in Fields.GetOrAdd(type, t => t.GetFields(BindingFlags.Public | BindingFlags.Instance)))
        {
            if (!Equal(field.GetValue(left), field.GetValue(right)))
            {
                return false;
            }
        }

        return true;
    }

    private static Func<object, object, bool>[] PropertyComparers(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(PropertyComparer)
            .ToArray();

    // A property of a class, through a delegate over its getter; of a struct, through reflection (a getter of a value
    // type cannot be bound to a delegate that takes the instance by value).
    private static Func<object, object, bool> PropertyComparer(PropertyInfo property)
    {
        if (property.DeclaringType is not { IsValueType: false } owner || property.PropertyType.IsByRef || property.PropertyType.IsPointer)
        {
            return (left, right) => Equal(property.GetValue(left), property.GetValue(right));
        }

        return (Func<object, object, bool>)PropertyComparerOfType.MakeGenericMethod(owner, property.PropertyType).Invoke(null, new object[] { property.GetMethod! })!;
    }

    // Strings, numbers, booleans and enums compared as their type compares them, unboxed; anything else as Equal does.
    private static Func<object, object, bool> PropertyComparerOf<TOwner, TValue>(MethodInfo getter)
        where TOwner : class
    {
        var get = (Func<TOwner, TValue>)Delegate.CreateDelegate(typeof(Func<TOwner, TValue>), getter);
        Type value = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);
        if (value == typeof(string))
        {
            return (left, right) => string.Equals((string?)(object?)get((TOwner)left), (string?)(object?)get((TOwner)right), StringComparison.Ordinal);
        }

        if (value.IsPrimitive || value.IsEnum || value == typeof(decimal))
        {
            EqualityComparer<TValue> comparer = EqualityComparer<TValue>.Default;
            return (left, right) => comparer.Equals(get((TOwner)left), get((TOwner)right));
        }

        return (left, right) => Equal(get((TOwner)left), get((TOwner)right));
    }
}

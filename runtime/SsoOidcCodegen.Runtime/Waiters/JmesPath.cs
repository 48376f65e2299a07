namespace SsoOidcCodegen.Runtime.Waiters;

using System;
using System.Collections;
using System.Collections.Generic;

/// <summary>
/// The few JMESPath operations that compiled waiter and paginator expressions call: projections,
/// filters, flattening, indexes, <c>length</c>, <c>contains</c>, truthiness and equality. The
/// generator compiles each expression to typed C# over the response objects; these helpers hold
/// the parts that are generic over the element type. No reflection: type tests only.
/// </summary>
public static class JmesPath
{
    /// <summary>A projection: the selector over each element, dropping nulls (JMESPath drops null results).</summary>
    public static List<TResult>? Project<T, TResult>(IEnumerable<T>? source, Func<T, TResult?> selector)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (source is null)
        {
            return null;
        }

        var result = new List<TResult>();
        foreach (T item in source)
        {
            if (selector(item) is { } value)
            {
                result.Add(value);
            }
        }

        return result;
    }

    /// <summary>A projection to values (numbers, booleans), dropping nulls.</summary>
    public static List<TResult>? ProjectValues<T, TResult>(IEnumerable<T>? source, Func<T, TResult?> selector)
        where TResult : struct
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (source is null)
        {
            return null;
        }

        var result = new List<TResult>();
        foreach (T item in source)
        {
            if (selector(item) is { } value)
            {
                result.Add(value);
            }
        }

        return result;
    }

    /// <summary>A filter projection (<c>[?condition]</c>): the elements whose condition holds.</summary>
    public static List<T>? Filter<T>(IEnumerable<T>? source, Func<T, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (source is null)
        {
            return null;
        }

        var result = new List<T>();
        foreach (T item in source)
        {
            if (condition(item))
            {
                result.Add(item);
            }
        }

        return result;
    }

    /// <summary>Flattens one level (<c>[]</c> over a list of lists); null inner lists are dropped.</summary>
    public static List<T>? Flatten<T>(IEnumerable<IEnumerable<T>?>? source)
    {
        if (source is null)
        {
            return null;
        }

        var result = new List<T>();
        foreach (IEnumerable<T>? inner in source)
        {
            if (inner is not null)
            {
                result.AddRange(inner);
            }
        }

        return result;
    }

    /// <summary>An index (<c>[0]</c>, <c>[-1]</c> counts from the end); false when out of range or the list is null.</summary>
    public static bool TryIndex<T>(IReadOnlyList<T>? list, int index, out T value)
    {
        if (list is not null)
        {
            int at = index < 0 ? list.Count + index : index;
            if (at >= 0 && at < list.Count)
            {
                value = list[at];
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary><c>length()</c> of a string (in code points, as JMESPath counts).</summary>
    public static double? Length(string? value)
    {
        if (value is null)
        {
            return null;
        }

        int count = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (!char.IsLowSurrogate(value[i]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary><c>length()</c> of a list or map.</summary>
    public static double? Length(ICollection? value) => value?.Count;

    /// <summary><c>contains()</c> of a list: an element equals the value.</summary>
    public static bool Contains<T>(IEnumerable<T>? list, object? value)
    {
        if (list is null)
        {
            return false;
        }

        foreach (T item in list)
        {
            if (Equal(item, value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>contains()</c> of a string: the substring occurs (ordinal).</summary>
    public static bool Contains(string? text, string? value) =>
        text is not null && value is not null && text.Contains(value, StringComparison.Ordinal);

    /// <summary>The <c>pathAll</c> matcher: a non-empty list whose every element matches.</summary>
    public static bool All<T>(IReadOnlyCollection<T>? list, Func<T, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (list is null || list.Count == 0)
        {
            return false;
        }

        foreach (T item in list)
        {
            if (!matches(item))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The <c>pathAny</c> matcher: a list with at least one element that matches.</summary>
    public static bool Any<T>(IEnumerable<T>? list, Func<T, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (list is null)
        {
            return false;
        }

        foreach (T item in list)
        {
            if (matches(item))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>JMESPath truthiness: false for null, false, an empty string, list or map; true otherwise.</summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        string text => text.Length > 0,
        ICollection collection => collection.Count > 0,
        _ => true,
    };

    /// <summary><c>a || b</c>: the left value when it is truthy, the right one otherwise.</summary>
    public static T? Or<T>(T? left, T? right)
        where T : class => IsTruthy(left) ? left : right;

    /// <summary><c>a &amp;&amp; b</c>: the right value when the left one is truthy, the left one otherwise.</summary>
    public static T? And<T>(T? left, T? right)
        where T : class => IsTruthy(left) ? right : left;

    /// <summary><c>a || b</c> over booleans: the left value when it is true, the right one otherwise.</summary>
    public static bool? Or(bool? left, bool? right) => left == true ? left : right;

    /// <summary><c>a &amp;&amp; b</c> over booleans: the right value when the left one is true, the left one otherwise.</summary>
    public static bool? And(bool? left, bool? right) => left == true ? right : left;

    /// <summary>
    /// JMESPath equality across types: numbers by value whatever their .NET type, strings ordinal,
    /// lists element by element, maps key by key; values of different kinds are never equal.
    /// </summary>
    public static bool Equal(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (AsNumber(left) is { } l && AsNumber(right) is { } r)
        {
            return l == r;
        }

        switch (left)
        {
            case string text:
                return right is string other && string.Equals(text, other, StringComparison.Ordinal);
            case bool flag:
                return right is bool otherFlag && flag == otherFlag;
            case IDictionary map when right is IDictionary otherMap:
                if (map.Count != otherMap.Count)
                {
                    return false;
                }

                foreach (DictionaryEntry entry in map)
                {
                    if (!otherMap.Contains(entry.Key) || !Equal(entry.Value, otherMap[entry.Key]))
                    {
                        return false;
                    }
                }

                return true;
            case IList list when right is IList otherList:
                if (list.Count != otherList.Count)
                {
                    return false;
                }

                for (int i = 0; i < list.Count; i++)
                {
                    if (!Equal(list[i], otherList[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return left.Equals(right);
        }
    }

    /// <summary>An ordering comparison (<c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>): only numbers compare; anything else is null.</summary>
    public static int? Compare(object? left, object? right) =>
        AsNumber(left) is { } l && AsNumber(right) is { } r ? l.CompareTo(r) : null;

    private static double? AsNumber(object? value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        short s => s,
        sbyte b => b,
        decimal m => (double)m,
        System.Numerics.BigInteger big => (double)big,
        _ => null,
    };
}

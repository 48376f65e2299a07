namespace SsoOidcCodegen.Runtime.Endpoints;

using System;
using System.Collections.Generic;

/// <summary>What generated endpoint-parameter classes and bindings call: value equality and list conversion.</summary>
public static class EndpointParameterValues
{
    /// <summary>Two string arrays with the same items in the same order (both null counts as equal).</summary>
    public static bool SequenceEqual(string[]? left, string[]? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (!string.Equals(left[i], right[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash of a string array's items.</summary>
    public static int SequenceHash(string[]? values)
    {
        if (values is null)
        {
            return 0;
        }

        var hash = default(HashCode);
        foreach (string item in values)
        {
            hash.Add(item, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>
    /// An <c>operationContextParams</c> value: the strings a JMESPath expression selected from the request, nulls left
    /// out; null when the expression selected nothing (so the parameter keeps its default).
    /// </summary>
    public static string[]? Strings(IEnumerable<string?>? values)
    {
        if (values is null)
        {
            return null;
        }

        var list = new List<string>();
        foreach (string? value in values)
        {
            if (value is not null)
            {
                list.Add(value);
            }
        }

        return list.ToArray();
    }
}

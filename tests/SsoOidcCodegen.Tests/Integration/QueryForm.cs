namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> body as an awsQuery service reads it: the fields in the
/// order sent, names and values percent-decoded (<c>+</c> is a space).
/// </summary>
public sealed class QueryForm
{
    private QueryForm(IReadOnlyList<KeyValuePair<string, string>> fields) => Fields = fields;

    /// <summary>The fields in the order they were sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>The value of a field; fails the test when it was not sent.</summary>
    public string this[string name] =>
        Fields.Where(f => f.Key == name).Select(f => f.Value).DefaultIfEmpty(null).Single()
        ?? throw new Xunit.Sdk.XunitException($"The form has no field '{name}'. Fields: {string.Join(", ", Fields.Select(f => f.Key))}.");

    /// <summary>Parses the body of a request after checking it is a form.</summary>
    public static QueryForm Of(ReceivedRequest request)
    {
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"), StringComparison.OrdinalIgnoreCase);
        return Parse(request.BodyText);
    }

    public static QueryForm Parse(string body) =>
        new(body.Length == 0
            ? Array.Empty<KeyValuePair<string, string>>()
            : body.Split('&').Select(pair =>
            {
                int equals = pair.IndexOf('=', StringComparison.Ordinal);
                string name = equals < 0 ? pair : pair[..equals];
                string value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return new KeyValuePair<string, string>(Decode(name), Decode(value));
            }).ToArray());

    /// <summary>The fields as a sorted name → value map (each name once), for comparing with an expected set.</summary>
    public SortedDictionary<string, string> ToSortedDictionary() => new(Fields.ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal);

    /// <summary>
    /// The entries of a map sent as <c>{prefix}.entry.N.{key}</c> / <c>{prefix}.entry.N.{value}</c> (awsQuery's
    /// non-flattened map), after checking that N runs 1, 2, 3... without gaps.
    /// </summary>
    public SortedDictionary<string, string> Map(string prefix, string keyName = "key", string valueName = "value")
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int n = 1; Has($"{prefix}.entry.{n}.{keyName}"); n++)
        {
            map.Add(this[$"{prefix}.entry.{n}.{keyName}"], this[$"{prefix}.entry.{n}.{valueName}"]);
        }

        Assert.Equal(map.Count, Fields.Count(f => f.Key.StartsWith(prefix + ".entry.", StringComparison.Ordinal) && f.Key.EndsWith("." + keyName, StringComparison.Ordinal)));
        return map;
    }

    /// <summary>The prefix (<c>{prefix}.entry.N</c>) of the map entry whose key is <paramref name="key"/>.</summary>
    public string MapEntry(string prefix, string key, string keyName = "key")
    {
        for (int n = 1; Has($"{prefix}.entry.{n}.{keyName}"); n++)
        {
            if (this[$"{prefix}.entry.{n}.{keyName}"] == key)
            {
                return $"{prefix}.entry.{n}";
            }
        }

        throw new Xunit.Sdk.XunitException($"The form has no entry of {prefix} with {keyName} '{key}'.");
    }

    /// <summary>Whether the form has the field.</summary>
    public bool Has(string name) => Fields.Any(f => f.Key == name);

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}

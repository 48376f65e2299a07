namespace SsoOidcCodegen.Runtime.Endpoints;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

/// <summary>The members of an object <see cref="EndpointValue"/>: a read-only map that enumerates in declaration order.</summary>
internal sealed class EndpointObjectMembers : IReadOnlyDictionary<string, EndpointValue>
{
    private readonly KeyValuePair<string, EndpointValue>[] _ordered;
    private readonly Dictionary<string, EndpointValue> _byName;

    public EndpointObjectMembers((string Name, EndpointValue Value)[] members)
    {
        _ordered = new KeyValuePair<string, EndpointValue>[members.Length];
        _byName = new Dictionary<string, EndpointValue>(members.Length, StringComparer.Ordinal);
        for (int i = 0; i < members.Length; i++)
        {
            (string name, EndpointValue value) = members[i];
            ArgumentNullException.ThrowIfNull(name, nameof(members));
            if (value is null)
            {
                throw new ArgumentException($"The value of member '{name}' is null.", nameof(members));
            }

            if (!_byName.TryAdd(name, value))
            {
                throw new ArgumentException($"The member name '{name}' appears twice.", nameof(members));
            }

            _ordered[i] = new KeyValuePair<string, EndpointValue>(name, value);
        }
    }

    public EndpointValue this[string key] => _byName[key];

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (KeyValuePair<string, EndpointValue> member in _ordered)
            {
                yield return member.Key;
            }
        }
    }

    public IEnumerable<EndpointValue> Values
    {
        get
        {
            foreach (KeyValuePair<string, EndpointValue> member in _ordered)
            {
                yield return member.Value;
            }
        }
    }

    public int Count => _ordered.Length;

    public bool ContainsKey(string key) => _byName.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out EndpointValue value) => _byName.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, EndpointValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, EndpointValue>>)_ordered).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

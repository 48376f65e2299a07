namespace SsoOidcCodegen.Runtime.Endpoints;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

/// <summary>
/// An immutable JSON-like value: what endpoint properties (for example <c>authSchemes</c>) are made of.
/// Strings, booleans, whole numbers, arrays and objects; objects keep their members in declaration order.
/// Equality is structural.
/// </summary>
public sealed class EndpointValue : IEquatable<EndpointValue>
{
    private static readonly EndpointValue TrueValue = new(EndpointValueKind.Boolean, null, true, 0, null, null);
    private static readonly EndpointValue FalseValue = new(EndpointValueKind.Boolean, null, false, 0, null, null);

    private readonly string? _string;
    private readonly bool _boolean;
    private readonly long _integer;
    private readonly EndpointValue[]? _items;
    private readonly EndpointObjectMembers? _members;

    private EndpointValue(EndpointValueKind kind, string? text, bool boolean, long integer, EndpointValue[]? items, EndpointObjectMembers? members)
    {
        Kind = kind;
        _string = text;
        _boolean = boolean;
        _integer = integer;
        _items = items;
        _members = members;
    }

    /// <summary>The kind of value this is.</summary>
    public EndpointValueKind Kind { get; }

    /// <summary>A string value.</summary>
    /// <param name="value">The string.</param>
    public static EndpointValue Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new EndpointValue(EndpointValueKind.String, value, false, 0, null, null);
    }

    /// <summary>A boolean value.</summary>
    /// <param name="value">The boolean.</param>
    public static EndpointValue Of(bool value) => value ? TrueValue : FalseValue;

    /// <summary>A whole-number value.</summary>
    /// <param name="value">The number.</param>
    public static EndpointValue Of(long value) => new(EndpointValueKind.Integer, null, false, value, null, null);

    /// <summary>An array of values, in the given order.</summary>
    /// <param name="items">The elements.</param>
    public static EndpointValue ArrayOf(params EndpointValue[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var copy = new EndpointValue[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            copy[i] = items[i] ?? throw new ArgumentException("An array element is null.", nameof(items));
        }

        return new EndpointValue(EndpointValueKind.Array, null, false, 0, copy, null);
    }

    /// <summary>An object with the given members, in the given order.</summary>
    /// <param name="members">The members; names must be unique.</param>
    /// <exception cref="ArgumentException">Two members have the same name, or a value is null.</exception>
    public static EndpointValue ObjectOf(params (string Name, EndpointValue Value)[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return new EndpointValue(EndpointValueKind.Object, null, false, 0, null, new EndpointObjectMembers(members));
    }

    /// <summary>
    /// The members of an object, as a read-only map that enumerates in the given order: the form
    /// <see cref="AwsEndpoint.Properties"/> takes.
    /// </summary>
    /// <param name="members">The members; names must be unique.</param>
    /// <exception cref="ArgumentException">Two members have the same name, or a value is null.</exception>
    public static IReadOnlyDictionary<string, EndpointValue> MembersOf(params (string Name, EndpointValue Value)[] members) =>
        ObjectOf(members).AsObject();

    /// <summary>The string this value holds.</summary>
    /// <exception cref="InvalidOperationException">The value is not a string.</exception>
    public string AsString() => Kind == EndpointValueKind.String ? _string! : throw WrongKind(EndpointValueKind.String);

    /// <summary>The boolean this value holds.</summary>
    /// <exception cref="InvalidOperationException">The value is not a boolean.</exception>
    public bool AsBoolean() => Kind == EndpointValueKind.Boolean ? _boolean : throw WrongKind(EndpointValueKind.Boolean);

    /// <summary>The number this value holds.</summary>
    /// <exception cref="InvalidOperationException">The value is not a whole number.</exception>
    public long AsInteger() => Kind == EndpointValueKind.Integer ? _integer : throw WrongKind(EndpointValueKind.Integer);

    /// <summary>The elements of this array value.</summary>
    /// <exception cref="InvalidOperationException">The value is not an array.</exception>
    public IReadOnlyList<EndpointValue> AsArray() => Kind == EndpointValueKind.Array ? _items! : throw WrongKind(EndpointValueKind.Array);

    /// <summary>The members of this object value, in declaration order.</summary>
    /// <exception cref="InvalidOperationException">The value is not an object.</exception>
    public IReadOnlyDictionary<string, EndpointValue> AsObject() => Kind == EndpointValueKind.Object ? _members! : throw WrongKind(EndpointValueKind.Object);

    /// <summary>Looks up a member of an object value; false when this is not an object or has no such member.</summary>
    /// <param name="name">The member name (case-sensitive).</param>
    /// <param name="value">The member's value, when found.</param>
    public bool TryGetMember(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EndpointValue? value)
    {
        if (Kind == EndpointValueKind.Object && _members!.TryGetValue(name, out EndpointValue? found))
        {
            value = found;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Writes this value as compact JSON (members in declaration order).</summary>
    public string ToJsonString()
    {
        var builder = new StringBuilder();
        WriteJson(builder);
        return builder.ToString();
    }

    /// <summary>The value as compact JSON.</summary>
    public override string ToString() => ToJsonString();

    /// <inheritdoc />
    public bool Equals(EndpointValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        switch (Kind)
        {
            case EndpointValueKind.String:
                return string.Equals(_string, other._string, StringComparison.Ordinal);
            case EndpointValueKind.Boolean:
                return _boolean == other._boolean;
            case EndpointValueKind.Integer:
                return _integer == other._integer;
            case EndpointValueKind.Array:
                if (_items!.Length != other._items!.Length)
                {
                    return false;
                }

                for (int i = 0; i < _items.Length; i++)
                {
                    if (!_items[i].Equals(other._items[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                // Member order does not matter for equality, as in JSON.
                if (_members!.Count != other._members!.Count)
                {
                    return false;
                }

                foreach (KeyValuePair<string, EndpointValue> member in _members)
                {
                    if (!other._members.TryGetValue(member.Key, out EndpointValue? otherValue) || !member.Value.Equals(otherValue))
                    {
                        return false;
                    }
                }

                return true;
        }
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EndpointValue);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        switch (Kind)
        {
            case EndpointValueKind.String:
                return HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(_string!));
            case EndpointValueKind.Boolean:
                return HashCode.Combine(Kind, _boolean);
            case EndpointValueKind.Integer:
                return HashCode.Combine(Kind, _integer);
            case EndpointValueKind.Array:
                var hash = new HashCode();
                hash.Add(Kind);
                foreach (EndpointValue item in _items!)
                {
                    hash.Add(item);
                }

                return hash.ToHashCode();
            default:
                // Order-independent, to agree with Equals.
                int combined = 0;
                foreach (KeyValuePair<string, EndpointValue> member in _members!)
                {
                    combined ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(member.Key), member.Value);
                }

                return HashCode.Combine(Kind, combined);
        }
    }

    private void WriteJson(StringBuilder builder)
    {
        switch (Kind)
        {
            case EndpointValueKind.String:
                WriteJsonString(builder, _string!);
                break;
            case EndpointValueKind.Boolean:
                builder.Append(_boolean ? "true" : "false");
                break;
            case EndpointValueKind.Integer:
                builder.Append(_integer.ToString(CultureInfo.InvariantCulture));
                break;
            case EndpointValueKind.Array:
                builder.Append('[');
                for (int i = 0; i < _items!.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    _items[i].WriteJson(builder);
                }

                builder.Append(']');
                break;
            default:
                builder.Append('{');
                bool first = true;
                foreach (KeyValuePair<string, EndpointValue> member in _members!)
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteJsonString(builder, member.Key);
                    builder.Append(':');
                    member.Value.WriteJson(builder);
                }

                builder.Append('}');
                break;
        }
    }

    private static void WriteJsonString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private InvalidOperationException WrongKind(EndpointValueKind expected) =>
        new($"The endpoint value is a {Kind}, not a {expected}.");
}

namespace SsoOidcCodegen.Tests.Conformance;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// Builds request objects of a suite's generated client from a case's <c>params</c>, and compares
/// response objects with a case's <c>result</c>, guided by the spec the client was generated from
/// (member names to properties, member types). Reflection is fine here: it is the test, not the client.
/// </summary>
/// <remarks>
/// The suites' value conventions: timestamps are epoch seconds (numbers), blobs are UTF-8 text,
/// floats may be the strings <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>, documents are any JSON.
/// </remarks>
internal sealed class ModelValues
{
    private static readonly decimal TicksPerSecond = TimeSpan.TicksPerSecond;
    private readonly ServiceSpec spec;
    private readonly Assembly assembly;
    private readonly Dictionary<string, ShapeSpec> shapes;

    public ModelValues(ServiceSpec spec, Assembly assembly)
    {
        this.spec = spec;
        this.assembly = assembly;
        shapes = spec.Shapes.ToDictionary(s => s.TypeName, StringComparer.Ordinal);
    }

    public ShapeSpec Shape(string typeName) => shapes[typeName];

    /// <summary>The error shape with this code (its name, or the code its error trait gives).</summary>
    public ShapeSpec? ErrorShape(string code) =>
        spec.Shapes.FirstOrDefault(s => s.Kind == ShapeKind.Exception && (s.Error!.Code == code || s.Name == code));

    public Type ModelType(string typeName) =>
        assembly.GetType(spec.Namespace + ".Model." + typeName, throwOnError: true)!;

    /// <summary>A new structure of the type with the members the JSON object sets (a JSON null leaves a member unset).</summary>
    public object NewStructure(string typeName, JsonElement members, string path)
    {
        ShapeSpec shape = Shape(typeName);
        Type type = ModelType(typeName);
        object instance = Activator.CreateInstance(type)!;
        if (members.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: expected an object for {typeName}, found {members.ValueKind}.");
        }

        foreach (JsonProperty property in members.EnumerateObject())
        {
            MemberSpec member = shape.Members.FirstOrDefault(m => m.Name == property.Name)
                ?? throw new InvalidDataException($"{path}.{property.Name}: {shape.Name} has no such member.");
            PropertyInfo target = type.GetProperty(member.PropertyName)
                ?? throw new InvalidDataException($"{path}.{property.Name}: {type.Name} has no property {member.PropertyName}.");
            target.SetValue(instance, NewValue(member.Type, property.Value, target.PropertyType, path + "." + property.Name));
        }

        return instance;
    }

    /// <summary>The differences between an object the client returned and the case's expectation; empty when they agree.</summary>
    public List<string> Compare(string typeName, JsonElement expected, object actual, string path)
    {
        var problems = new List<string>();
        CompareStructure(Shape(typeName), expected, actual, path, problems);
        return problems;
    }

    private object? NewValue(TypeRef type, JsonElement json, Type clrType, string path)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Type target = Nullable.GetUnderlyingType(clrType) ?? clrType;
        switch (type.Kind)
        {
            case TypeKind.String:
                return json.GetString();
            case TypeKind.StringEnum:
                return Activator.CreateInstance(target, json.GetString());
            case TypeKind.IntEnum:
                return Activator.CreateInstance(target, json.GetInt32());
            case TypeKind.Boolean:
                return json.GetBoolean();
            case TypeKind.Byte:
                return json.GetSByte();
            case TypeKind.Short:
                return json.GetInt16();
            case TypeKind.Integer:
                return json.GetInt32();
            case TypeKind.Long:
                return json.GetInt64();
            case TypeKind.Float:
                return (float)Double(json);
            case TypeKind.Double:
                return Double(json);
            case TypeKind.BigInteger:
                return BigInteger.Parse(json.GetRawText(), CultureInfo.InvariantCulture);
            case TypeKind.BigDecimal:
                return json.GetDecimal();
            case TypeKind.Timestamp:
                return DateTimeOffset.UnixEpoch.AddTicks((long)(json.GetDecimal() * TicksPerSecond));
            case TypeKind.Blob:
                byte[] bytes = Encoding.UTF8.GetBytes(json.GetString()!);
                return type.IsStreaming ? new MemoryStream(bytes) : bytes;
            case TypeKind.Document:
                return json.Clone();
            case TypeKind.Structure:
                return NewStructure(type.TypeName!, json, path);
            case TypeKind.List:
                var list = (IList)Activator.CreateInstance(target)!;
                Type elementType = target.GetGenericArguments()[0];
                int index = 0;
                foreach (JsonElement item in json.EnumerateArray())
                {
                    list.Add(NewValue(type.Element!, item, elementType, $"{path}[{index++}]"));
                }

                return list;
            case TypeKind.Map:
                var map = (IDictionary)Activator.CreateInstance(target)!;
                Type valueType = target.GetGenericArguments()[1];
                foreach (JsonProperty entry in json.EnumerateObject())
                {
                    map.Add(entry.Name, NewValue(type.Value!, entry.Value, valueType, $"{path}.{entry.Name}"));
                }

                return map;
            default:
                throw new InvalidDataException($"{path}: no way to build a {type.Kind}.");
        }
    }

    private void CompareStructure(ShapeSpec shape, JsonElement expected, object actual, string path, List<string> problems)
    {
        if (expected.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: the case expects {expected.ValueKind} where the model has the structure {shape.Name}.");
            return;
        }

        var expectedMembers = expected.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        foreach (string unknown in expectedMembers.Keys.Where(k => shape.Members.All(m => m.Name != k)))
        {
            problems.Add($"{path}.{unknown}: {shape.Name} has no such member.");
        }

        foreach (MemberSpec member in shape.Members)
        {
            string memberPath = path + "." + member.Name;
            bool isExceptionMessage = shape.Kind == ShapeKind.Exception && member.PropertyName == "Message";
            expectedMembers.TryGetValue(member.Name, out JsonElement expectedValue);
            if (isExceptionMessage)
            {
                // Exception.Message is never null (it falls back to the code), so it is checked only when the case names it.
                if (expectedValue.ValueKind != JsonValueKind.Undefined)
                {
                    CompareValue(member.Type, expectedValue, ((Exception)actual).Message, memberPath, problems);
                }

                continue;
            }

            PropertyInfo? property = actual.GetType().GetProperty(member.PropertyName);
            if (property is null)
            {
                problems.Add($"{memberPath}: {actual.GetType().Name} has no property {member.PropertyName}.");
                continue;
            }

            CompareValue(member.Type, expectedValue, property.GetValue(actual), memberPath, problems);
        }
    }

    private void CompareValue(TypeRef type, JsonElement expected, object? actual, string path, List<string> problems)
    {
        bool expectsValue = expected.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        if (!expectsValue || actual is null)
        {
            if (expectsValue != (actual is not null))
            {
                problems.Add(expectsValue ? $"{path}: expected {expected.GetRawText()}, got nothing." : $"{path}: expected nothing, got {Describe(actual)}.");
            }

            return;
        }

        switch (type.Kind)
        {
            case TypeKind.String:
            case TypeKind.StringEnum:
                Check(expected.ValueKind == JsonValueKind.String && expected.GetString() == actual.ToString(), expected, actual, path, problems);
                break;
            case TypeKind.IntEnum:
                int number = (int)actual.GetType().GetProperty("Value")!.GetValue(actual)!;
                Check(expected.ValueKind == JsonValueKind.Number && expected.GetInt64() == number, expected, number, path, problems);
                break;
            case TypeKind.Boolean:
                Check(expected.ValueKind is JsonValueKind.True or JsonValueKind.False && expected.GetBoolean() == (bool)actual, expected, actual, path, problems);
                break;
            case TypeKind.Byte:
            case TypeKind.Short:
            case TypeKind.Integer:
            case TypeKind.Long:
                Check(expected.ValueKind == JsonValueKind.Number && expected.GetInt64() == Convert.ToInt64(actual, CultureInfo.InvariantCulture), expected, actual, path, problems);
                break;
            case TypeKind.Float:
                Check(SameDouble((float)Double(expected), (float)actual), expected, actual, path, problems);
                break;
            case TypeKind.Double:
                Check(SameDouble(Double(expected), (double)actual), expected, actual, path, problems);
                break;
            case TypeKind.BigInteger:
                Check(expected.GetRawText() == ((BigInteger)actual).ToString(CultureInfo.InvariantCulture), expected, actual, path, problems);
                break;
            case TypeKind.BigDecimal:
                Check(expected.GetDecimal() == (decimal)actual, expected, actual, path, problems);
                break;
            case TypeKind.Timestamp:
                decimal seconds = ((DateTimeOffset)actual).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
                seconds /= TicksPerSecond;
                Check(expected.ValueKind == JsonValueKind.Number && expected.GetDecimal() == seconds, expected, seconds, path, problems);
                break;
            case TypeKind.Blob:
                byte[] bytes = actual is Stream stream ? ReadAll(stream) : (byte[])actual;
                string text = Encoding.UTF8.GetString(bytes);
                Check(expected.ValueKind == JsonValueKind.String && expected.GetString() == text, expected, text, path, problems);
                break;
            case TypeKind.Document:
                var document = (JsonElement)actual;
                Check(JsonValues.Equal(expected, document), expected, document.GetRawText(), path, problems);
                break;
            case TypeKind.Structure:
                CompareStructure(Shape(type.TypeName!), expected, actual, path, problems);
                break;
            case TypeKind.List:
                var list = (IList)actual;
                if (expected.ValueKind != JsonValueKind.Array || expected.GetArrayLength() != list.Count)
                {
                    problems.Add($"{path}: expected {expected.GetRawText()}, got a list of {list.Count}: {Describe(actual)}.");
                    break;
                }

                int index = 0;
                foreach (JsonElement item in expected.EnumerateArray())
                {
                    CompareValue(type.Element!, item, list[index], $"{path}[{index}]", problems);
                    index++;
                }

                break;
            case TypeKind.Map:
                var map = (IDictionary)actual;
                if (expected.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{path}: expected {expected.GetRawText()}, got a map.");
                    break;
                }

                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var actualKeys = map.Keys.Cast<string>().ToHashSet(StringComparer.Ordinal);
                if (!expectedKeys.SetEquals(actualKeys))
                {
                    problems.Add($"{path}: expected the keys [{string.Join(", ", expectedKeys.Order())}], got [{string.Join(", ", actualKeys.Order())}].");
                    break;
                }

                foreach (JsonProperty entry in expected.EnumerateObject())
                {
                    CompareValue(type.Value!, entry.Value, map[entry.Name], $"{path}.{entry.Name}", problems);
                }

                break;
            default:
                problems.Add($"{path}: no way to compare a {type.Kind}.");
                break;
        }
    }

    private static void Check(bool equal, JsonElement expected, object? actual, string path, List<string> problems)
    {
        if (!equal)
        {
            problems.Add($"{path}: expected {expected.GetRawText()}, got {Describe(actual)}.");
        }
    }

    private static bool SameDouble(double expected, double actual) =>
        expected.Equals(actual) || (double.IsNaN(expected) && double.IsNaN(actual));

    private static double Double(JsonElement json) => json.ValueKind == JsonValueKind.String
        ? json.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            string other => throw new InvalidDataException($"'{other}' is not a number."),
            null => throw new InvalidDataException("A null string is not a number."),
        }
        : json.GetDouble();

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        byte[] b => "bytes \"" + Encoding.UTF8.GetString(b) + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };
}

/// <summary>JSON equality: objects ignore member order, numbers compare by value, everything else exactly.</summary>
internal static class JsonValues
{
    public static bool Equal(JsonElement left, JsonElement right)
    {
        if (left.ValueKind != right.ValueKind)
        {
            return false;
        }

        switch (left.ValueKind)
        {
            case JsonValueKind.Object:
                var rightMembers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (JsonProperty property in right.EnumerateObject())
                {
                    rightMembers[property.Name] = property.Value;
                }

                int count = 0;
                foreach (JsonProperty property in left.EnumerateObject())
                {
                    count++;
                    if (!rightMembers.TryGetValue(property.Name, out JsonElement other) || !Equal(property.Value, other))
                    {
                        return false;
                    }
                }

                return count == rightMembers.Count;
            case JsonValueKind.Array:
                if (left.GetArrayLength() != right.GetArrayLength())
                {
                    return false;
                }

                using (JsonElement.ArrayEnumerator a = left.EnumerateArray(), b = right.EnumerateArray())
                {
                    while (a.MoveNext() && b.MoveNext())
                    {
                        if (!Equal(a.Current, b.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.Number:
                return left.TryGetDecimal(out decimal l) && right.TryGetDecimal(out decimal r)
                    ? l == r
                    : left.GetDouble().Equals(right.GetDouble());
            case JsonValueKind.String:
                return left.GetString() == right.GetString();
            default:
                return true;
        }
    }
}

namespace SsoOidcCodegen.Tests.Generator.Fuzzing;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;

/// <summary>
/// A seeded mutator of service models: it cuts small models out of real ones (a few operations and the
/// shapes they reach) or builds synthetic ones, then applies random mutations of the kinds that broke the
/// generator (names that differ in case, hostile text, wrong types, enum and error traits, locations on
/// the wrong member, deep nesting, huge or negative numbers, dangling references, truncated text).
/// The same seed gives the same models on every machine.
/// </summary>
public sealed class ModelMutator
{
    private static readonly string[] ShapeTypes =
    {
        "structure", "list", "map", "string", "boolean", "byte", "short", "integer", "long", "float", "double",
        "bigInteger", "bigDecimal", "timestamp", "blob", "character", "document", "union", "enum", "intEnum", "quaternion",
    };

    private static readonly string[] Locations = { "uri", "querystring", "header", "headers", "statusCode", "body", "nowhere" };

    private static readonly string[] Texts =
    {
        "", " ", "a", "A", "_", "1abc", "class", "Value", "value", "Message", "message", "Code", "code", "StatusCode", "ToString",
        "Equals", "GetHashCode", "Task", "Stream", "File", "System", "Model", "Internal", "result", "resultValue", "Nameof", "var",
        "tags", "TAGS", "nameof", "KnownValues", "IsKnown", "ErrorCode", "Data", "InnerException", "Request", "Response",
        "\u2028[global::System.Runtime.CompilerServices.ModuleInitializer] internal static void Evil() { }\u2029",
        "*/ </summary> \" \\ ' {x} { } }{ ?&= #if", "\r\n\u0085\t\0\u001b\u007f\u009f", "\ud800", "\udfff\ud800",
        "{label}", "{label+}", "/{a}/{b}?x=1&y", "{", "}", "ünïcödé", "日本語", "\u202e\u2066bidi", "-1", "1e400",
        "ThisIsAVeryLongNameThatKeepsGoingAndGoing", "Ping", "PingRequest", "PingResponse", "Boom", "Text",
    };

    private readonly Random random;

    public ModelMutator(int seed) => random = new Random(seed);

    /// <summary>One fuzz case: a model file name and text, and what was done to it (for the report).</summary>
    public (string FileName, string Text, string Story) Next(IReadOnlyList<JObject> seeds, int caseNumber)
    {
        var story = new List<string>();
        JObject model;
        if (seeds.Count > 0 && random.Next(3) > 0)
        {
            JObject seed = seeds[random.Next(seeds.Count)];
            model = SubModel(seed, 1 + random.Next(4));
            story.Add("sub-model of " + (string?)seed["metadata"]?["serviceId"]);
        }
        else
        {
            model = Synthetic();
            story.Add("synthetic");
        }

        int mutations = random.Next(1, 6);
        for (int i = 0; i < mutations; i++)
        {
            story.Add(Mutate(model));
        }

        string text = model.ToString(random.Next(2) == 0 ? Newtonsoft.Json.Formatting.Indented : Newtonsoft.Json.Formatting.None);
        if (random.Next(40) == 0)
        {
            text = text.Substring(0, random.Next(text.Length));
            story.Add("truncated");
        }
        else if (random.Next(40) == 0)
        {
            int at = random.Next(text.Length);
            text = text.Substring(0, at) + Pick(new[] { "}", "{", "\"", ",", "]", "\u2028", "/*", "\0" }) + text.Substring(at);
            story.Add("text damaged");
        }

        string fileName = random.Next(10) == 0
            ? "case" + caseNumber.ToString(CultureInfo.InvariantCulture) + Pick(new[] { ":v2", " (copy)", "@x", "+y", ".min", "\u2028", "日本" }) + ".json"
            : "case" + caseNumber.ToString(CultureInfo.InvariantCulture) + ".json";
        return (fileName, text, string.Join("; ", story));
    }

    /// <summary>A few operations of a real model and every shape they reach.</summary>
    private JObject SubModel(JObject seed, int operationCount)
    {
        var operations = (JObject)seed["operations"]!;
        var shapes = (JObject)seed["shapes"]!;
        List<JProperty> chosen = operations.Properties().OrderBy(_ => random.Next()).Take(operationCount).ToList();
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<string>();
        foreach (JProperty operation in chosen)
        {
            foreach (JToken reference in operation.Value.SelectTokens("$..shape"))
            {
                work.Push((string)reference!);
            }
        }

        while (work.Count > 0)
        {
            string name = work.Pop();
            if (!needed.Add(name) || shapes[name] is not JObject shape)
            {
                continue;
            }

            foreach (JToken reference in shape.SelectTokens("$..shape"))
            {
                if (reference.Type == JTokenType.String)
                {
                    work.Push((string)reference!);
                }
            }
        }

        return new JObject
        {
            ["version"] = "2.0",
            ["metadata"] = seed["metadata"]!.DeepClone(),
            ["operations"] = new JObject(chosen.Select(o => new JProperty(o.Name, o.Value.DeepClone()))),
            ["shapes"] = new JObject(shapes.Properties().Where(p => needed.Contains(p.Name)).Select(p => new JProperty(p.Name, p.Value.DeepClone()))),
        };
    }

    private JObject Synthetic()
    {
        bool json = random.Next(2) == 0;
        var metadata = new JObject { ["apiVersion"] = "2020-01-01", ["endpointPrefix"] = "demo", ["protocol"] = json ? "json" : "rest-json", ["serviceId"] = "Demo" };
        if (json)
        {
            metadata["jsonVersion"] = "1.1";
            metadata["targetPrefix"] = "Demo_20200101";
        }

        var shapes = new JObject
        {
            ["PingRequest"] = new JObject { ["type"] = "structure", ["required"] = new JArray("text"), ["members"] = new JObject { ["text"] = Ref("Text"), ["count"] = Ref("Count"), ["items"] = Ref("Texts"), ["tags"] = Ref("Tags") } },
            ["PingResponse"] = new JObject { ["type"] = "structure", ["members"] = new JObject { ["text"] = Ref("Text"), ["nested"] = Ref("Nested"), ["color"] = Ref("Color") } },
            ["Nested"] = new JObject { ["type"] = "structure", ["members"] = new JObject { ["inner"] = Ref("Nested"), ["when"] = Ref("When"), ["data"] = Ref("Data") } },
            ["Boom"] = new JObject { ["type"] = "structure", ["exception"] = true, ["error"] = new JObject { ["httpStatusCode"] = 400 }, ["members"] = new JObject { ["message"] = Ref("Text") } },
            ["Text"] = new JObject { ["type"] = "string", ["min"] = 1, ["max"] = 10 },
            ["Count"] = new JObject { ["type"] = "integer" },
            ["Texts"] = new JObject { ["type"] = "list", ["member"] = Ref("Text") },
            ["Tags"] = new JObject { ["type"] = "map", ["key"] = Ref("Text"), ["value"] = Ref("Text") },
            ["Color"] = new JObject { ["type"] = "string", ["enum"] = new JArray("red", "blue") },
            ["When"] = new JObject { ["type"] = "timestamp" },
            ["Data"] = new JObject { ["type"] = "blob" },
        };
        var operations = new JObject
        {
            ["Ping"] = new JObject
            {
                ["name"] = "Ping",
                ["http"] = new JObject { ["method"] = "POST", ["requestUri"] = "/ping" },
                ["input"] = Ref("PingRequest"),
                ["output"] = Ref("PingResponse"),
                ["errors"] = new JArray(Ref("Boom")),
            },
        };
        return new JObject { ["version"] = "2.0", ["metadata"] = metadata, ["operations"] = operations, ["shapes"] = shapes };
    }

    private static JObject Ref(string shape) => new() { ["shape"] = shape };

    private string Mutate(JObject model)
    {
        var shapes = model["shapes"] as JObject;
        var operations = model["operations"] as JObject;
        List<JProperty> shapeList = shapes?.Properties().ToList() ?? new List<JProperty>();
        JProperty? shape = shapeList.Count == 0 ? null : shapeList[random.Next(shapeList.Count)];
        JObject? definition = shape?.Value as JObject;
        List<JProperty> memberList = (definition?["members"] as JObject)?.Properties().ToList() ?? new List<JProperty>();
        JProperty? member = memberList.Count == 0 ? null : memberList[random.Next(memberList.Count)];
        string shapeName = shape?.Name ?? "(none)";
        switch (random.Next(24))
        {
            case 0 when shapes is not null && shape is not null:
                string variant = random.Next(2) == 0 ? shape.Name.ToUpperInvariant() : shape.Name.ToLowerInvariant();
                if (shapes[variant] is null)
                {
                    shapes[variant] = shape.Value.DeepClone();
                }

                return "case variant of " + shapeName;
            case 1 when shape is not null:
                shape.Value = RandomValue();
                return "shape " + shapeName + " replaced";
            case 2 when definition is not null:
                definition["type"] = Pick(ShapeTypes);
                return "type of " + shapeName;
            case 3 when member?.Value is JObject m:
                m["location"] = Pick(Locations);
                m["locationName"] = Pick(Texts);
                return "location of " + member.Name;
            case 4 when definition is not null:
                definition["enum"] = new JArray(Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.Next(3) == 0 ? (JToken)RandomNumber() : Pick(Texts)));
                return "enum on " + shapeName;
            case 5 when definition is not null:
                definition["exception"] = true;
                definition["error"] = new JObject { ["code"] = Pick(Texts.Concat(shapeList.Select(s => s.Name)).ToArray()), ["httpStatusCode"] = RandomNumber(), ["senderFault"] = random.Next(2) == 0 };
                return "error trait on " + shapeName;
            case 6 when shapes is not null:
                int depth = random.Next(2) == 0 ? random.Next(1, 100) : random.Next(100, 3000);
                string kind = Pick(new[] { "list", "map", "structure" });
                AddChain(shapes, kind, depth, shape?.Name);
                return $"{depth} nested {kind}s";
            case 7 when definition is not null:
                definition["documentation"] = HostileText(random.Next(2) == 0 ? 100 : 100_000);
                return "documentation of " + shapeName;
            case 8 when model["metadata"] is JObject metadata:
                metadata[Pick(new[] { "apiVersion", "serviceId", "endpointPrefix", "signingName", "targetPrefix", "serviceFullName", "protocol", "jsonVersion" })] = random.Next(4) == 0 ? RandomValue() : Pick(Texts);
                return "metadata text";
            case 9 when member is not null && (definition?["members"]) is JObject members:
                string newName = Pick(Texts);
                if (members[newName] is null)
                {
                    members[newName] = member.Value.DeepClone();
                }

                return "member " + newName + " added to " + shapeName;
            case 10 when shapes is not null && shape is not null:
                string renamed = Pick(Texts) + shape.Name;
                if (shapes[renamed] is null)
                {
                    shapes[renamed] = shape.Value.DeepClone();
                }

                return "shape " + renamed;
            case 11 when operations is not null && operations.Properties().FirstOrDefault() is { Value: JObject operation }:
                operation["endpoint"] = new JObject { ["hostPrefix"] = Pick(new[] { "{", "data-", "{text}.", "{text", "}{", "{a}{b}", "x{Text}y" }) };
                return "hostPrefix";
            case 12 when operations is not null && operations.Properties().FirstOrDefault() is { Value: JObject operation2 } && operation2["http"] is JObject http:
                http["requestUri"] = Pick(new[] { "/", "/{text}", "/{text+}", "/a?b", "/a?b=c&d", "/{", "/x/{missing}", "/{text}/{text}", "/%zz?%zz=%zz" });
                return "requestUri";
            case 13 when operations is not null && operations.Properties().FirstOrDefault() is { Value: JObject operation3 } && shape is not null:
                operation3[Pick(new[] { "input", "output" })] = Ref(shape.Name);
                return "operation uses " + shapeName;
            case 14 when member?.Value is JObject m2:
                m2["shape"] = random.Next(3) == 0 ? "Missing" + random.Next(10).ToString(CultureInfo.InvariantCulture) : shapeList[random.Next(shapeList.Count)].Name;
                return "member " + member.Name + " retargeted";
            case 15 when definition is not null:
                definition[Pick(new[] { "min", "max" })] = RandomNumber();
                return "min/max on " + shapeName;
            case 16 when definition is not null:
                definition["sensitive"] = true;
                return "sensitive " + shapeName;
            case 17 when definition is not null:
                definition[Pick(new[] { "payload", "union", "document", "eventstream", "streaming", "sparse", "deprecated", "deprecatedMessage", "timestampFormat", "retryable", "fault", "required" })] = random.Next(3) == 0 ? RandomValue() : random.Next(2) == 0 ? (JToken)true : Pick(Texts.Concat(memberList.Select(x => x.Name)).ToArray());
                return "trait on " + shapeName;
            case 18 when member?.Value is JObject m3:
                m3[Pick(new[] { "idempotencyToken", "jsonvalue", "hostLabel", "deprecated", "timestampFormat", "documentation", "deprecatedMessage", "xmlNamespace" })] = random.Next(2) == 0 ? (JToken)true : Pick(Texts);
                return "member trait on " + member.Name;
            case 19 when (definition?["members"]) is JObject members2 && memberList.Count > 0:
                members2.Remove(memberList[random.Next(memberList.Count)].Name);
                return "member removed from " + shapeName;
            case 20 when shapes is not null && shape is not null:
                shapes.Remove(shape.Name);
                return "shape " + shapeName + " removed";
            case 21 when operations is not null:
                string operationName = Pick(Texts) + random.Next(3).ToString(CultureInfo.InvariantCulture);
                if (operations[operationName] is null)
                {
                    operations[operationName] = new JObject { ["http"] = new JObject { ["method"] = Pick(new[] { "GET", "POST", "put", "" }), ["requestUri"] = "/" + random.Next(100).ToString(CultureInfo.InvariantCulture) } };
                    if (shape is not null && random.Next(2) == 0)
                    {
                        operations[operationName]!["input"] = Ref(shape.Name);
                    }
                }

                return "operation " + operationName;
            case 22 when definition is not null && shapeList.Count > 0:
                definition["members"] = random.Next(2) == 0 ? RandomValue() : new JObject(Enumerable.Range(0, random.Next(1, 4)).Select(i => new JProperty(Pick(Texts) + i.ToString(CultureInfo.InvariantCulture), Ref(shapeList[random.Next(shapeList.Count)].Name))));
                return "members of " + shapeName;
            default:
                JToken target = AllTokens(model)[random.Next(AllTokens(model).Count)];
                if (target is JValue { Type: JTokenType.String } value)
                {
                    value.Value = (string?)value + Pick(Texts);
                    return "text appended at " + target.Path;
                }

                if (target.Parent is JProperty property)
                {
                    property.Value = RandomValue();
                    return "value replaced at " + target.Path;
                }

                return "nothing";
        }
    }

    private void AddChain(JObject shapes, string kind, int depth, string? from)
    {
        string prefix = "Chain" + random.Next(1000).ToString(CultureInfo.InvariantCulture) + "_";
        for (int i = 0; i < depth; i++)
        {
            string next = i + 1 < depth ? prefix + (i + 1).ToString(CultureInfo.InvariantCulture) : "Leaf" + prefix;
            shapes[prefix + i.ToString(CultureInfo.InvariantCulture)] = kind switch
            {
                "list" => new JObject { ["type"] = "list", ["member"] = Ref(next) },
                "map" => new JObject { ["type"] = "map", ["key"] = Ref("Leaf" + prefix), ["value"] = Ref(next) },
                _ => new JObject { ["type"] = "structure", ["members"] = new JObject { ["next"] = Ref(next) } },
            };
        }

        shapes["Leaf" + prefix] = new JObject { ["type"] = "string" };
        if (from is not null && shapes[from] is JObject { } holder && (string?)holder["type"] == "structure" && holder["members"] is JObject members)
        {
            members["chain"] = Ref(prefix + "0");
        }
    }

    private List<JToken> AllTokens(JObject model) => model.DescendantsAndSelf().Where(t => t is JValue).ToList();

    private JToken RandomValue() => random.Next(9) switch
    {
        0 => JValue.CreateNull(),
        1 => new JValue(random.Next(2) == 0),
        2 => RandomNumber(),
        3 => new JArray(Pick(Texts), RandomNumber()),
        4 => new JObject(),
        5 => new JObject { ["shape"] = Pick(Texts) },
        6 => new JValue(random.NextDouble() * 1e6),
        _ => new JValue(Pick(Texts)),
    };

    private JToken RandomNumber() => random.Next(8) switch
    {
        0 => new JValue(-1),
        1 => new JValue(0),
        2 => new JValue(long.MaxValue),
        3 => new JValue(99999999999999L),
        4 => new JValue(4294967296L),
        5 => new JValue(1e300),
        6 => new JValue(random.Next(100, 600)),
        _ => new JValue(random.Next(-1000, 1000)),
    };

    private string HostileText(int length)
    {
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append(random.Next(4) == 0 ? Pick(Texts) : ((char)random.Next(0, 0x3000)).ToString());
        }

        return text.ToString();
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}

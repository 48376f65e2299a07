namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A model's names can never break the build, in every protocol family (json, rest-json, query, ec2, rest-xml,
/// smithy-rpc-v2-cbor): every public type name of every namespace the generated code imports or names
/// (enumerated from the referenced assemblies, not listed by hand; <c>Object</c>, <c>Range</c>, <c>Task</c>,
/// <c>XmlReader</c>, <c>CborWriter</c> among them), and the names of the generated internal types, used as shape
/// names; and every member name the generated classes and their base classes define, used as member names of a
/// structure and an error and as enum values.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class NameCollisionTests
{
    private static readonly string[] UsedNamespaces =
    {
        "System", "System.Collections.Generic", "System.Globalization", "System.IO", "System.Net", "System.Runtime.CompilerServices",
        "System.Text", "System.Text.Json", "System.Threading", "System.Threading.Tasks", "System.Numerics", "System.Linq",
        "System.Xml", "System.Formats.Cbor", "System.Buffers", "System.Net.Http",
        "SsoOidcCodegen.Runtime", "SsoOidcCodegen.Runtime.Http", "SsoOidcCodegen.Runtime.Protocols", "SsoOidcCodegen.Runtime.Text",
        "SsoOidcCodegen.Runtime.Protocols.Xml", "SsoOidcCodegen.Runtime.Protocols.Query", "SsoOidcCodegen.Runtime.Protocols.Cbor",
        "SsoOidcCodegen.Runtime.Protocols.EventStream", "SsoOidcCodegen.Runtime.Endpoints", "SsoOidcCodegen.Runtime.Auth",
        "SsoOidcCodegen.Runtime.Waiters", "SsoOidcCodegen.Runtime.DependencyInjection",
    };

    /// <summary>Every protocol the generator speaks.</summary>
    public static TheoryData<string> Protocols() => new() { "rest-json", "json", "query", "ec2", "rest-xml", "smithy-rpc-v2-cbor" };

    /// <summary>One protocol per family of emitters (query and ec2 share theirs; ec2 takes the cheaper member test).</summary>
    public static TheoryData<string> ProtocolFamilies() => new() { "rest-json", "json", "query", "rest-xml", "smithy-rpc-v2-cbor" };

    [Theory]
    [MemberData(nameof(ProtocolFamilies))]
    public void Shapes_named_like_every_type_the_generated_code_uses_compile(string protocol)
    {
        List<string> names = TypeNamesOf(UsedNamespaces)
            .Concat(new[] { "TextSerializer", "DemoErrors", "DemoJsonCollections", "DemoXmlCollections", "DemoCborCollections", "PingOperation", "DemoException", "DemoClient", "IDemoClient", "Internal", "Model", "Endpoints", "Demo", "Aws", "System", "SsoOidcCodegen" })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("File", names);
        Assert.Contains("Task", names);
        Assert.Contains("Object", names);
        Assert.Contains("Range", names);
        Assert.Contains("JsonElement", names);
        Assert.Contains("XmlReader", names);
        Assert.Contains("CborWriter", names);
        Assert.Contains("AwsObjectFormatter", names);

        // The names the serializers, collection codecs and operations write most (global::-qualified, with no using).
        Assert.All(new[] { "MemoryStream", "Stream", "Encoding", "Utf8JsonWriter", "Utf8JsonReader", "JsonSerializer", "JsonTokenType", "XmlReader", "XmlWriter", "CborReader", "CborReaderState", "Buffer", "Math", "Convert", "CultureInfo", "KeyValuePair", "Dictionary", "List", "JsonWire", "XmlWire", "CborWire", "HttpWire", "QueryWriter", "XmlBody", "EventStreamMessage", "AwsEndpoint", "AwsCredentials", "ArrayPool" }, n => Assert.Contains(n, names));
        Assert.True(names.Count > 500, $"only {names.Count} type names");

        GeneratorRun run = AssertCompiles(Model(protocol, names, Array.Empty<string>()));

        // No shape was renamed to dodge a BCL or runtime name: each keeps the name the model gives it.
        var declared = run.Sources.Select(s => s.HintName).ToHashSet(StringComparer.Ordinal);
        Assert.All(new[] { "Object", "Range", "Task", "Stream", "String", "XmlReader", "CborWriter", "MemoryStream", "Encoding", "Utf8JsonWriter", "JsonWire", "Math" }, n => Assert.Contains(declared, h => h.EndsWith(".Model." + n + ".g.cs", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Members_named_like_every_member_of_the_generated_classes_compile(string protocol)
    {
        List<string> members = MemberNamesOf(typeof(SsoOidcCodegen.Runtime.AwsServiceException), typeof(SsoOidcCodegen.Runtime.AwsClient), typeof(object), typeof(Exception))
            .Concat(new[] { "Code", "code", "Message", "message", "Value", "value", "KnownValues", "IsKnown", "Descriptor", "ModeledErrors", "Marshal", "Unmarshal", "Validate", "Write", "WriteMembers", "Read", "ReadMembers", "ServiceInfo", "Create" })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("StatusCode", members);
        Assert.Contains("InnerException", members);

        AssertCompiles(Model(protocol, new[] { "Thing" }, members));
    }

    /// <summary>
    /// The client's namespace comes from the model (<c>Aws.</c> plus the service id): a segment that names a root
    /// namespace the generated files import (<c>System</c>, <c>SsoOidcCodegen</c>) or name (<c>Microsoft</c>) would
    /// capture every <c>using</c> written inside it unless the imports are written from <c>global::</c>, and the
    /// service exception <c>SystemException</c> must not lose to <c>System.SystemException</c>. Found by the model
    /// fuzz test (seed 1130, cases 7936 and 16391: serviceId <c>System</c> on a cut of SSO OIDC and of EBS).
    /// </summary>
    [Theory]
    [MemberData(nameof(ProtocolFamilies))]
    public void Service_namespaces_named_like_the_imported_root_namespaces_compile(string protocol)
    {
        foreach (string serviceId in new[] { "System", "SsoOidcCodegen", "Microsoft", "Xml", "Text", "Runtime" })
        {
            JObject model = JObject.Parse(Model(protocol, new[] { "Thing", "Other" }, new[] { "code", "Message" }));
            model["metadata"]!["serviceId"] = serviceId;
            GeneratorRun run = AssertCompiles(model.ToString());
            Assert.Contains(run.Sources, s => s.HintName.Contains(".Aws." + serviceId + ".", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The statements an operation writes only for some members (a list bound to a request header, a string or
    /// enum payload sent as text, one read back as text) name the BCL from <c>global::</c> too: in a namespace
    /// with a <c>System</c> segment, <c>System.Linq</c> or <c>System.Text</c> would resolve to <c>Aws.System.Linq</c>.
    /// </summary>
    [Theory]
    [InlineData("rest-json")]
    [InlineData("rest-xml")]
    public void Header_lists_and_text_payloads_compile_in_a_namespace_with_a_System_segment(string protocol)
    {
        var shapes = new JObject
        {
            ["Text"] = new JObject { ["type"] = "string" },
            ["Mood"] = new JObject { ["type"] = "string", ["enum"] = new JArray("calm", "bright") },
            ["Tags"] = new JObject { ["type"] = "list", ["member"] = new JObject { ["shape"] = "Text" } },
            ["PutTextRequest"] = new JObject
            {
                ["type"] = "structure",
                ["payload"] = "body",
                ["members"] = new JObject
                {
                    ["tags"] = new JObject { ["shape"] = "Tags", ["location"] = "header", ["locationName"] = "x-tags" },
                    ["body"] = new JObject { ["shape"] = "Text" },
                },
            },
            ["PutTextResponse"] = new JObject { ["type"] = "structure", ["payload"] = "body", ["members"] = new JObject { ["body"] = new JObject { ["shape"] = "Text" } } },
            ["PutMoodRequest"] = new JObject { ["type"] = "structure", ["payload"] = "mood", ["members"] = new JObject { ["mood"] = new JObject { ["shape"] = "Mood" } } },
            ["PutMoodResponse"] = new JObject { ["type"] = "structure", ["payload"] = "mood", ["members"] = new JObject { ["mood"] = new JObject { ["shape"] = "Mood" } } },
        };
        var metadata = new JObject { ["protocol"] = protocol, ["serviceId"] = "System", ["apiVersion"] = "2024-01-01", ["endpointPrefix"] = "demo" };
        var model = new JObject
        {
            ["metadata"] = metadata,
            ["operations"] = new JObject
            {
                ["PutText"] = new JObject
                {
                    ["http"] = new JObject { ["method"] = "PUT", ["requestUri"] = "/text" },
                    ["input"] = new JObject { ["shape"] = "PutTextRequest" },
                    ["output"] = new JObject { ["shape"] = "PutTextResponse" },
                },
                ["PutMood"] = new JObject
                {
                    ["http"] = new JObject { ["method"] = "PUT", ["requestUri"] = "/mood" },
                    ["input"] = new JObject { ["shape"] = "PutMoodRequest" },
                    ["output"] = new JObject { ["shape"] = "PutMoodResponse" },
                },
            },
            ["shapes"] = shapes,
        };

        GeneratorRun run = AssertCompiles(model.ToString());
        string putText = run.InternalClass("PutTextOperation")!;
        Assert.Contains("x-tags", putText, StringComparison.Ordinal);
    }

    private static GeneratorRun AssertCompiles(string model)
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/names.json", model) });
        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        return run;
    }

    /// <summary>The public, non-nested type names of the namespaces, from the assemblies the generated code compiles against.</summary>
    private static IEnumerable<string> TypeNamesOf(IReadOnlyCollection<string> namespaces)
    {
        Compilation compilation = GeneratorHarness.CreateCompilation();
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string ns in namespaces)
        {
            INamespaceSymbol? symbol = compilation.GlobalNamespace;
            foreach (string part in ns.Split('.'))
            {
                symbol = symbol?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
            }

            Assert.True(symbol is not null, "namespace " + ns + " not found");
            foreach (INamedTypeSymbol type in symbol!.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public))
            {
                names.Add(type.Name);
            }
        }

        return names;
    }

    private static IEnumerable<string> MemberNamesOf(params Type[] types) =>
        types.SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy))
            .Where(m => m is not ConstructorInfo && !m.Name.Contains('<', StringComparison.Ordinal) && !m.Name.Contains('.', StringComparison.Ordinal) && !m.Name.StartsWith("get_", StringComparison.Ordinal) && !m.Name.StartsWith("set_", StringComparison.Ordinal) && !m.Name.StartsWith("op_", StringComparison.Ordinal))
            .Select(m => m.Name);

    /// <summary>
    /// A model of the protocol: every type name a shape held by the operation's input and output (so serializers,
    /// collection codecs, validators and the client name it): a structure with a text member, directly, in a list
    /// or as a map value, or an enum; every member name on the input, the output and an error (in the body and in
    /// headers), and as enum values.
    /// </summary>
    private static string Model(string protocol, IReadOnlyList<string> typeNames, IReadOnlyList<string> memberNames)
    {
        var shapes = new JObject
        {
            ["Text"] = new JObject { ["type"] = "string", ["min"] = 1 },
            ["Items"] = new JObject { ["type"] = "list", ["member"] = new JObject { ["shape"] = "Text" } },
        };
        var holder = new JObject();
        for (int i = 0; i < typeNames.Count; i++)
        {
            // Each name is one shape, its kind rotating (a structure held directly, a structure in a list, a
            // structure as a map value, an enum), so every kind of reference meets the whole set of names
            // without compiling four shapes per name in every protocol.
            string name = typeNames[i];
            JObject structure = new() { ["type"] = "structure", ["required"] = new JArray("text"), ["members"] = new JObject { ["text"] = new JObject { ["shape"] = "Text" } } };
            switch (i % 4)
            {
                case 0:
                    shapes[name] = structure;
                    holder["m" + name] = new JObject { ["shape"] = name };
                    break;
                case 1:
                    shapes[name] = structure;
                    shapes["ListOf" + name] = new JObject { ["type"] = "list", ["member"] = new JObject { ["shape"] = name } };
                    holder["l" + name] = new JObject { ["shape"] = "ListOf" + name };
                    break;
                case 2:
                    shapes[name] = structure;
                    shapes["MapOf" + name] = new JObject { ["type"] = "map", ["key"] = new JObject { ["shape"] = "Text" }, ["value"] = new JObject { ["shape"] = name } };
                    holder["e" + name] = new JObject { ["shape"] = "MapOf" + name };
                    break;
                default:
                    shapes[name] = new JObject { ["type"] = "string", ["enum"] = new JArray("a", "b") };
                    holder["k" + name] = new JObject { ["shape"] = name };
                    break;
            }
        }

        var request = new JObject(holder.Properties().Select(p => new JProperty(p.Name, p.Value.DeepClone())));
        var response = new JObject(holder.Properties().Select(p => new JProperty(p.Name, p.Value.DeepClone())));
        var error = new JObject { ["message"] = new JObject { ["shape"] = "Text" } };
        int header = 0;
        foreach (string member in memberNames)
        {
            request[member] = new JObject { ["shape"] = "Text" };
            response[member] = new JObject { ["shape"] = "Items", ["location"] = "header", ["locationName"] = "x-h" + header++ };
            error[member] = new JObject { ["shape"] = "Text", ["location"] = header % 2 == 0 ? "header" : null, ["locationName"] = "x-e" + header++ };
        }

        if (memberNames.Count > 0)
        {
            shapes["Names"] = new JObject { ["type"] = "string", ["enum"] = new JArray(memberNames.ToArray<object>()) };
            request["names"] = new JObject { ["shape"] = "Names" };
        }

        shapes["PingRequest"] = new JObject { ["type"] = "structure", ["members"] = request };
        shapes["PingResponse"] = new JObject { ["type"] = "structure", ["members"] = response };
        shapes["Boom"] = new JObject { ["type"] = "structure", ["exception"] = true, ["error"] = new JObject { ["httpStatusCode"] = 400 }, ["members"] = error };
        var metadata = new JObject { ["protocol"] = protocol, ["serviceId"] = "Demo", ["apiVersion"] = "2024-01-01", ["endpointPrefix"] = "demo" };
        if (protocol is "json" or "smithy-rpc-v2-cbor")
        {
            metadata["targetPrefix"] = "Demo_20240101";
            metadata["jsonVersion"] = "1.1";
        }

        if (protocol is "query" or "rest-xml")
        {
            metadata["xmlNamespace"] = new JObject { ["uri"] = "https://demo.example/doc/" };
        }

        var model = new JObject
        {
            ["metadata"] = metadata,
            ["operations"] = new JObject
            {
                ["Ping"] = new JObject
                {
                    ["http"] = new JObject { ["method"] = "POST", ["requestUri"] = "/ping" },
                    ["input"] = new JObject { ["shape"] = "PingRequest" },
                    ["output"] = new JObject { ["shape"] = "PingResponse" },
                    ["errors"] = new JArray(new JObject { ["shape"] = "Boom" }),
                },
            },
            ["shapes"] = shapes,
        };
        return model.ToString();
    }
}

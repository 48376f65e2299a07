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
/// A model's names can never break the build: every public type name of every namespace the generated code
/// imports or names (enumerated from the referenced assemblies, not listed by hand), and the names of the
/// generated internal types, used as shape names; and every member name the generated classes and their base
/// classes define, used as member names of a structure and an error and as enum values.
/// </summary>
public sealed class NameCollisionTests
{
    private static readonly string[] UsedNamespaces =
    {
        "System", "System.Collections.Generic", "System.Globalization", "System.IO", "System.Net", "System.Runtime.CompilerServices",
        "System.Text", "System.Text.Json", "System.Threading", "System.Threading.Tasks", "System.Numerics", "System.Linq",
        "SsoOidcCodegen.Runtime", "SsoOidcCodegen.Runtime.Http", "SsoOidcCodegen.Runtime.Protocols", "SsoOidcCodegen.Runtime.Text",
    };

    [Fact]
    public void Shapes_named_like_every_type_the_generated_code_uses_compile()
    {
        List<string> names = TypeNamesOf(UsedNamespaces)
            .Concat(new[] { "TextSerializer", "DemoErrors", "DemoJsonCollections", "PingOperation", "DemoException", "DemoClient", "IDemoClient", "Internal", "Model", "Endpoints", "Demo", "Aws" })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("File", names);
        Assert.Contains("Task", names);
        Assert.Contains("JsonElement", names);
        Assert.Contains("AwsObjectFormatter", names);
        Assert.True(names.Count > 500, $"only {names.Count} type names");

        AssertCompiles(Model(names, Array.Empty<string>()));
    }

    [Fact]
    public void Members_named_like_every_member_of_the_generated_classes_compile()
    {
        List<string> members = MemberNamesOf(typeof(SsoOidcCodegen.Runtime.AwsServiceException), typeof(SsoOidcCodegen.Runtime.AwsClient), typeof(object), typeof(Exception))
            .Concat(new[] { "Code", "code", "Message", "message", "Value", "value", "KnownValues", "IsKnown", "Descriptor", "ModeledErrors", "Marshal", "Unmarshal", "Validate", "Write", "WriteMembers", "Read", "ReadMembers", "ServiceInfo", "Create" })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("StatusCode", members);
        Assert.Contains("InnerException", members);

        AssertCompiles(Model(new[] { "Thing" }, members));
    }

    private static void AssertCompiles(string model)
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/names.json", model) });
        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
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
    /// A rest-json model: every type name a structure with a text member, held by the operation's input and
    /// output (so serializers, validators and the client name them) and an enum per name; every member name on
    /// the input, the output and an error (in the body and in headers), and as enum values.
    /// </summary>
    private static string Model(IReadOnlyList<string> typeNames, IReadOnlyList<string> memberNames)
    {
        var shapes = new JObject
        {
            ["Text"] = new JObject { ["type"] = "string", ["min"] = 1 },
            ["Items"] = new JObject { ["type"] = "list", ["member"] = new JObject { ["shape"] = "Text" } },
        };
        var holder = new JObject();
        foreach (string name in typeNames)
        {
            shapes[name] = new JObject { ["type"] = "structure", ["required"] = new JArray("text"), ["members"] = new JObject { ["text"] = new JObject { ["shape"] = "Text" } } };
            shapes[name + "Kind"] = new JObject { ["type"] = "string", ["enum"] = new JArray("a", "b") };
            holder["m" + name] = new JObject { ["shape"] = name };
            holder["k" + name] = new JObject { ["shape"] = name + "Kind" };
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
        var model = new JObject
        {
            ["metadata"] = new JObject { ["protocol"] = "rest-json", ["serviceId"] = "Demo", ["apiVersion"] = "2024-01-01", ["endpointPrefix"] = "demo" },
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

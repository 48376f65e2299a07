namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Parsing;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Usage analysis over synthetic models, in every protocol: a shape only a request carries has a writer and no
/// reader, one only a response carries a reader and no writer, one carried both ways both, an error and what it
/// holds readers only, a recursive shape what its side needs, a shape no operation uses no serializer at all;
/// validators exist only where a request can break a rule. The parser's <see cref="ShapeUsage"/> is checked on
/// cycles and on a long chain.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class UsageAnalysisTests
{
    private static readonly string[] Writers = { "Write", "WriteMembers", "WriteQuery", "WriteXml", "WriteXmlMembers" };

    private static readonly string[] Readers = { "Read", "ReadMembers", "ReadMember" };

    public static TheoryData<string> Protocols() => new() { "rest-json", "json", "query", "ec2", "rest-xml", "smithy-rpc-v2-cbor" };

    [Theory]
    [MemberData(nameof(Protocols))]
    public void A_shape_gets_a_writer_only_when_a_request_carries_it_and_a_reader_only_when_a_response_or_error_does(string protocol)
    {
        GeneratorRun run = UsageModels.Compile(protocol, UsageModels.Synthetic(protocol));
        Dictionary<string, HashSet<string>> classes = UsageModels.InternalMethods(run);

        AssertMethods(classes, "InOnlySerializer", writes: true, reads: false, validates: true);
        AssertMethods(classes, "OutOnlySerializer", writes: false, reads: true, validates: false);
        AssertMethods(classes, "SharedSerializer", writes: true, reads: true, validates: false);
        AssertMethods(classes, "NodeSerializer", writes: true, reads: false, validates: false);
        AssertMethods(classes, "ErrDetailSerializer", writes: false, reads: true, validates: false);
        AssertMethods(classes, "BoomSerializer", writes: false, reads: true, validates: false);
        AssertMethods(classes, "PutInputSerializer", writes: true, reads: false, validates: true);
        AssertMethods(classes, "PingInputSerializer", writes: true, reads: false, validates: false);

        // An error is read member by member into the exception the table creates; nothing reads it whole. Under the
        // JSON protocols one member at a time (the table's single pass over the body also finds the message there).
        Assert.DoesNotContain("Read", classes["BoomSerializer"]);
        bool json = protocol is "rest-json" or "json";
        Assert.Equal(json, classes["BoomSerializer"].Contains("ReadMember"));
        Assert.Equal(!json, classes["BoomSerializer"].Contains("ReadMembers"));

        // A shape no operation uses is a type, without a serializer.
        Assert.False(classes.ContainsKey("UnusedSerializer"), "a serializer for a shape no operation uses");
        Assert.Contains(run.Sources, s => s.HintName.EndsWith(".Model.Unused.g.cs", StringComparison.Ordinal));

        // The operation validates only a request with rules.
        Assert.Contains("Validate", classes["PutOperation"]);
        Assert.DoesNotContain("Validate", classes["PingOperation"]);
        Assert.DoesNotContain(classes.Values, methods => methods.Contains("ModeledErrors"));

        // Collection codecs follow their side: the input's lists are written, the output's map is read.
        string collections = classes.Keys.Single(k => k.EndsWith("Collections", StringComparison.Ordinal));
        HashSet<string> codecs = classes[collections];
        Assert.Contains(codecs, m => m.StartsWith("ReadMapOfString", StringComparison.Ordinal));
        Assert.DoesNotContain(codecs, m => m.StartsWith("ReadListOf", StringComparison.Ordinal));
        Assert.DoesNotContain(codecs, m => m.StartsWith("WriteMapOf", StringComparison.Ordinal));
        if (protocol is "rest-json" or "json" or "smithy-rpc-v2-cbor")
        {
            Assert.Contains("WriteListOfStructNode", codecs);
            Assert.Contains("WriteListOfString", codecs);
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void A_model_whose_only_operation_has_no_body_members_generates_no_serializer_and_compiles(string protocol)
    {
        JObject model = UsageModels.Synthetic(protocol);
        var operations = (JObject)model["operations"]!;
        operations.Remove("Put");
        ((JObject)model["shapes"]!).Remove("Boom");
        GeneratorRun run = UsageModels.Compile(protocol, model);
        Dictionary<string, HashSet<string>> classes = UsageModels.InternalMethods(run);

        Assert.Equal(new[] { "PingInputSerializer", "PingOperation", "UsageErrors" }, classes.Keys.Where(k => k.EndsWith("Serializer", StringComparison.Ordinal) || k.EndsWith("Operation", StringComparison.Ordinal) || k.EndsWith("Errors", StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal));
        Assert.DoesNotContain(classes.Keys, k => k.EndsWith("Collections", StringComparison.Ordinal));
    }

    [Fact]
    public void The_parser_marks_inputs_outputs_errors_and_what_they_hold_through_cycles()
    {
        ServiceSpec spec = UsageModels.Parse(UsageModels.Synthetic("rest-json"));
        Dictionary<string, ShapeUsage> usage = spec.Shapes.ToDictionary(s => s.TypeName, s => s.Usage, StringComparer.Ordinal);

        Assert.Equal(ShapeUsage.Input | ShapeUsage.Validated, usage["PutInput"]);
        Assert.Equal(ShapeUsage.Input, usage["PingInput"]);
        Assert.Equal(ShapeUsage.Output, usage["PutOutput"]);
        Assert.Equal(ShapeUsage.InputMember | ShapeUsage.Validated, usage["InOnly"]);
        Assert.Equal(ShapeUsage.OutputMember, usage["OutOnly"]);
        Assert.Equal(ShapeUsage.InputMember | ShapeUsage.OutputMember, usage["Shared"]);
        Assert.Equal(ShapeUsage.InputMember, usage["Node"]);
        Assert.Equal(ShapeUsage.Error, usage["Boom"]);
        Assert.Equal(ShapeUsage.OutputMember, usage["ErrDetail"]);
        Assert.Equal(ShapeUsage.None, usage["Unused"]);
        Assert.Equal(ShapeUsage.None, usage["Color"]);
    }

    [Fact]
    public void A_cycle_and_a_long_chain_are_marked_in_one_pass_and_a_rule_deep_down_validates_every_holder()
    {
        // Input -> A -> B -> C -> A (a cycle), and Input -> L0 -> L1 -> ... -> L59 whose last link has a required member.
        var shapes = new JObject
        {
            ["Text"] = new JObject { ["type"] = "string" },
            ["In"] = new JObject { ["type"] = "structure", ["members"] = new JObject { ["A"] = Ref("A"), ["L"] = Ref("L0") } },
            ["Out"] = new JObject { ["type"] = "structure", ["members"] = new JObject { ["C"] = Ref("C") } },
            ["A"] = new JObject { ["type"] = "structure", ["members"] = new JObject { ["B"] = Ref("B") } },
            ["B"] = new JObject { ["type"] = "structure", ["members"] = new JObject { ["C"] = Ref("C") } },
            ["C"] = new JObject { ["type"] = "structure", ["members"] = new JObject { ["A"] = Ref("A"), ["Name"] = Ref("Text") } },
        };
        const int chain = 60;
        for (int i = 0; i < chain; i++)
        {
            shapes["L" + i] = i == chain - 1
                ? new JObject { ["type"] = "structure", ["required"] = new JArray("Name"), ["members"] = new JObject { ["Name"] = Ref("Text") } }
                : new JObject { ["type"] = "structure", ["members"] = new JObject { ["Next"] = Ref("L" + (i + 1)) } };
        }

        var model = new JObject
        {
            ["metadata"] = new JObject { ["protocol"] = "rest-json", ["serviceId"] = "Chain", ["apiVersion"] = "2024-01-01", ["endpointPrefix"] = "chain" },
            ["operations"] = new JObject
            {
                ["Go"] = new JObject { ["http"] = new JObject { ["method"] = "POST", ["requestUri"] = "/" }, ["input"] = Ref("In"), ["output"] = Ref("Out") },
            },
            ["shapes"] = shapes,
        };

        Dictionary<string, ShapeUsage> usage = UsageModels.Parse(model).Shapes.ToDictionary(s => s.TypeName, s => s.Usage, StringComparer.Ordinal);
        foreach (string name in new[] { "A", "B", "C" })
        {
            // The cycle is reached from both sides (the output holds C), and nothing in it has a rule.
            Assert.Equal(ShapeUsage.InputMember | ShapeUsage.OutputMember, usage[name]);
        }

        for (int i = 0; i < chain; i++)
        {
            Assert.Equal(ShapeUsage.InputMember | ShapeUsage.Validated, usage["L" + i]);
        }

        Assert.Equal(ShapeUsage.Input | ShapeUsage.Validated, usage["In"]);
        Assert.Equal(ShapeUsage.Output, usage["Out"]);

        GeneratorRun run = UsageModels.Compile("rest-json", model);
        Dictionary<string, HashSet<string>> classes = UsageModels.InternalMethods(run);
        Assert.Contains("Validate", classes["L0Serializer"]);
        Assert.DoesNotContain("Validate", classes["ASerializer"]);
        Assert.Contains("Read", classes["ASerializer"]);
        Assert.Contains("Write", classes["ASerializer"]);
        Assert.Empty(GeneratedCodeReachability.UnreachedInternalMembers(run.Compilation));
    }

    private static JObject Ref(string shape) => new() { ["shape"] = shape };

    private static void AssertMethods(Dictionary<string, HashSet<string>> classes, string className, bool writes, bool reads, bool validates)
    {
        Assert.True(classes.TryGetValue(className, out HashSet<string>? methods), className + " was not generated");
        Assert.True(writes == methods!.Overlaps(Writers), $"{className}: expected {(writes ? "a" : "no")} writer, has {string.Join(", ", methods)}");
        Assert.True(reads == methods.Overlaps(Readers), $"{className}: expected {(reads ? "a" : "no")} reader, has {string.Join(", ", methods)}");
        Assert.True(validates == methods.Contains("Validate"), $"{className}: expected {(validates ? "a" : "no")} validator, has {string.Join(", ", methods)}");
    }
}

/// <summary>The synthetic usage model and the helpers that generate, compile and look into it.</summary>
internal static class UsageModels
{
    /// <summary>
    /// <c>Put</c> takes <c>PutInput</c> (a required name, <c>InOnly</c> with a rule, <c>Shared</c>, a recursive
    /// <c>Node</c> tree, a list of text) and returns <c>PutOutput</c> (<c>OutOnly</c>, <c>Shared</c>, a map of text), and
    /// can fail with <c>Boom</c>, which holds <c>ErrDetail</c>; <c>Ping</c> takes a request without rules and returns
    /// nothing. <c>Unused</c> and the enum <c>Color</c> belong to no operation.
    /// </summary>
    public static JObject Synthetic(string protocol)
    {
        static JObject Ref(string shape) => new() { ["shape"] = shape };
        static JObject Structure(JObject members, params string[] required) =>
            new() { ["type"] = "structure", ["required"] = new JArray(required.ToArray<object>()), ["members"] = members };

        var shapes = new JObject
        {
            ["Text"] = new JObject { ["type"] = "string" },
            ["Color"] = new JObject { ["type"] = "string", ["enum"] = new JArray("red", "blue") },
            ["PutInput"] = Structure(new JObject { ["Name"] = Ref("Text"), ["InOnly"] = Ref("InOnly"), ["Both"] = Ref("Shared"), ["Tree"] = Ref("Node"), ["Labels"] = Ref("ListOfText") }, "Name"),
            ["PutOutput"] = Structure(new JObject { ["OutOnly"] = Ref("OutOnly"), ["Both"] = Ref("Shared"), ["Tags"] = Ref("MapOfText") }),
            ["PingInput"] = Structure(new JObject { ["Note"] = Ref("Text") }),
            ["InOnly"] = Structure(new JObject { ["Id"] = Ref("Text") }, "Id"),
            ["OutOnly"] = Structure(new JObject { ["Id"] = Ref("Text") }, "Id"),
            ["Shared"] = Structure(new JObject { ["Id"] = Ref("Text") }),
            ["Node"] = Structure(new JObject { ["Value"] = Ref("Text"), ["Children"] = Ref("ListOfNode") }),
            ["ListOfNode"] = new JObject { ["type"] = "list", ["member"] = Ref("Node") },
            ["ListOfText"] = new JObject { ["type"] = "list", ["member"] = Ref("Text") },
            ["MapOfText"] = new JObject { ["type"] = "map", ["key"] = Ref("Text"), ["value"] = Ref("Text") },
            ["Boom"] = new JObject
            {
                ["type"] = "structure",
                ["exception"] = true,
                ["error"] = new JObject { ["httpStatusCode"] = 400 },
                ["members"] = new JObject { ["message"] = Ref("Text"), ["Detail"] = Ref("ErrDetail") },
            },
            ["ErrDetail"] = Structure(new JObject { ["Code"] = Ref("Text") }, "Code"),
            ["Unused"] = Structure(new JObject { ["Id"] = Ref("Text"), ["Color"] = Ref("Color") }, "Id"),
        };

        var metadata = new JObject { ["protocol"] = protocol, ["serviceId"] = "Usage", ["apiVersion"] = "2024-01-01", ["endpointPrefix"] = "usage" };
        if (protocol is "json" or "smithy-rpc-v2-cbor")
        {
            metadata["targetPrefix"] = "Usage_20240101";
            metadata["jsonVersion"] = "1.1";
        }

        if (protocol is "query" or "rest-xml")
        {
            metadata["xmlNamespace"] = new JObject { ["uri"] = "https://usage.example/doc/" };
        }

        return new JObject
        {
            ["metadata"] = metadata,
            ["operations"] = new JObject
            {
                ["Put"] = new JObject
                {
                    ["http"] = new JObject { ["method"] = "POST", ["requestUri"] = "/put" },
                    ["input"] = Ref("PutInput"),
                    ["output"] = Ref("PutOutput"),
                    ["errors"] = new JArray(Ref("Boom")),
                },
                ["Ping"] = new JObject
                {
                    ["http"] = new JObject { ["method"] = "POST", ["requestUri"] = "/ping" },
                    ["input"] = Ref("PingInput"),
                },
            },
            ["shapes"] = shapes,
        };
    }

    public static ServiceSpec Parse(JObject model)
    {
        ParseResult parsed = ServiceModelParser.Parse(
            new ModelInput { Path = "/models/usage-2024-01-01.json", Text = model.ToString(), Options = ModelOptions.Default },
            TestContext.Current.CancellationToken);
        Assert.True(parsed.Spec is not null, string.Join(Environment.NewLine, parsed.Diagnostics.Select(d => d.ToString())));
        return parsed.Spec!;
    }

    /// <summary>Generates the model and compiles the output with zero diagnostics.</summary>
    public static GeneratorRun Compile(string protocol, JObject model)
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile($"/models/usage-{protocol}.json", model.ToString()) });
        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        return run;
    }

    /// <summary>The methods and fields of every generated class in an <c>.Internal</c> namespace, by class name.</summary>
    public static Dictionary<string, HashSet<string>> InternalMethods(GeneratorRun run)
    {
        var classes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (GeneratedSourceResult source in run.Sources)
        {
            foreach (ClassDeclarationSyntax type in source.SyntaxTree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                if (type.FirstAncestorOrSelf<BaseNamespaceDeclarationSyntax>()?.Name.ToString().EndsWith(".Internal", StringComparison.Ordinal) != true)
                {
                    continue;
                }

                var members = new HashSet<string>(StringComparer.Ordinal);
                members.UnionWith(type.Members.OfType<MethodDeclarationSyntax>().Select(m => m.Identifier.ValueText));
                members.UnionWith(type.Members.OfType<FieldDeclarationSyntax>().SelectMany(f => f.Declaration.Variables).Select(v => v.Identifier.ValueText));
                classes[type.Identifier.ValueText] = members;
            }
        }

        return classes;
    }
}

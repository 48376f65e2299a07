namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A model from a third party must never add code: every text field of a model (documentation, names,
/// metadata, URIs, header names, enum values, error codes, deprecation messages, the file name) carries
/// every Unicode line terminator and control character and text that tries to close a comment, a doc
/// tag or a string literal and declare a <c>[ModuleInitializer]</c>. The generated code must compile and
/// have exactly the declarations of the same model with harmless text.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class CodeInjectionTests
{
    /// <summary>Everything that could end a comment or a literal, and the code it would add.</summary>
    public static readonly string Hostile = BuildHostile();

    [Theory]
    [InlineData("rest-json")]
    [InlineData("json")]
    [InlineData("query")]
    [InlineData("ec2")]
    [InlineData("rest-xml")]
    [InlineData("smithy-rpc-v2-cbor")]
    public void Hostile_text_in_every_field_adds_no_declaration_and_compiles(string protocol)
    {
        GeneratorRun benign = GeneratorHarness.Run(new[] { new ModelFile("/models/demo.json", Model(protocol, tag => tag)) });
        GeneratorRun hostile = GeneratorHarness.Run(new[] { new ModelFile("/models/demo:v2" + Hostile.Replace("/", string.Empty, StringComparison.Ordinal) + ".json", Model(protocol, tag => tag + Hostile)) });

        Assert.Empty(benign.GeneratorDiagnostics.Where(d => d.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.Empty(hostile.GeneratorDiagnostics.Where(d => d.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.True(hostile.CompileDiagnostics.Count == 0, GeneratorRun.Describe(hostile.CompileDiagnostics));
        Assert.True(benign.CompileDiagnostics.Count == 0, GeneratorRun.Describe(benign.CompileDiagnostics));

        GeneratedCodeShape expected = GeneratedCodeShape.Of(benign.Sources.Select(s => s.SourceText.ToString()));
        GeneratedCodeShape actual = GeneratedCodeShape.Of(hostile.Sources.Select(s => s.SourceText.ToString()));
        // No kind of declaration appears more often than in the benign output. In query and ec2 the hostile member
        // names share their XML local name (the part after a ':'), so the output reads one of two members and its
        // list reader, which nothing then calls, is not generated: fewer declarations, never more.
        foreach ((string kind, int count) in actual.Counts)
        {
            int benignCount = expected.Counts.TryGetValue(kind, out int found) ? found : 0;
            Assert.True(count <= benignCount, $"{kind}: {count} declarations, {benignCount} without the hostile text");
        }

        Assert.Subset(expected.Attributes.ToHashSet(StringComparer.Ordinal), actual.Attributes.ToHashSet(StringComparer.Ordinal));
        Assert.DoesNotContain("Evil", actual.Identifiers);
        Assert.DoesNotContain("ModuleInitializer", actual.Identifiers);
        Assert.DoesNotContain(actual.Attributes, a => a.Contains("ModuleInitializer", StringComparison.Ordinal));
        if (protocol is not ("query" or "ec2"))
        {
            Assert.Equal(expected.Describe(), actual.Describe());
            Assert.Equal(expected.Attributes, actual.Attributes);
            Assert.Equal(benign.Sources.Count(), hostile.Sources.Count());
        }
    }

    [Fact]
    public void The_hostile_text_holds_every_line_terminator_and_control_character()
    {
        foreach (char c in new[] { '\r', '\n', '\u0085', '\u2028', '\u2029', '\u000b', '\u000c' })
        {
            Assert.Contains(c, Hostile);
        }

        for (char c = '\0'; c < ' '; c++)
        {
            Assert.Contains(c, Hostile);
        }

        for (char c = '\u007f'; c <= '\u009f'; c++)
        {
            Assert.Contains(c, Hostile);
        }
    }

    private static string BuildHostile()
    {
        var text = new StringBuilder();
        for (char c = '\0'; c < ' '; c++)
        {
            text.Append(c);
        }

        for (char c = '\u007f'; c <= '\u009f'; c++)
        {
            text.Append(c);
        }

        text.Append("\u2028\u2029\ufeff\u202e\u2066\u200f\ud800\udfff");
        text.Append(" */ /* </summary> <summary> </c> ]]> <!-- \" \\ ' ` @ $ ");
        foreach (string terminator in new[] { "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029" })
        {
            text.Append(terminator)
                .Append("[global::System.Runtime.CompilerServices.ModuleInitializer] internal static void Evil() { }")
                .Append(terminator)
                .Append("\"); Evil(); (\"")
                .Append(terminator)
                .Append("#error Evil")
                .Append(terminator);
        }

        return text.ToString();
    }

    /// <summary>A rest-json or json model where <paramref name="text"/> decides every piece of text.</summary>
    private static string Model(string protocol, Func<string, string> text)
    {
        JObject Member(string shape, string doc, params (string Key, JToken Value)[] traits)
        {
            var member = new JObject { ["shape"] = shape, ["documentation"] = text(doc) };
            foreach ((string key, JToken value) in traits)
            {
                member[key] = value;
            }

            return member;
        }

        string input = text("ThingInput");
        string output = text("ThingOutput");
        string error = text("ThingError");
        string color = text("Color");
        string level = "Level";
        string strings = text("Strings");
        string tags = text("Tags");
        var metadata = new JObject
        {
            ["apiVersion"] = text("2024-01-01"),
            ["endpointPrefix"] = text("demo"),
            ["signingName"] = text("demo"),
            ["protocol"] = protocol,
            ["serviceId"] = text("Demo"),
            ["serviceFullName"] = text("Demo Service"),
            ["uid"] = text("demo-2024-01-01"),
        };
        if (protocol is "rest-xml" or "query")
        {
            metadata["xmlNamespace"] = new JObject { ["uri"] = text("https://demo.example/doc/") };
        }

        if (protocol == "json")
        {
            metadata["jsonVersion"] = "1.1";
        }

        if (protocol is "json" or "smithy-rpc-v2-cbor")
        {
            metadata["targetPrefix"] = text("Demo_20240101");
        }

        var model = new JObject
        {
            ["version"] = "2.0",
            ["metadata"] = metadata,
            ["documentation"] = text("<p>The service.</p>"),
            ["operations"] = new JObject
            {
                [text("PutThing")] = new JObject
                {
                    ["name"] = text("PutThing"),
                    ["http"] = new JObject { ["method"] = "POST", ["requestUri"] = "/things/{id}/" + text("more").Replace("{", "(", StringComparison.Ordinal).Replace("}", ")", StringComparison.Ordinal) + "?mode=" + text("fast") },
                    ["endpoint"] = new JObject { ["hostPrefix"] = text("data-").Replace("{", "(", StringComparison.Ordinal).Replace("}", ")", StringComparison.Ordinal) + "{id}." },
                    ["input"] = new JObject { ["shape"] = input },
                    ["output"] = new JObject { ["shape"] = output },
                    ["errors"] = new JArray(new JObject { ["shape"] = error }),
                    ["documentation"] = text("<p>Puts a <b>thing</b>.</p>"),
                    ["deprecated"] = true,
                    ["deprecatedMessage"] = text("use another"),
                },
            },
            ["shapes"] = new JObject
            {
                [input] = new JObject
                {
                    ["type"] = "structure",
                    ["required"] = new JArray("id"),
                    ["members"] = new JObject
                    {
                        ["id"] = Member("Id", "<p>The id.</p>", ("location", "uri"), ("locationName", "id"), ("hostLabel", true)),
                        [text("note")] = Member("Note", "<p>A note.</p>", ("location", "header"), ("locationName", text("X-Note"))),
                        [text("filter")] = Member("Note", "<p>A filter.</p>", ("location", "querystring"), ("locationName", text("filter"))),
                        [text("meta")] = Member(tags, "<p>Meta.</p>", ("location", "headers"), ("locationName", text("X-Meta-"))),
                        [text("color")] = Member(color, "<p>A color.</p>", ("deprecated", true), ("deprecatedMessage", text("old"))),
                        [text("level")] = Member(level, "<p>A level.</p>"),
                        [text("items")] = Member(strings, "<p>Items.</p>", ("locationName", text("itemsOnTheWire"))),
                        [text("tags")] = Member(tags, "<p>Tags.</p>"),
                        [text("secret")] = Member("Secret", "<p>A secret.</p>"),
                    },
                    ["documentation"] = text("<p>The input.</p>"),
                },
                [output] = new JObject
                {
                    ["type"] = "structure",
                    ["members"] = new JObject
                    {
                        [text("note")] = Member("Note", "<p>A note.</p>", ("location", "header"), ("locationName", text("X-Note"))),
                        [text("status")] = Member("Count", "<p>Status.</p>", ("location", "statusCode")),
                        [text("items")] = Member(strings, "<p>Items.</p>"),
                    },
                },
                [error] = new JObject
                {
                    ["type"] = "structure",
                    ["exception"] = true,
                    ["error"] = new JObject { ["code"] = text("ThingGone"), ["httpStatusCode"] = 404, ["senderFault"] = true },
                    ["members"] = new JObject
                    {
                        ["message"] = Member("Note", "<p>The message.</p>"),
                        [text("reason")] = Member("Note", "<p>Why.</p>"),
                    },
                    ["documentation"] = text("<p>The thing is gone.</p>"),
                },
                [color] = new JObject { ["type"] = "string", ["enum"] = new JArray(text("red"), text("dark-blue")), ["documentation"] = text("<p>Colors.</p>") },
                [level] = new JObject { ["type"] = "integer", ["enum"] = new JArray(1, 2) },
                [strings] = new JObject { ["type"] = "list", ["member"] = new JObject { ["shape"] = "Note", ["locationName"] = text("item") } },
                [tags] = new JObject { ["type"] = "map", ["key"] = new JObject { ["shape"] = "Note", ["locationName"] = text("k") }, ["value"] = new JObject { ["shape"] = "Note", ["locationName"] = text("v") } },
                ["Id"] = new JObject { ["type"] = "string", ["min"] = 1, ["pattern"] = text("^[a-z]+$") },
                ["Note"] = new JObject { ["type"] = "string", ["documentation"] = text("<p>Text.</p>") },
                ["Secret"] = new JObject { ["type"] = "string", ["sensitive"] = true },
                ["Count"] = new JObject { ["type"] = "integer" },
            },
        };
        return model.ToString();
    }
}

namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The classes of model that crashed the generator or made it emit C# that does not compile (issue 15),
/// each as a minimal model: the generator either produces code that compiles with zero diagnostics, or
/// reports a located error and generates nothing. Never an exception, never CS8785.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class HostileModelTests
{
    private const string Base = """
        {
          "metadata": { "apiVersion": "2020-01-01", "endpointPrefix": "demo", "protocol": "rest-json", "serviceId": "Demo" },
          "operations": {
            "Ping": { "name": "Ping", "http": { "method": "POST", "requestUri": "/ping" }, "input": { "shape": "PingRequest" }, "output": { "shape": "PingResponse" }, "errors": [ { "shape": "Boom" } ] }
          },
          "shapes": {
            "PingRequest": { "type": "structure", "members": { "text": { "shape": "Text" } } },
            "PingResponse": { "type": "structure", "members": { "text": { "shape": "Text" } } },
            "Boom": { "type": "structure", "exception": true, "error": { "httpStatusCode": 400 }, "members": { "message": { "shape": "Text" } } },
            "Text": { "type": "string" }
            /*SHAPES*/
          }
        }
        """;

    /// <summary>What a case must give: clean code, or a located error with this id and no sources.</summary>
    public static TheoryData<string> Names() => new(All().Select(c => c.Name));

    private static IEnumerable<(string Name, string Path, string Text, string? RejectedWith)> All()
    {
        static string Shapes(string extra) => Base.Replace("/*SHAPES*/", extra, StringComparison.Ordinal);
        static string Request(string members) => Base.Replace("\"PingRequest\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } }", "\"PingRequest\": { \"type\": \"structure\", \"members\": { " + members + " } }", StringComparison.Ordinal);
        static string Response(string members) => Base.Replace("\"PingResponse\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } }", "\"PingResponse\": { \"type\": \"structure\", \"members\": { " + members + " } }", StringComparison.Ordinal);

        // Crashes.
        yield return ("shape names that differ only in case", "/m/demo.json",
            Shapes(", \"InternalException\": { \"type\": \"structure\", \"exception\": true, \"members\": {} }, \"INTERNAL_EXCEPTION\": { \"type\": \"structure\", \"exception\": true, \"members\": {} }, \"internalexception\": { \"type\": \"structure\", \"members\": {} }"), null);
        yield return ("operation names that differ only in case", "/m/demo.json",
            Base.Replace("\"operations\": {", "\"operations\": { \"ping\": { \"http\": { \"method\": \"POST\", \"requestUri\": \"/p2\" } }, \"PING\": { \"http\": { \"method\": \"POST\", \"requestUri\": \"/p3\" } },", StringComparison.Ordinal), null);
        yield return ("a colon and other characters in the file name", "/m/demo:v2 (1)+[x]@{y}.json", Base, null);
        yield return ("an unclosed brace in hostPrefix", "/m/demo.json",
            Base.Replace("\"requestUri\": \"/ping\" },", "\"requestUri\": \"/ping\" }, \"endpoint\": { \"hostPrefix\": \"{text.\" },", StringComparison.Ordinal), "SOC005");
        yield return ("a headers location on a string", "/m/demo.json", Request("\"meta\": { \"shape\": \"Text\", \"location\": \"headers\", \"locationName\": \"x-meta-\" }"), null);
        yield return ("a headers location on a map of lists", "/m/demo.json",
            Shapes(", \"Multi\": { \"type\": \"map\", \"key\": { \"shape\": \"Text\" }, \"value\": { \"shape\": \"Texts\" } }, \"Texts\": { \"type\": \"list\", \"member\": { \"shape\": \"Text\" } }")
                .Replace("\"PingResponse\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } }", "\"PingResponse\": { \"type\": \"structure\", \"members\": { \"meta\": { \"shape\": \"Multi\", \"location\": \"headers\", \"locationName\": \"x-meta-\" } } }", StringComparison.Ordinal), null);
        yield return ("10,000 nested lists", "/m/demo.json", Shapes(NestedLists(10_000)), "SOC041");
        yield return ("10,000 nested structures", "/m/demo.json", Shapes(NestedStructures(10_000)), "SOC041");
        yield return ("a 50 MB model", "/m/demo.json", Base.Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": { \"type\": \"string\", \"documentation\": \"" + new string('x', 50 * 1024 * 1024) + "\" }", StringComparison.Ordinal), "SOC040");

        // Accepted but uncompilable before.
        yield return ("an enum with duplicate values", "/m/demo.json", Shapes(", \"E\": { \"type\": \"string\", \"enum\": [ \"a\", \"b\", \"a\" ] }, \"I\": { \"type\": \"integer\", \"enum\": [ 1, 1 ] }"), null);
        yield return ("an empty enum", "/m/demo.json", Shapes(", \"E\": { \"type\": \"string\", \"enum\": [] }, \"I\": { \"type\": \"integer\", \"enum\": [] }"), null);
        yield return ("enum values that name generated members", "/m/demo.json",
            Shapes(", \"E\": { \"type\": \"string\", \"enum\": [ \"Value\", \"value\", \"KnownValues\", \"IsKnown\", \"E\", \"ToString\", \"Equals\", \"GetHashCode\", \"GetType\", \"MemberwiseClone\", \"ReferenceEquals\", \"Finalize\" ] }"), null);
        yield return ("an integer enum value past int", "/m/demo.json", Shapes(", \"I\": { \"type\": \"integer\", \"enum\": [ 1, 4294967296 ] }"), "SOC005");
        yield return ("an error code equal to another error's name", "/m/demo.json",
            Shapes(", \"Other\": { \"type\": \"structure\", \"exception\": true, \"error\": { \"code\": \"Boom\" }, \"members\": {} }, \"Third\": { \"type\": \"structure\", \"exception\": true, \"error\": { \"code\": \"Boom\" }, \"members\": {} }"), null);
        yield return ("an error shape as an operation output", "/m/demo.json", Base.Replace("\"output\": { \"shape\": \"PingResponse\" }", "\"output\": { \"shape\": \"Boom\" }", StringComparison.Ordinal), null);
        yield return ("an error shape as an operation input", "/m/demo.json", Base.Replace("\"input\": { \"shape\": \"PingRequest\" }", "\"input\": { \"shape\": \"Boom\" }", StringComparison.Ordinal), null);
        // Found by the fuzz test (seed 7, case 773), shrunk: an enum shape as an operation's input.
        yield return ("an enum shape as an operation input", "/m/demo.json",
            """{ "metadata": { "protocol": "rest-json" }, "operations": { "A0": { "input": { "shape": "Color" } } }, "shapes": { "Color": { "enum": [ "red", "blue" ] } } }""", "SOC005");
        // Found by the fuzz test (seed 11, cases 1535 and 1993), shrunk: an error's message in a header; a map as a URI label.
        yield return ("an error message member in a header", "/m/demo.json",
            """{ "metadata": { "protocol": "rest-json" }, "operations": {}, "shapes": { "TooMany": { "type": "structure", "members": { "message": { "location": "header" } }, "error": {} } } }""", null);
        yield return ("a map as a URI label", "/m/demo.json",
            """{ "metadata": { "protocol": "rest-json" }, "operations": { "Delete": { "http": { "requestUri": "/apis/{id}" }, "input": { "shape": "DeleteRequest" } } }, "shapes": { "DeleteRequest": { "type": "structure", "members": { "apiId": { "shape": "Map", "location": "uri", "locationName": "id" } } }, "Map": { "type": "map", "key": {}, "value": {} } } }""", null);
        // Found by the long fuzz run (seed 424242, cases 13223 and 16710), shrunk: an event-stream structure listed as an error.
        yield return ("an event stream listed as an operation's error", "/m/demo.json",
            Shapes(", \"Events\": { \"type\": \"structure\", \"eventstream\": true, \"members\": { \"Tick\": { \"shape\": \"Tick\" } } }, \"Tick\": { \"type\": \"structure\", \"event\": true, \"members\": {} }")
                .Replace("\"errors\": [ { \"shape\": \"Boom\" } ]", "\"errors\": [ { \"shape\": \"Boom\" }, { \"shape\": \"Events\" } ]", StringComparison.Ordinal), "SOC005");
        yield return ("a string listed as an operation's error", "/m/demo.json",
            Base.Replace("\"errors\": [ { \"shape\": \"Boom\" } ]", "\"errors\": [ { \"shape\": \"Text\" } ]", StringComparison.Ordinal), "SOC005");
        yield return ("httpStatusCode -1", "/m/demo.json", Base.Replace("\"httpStatusCode\": 400", "\"httpStatusCode\": -1", StringComparison.Ordinal), null);
        yield return ("httpStatusCode past int", "/m/demo.json", Base.Replace("\"httpStatusCode\": 400", "\"httpStatusCode\": 99999999999999", StringComparison.Ordinal), null);
        yield return ("httpStatusCode a string", "/m/demo.json", Base.Replace("\"httpStatusCode\": 400", "\"httpStatusCode\": \"400\"", StringComparison.Ordinal), null);
        yield return ("a statusCode location on a string", "/m/demo.json", Response("\"status\": { \"shape\": \"Text\", \"location\": \"statusCode\" }"), null);
        yield return ("a statusCode location on a list", "/m/demo.json",
            Shapes(", \"Texts\": { \"type\": \"list\", \"member\": { \"shape\": \"Text\" } }").Replace("\"PingResponse\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } }", "\"PingResponse\": { \"type\": \"structure\", \"members\": { \"status\": { \"shape\": \"Texts\", \"location\": \"statusCode\" } } }", StringComparison.Ordinal), null);
        yield return ("a model with no shapes", "/m/demo.json", """{ "metadata": { "protocol": "rest-json", "serviceId": "Empty" }, "operations": {}, "shapes": {} }""", null);
        yield return ("members whose locals collide", "/m/demo.json",
            Shapes(", \"Tags\": { \"type\": \"map\", \"key\": { \"shape\": \"Text\" }, \"value\": { \"shape\": \"Text\" } }")
                .Replace("\"PingRequest\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } }",
                    "\"PingRequest\": { \"type\": \"structure\", \"members\": { \"tags\": { \"shape\": \"Text\", \"location\": \"header\", \"locationName\": \"x-a\" }, \"TAGS\": { \"shape\": \"Text\", \"location\": \"header\", \"locationName\": \"x-b\" }, \"result\": { \"shape\": \"Text\", \"location\": \"querystring\" }, \"resultValue\": { \"shape\": \"Text\", \"location\": \"querystring\" }, \"Nameof\": { \"shape\": \"Text\", \"location\": \"querystring\" }, \"var\": { \"shape\": \"Text\", \"location\": \"querystring\" }, \"class\": { \"shape\": \"Text\", \"location\": \"querystring\" } } }", StringComparison.Ordinal)
                .Replace("\"PingResponse\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } }",
                    "\"PingResponse\": { \"type\": \"structure\", \"members\": { \"tags\": { \"shape\": \"Text\", \"location\": \"header\", \"locationName\": \"x-a\" }, \"TAGS\": { \"shape\": \"Text\", \"location\": \"header\", \"locationName\": \"x-b\" }, \"tagsHeader\": { \"shape\": \"Tags\", \"location\": \"headers\", \"locationName\": \"x-c-\" }, \"result\": { \"shape\": \"Text\", \"location\": \"header\" }, \"resultValue\": { \"shape\": \"Text\", \"location\": \"header\" } } }", StringComparison.Ordinal), null);
        yield return ("a 3 MB documentation paragraph without spaces", "/m/demo.json",
            Base.Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": { \"type\": \"string\", \"documentation\": \"<p>" + string.Concat(Enumerable.Repeat("a&amp;b<i>c</i>\\u2028\\ud83d\\ude00", 3 * 1024 * 1024 / 30)) + "</p>\" }", StringComparison.Ordinal), null);
        yield return ("180 nested lists", "/m/demo.json", Shapes(NestedLists(180)), "SOC041");
        yield return ("60 nested lists", "/m/demo.json", Shapes(NestedLists(60)), null);
        yield return ("a 600-character shape name", "/m/demo.json", Shapes(", \"" + new string('a', 600) + "\": { \"type\": \"structure\", \"members\": { \"" + new string('b', 600) + "\": { \"shape\": \"Text\" } } }"), null);
        yield return ("a map whose key shape is sensitive", "/m/demo.json",
            Shapes(", \"SecretKey\": { \"type\": \"string\", \"sensitive\": true }, \"Tags\": { \"type\": \"map\", \"key\": { \"shape\": \"SecretKey\" }, \"value\": { \"shape\": \"Text\" } }")
                .Replace("\"members\": { \"text\": { \"shape\": \"Text\" } } },\n    \"PingResponse\"", "\"members\": { \"tags\": { \"shape\": \"Tags\" } } },\n    \"PingResponse\"", StringComparison.Ordinal), null);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Hostile_model_gives_compiling_code_or_a_located_error(string name)
    {
        (string _, string path, string text, string? rejectedWith) = All().Single(c => c.Name == name);
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile(path, text) });

        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "SOC011");
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(path, d.Location.GetLineSpan().Path));
        if (rejectedWith is null)
        {
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
            Assert.NotEmpty(run.Sources);
            Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        }
        else
        {
            Diagnostic error = Assert.Single(run.GeneratorDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
            Assert.Equal(rejectedWith, error.Id);
            Assert.Empty(run.Sources);
        }
    }

    [Fact]
    public void Case_only_name_differences_give_distinct_hint_names_ignoring_case()
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/m/demo.json", All().Single(c => c.Name == "shape names that differ only in case").Text) });
        List<string> hints = run.Sources.Select(s => s.HintName).ToList();
        Assert.Equal(hints.Count, hints.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(hints, h => h.Contains("INTERNALEXCEPTION", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_name_with_invalid_hint_characters_still_names_the_sources_after_the_model()
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/m/demo:v2.json", Base) });
        Assert.NotEmpty(run.Sources);
        Assert.All(run.Sources, s => Assert.StartsWith("demo_v2.", s.HintName, StringComparison.Ordinal));
    }

    [Fact]
    public void Unsupported_member_locations_are_warnings_located_at_the_location_trait()
    {
        string text = All().Single(c => c.Name == "a statusCode location on a string").Text;
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/m/demo.json", text) });
        Diagnostic warning = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC013");
        int expectedLine = text.Split('\n').ToList().FindIndex(l => l.Contains("\"statusCode\"", StringComparison.Ordinal));
        Assert.Equal(expectedLine, warning.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void An_out_of_range_status_code_is_a_warning_and_the_default_status_is_used()
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/m/demo.json", All().Single(c => c.Name == "httpStatusCode -1").Text) });
        Diagnostic warning = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC042");
        Assert.Contains("400", warning.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        string boom = run.Sources.Single(s => s.HintName.EndsWith(".Model.Boom.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("global::System.Net.HttpStatusCode.BadRequest", boom, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_shape_used_as_output_leaves_the_operation_out_with_a_warning()
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/m/demo.json", All().Single(c => c.Name == "an error shape as an operation output").Text) });
        Diagnostic warning = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC007");
        Assert.True(warning.Location.GetLineSpan().StartLinePosition.Line > 0);
        Assert.Null(run.InternalClass("PingOperation"));
    }

    [Fact]
    public void Deep_nesting_is_reported_at_the_shape_that_starts_it()
    {
        string text = All().Single(c => c.Name == "10,000 nested structures").Text;
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/m/demo.json", text) });
        Diagnostic error = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC041");
        int expectedLine = text.Split('\n').ToList().FindIndex(l => l.Contains("\"S0\":", StringComparison.Ordinal));
        Assert.Equal(expectedLine, error.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void A_map_whose_key_shape_is_sensitive_is_redacted_in_ToString()
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/m/demo.json", All().Single(c => c.Name == "a map whose key shape is sensitive").Text) });
        string request = run.Sources.Single(s => s.HintName.EndsWith(".Model.PingRequest.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("text.AddSensitive(\"Tags\", Tags);", request, StringComparison.Ordinal);
        Assert.DoesNotContain("text.Add(\"Tags\"", request, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inline_min_form_shape_is_located_where_it_is_written()
    {
        string text = """
            {
              "metadata": { "protocol": "rest-json", "serviceId": "Demo" },
              "operations": {
                "Ping": {
                  "http": { "method": "POST", "requestUri": "/ping" },
                  "input": {
                    "type": "structure",
                    "members": {
                      "items": {
                        "type": "list",
                        "member": { "shape": "Missing" }
                      }
                    }
                  }
                }
              },
              "shapes": {}
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/m/min.json", text) });
        Diagnostic error = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC004");
        Assert.True(error.Location.GetLineSpan().StartLinePosition.Line >= 8, error.ToString());
    }

    private static string NestedLists(int depth)
    {
        var text = new StringBuilder(", \"Top\": { \"type\": \"structure\", \"members\": { \"l\": { \"shape\": \"L0\" } } }");
        for (int i = 0; i < depth; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $", \"L{i}\": {{ \"type\": \"list\", \"member\": {{ \"shape\": \"{(i + 1 < depth ? "L" + (i + 1).ToString(CultureInfo.InvariantCulture) : "Text")}\" }} }}");
        }

        return text.ToString();
    }

    private static string NestedStructures(int depth)
    {
        var text = new StringBuilder();
        for (int i = 0; i < depth; i++)
        {
            string member = i + 1 < depth ? "\"next\": { \"shape\": \"S" + (i + 1).ToString(CultureInfo.InvariantCulture) + "\" }" : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $",\n\"S{i}\": {{ \"type\": \"structure\", \"members\": {{ {member} }} }}");
        }

        return text.ToString();
    }
}

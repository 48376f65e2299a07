namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Broken models never crash the generator (no CS8784/CS8785): each gives a located error
/// diagnostic, and a broken model does not stop the other models in the project from generating.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class BrokenModelTests
{
    private const string Good = """
        {
          "version": "2.0",
          "metadata": { "apiVersion": "2020-01-01", "endpointPrefix": "demo", "protocol": "rest-json", "serviceId": "Demo", "signatureVersion": "v4" },
          "operations": {
            "Ping": { "name": "Ping", "http": { "method": "POST", "requestUri": "/ping" }, "input": { "shape": "PingRequest" }, "output": { "shape": "PingResponse" } }
          },
          "shapes": {
            "PingRequest": { "type": "structure", "members": { "text": { "shape": "Text" } } },
            "PingResponse": { "type": "structure", "members": { "text": { "shape": "Text" } } },
            "Text": { "type": "string" }
          }
        }
        """;

    /// <summary>Each case: a name, the model text, and the diagnostic id expected.</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach ((string name, string _, string id) in All())
        {
            data.Add(name, id);
        }

        return data;
    }

    private static IEnumerable<(string Name, string Text, string Id)> All()
    {
        yield return ("empty file", string.Empty, "SOC001");
        yield return ("whitespace only", "   \n\t  ", "SOC001");
        yield return ("truncated JSON", Good.Substring(0, Good.Length / 2), "SOC001");
        yield return ("trailing garbage", Good + " }", "SOC001");
        yield return ("single quote soup", "{'metadata':", "SOC001");
        yield return ("duplicate key", Good.Replace("\"version\": \"2.0\",", "\"version\": \"2.0\", \"version\": \"3.0\","), "SOC001");
        yield return ("random bytes", RandomText(5 * 1024 * 1024, 7), "SOC001");
        yield return ("deep nesting", new string('[', 5000) + new string(']', 5000), "SOC001");
        yield return ("root is an array", "[1, 2, 3]", "SOC005");
        yield return ("root is a string", "\"model\"", "SOC005");
        yield return ("missing metadata", Good.Replace("\"metadata\"", "\"metadataX\""), "SOC002");
        yield return ("metadata is a string", Good.Replace("\"metadata\": {", "\"metadata\": \"x\", \"unused\": {"), "SOC002");
        yield return ("missing protocol", Good.Replace("\"protocol\": \"rest-json\",", string.Empty), "SOC002");
        yield return ("unsupported protocol", Good.Replace("\"rest-json\"", "\"rest-yaml\""), "SOC003");
        yield return ("json protocol without targetPrefix", Good.Replace("\"rest-json\"", "\"json\""), "SOC002");
        yield return ("missing shapes", Good.Replace("\"shapes\"", "\"shapesX\""), "SOC002");
        yield return ("missing operations", Good.Replace("\"operations\"", "\"operationsX\""), "SOC002");
        yield return ("shapes is an array", Good.Replace("\"shapes\": {", "\"shapes\": [], \"unused\": {"), "SOC002");
        yield return ("dangling input shape", Good.Replace("\"input\": { \"shape\": \"PingRequest\" }", "\"input\": { \"shape\": \"Missing\" }"), "SOC004");
        yield return ("dangling output shape", Good.Replace("\"output\": { \"shape\": \"PingResponse\" }", "\"output\": { \"shape\": \"Nope\" }"), "SOC004");
        yield return ("dangling member shape", Good.Replace("\"text\": { \"shape\": \"Text\" } } },\n    \"PingResponse\"", "\"text\": { \"shape\": \"Gone\" } } },\n    \"PingResponse\"").Replace("\"PingRequest\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } }", "\"PingRequest\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Gone\" } } }"), "SOC004");
        yield return ("dangling error shape", Good.Replace("\"output\": { \"shape\": \"PingResponse\" } }", "\"output\": { \"shape\": \"PingResponse\" }, \"errors\": [ { \"shape\": \"Boom\" } ] }"), "SOC004");
        yield return ("dangling list member", Good.Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": { \"type\": \"list\", \"member\": { \"shape\": \"Ghost\" } }"), "SOC004");
        yield return ("list without member", Good.Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": { \"type\": \"list\" }"), "SOC005");
        yield return ("map without value", Good.Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": { \"type\": \"map\", \"key\": { \"shape\": \"K\" } }, \"K\": { \"type\": \"string\" }"), "SOC005");
        yield return ("map with integer keys", Good.Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": { \"type\": \"map\", \"key\": { \"shape\": \"K\" }, \"value\": { \"shape\": \"K\" } }, \"K\": { \"type\": \"integer\" }"), "SOC005");
        yield return ("list that contains itself", Good.Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": { \"type\": \"list\", \"member\": { \"shape\": \"Text\" } }"), "SOC008");
        yield return ("two lists in a cycle", Good.Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": { \"type\": \"list\", \"member\": { \"shape\": \"Other\" } }, \"Other\": { \"type\": \"map\", \"key\": { \"shape\": \"S\" }, \"value\": { \"shape\": \"Text\" } }, \"S\": { \"type\": \"string\" }"), "SOC008");
        yield return ("unknown shape type", Good.Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": { \"type\": \"quaternion\" }"), "SOC005");
        yield return ("shape type is a number", Good.Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": { \"type\": 42 }"), "SOC005");
        yield return ("shape is a number", Good.Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": 42"), "SOC005");
        yield return ("member is a string", Good.Replace("\"members\": { \"text\": { \"shape\": \"Text\" } } },\n    \"PingResponse\"", "\"members\": { \"text\": \"Text\" } },\n    \"PingResponse\"").Replace("\"PingRequest\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } }", "\"PingRequest\": { \"type\": \"structure\", \"members\": { \"text\": \"Text\" } }"), "SOC005");
        yield return ("members is an array", Good.Replace("\"PingRequest\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } }", "\"PingRequest\": { \"type\": \"structure\", \"members\": [ ] }"), "SOC005");
        yield return ("input is a string shape", Good.Replace("\"input\": { \"shape\": \"PingRequest\" }", "\"input\": { \"shape\": \"Text\" }"), "SOC005");
        yield return ("operation is an array", Good.Replace("\"Ping\": { \"name\"", "\"Broken\": [], \"Ping\": { \"name\""), "SOC005");
        yield return ("requestUri without slash", Good.Replace("\"requestUri\": \"/ping\"", "\"requestUri\": \"ping\""), "SOC005");
        yield return ("enum entry is an object", Good.Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": { \"type\": \"string\", \"enum\": [ {} ] }"), "SOC005");
        yield return ("payload names no member", Good.Replace("\"PingRequest\": { \"type\": \"structure\",", "\"PingRequest\": { \"type\": \"structure\", \"payload\": \"nothing\","), "SOC004");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Broken_model_gives_a_located_error_and_no_generator_crash(string name, string expectedId)
    {
        string text = All().Single(c => c.Name == name).Text;
        string path = Path.Combine(Path.GetTempPath(), "broken-" + name.Replace(' ', '-') + ".json");
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile(path, text) });

        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id is "CS8784" or "CS8785");
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == expectedId);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(path, diagnostic.Location.GetLineSpan().Path);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "SOC011");
        Assert.Empty(run.Sources);
        bool atRoot = name is "missing metadata" or "missing shapes" or "missing operations";
        if (text.Trim().Length > 0 && expectedId != "SOC001" && !atRoot)
        {
            Assert.True(diagnostic.Location.GetLineSpan().StartLinePosition.Line > 0 || text.IndexOf('\n', StringComparison.Ordinal) < 0,
                $"Expected a line inside the model, got {diagnostic.Location.GetLineSpan()}: {diagnostic}");
        }
    }

    [Fact]
    public void There_are_at_least_thirty_broken_models() => Assert.True(All().Count() >= 30, $"only {All().Count()} cases");

    [Fact]
    public void Truncated_json_is_located_at_the_end_of_the_text()
    {
        string text = Good.Substring(0, 200);
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/truncated.json", text) });
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SOC001", diagnostic.Id);
        int lastLine = text.Split('\n').Length - 1;
        Assert.InRange(diagnostic.Location.GetLineSpan().StartLinePosition.Line, lastLine - 1, lastLine);
    }

    [Fact]
    public void Dangling_reference_points_at_the_line_that_names_it()
    {
        string text = Good.Replace("\"output\": { \"shape\": \"PingResponse\" }", "\"output\": { \"shape\": \"Nope\" }");
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/dangling.json", text) });
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC004");
        int expectedLine = text.Split('\n').ToList().FindIndex(l => l.Contains("\"Nope\"", StringComparison.Ordinal));
        Assert.Equal(expectedLine, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("Nope", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_model_does_not_stop_another_model_from_generating()
    {
        GeneratorRun run = GeneratorHarness.Run(new[]
        {
            new ModelFile("/models/broken.json", "{ \"metadata\": "),
            new ModelFile("/models/good.json", Good, Namespace: "Good.Demo"),
        });

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "SOC001" && d.Location.GetLineSpan().Path == "/models/broken.json");
        Assert.Contains(run.Sources, s => s.HintName.StartsWith("good.Good.Demo.DemoClient", StringComparison.Ordinal));
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
    }

    [Fact]
    public void Two_models_in_one_namespace_are_reported()
    {
        GeneratorRun run = GeneratorHarness.Run(new[]
        {
            new ModelFile("/models/one.json", Good, Namespace: "Same.Place"),
            new ModelFile("/models/two.json", Good, Namespace: "Same.Place"),
        });

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC014");
        Assert.Contains("Same.Place", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("/models/two.json", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void Input_event_stream_operations_over_awsJson_are_left_out_with_information_and_the_rest_generates()
    {
        string text = Good.Replace(
            "\"operations\": {",
            "\"operations\": { \"Watch\": { \"name\": \"Watch\", \"http\": { \"method\": \"POST\", \"requestUri\": \"/watch\" }, \"input\": { \"shape\": \"WatchIn\" } },")
            .Replace("\"Text\": { \"type\": \"string\" }", "\"Text\": { \"type\": \"string\" }, \"WatchIn\": { \"type\": \"structure\", \"members\": { \"events\": { \"shape\": \"Events\" } }, \"payload\": \"events\" }, \"Events\": { \"type\": \"structure\", \"eventstream\": true, \"members\": {} }");
        // restJson sends input event streams (EventStreams/InputEventStreamGeneratorTests); awsJson does not yet.
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/stream.json", text.Replace("\"protocol\": \"rest-json\"", "\"protocol\": \"json\", \"jsonVersion\": \"1.1\", \"targetPrefix\": \"Demo\"", StringComparison.Ordinal)) });

        Diagnostic leftOut = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC007");
        Assert.Equal(DiagnosticSeverity.Info, leftOut.Severity);
        Assert.Contains("input event streams", leftOut.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.True(leftOut.Location.GetLineSpan().StartLinePosition.Line > 0);
        Assert.NotNull(run.InternalClass("PingOperation"));
        Assert.Null(run.InternalClass("WatchOperation"));
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
    }

    [Theory]
    [InlineData("Namespace", "My App")]
    [InlineData("Namespace", "class.Foo")]
    [InlineData("ClientName", "1Client")]
    [InlineData("Visibility", "protected")]
    public void Invalid_item_metadata_is_an_error_naming_the_option(string option, string value)
    {
        var file = option switch
        {
            "Namespace" => new ModelFile("/models/options.json", Good, Namespace: value),
            "ClientName" => new ModelFile("/models/options.json", Good, ClientName: value),
            _ => new ModelFile("/models/options.json", Good, Visibility: value),
        };
        GeneratorRun run = GeneratorHarness.Run(new[] { file });
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC010");
        Assert.Contains(option, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    /// <summary>
    /// Client names and namespaces that are C# identifiers but meet a name the generator gives in the same place (the
    /// sub-namespaces <c>Model</c>, <c>Internal</c>, <c>Endpoints</c>, also through the interface's <c>I</c>) or a framework
    /// name generated code might write unqualified: the first are refused with SOC010 naming the option (as is a verbatim
    /// <c>@class</c>, which is no plain identifier), the others generate code that compiles.
    /// </summary>
    [Theory]
    [InlineData("Model", null, true)]
    [InlineData("Internal", null, true)]
    [InlineData("Endpoints", null, true)]
    [InlineData("nternal", null, true)]
    [InlineData("ModelClient", null, false)]
    [InlineData("System", null, false)]
    [InlineData("Task", null, false)]
    [InlineData("Aws", null, false)]
    [InlineData("Microsoft", null, false)]
    [InlineData("global", null, false)]
    [InlineData("@class", null, true)]
    [InlineData("DemoClient", "Demo.DemoClient", false)]
    [InlineData("DemoClient", "System", false)]
    [InlineData("DemoClient", "Acme.System", false)]
    [InlineData("DemoClient", "Acme.Model", false)]
    [InlineData("DemoClient", "Microsoft.Extensions", false)]
    [InlineData("DemoClient", "Acme.DemoException", false)]
    [InlineData("DemoClient", "Acme.IDemoClient", false)]
    public void A_client_name_meeting_a_generated_namespace_is_refused_and_any_other_compiles(string clientName, string? ns, bool refused) =>
        AssertRefusedOrCompiled(GeneratorHarness.Run(new[] { new ModelFile("/models/options.json", Good, Namespace: ns, ClientName: clientName) }), refused);

    /// <summary>
    /// The same class of names over our SSO OIDC model, which also generates the endpoint resolver (the <c>Endpoints</c>
    /// namespace) and paginators: a name that would meet a namespace is refused, any other compiles.
    /// </summary>
    [Theory]
    [InlineData("Endpoints", true)]
    [InlineData("ndpoints", false)]
    [InlineData("Model", true)]
    [InlineData("nternal", true)]
    [InlineData("EndpointsClient", false)]
    [InlineData("Paginators", false)]
    [InlineData("Waiters", false)]
    [InlineData("SsoOidcEndpointResolver", false)]
    public void A_client_name_meeting_a_namespace_of_a_full_model_is_refused(string clientName, bool refused)
    {
        GeneratorRun run = GeneratorHarness.Run(ModelFile.FromDisk(GeneratorHarness.ReferenceModelPath("sso-oidc"), clientName: clientName));
        AssertRefusedOrCompiled(run, refused);
        if (!refused)
        {
            Assert.Contains(run.Sources, s => s.HintName.Contains(".Endpoints.", StringComparison.Ordinal));
        }
    }

    // A refused ClientName is one SOC010 that names the option, and nothing generated; any other generates code that compiles.
    private static void AssertRefusedOrCompiled(GeneratorRun run, bool refused)
    {
        if (refused)
        {
            Diagnostic refusal = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC010");
            Assert.Contains("ClientName", refusal.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.Empty(run.Sources);
            return;
        }

        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
    }

    private static string RandomText(int length, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return System.Text.Encoding.Latin1.GetString(bytes);
    }
}

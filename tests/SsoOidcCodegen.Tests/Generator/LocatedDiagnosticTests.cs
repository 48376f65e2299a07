namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Diagnostics point where the user makes the fix: a renamed shape, member or enum value at its name in the model
/// JSON (SOC006), an invalid item option at the project file that defines the item (SOC010), an unused companion
/// at that file (SOC016).
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class LocatedDiagnosticTests
{
    private const string ModelPath = "/models/demo.json";

    [Fact]
    public void A_shape_renamed_because_another_shape_has_its_csharp_name_is_reported_at_its_name()
    {
        string model = Model(
            "\"foo_bar\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } },",
            "\"FooBar\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } },");

        Diagnostic diagnostic = Assert.Single(Run(model).GeneratorDiagnostics, d => d.Id == "SOC006");

        AssertAtName(model, diagnostic, "\"FooBar\"");
        Assert.Contains("'FooBarShape'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shape_named_like_a_namespace_the_generated_code_imports_is_reported_at_its_name()
    {
        string model = Model(
            "\"Holder\": { \"type\": \"structure\", \"members\": { \"system\": { \"shape\": \"System\" } } },",
            "\"System\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } },");

        Diagnostic diagnostic = Assert.Single(Run(model).GeneratorDiagnostics, d => d.Id == "SOC006");

        AssertAtName(model, diagnostic, "\"System\"");
    }

    [Theory]
    [InlineData("\"code\"", "the exception base class", "'CodeValue'")]
    [InlineData("\"requestId\"", "the exception base class", "'RequestIdValue'")]
    [InlineData("\"getHashCode\"", "System.Object", "'GetHashCodeValue'")]
    [InlineData("\"Failure\"", "the name of its class", "'FailureValue'")]
    public void An_error_member_renamed_because_it_would_hide_a_member_is_reported_at_the_member(string member, string reason, string generatedAs)
    {
        string model = Model(
            "\"Failure\": { \"type\": \"structure\", \"exception\": true, \"error\": { \"httpStatusCode\": 400 }, \"members\": {",
            "  " + member + ": { \"shape\": \"Text\" } } },");

        Diagnostic diagnostic = Assert.Single(Run(model).GeneratorDiagnostics, d => d.Id == "SOC006");

        AssertAtName(model, diagnostic, member);
        Assert.Contains(reason, Message(diagnostic), StringComparison.Ordinal);
        Assert.Contains(generatedAs, Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_numbered_because_another_member_has_its_csharp_name_is_reported_at_the_second_member()
    {
        string model = Model(
            "\"Holder\": { \"type\": \"structure\", \"members\": {",
            "  \"foo_bar\": { \"shape\": \"Text\" },",
            "  \"FooBar\": { \"shape\": \"Text\" } } },");

        Diagnostic diagnostic = Assert.Single(Run(model).GeneratorDiagnostics, d => d.Id == "SOC006");

        AssertAtName(model, diagnostic, "\"FooBar\"");
        Assert.Contains("'FooBar2'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void An_enum_value_renamed_because_the_enum_defines_its_name_is_reported_at_the_value()
    {
        string model = Model(
            "\"Color\": { \"type\": \"string\", \"enum\": [",
            "  \"red\",",
            "  \"Value\" ] },",
            "\"Holder\": { \"type\": \"structure\", \"members\": { \"color\": { \"shape\": \"Color\" } } },");

        Diagnostic diagnostic = Assert.Single(Run(model).GeneratorDiagnostics, d => d.Id == "SOC006");

        AssertAtName(model, diagnostic, "\"Value\"");
        Assert.Contains("'Value2'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_option_is_reported_at_the_project_file_that_defines_the_item_naming_the_item()
    {
        string model = Model();
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile(ModelPath, model, Visibility: "protected", DefinedIn: "/src/App/App.csproj") });

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC010");

        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/src/App/App.csproj", span.Path);
        Assert.Equal(new LinePosition(0, 0), span.StartLinePosition);
        Assert.Equal(span.StartLinePosition, span.EndLinePosition);
        Assert.Contains("'Visibility'", Message(diagnostic), StringComparison.Ordinal);
        Assert.Contains(ModelPath, Message(diagnostic), StringComparison.Ordinal);
        Assert.Contains("'protected'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_option_without_a_defining_project_is_reported_at_the_model_file_as_a_whole()
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile(ModelPath, Model(), LeftOutSeverity: "loud") });

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC010");

        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal(ModelPath, span.Path);
        Assert.Equal(span.StartLinePosition, span.EndLinePosition);
        Assert.Contains("'LeftOutSeverity'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unused_companion_file_is_reported_at_that_file()
    {
        const string Paginators = "/models/other.paginators.json";
        GeneratorRun run = GeneratorHarness.Run(new[]
        {
            new ModelFile(ModelPath, Model()),
            new ModelFile(Paginators, "{ \"pagination\": {} }", "Paginators", ModelPath: "/models/other.json"),
        });

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC016");

        Assert.Equal(Paginators, diagnostic.Location.GetLineSpan().Path);
    }

    /// <summary>The location is on the line that holds <paramref name="quotedName"/> (its last occurrence), inside the name.</summary>
    private static void AssertAtName(string model, Diagnostic diagnostic, string quotedName)
    {
        string[] lines = model.Split('\n');
        int expectedLine = Array.FindLastIndex(lines, line => line.Contains(quotedName, StringComparison.Ordinal));
        Assert.True(expectedLine > 0, quotedName + " is not in the model");
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal(ModelPath, span.Path);
        Assert.Equal(expectedLine, span.StartLinePosition.Line);
        int start = lines[expectedLine].LastIndexOf(quotedName, StringComparison.Ordinal);
        Assert.InRange(span.StartLinePosition.Character, start, start + quotedName.Length);
    }

    private static GeneratorRun Run(string model)
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile(ModelPath, model) });
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return run;
    }

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    /// <summary>A rest-json model with one operation whose error list names <c>Failure</c> when the extra shapes define it.</summary>
    private static string Model(params string[] extraShapeLines)
    {
        bool failure = extraShapeLines.Any(line => line.Contains("\"Failure\": {", StringComparison.Ordinal));
        return string.Join(
            "\n",
            new[]
            {
                "{",
                "  \"metadata\": { \"protocol\": \"rest-json\", \"serviceId\": \"Demo\", \"apiVersion\": \"2024-01-01\", \"endpointPrefix\": \"demo\" },",
                "  \"operations\": {",
                "    \"Ping\": { \"http\": { \"method\": \"POST\", \"requestUri\": \"/ping\" }, \"input\": { \"shape\": \"PingRequest\" }"
                    + (failure ? ", \"errors\": [ { \"shape\": \"Failure\" } ]" : string.Empty) + " }",
                "  },",
                "  \"shapes\": {",
            }
            .Concat(extraShapeLines.Select(line => "    " + line))
            .Concat(new[]
            {
                "    \"PingRequest\": { \"type\": \"structure\", \"members\": { \"text\": { \"shape\": \"Text\" } } },",
                "    \"Text\": { \"type\": \"string\" }",
                "  }",
                "}",
            }));
    }
}

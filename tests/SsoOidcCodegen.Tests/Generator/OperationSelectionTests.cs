namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The <c>Operations</c> item metadata: the client gets the operations it names and the shapes they reach through
/// their input, output and errors (members, list members, map keys and values, at any depth); the paginators and
/// waiters of the other operations go with them without a diagnostic. A name the model does not have is SOC010.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class OperationSelectionTests
{
    private const string ModelPath = "/models/widgets-2024-01-01.json";

    // GetWidget reaches Widget → Parts (list) → Part, and Labels (map of string to Label); its error is NotFound.
    // ListGadgets reaches Gadget only; DeleteWidget reaches its own input and the shared NotFound error. Orphan is
    // reached by nothing, as shapes in real models sometimes are. Throttled is an error no operation lists (the service
    // may answer any call with it), with a member of its own shape, RetryHint.
    private const string Model = """
        {
          "version": "2.0",
          "metadata": { "apiVersion": "2024-01-01", "endpointPrefix": "widgets", "jsonVersion": "1.1", "protocol": "json",
                        "serviceId": "Widgets", "signatureVersion": "v4", "targetPrefix": "Widgets_20240101", "uid": "widgets-2024-01-01" },
          "operations": {
            "GetWidget": { "name": "GetWidget", "http": { "method": "POST", "requestUri": "/" },
                           "input": { "shape": "GetWidgetInput" }, "output": { "shape": "GetWidgetOutput" }, "errors": [ { "shape": "NotFound" } ] },
            "ListGadgets": { "name": "ListGadgets", "http": { "method": "POST", "requestUri": "/" },
                             "input": { "shape": "ListGadgetsInput" }, "output": { "shape": "ListGadgetsOutput" } },
            "DeleteWidget": { "name": "DeleteWidget", "http": { "method": "POST", "requestUri": "/" },
                              "input": { "shape": "DeleteWidgetInput" }, "errors": [ { "shape": "NotFound" }, { "shape": "InUse" } ] }
          },
          "shapes": {
            "String": { "type": "string" },
            "Integer": { "type": "integer" },
            "GetWidgetInput": { "type": "structure", "required": [ "Id" ], "members": { "Id": { "shape": "String" } } },
            "GetWidgetOutput": { "type": "structure", "members": { "Widget": { "shape": "Widget" } } },
            "Widget": { "type": "structure", "members": { "Id": { "shape": "String" }, "Parts": { "shape": "Parts" }, "Labels": { "shape": "Labels" } } },
            "Parts": { "type": "list", "member": { "shape": "Part" } },
            "Part": { "type": "structure", "members": { "Size": { "shape": "Integer" } } },
            "Labels": { "type": "map", "key": { "shape": "String" }, "value": { "shape": "Label" } },
            "Label": { "type": "structure", "members": { "Text": { "shape": "String" } } },
            "ListGadgetsInput": { "type": "structure", "members": { "NextToken": { "shape": "String" } } },
            "ListGadgetsOutput": { "type": "structure", "members": { "Gadgets": { "shape": "Gadgets" }, "NextToken": { "shape": "String" } } },
            "Gadgets": { "type": "list", "member": { "shape": "Gadget" } },
            "Gadget": { "type": "structure", "members": { "Name": { "shape": "String" } } },
            "DeleteWidgetInput": { "type": "structure", "members": { "Id": { "shape": "String" } } },
            "NotFound": { "type": "structure", "members": { "Message": { "shape": "String" } }, "exception": true },
            "InUse": { "type": "structure", "members": { "Message": { "shape": "String" } }, "exception": true },
            "Orphan": { "type": "structure", "members": { "Name": { "shape": "String" } } },
            "Throttled": { "type": "structure", "members": { "Message": { "shape": "String" }, "Hint": { "shape": "RetryHint" } }, "exception": true },
            "RetryHint": { "type": "structure", "members": { "Seconds": { "shape": "Integer" } } }
          }
        }
        """;

    private const string Paginators = """{ "pagination": { "ListGadgets": { "input_token": "NextToken", "output_token": "NextToken", "result_key": "Gadgets" } } }""";

    private const string Waiters = """
        { "version": 2, "waiters": {
            "GadgetsListed": { "operation": "ListGadgets", "delay": 5, "maxAttempts": 3,
                               "acceptors": [ { "state": "success", "matcher": "path", "argument": "length(Gadgets) > `0`", "expected": true } ] },
            "WidgetExists": { "operation": "GetWidget", "delay": 5, "maxAttempts": 3,
                              "acceptors": [ { "state": "success", "matcher": "status", "expected": 200 }, { "state": "retry", "matcher": "error", "expected": "NotFound" } ] } } }
        """;

    public static TheoryData<string> SelectionsOfGetWidgetAndDeleteWidget() => new() { "GetWidget;DeleteWidget", "GetWidget, DeleteWidget", " DeleteWidget GetWidget ", "GetWidget;DeleteWidget;GetWidget" };

    [Theory]
    [MemberData(nameof(SelectionsOfGetWidgetAndDeleteWidget))]
    public void The_client_has_the_named_operations_and_the_shapes_they_reach_and_nothing_else(string operations)
    {
        GeneratorRun run = Run(operations);

        Assert.True(run.GeneratorDiagnostics.Count(d => d.Severity >= DiagnosticSeverity.Info) == 0, GeneratorRun.Describe(run.GeneratorDiagnostics.ToList()));
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));

        INamedTypeSymbol client = run.Compilation.GetTypeByMetadataName("Sel.Widgets.WidgetsClient")!;
        Assert.NotNull(client);
        List<string> methods = client.GetMembers().OfType<IMethodSymbol>().Where(m => m.DeclaredAccessibility == Accessibility.Public && m.MethodKind == MethodKind.Ordinary).Select(m => m.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Contains("GetWidgetAsync", methods);
        Assert.Contains("DeleteWidgetAsync", methods);
        Assert.DoesNotContain(methods, m => m.Contains("Gadget", StringComparison.Ordinal));

        foreach (string reached in new[] { "GetWidgetInput", "GetWidgetOutput", "Widget", "Part", "Label", "DeleteWidgetInput", "NotFound", "InUse", "Throttled", "RetryHint" })
        {
            Assert.True(run.Compilation.GetTypeByMetadataName("Sel.Widgets.Model." + reached) is not null, reached + " should be generated");
        }

        foreach (string unreached in new[] { "ListGadgetsInput", "ListGadgetsOutput", "Gadget", "Orphan" })
        {
            Assert.True(run.Compilation.GetTypeByMetadataName("Sel.Widgets.Model." + unreached) is null, unreached + " should not be generated");
        }

        string all = string.Concat(run.Sources.Select(s => s.SourceText.ToString()));
        Assert.DoesNotContain("GadgetsListed", all, StringComparison.Ordinal);
        Assert.Contains("WidgetExists", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Paginator", string.Concat(run.Sources.Select(s => s.HintName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_the_model_keeps_its_exception_type_whichever_operations_are_named()
    {
        // ListGadgets lists no error; the model's errors, and what they reach, are generated all the same, and the error
        // table turns each code into its own exception, as the whole client does.
        GeneratorRun run = Run("ListGadgets");

        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        foreach (string type in new[] { "NotFound", "InUse", "Throttled", "RetryHint", "Gadget" })
        {
            Assert.True(run.Compilation.GetTypeByMetadataName("Sel.Widgets.Model." + type) is not null, type + " should be generated");
        }

        foreach (string type in new[] { "Widget", "GetWidgetInput", "DeleteWidgetInput", "Orphan" })
        {
            Assert.True(run.Compilation.GetTypeByMetadataName("Sel.Widgets.Model." + type) is null, type + " should not be generated");
        }

        string errors = Assert.Single(run.Sources, s => s.HintName.Contains("Error", StringComparison.Ordinal) && s.SourceText.ToString().Contains("\"Throttled\"", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("Model.Throttled", errors, StringComparison.Ordinal);
        Assert.Contains("Model.NotFound", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_metadata_every_operation_and_shape_is_generated()
    {
        GeneratorRun run = Run(operations: null);

        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        foreach (string type in new[] { "GetWidgetInput", "ListGadgetsOutput", "Gadget", "Orphan", "InUse" })
        {
            Assert.True(run.Compilation.GetTypeByMetadataName("Sel.Widgets.Model." + type) is not null, type + " should be generated: " + string.Join(", ", run.Sources.Select(s => s.HintName)));
        }

        string all = string.Concat(run.Sources.Select(s => s.SourceText.ToString()));
        Assert.Contains("GadgetsListed", all, StringComparison.Ordinal);
        Assert.Contains("Paginator", string.Concat(run.Sources.Select(s => s.HintName)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GetWidget;Nope", "'Nope'")]
    [InlineData("getwidget", "'getwidget'")]
    [InlineData(" ; , ", "name at least one operation")]
    public void A_selection_the_model_cannot_meet_is_SOC010_at_the_project_file_and_nothing_is_generated(string operations, string expected)
    {
        GeneratorRun run = Run(operations, definedIn: "/src/App/App.csproj");

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC010");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/src/App/App.csproj", diagnostic.Location.GetLineSpan().Path);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'Operations'", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_selection_from_ec2_compiles_and_is_a_small_part_of_the_whole_client()
    {
        string path = Path.Combine(ReferenceData.Require("AWS_NEXT_MODELS_DIR", "aws/next/models"), "ec2-2016-11-15.json");
        IReadOnlyList<ModelFile> whole = ModelFile.FromDisk(path, ns: "Sel.Ec2");
        var selected = whole.Select(f => f.Role == "ServiceModel" ? f with { Operations = "DescribeInstances;StartInstances;StopInstances" } : f).ToList();

        GeneratorRun run = GeneratorHarness.Run(selected);

        Assert.True(run.GeneratorDiagnostics.Count(d => d.Severity >= DiagnosticSeverity.Warning) == 0, GeneratorRun.Describe(run.GeneratorDiagnostics.ToList()));
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        Assert.NotNull(run.Compilation.GetTypeByMetadataName("Sel.Ec2.Model.Instance"));
        Assert.Null(run.Compilation.GetTypeByMetadataName("Sel.Ec2.Model.CreateVpcRequest"));
        string all = string.Concat(run.Sources.Select(s => s.SourceText.ToString()));
        Assert.Contains("InstanceRunning", all, StringComparison.Ordinal); // a waiter on DescribeInstances
        Assert.DoesNotContain("VpcAvailable", all, StringComparison.Ordinal); // a waiter on DescribeVpcs

        // The whole client's characters, generated without the metadata, against the selection's.
        GeneratorRun full = GeneratorHarness.Run(whole);
        long selectedChars = run.Sources.Sum(s => (long)s.SourceText.Length);
        long fullChars = full.Sources.Sum(s => (long)s.SourceText.Length);
        Assert.True(selectedChars * 20 < fullChars, $"the selection generated {selectedChars:N0} characters, the whole client {fullChars:N0}");
    }

    private static GeneratorRun Run(string? operations, string? definedIn = null) => GeneratorHarness.Run(new[]
    {
        new ModelFile(ModelPath, Model, Namespace: "Sel.Widgets", DefinedIn: definedIn, Operations: operations),
        new ModelFile("/models/widgets-2024-01-01.paginators.json", Paginators, "Paginators", ModelPath: ModelPath),
        new ModelFile("/models/widgets-2024-01-01.waiters.json", Waiters, "Waiters", ModelPath: ModelPath),
    });
}

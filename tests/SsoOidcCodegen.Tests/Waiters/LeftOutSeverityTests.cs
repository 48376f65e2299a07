namespace SsoOidcCodegen.Tests.Waiters;

using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// What the generator leaves out (an input event-stream operation, a paginator or waiter it cannot
/// compile) is reported as information by default, so a <c>TreatWarningsAsErrors</c> build passes;
/// the <c>LeftOutSeverity</c> item metadata raises it; the client's documentation lists it.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class LeftOutSeverityTests
{
    private const string ModelPath = "/left-out/things-2024-01-01.json";

    private const string Model = """
        {
          "metadata": { "apiVersion": "2024-01-01", "endpointPrefix": "things", "jsonVersion": "1.1", "protocol": "json",
                        "serviceId": "Things", "signatureVersion": "v4", "targetPrefix": "Things" },
          "operations": {
            "GetThing": { "name": "GetThing", "http": { "method": "POST", "requestUri": "/" }, "input": { "shape": "GetThingInput" }, "output": { "shape": "GetThingOutput" } },
            "WatchThings": { "name": "WatchThings", "http": { "method": "POST", "requestUri": "/" }, "input": { "shape": "WatchThingsInput" }, "output": { "shape": "GetThingOutput" } }
          },
          "shapes": {
            "String": { "type": "string" },
            "GetThingInput": { "type": "structure", "members": { "Id": { "shape": "String" } } },
            "GetThingOutput": { "type": "structure", "members": { "State": { "shape": "String" } } },
            "WatchThingsInput": { "type": "structure", "members": { "Events": { "shape": "ThingEvents" } }, "payload": "Events" },
            "ThingEvents": { "type": "structure", "members": { "Changed": { "shape": "Changed" } }, "eventstream": true },
            "Changed": { "type": "structure", "members": { "State": { "shape": "String" } }, "event": true }
          }
        }
        """;

    private const string Waiters = """
        { "version": 2, "waiters": {
            "ThingReady": { "operation": "GetThing", "delay": 1, "maxAttempts": 2, "acceptors": [ { "matcher": "path", "argument": "State", "expected": "READY", "state": "success" } ] },
            "ThingOdd": { "operation": "GetThing", "delay": 1, "maxAttempts": 2, "acceptors": [ { "matcher": "path", "argument": "NoSuchMember", "expected": "X", "state": "success" } ] },
            "ThingSliced": { "operation": "GetThing", "delay": 1, "maxAttempts": 2, "acceptors": [ { "matcher": "path", "argument": "State[0:1]", "expected": "X", "state": "success" } ] } } }
        """;

    private static GeneratorRun Generate(string? severity) => GeneratorHarness.Run(new[]
    {
        new ModelFile(ModelPath, Model, Namespace: "Test.LeftOut", LeftOutSeverity: severity),
        new ModelFile("/left-out/things-2024-01-01.waiters.json", Waiters, "Waiters", ModelPath: ModelPath),
    });

    [Fact]
    public void Left_out_operations_and_waiters_are_information_by_default_and_the_rest_compiles()
    {
        GeneratorRun run = Generate(null);

        Diagnostic operation = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC007");
        Assert.Equal(DiagnosticSeverity.Info, operation.Severity);
        Assert.Contains("WatchThings", operation.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        var waiters = run.GeneratorDiagnostics.Where(d => d.Id == "SOC015").ToList();
        Assert.Equal(2, waiters.Count);
        Assert.All(waiters, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.Contains(waiters, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("has no member 'NoSuchMember'", System.StringComparison.Ordinal));
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        Assert.Contains(run.Sources, s => s.SourceText.ToString().Contains("WaitUntilThingReadyAsync(", System.StringComparison.Ordinal));
    }

    // The harness compiles with warnings as errors (like TreatWarningsAsErrors): a raised warning shows as an error there.
    [Theory]
    [InlineData("warning", DiagnosticSeverity.Error)]
    [InlineData("Error", DiagnosticSeverity.Error)]
    [InlineData("hidden", DiagnosticSeverity.Hidden)]
    [InlineData("info", DiagnosticSeverity.Info)]
    public void LeftOutSeverity_metadata_sets_the_severity_of_every_left_out_diagnostic(string value, DiagnosticSeverity expected)
    {
        GeneratorRun run = Generate(value);

        var leftOut = run.GeneratorDiagnostics.Where(d => d.Id is "SOC007" or "SOC015").ToList();
        Assert.Equal(3, leftOut.Count);
        Assert.All(leftOut, d => Assert.Equal(expected, d.Severity));
    }

    [Fact]
    public void An_unknown_LeftOutSeverity_is_an_invalid_option()
    {
        GeneratorRun run = Generate("loud");

        Diagnostic invalid = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC010");
        Assert.Contains("LeftOutSeverity", invalid.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_documentation_lists_what_was_left_out()
    {
        GeneratorRun run = Generate(null);

        string client = run.Sources.Single(s => s.HintName.EndsWith(".Test.LeftOut.ThingsClient.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("/// Left out of this client", client, System.StringComparison.Ordinal);
        Assert.Contains("<item><description>operation WatchThings: ", client, System.StringComparison.Ordinal);
        Assert.Contains("<item><description>waiter ThingOdd: ", client, System.StringComparison.Ordinal);
        Assert.Contains("<item><description>waiter ThingSliced: ", client, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_corpus_model_with_an_input_event_stream_operation_generates_it_with_no_warning()
    {
        string model = Path.Combine(ReferenceData.Models, "corpus", "bedrock-runtime-2023-09-30.json");

        GeneratorRun run = GeneratorHarness.Run(ModelFile.FromDisk(model));

        // Input event streams over restJson are generated (EventStreams/InputEventStreamGeneratorTests): nothing is left out.
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "SOC007");
        Assert.NotNull(run.InternalClass("InvokeModelWithBidirectionalStreamOperation"));
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}

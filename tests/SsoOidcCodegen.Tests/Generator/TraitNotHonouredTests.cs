namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>A trait the generator reads but does not honour is reported (SOC043, informational) at its line, not kept as a silent dead field.</summary>
[Trait("Category", TestCategories.Generator)]
public sealed class TraitNotHonouredTests
{
    [Theory]
    [InlineData("\"authtype\": \"v4-unsigned-body\"", "authtype: v4-unsigned-body")]
    [InlineData("\"unsignedPayload\": true", "unsignedPayload")]
    public void An_unsigned_body_trait_is_reported_at_its_line_and_the_client_still_compiles(string trait, string named)
    {
        string model = string.Join(
            "\n",
            "{",
            "  \"metadata\": { \"protocol\": \"rest-json\", \"serviceId\": \"Demo\", \"apiVersion\": \"2024-01-01\", \"endpointPrefix\": \"demo\" },",
            "  \"operations\": {",
            "    \"Upload\": {",
            "      \"http\": { \"method\": \"PUT\", \"requestUri\": \"/upload\" },",
            "      " + trait + ",",
            "      \"input\": { \"shape\": \"UploadRequest\" }",
            "    }",
            "  },",
            "  \"shapes\": {",
            "    \"UploadRequest\": { \"type\": \"structure\", \"members\": { \"Body\": { \"shape\": \"Data\" } }, \"payload\": \"Body\" },",
            "    \"Data\": { \"type\": \"blob\" }",
            "  }",
            "}");
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/demo.json", model) });

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "SOC043");
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal(5, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("'Upload'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains(named, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
    }

    [Fact]
    public void A_model_without_the_trait_reports_nothing_of_the_kind()
    {
        string model = "{ \"metadata\": { \"protocol\": \"rest-json\", \"serviceId\": \"Demo\", \"apiVersion\": \"2024-01-01\", \"endpointPrefix\": \"demo\" },"
            + " \"operations\": { \"Ping\": { \"http\": { \"method\": \"GET\", \"requestUri\": \"/\" } } }, \"shapes\": {} }";
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/demo.json", model) });
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "SOC043");
        Assert.NotEmpty(run.Sources);
    }
}

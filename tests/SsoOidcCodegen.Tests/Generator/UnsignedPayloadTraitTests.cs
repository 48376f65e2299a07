namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The unsigned-body traits (<c>authtype: v4-unsigned-body</c>, <c>unsignedPayload</c>) are honoured: the operation's
/// descriptor tells the runtime to send <c>UNSIGNED-PAYLOAD</c> over HTTPS, and SOC043 (trait not honoured) is no longer reported.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class UnsignedPayloadTraitTests
{
    [Theory]
    [InlineData("\"authtype\": \"v4-unsigned-body\"", "authtype: v4-unsigned-body")]
    [InlineData("\"unsignedPayload\": true", "unsignedPayload")]
    public void An_unsigned_body_trait_marks_the_operation_unsigned_and_is_not_reported(string trait, string named)
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

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "SOC043");
        string upload = run.InternalClass("UploadOperation")!;
        Assert.True(upload.Contains("unsignedPayload: true", StringComparison.Ordinal), named + ":\n" + upload);
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
    }

    [Fact]
    public void A_model_without_the_trait_signs_its_body()
    {
        string model = "{ \"metadata\": { \"protocol\": \"rest-json\", \"serviceId\": \"Demo\", \"apiVersion\": \"2024-01-01\", \"endpointPrefix\": \"demo\" },"
            + " \"operations\": { \"Ping\": { \"http\": { \"method\": \"GET\", \"requestUri\": \"/\" } } }, \"shapes\": {} }";
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/demo.json", model) });
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "SOC043");
        Assert.DoesNotContain(run.Sources, s => s.SourceText.ToString().Contains("unsignedPayload: true", StringComparison.Ordinal));
        Assert.NotEmpty(run.Sources);
    }
}

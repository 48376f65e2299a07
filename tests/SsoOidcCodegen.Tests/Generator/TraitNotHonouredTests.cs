namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A trait the parser reads but the generated client cannot honour is reported (SOC043, Info) at the trait itself,
/// never dropped silently: <c>requestcompression</c> without <c>gzip</c> (the runtime's only encoding) and a
/// <c>signatureVersion</c> the runtime has no signer for (SimpleDB's <c>v2</c>), and <c>endpointdiscovery</c> that is
/// <c>required</c> (Timestream; the client does not discover endpoints). Honoured values are not reported.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class TraitNotHonouredTests
{
    [Theory]
    [InlineData("\"v4\"", "[\"br\", \"gzip\"]", "{}", null)]
    [InlineData("\"s3\"", "[\"gzip\"]", "{ \"required\": false }", null)]
    [InlineData("\"v4\"", "[\"br\"]", "{}", "requestcompression")]
    [InlineData("\"v4\"", "[]", "{}", "requestcompression")]
    [InlineData("\"v2\"", "[\"gzip\"]", "{}", "signatureVersion: v2")]
    [InlineData("\"v4\"", "[\"gzip\"]", "{ \"required\": true }", "endpointdiscovery")]
    public void A_trait_the_client_cannot_honour_is_reported_at_the_trait(string signatureVersion, string encodings, string discovery, string? reported)
    {
        bool compressionHonoured = encodings.Contains("gzip", StringComparison.Ordinal);
        string[] lines =
        {
            "{",
            "  \"metadata\": { \"protocol\": \"json\", \"jsonVersion\": \"1.1\", \"targetPrefix\": \"Demo\", \"serviceId\": \"Demo\", \"apiVersion\": \"2024-01-01\", \"endpointPrefix\": \"demo\",",
            "    \"signatureVersion\": " + signatureVersion + " },",
            "  \"operations\": {",
            "    \"Put\": {",
            "      \"http\": { \"method\": \"POST\", \"requestUri\": \"/\" },",
            "      \"requestcompression\": { \"encodings\": " + encodings + " },",
            "      \"endpointdiscovery\": " + discovery + ",",
            "      \"input\": { \"shape\": \"PutRequest\" }",
            "    }",
            "  },",
            "  \"shapes\": {",
            "    \"PutRequest\": { \"type\": \"structure\", \"members\": { \"Name\": { \"shape\": \"Text\" } } },",
            "    \"Text\": { \"type\": \"string\" }",
            "  }",
            "}",
        };
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/demo.json", string.Join("\n", lines)) });

        Diagnostic[] notHonoured = run.GeneratorDiagnostics.Where(d => d.Id == "SOC043").ToArray();
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        Assert.Equal(compressionHonoured, run.Sources.Any(source => source.SourceText.ToString().Contains("CompressBody(\"gzip\")", StringComparison.Ordinal)));
        if (reported is null)
        {
            Assert.Empty(notHonoured);
            return;
        }

        Diagnostic diagnostic = Assert.Single(notHonoured);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'" + reported + "' is not honoured", message, StringComparison.Ordinal);
        string trait = reported.Split(':')[0];
        int traitLine = Array.FindIndex(lines, l => l.Contains("\"" + trait + "\"", StringComparison.Ordinal));
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/models/demo.json", span.Path);
        Assert.Equal(traitLine, span.StartLinePosition.Line);
    }
}

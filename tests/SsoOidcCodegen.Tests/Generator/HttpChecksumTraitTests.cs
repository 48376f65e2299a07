namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Linq;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The <c>httpChecksum</c> trait in generated marshallers, over a synthetic model per protocol family: the algorithm
/// member gives <c>AddRequestChecksum</c>, a required checksum without a chosen algorithm stays <c>Content-MD5</c>,
/// and the validation mode member turns on the model's response algorithms; the client compiles.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class HttpChecksumTraitTests
{
    [Theory]
    [InlineData("rest-json", true)]
    [InlineData("rest-xml", false)]
    [InlineData("json", true)]
    public void The_trait_members_drive_request_checksums_and_response_validation(string protocol, bool required)
    {
        string model = string.Join(
            "\n",
            "{",
            "  \"metadata\": { \"protocol\": \"" + protocol + "\", \"serviceId\": \"Demo\", \"apiVersion\": \"2024-01-01\", \"endpointPrefix\": \"demo\", \"jsonVersion\": \"1.1\", \"targetPrefix\": \"Demo\" },",
            "  \"operations\": {",
            "    \"Put\": {",
            "      \"http\": { \"method\": \"PUT\", \"requestUri\": \"/put\" },",
            "      \"httpChecksum\": { \"requestAlgorithmMember\": \"Algo\", \"requestChecksumRequired\": " + (required ? "true" : "false") + " },",
            "      \"input\": { \"shape\": \"PutRequest\" }",
            "    },",
            "    \"Get\": {",
            "      \"http\": { \"method\": \"GET\", \"requestUri\": \"/get\" },",
            "      \"httpChecksum\": { \"requestValidationModeMember\": \"Mode\", \"responseAlgorithms\": [\"CRC64NVME\", \"CRC32\", \"XXHASH3\"] },",
            "      \"input\": { \"shape\": \"GetRequest\" },",
            "      \"output\": { \"shape\": \"GetResponse\" }",
            "    }",
            "  },",
            "  \"shapes\": {",
            "    \"PutRequest\": { \"type\": \"structure\", \"members\": { \"Algo\": { \"shape\": \"Algorithm\", \"location\": \"header\", \"locationName\": \"x-amz-sdk-checksum-algorithm\" }, \"Data\": { \"shape\": \"Text\" } } },",
            "    \"GetRequest\": { \"type\": \"structure\", \"members\": { \"Mode\": { \"shape\": \"Mode\", \"location\": \"header\", \"locationName\": \"x-amz-checksum-mode\" } } },",
            "    \"GetResponse\": { \"type\": \"structure\", \"members\": { \"Data\": { \"shape\": \"Text\" } } },",
            "    \"Algorithm\": { \"type\": \"string\", \"enum\": [\"CRC32\", \"CRC32C\", \"SHA1\", \"SHA256\", \"CRC64NVME\"] },",
            "    \"Mode\": { \"type\": \"string\", \"enum\": [\"ENABLED\"] },",
            "    \"Text\": { \"type\": \"string\" }",
            "  }",
            "}");
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/demo.json", model) });

        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        string put = Assert.Single(run.Sources, s => s.HintName.Contains("PutOperation", StringComparison.Ordinal)).SourceText.ToString();
        string get = Assert.Single(run.Sources, s => s.HintName.Contains("GetOperation", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("builder.AddRequestChecksum(requestChecksum_.Value, \"Algo\");", put, StringComparison.Ordinal);
        Assert.Equal(required, put.Contains("builder.AddContentMd5();", StringComparison.Ordinal));
        int bodyWritten = Math.Max(put.LastIndexOf("SetBody(", StringComparison.Ordinal), put.LastIndexOf("EndJsonBody()", StringComparison.Ordinal));
        Assert.True(bodyWritten > 0 && put.IndexOf("AddRequestChecksum", StringComparison.Ordinal) > bodyWritten, "the checksum is taken after the body is written:\n" + put);
        Assert.Contains("builder.ResponseChecksumAlgorithms = \"CRC64NVME,CRC32,XXHASH3\";", get, StringComparison.Ordinal);
        Assert.Contains("== \"ENABLED\"", get, StringComparison.Ordinal);
        Assert.DoesNotContain("ResponseChecksumAlgorithms", put, StringComparison.Ordinal);
    }
}

namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Linq;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The <c>httpChecksum</c> trait in generated marshallers, over a synthetic model per protocol family: the algorithm
/// member, its header and the required flag go to <c>AddRequestChecksum</c> (which picks CRC32 when none is chosen, as
/// the SDKs do since 2025, never <c>Content-MD5</c>), the validation mode member and its header to
/// <c>ValidateResponseChecksums</c>; the older <c>httpChecksumRequired</c> alone stays <c>Content-MD5</c>; the client compiles.
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
            "    \"Legacy\": {",
            "      \"http\": { \"method\": \"PUT\", \"requestUri\": \"/legacy\" },",
            "      \"httpChecksumRequired\": true,",
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
        string put = run.InternalClass("PutOperation")!;
        string legacy = run.InternalClass("LegacyOperation")!;
        Assert.Contains("builder.AddContentMd5();", legacy, StringComparison.Ordinal);
        Assert.DoesNotContain("AddRequestChecksum", legacy, StringComparison.Ordinal);
        string get = run.InternalClass("GetOperation")!;
        // awsJson binds no member to a header: there the algorithm member travels in the body as the caller set it.
        string header = protocol == "json" ? "null" : "\"x-amz-sdk-checksum-algorithm\"";
        Assert.Contains("builder.AddRequestChecksum(request.Algo?.Value, \"Algo\", " + header + ", required: " + (required ? "true" : "false") + ");", put, StringComparison.Ordinal);
        Assert.DoesNotContain("AddContentMd5", put, StringComparison.Ordinal);
        int bodyWritten = Math.Max(put.LastIndexOf("SetBody(", StringComparison.Ordinal), put.LastIndexOf("EndJsonBody()", StringComparison.Ordinal));
        Assert.True(bodyWritten > 0 && put.IndexOf("AddRequestChecksum", StringComparison.Ordinal) > bodyWritten, "the checksum is taken after the body is written:\n" + put);
        Assert.Contains("builder.ValidateResponseChecksums(request.Mode?.Value, " + (protocol == "json" ? "null" : "\"x-amz-checksum-mode\"") + ", \"CRC64NVME,CRC32,XXHASH3\");", get, StringComparison.Ordinal);
        Assert.DoesNotContain("ValidateResponseChecksums", put, StringComparison.Ordinal);
        Assert.DoesNotContain("AddRequestChecksum", get, StringComparison.Ordinal);
    }
}

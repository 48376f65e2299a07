namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// SigV4a against an independent implementation: a Python script (the <c>cryptography</c> package's P-256, written here
/// from the SigV4a specification, sharing no code with the runtime) derives the key of each access key pair and verifies
/// each signature the runtime makes over the string to sign it rebuilds from the canonical request.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class SigV4aSignerTests
{
    private const string Script = """
        import hashlib, hmac, json, sys
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
        def private_scalar(akid, secret):
            key = ("AWS4A" + secret).encode("utf-8")
            for counter in range(1, 255):
                data = (1).to_bytes(4, "big") + b"AWS4-ECDSA-P256-SHA256" + b"\x00" + akid.encode("utf-8") + bytes([counter]) + (256).to_bytes(4, "big")
                c = int.from_bytes(hmac.new(key, data, hashlib.sha256).digest(), "big")
                if c <= N - 2:
                    return c + 1
            raise ValueError("no key")
        job = json.load(sys.stdin)
        out = []
        for item in job:
            private = ec.derive_private_key(private_scalar(item["akid"], item["secret"]), ec.SECP256R1())
            numbers = private.public_key().public_numbers()
            result = {"x": format(numbers.x, "064x"), "y": format(numbers.y, "064x")}
            if "canonical" in item:
                sts = "\n".join(["AWS4-ECDSA-P256-SHA256", item["date"], item["scope"], hashlib.sha256(item["canonical"].encode("utf-8")).hexdigest()])
                result["stringToSign"] = sts
                try:
                    private.public_key().verify(bytes.fromhex(item["signature"]), sts.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
                    result["verified"] = True
                except Exception:
                    result["verified"] = False
            out.append(result)
        json.dump(out, sys.stdout)
        """;

    [Theory]
    [InlineData("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "short")]
    [InlineData("ASIA0123456789ABCDEF", "a/very+long/secret/that/is/much/longer/than/the/usual/forty/characters==")]
    public void Derived_public_key_matches_the_independent_derivation(string accessKeyId, string secret)
    {
        (byte[] x, byte[] y) = SigV4aSigner.DerivePublicKey(accessKeyId, secret);

        JsonElement python = RunPython(new[] { new { akid = accessKeyId, secret } })[0];
        Assert.Equal(python.GetProperty("x").GetString(), Convert.ToHexStringLower(x));
        Assert.Equal(python.GetProperty("y").GetString(), Convert.ToHexStringLower(y));
    }

    [Fact]
    public void Signature_verifies_independently_and_the_request_carries_the_region_set_and_a_region_free_scope()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/key?list-type=2");
        var stages = new SigV4SigningStages();
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token");
        new SigV4aSigner(normalizePath: false).Sign(request, SigV4Signer.EmptyPayloadSha256, credentials, "us-east-1,us-west-2", "s3", new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero), stages);

        string authorization = stages.Authorization;
        Assert.StartsWith("AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20150830/s3/aws4_request, SignedHeaders=", authorization, StringComparison.Ordinal);
        Assert.Contains("x-amz-region-set", authorization, StringComparison.Ordinal);
        Assert.Contains("x-amz-security-token", authorization, StringComparison.Ordinal);
        Assert.Contains("\nx-amz-region-set:us-east-1,us-west-2\n", stages.CanonicalRequest, StringComparison.Ordinal);
        Assert.Equal("us-east-1,us-west-2", string.Join(",", request.Headers.GetValues("X-Amz-Region-Set")));
        string signature = authorization[(authorization.IndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length)..];

        JsonElement python = RunPython(new[]
        {
            new { akid = "AKIDEXAMPLE", secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", canonical = stages.CanonicalRequest, date = "20150830T123600Z", scope = "20150830/s3/aws4_request", signature },
        })[0];
        Assert.Equal(python.GetProperty("stringToSign").GetString(), stages.StringToSign);
        Assert.True(python.GetProperty("verified").GetBoolean(), "the independent check rejects the signature");

        // A signature over another string must not verify: the check itself can fail.
        JsonElement tampered = RunPython(new[]
        {
            new { akid = "AKIDEXAMPLE", secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", canonical = stages.CanonicalRequest + "x", date = "20150830T123600Z", scope = "20150830/s3/aws4_request", signature },
        })[0];
        Assert.False(tampered.GetProperty("verified").GetBoolean());
    }

    private static JsonElement RunPython(object job)
    {
        // A file of this call's own (tests run in parallel), removed when the check is over.
        string script = Path.Combine(Path.GetTempPath(), "sigv4a-check-" + Guid.NewGuid().ToString("N") + ".py");
        File.WriteAllText(script, Script);
        try
        {
            return RunScript(script, job);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static JsonElement RunScript(string script, object job)
    {
        var start = new ProcessStartInfo("python3", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("python3 is not installed: the independent SigV4a check needs python3 with the 'cryptography' package.");
            throw;
        }

        using (process)
        {
            process.StandardInput.Write(JsonSerializer.Serialize(job));
            process.StandardInput.Close();
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 && error.Contains("No module named 'cryptography'", StringComparison.Ordinal))
            {
                Assert.Skip("python3 has no 'cryptography' package: the independent SigV4a check needs it.");
            }

            Assert.True(process.ExitCode == 0, "the independent check failed: " + error);
            return JsonDocument.Parse(output).RootElement.Clone();
        }
    }
}

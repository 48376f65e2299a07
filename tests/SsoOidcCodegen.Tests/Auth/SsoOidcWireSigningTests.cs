namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// CreateTokenWithIAM as the official AWS SDK for .NET signed it (<c>AWS_WIRE_REFERENCE</c>,
/// section 1): the same request, credentials and time must give the same signature.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class SsoOidcWireSigningTests
{
    // The headers the official SDK's signer added; everything else on the message is input.
    private static readonly string[] SignerOutputHeaders = ["Host", "X-Amz-Date", "X-Amz-Content-SHA256", "Authorization"];

    [Theory]
    [InlineData("A", "typical")]
    [InlineData("A", "all members set")]
    [InlineData("B", "typical")]
    [InlineData("B", "all members set")]
    public void Signer_reproduces_the_official_SDK_signature_of_CreateTokenWithIAM(string config, string variant)
    {
        CapturedRequest captured = CapturedRequest.Find(File.ReadAllText(ReferenceData.WireReference), config, $"CreateTokenWithIAM — {variant}");
        using HttpRequestMessage request = captured.ToUnsignedRequest();
        DateTimeOffset signingTime = DateTimeOffset.ParseExact(
            captured.Header("X-Amz-Date"), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var credentials = new AwsCredentials(SigV4TestSuiteTests.AccessKeyId, SigV4TestSuiteTests.SecretAccessKey);

        new SigV4Signer().Sign(request, captured.Body, credentials, "us-east-1", "sso-oauth", signingTime, addContentSha256Header: true);

        Assert.Equal(captured.Header("X-Amz-Content-SHA256"), Assert.Single(request.Headers.GetValues("X-Amz-Content-SHA256")));
        Assert.Equal(captured.Header("X-Amz-Date"), Assert.Single(request.Headers.GetValues("X-Amz-Date")));
        Assert.Equal(captured.Header("Host"), Assert.Single(request.Headers.NonValidated["Host"]));
        Assert.Equal(captured.Header("Authorization"), Assert.Single(request.Headers.GetValues("Authorization")));
    }

    /// <summary>One request block of section 1 of the wire reference.</summary>
    private sealed class CapturedRequest
    {
        private CapturedRequest(string method, Uri uri, List<(string Name, string Value, bool IsContent)> headers, byte[] body)
        {
            Method = method;
            Uri = uri;
            Headers = headers;
            Body = body;
        }

        public string Method { get; }

        public Uri Uri { get; }

        public List<(string Name, string Value, bool IsContent)> Headers { get; }

        public byte[] Body { get; }

        public string Header(string name) => Headers.Single(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

        /// <summary>Finds "## 1." → "### config X:" → "#### {heading}" → the next ```http block, and parses it.</summary>
        public static CapturedRequest Find(string markdown, string config, string heading)
        {
            string[] lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            int section = Array.FindIndex(lines, l => l.StartsWith("## 1.", StringComparison.Ordinal));
            Assert.True(section >= 0, "The wire reference has no '## 1.' section.");
            int sectionEnd = Array.FindIndex(lines, section + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            sectionEnd = sectionEnd < 0 ? lines.Length : sectionEnd;
            int configStart = Array.FindIndex(lines, section, sectionEnd - section, l => l.StartsWith($"### config {config}:", StringComparison.Ordinal));
            Assert.True(configStart >= 0, $"Section 1 has no '### config {config}:'.");
            int configEnd = Array.FindIndex(lines, configStart + 1, sectionEnd - configStart - 1, l => l.StartsWith("### ", StringComparison.Ordinal));
            configEnd = configEnd < 0 ? sectionEnd : configEnd;
            int headingLine = Array.FindIndex(lines, configStart, configEnd - configStart, l => l.StartsWith($"#### {heading}", StringComparison.Ordinal));
            Assert.True(headingLine >= 0, $"Config {config} has no '#### {heading}'.");
            int fence = Array.FindIndex(lines, headingLine, l => l.StartsWith("```http", StringComparison.Ordinal));
            int fenceEnd = Array.FindIndex(lines, fence + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            return Parse(lines[(fence + 1)..fenceEnd]);
        }

        // "POST <absolute uri>   (HttpRequestMessage.Version 1.1)", "Name: value[    [content header]]" lines, a blank line, the body.
        private static CapturedRequest Parse(string[] block)
        {
            string[] requestLine = block[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var headers = new List<(string, string, bool)>();
            int i = 1;
            for (; i < block.Length && block[i].Length > 0; i++)
            {
                string line = block[i];
                const string ContentMarker = "[content header]";
                bool isContent = line.EndsWith(ContentMarker, StringComparison.Ordinal);
                if (isContent)
                {
                    line = line[..^ContentMarker.Length].TrimEnd();
                }

                int colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add((line[..colon], line[(colon + 1)..].Trim(), isContent));
            }

            byte[] body = Encoding.UTF8.GetBytes(string.Join('\n', block[(i + 1)..]));
            var request = new CapturedRequest(requestLine[0], new Uri(requestLine[1], UriKind.Absolute), headers, body);
            Assert.Equal(request.Header("Content-Length"), body.Length.ToString(CultureInfo.InvariantCulture));
            return request;
        }

        /// <summary>The message as the SDK handed it to its signer: every header but the signer's own.</summary>
        public HttpRequestMessage ToUnsignedRequest()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), Uri) { Content = new ByteArrayContent(Body) };
            foreach ((string name, string value, bool isContent) in Headers)
            {
                if (SignerOutputHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (isContent && string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content.Headers.ContentLength = long.Parse(value, CultureInfo.InvariantCulture);
                }
                else
                {
                    bool added = isContent
                        ? request.Content.Headers.TryAddWithoutValidation(name, value)
                        : request.Headers.TryAddWithoutValidation(name, value);
                    Assert.True(added, $"Header '{name}' could not be added.");
                }
            }

            return request;
        }
    }
}

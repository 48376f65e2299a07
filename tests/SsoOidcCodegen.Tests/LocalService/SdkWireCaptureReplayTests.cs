namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Replays the raw requests the official AWS SDK for .NET put on the socket (the wire capture in
/// the reference data, <c>AWS_WIRE_REFERENCE</c>) against the local service.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed partial class SdkWireCaptureReplayTests
{
    [Fact]
    public async Task Every_request_the_AWS_SDK_sends_is_understood_and_answered_with_success_or_a_modelled_error()
    {
        SsoOidcModel model = SsoOidcModel.Load();
        CapturedRequest[] captured = CapturedRequest.ReadAll(ReferenceData.WireReference);
        Assert.Equal(
            ["CreateToken", "CreateTokenWithIAM", "RegisterClient", "StartDeviceAuthorization"],
            captured.Select(c => c.Operation).Distinct().Order(StringComparer.Ordinal).ToArray());
        await using var session = await OidcTestSession.StartAsync();

        foreach (CapturedRequest request in captured)
        {
            WireResponse response = await session.SendAsync(request.ToHttpRequest());
            RecordedRequest recorded = session.Service.Requests[^1];

            Assert.Equal(request.Body, recorded.Body.ToArray());
            Assert.Equal("2019-06-10", recorded.Headers["x-amz-api-version"]);
            if (request.Operation == "RegisterClient")
            {
                Assert.True(response.StatusCode == 200, $"{request.Title}: {response}");
            }
            else if (response.StatusCode != 200)
            {
                // The captured client ids, codes and tokens are examples the service never issued,
                // so these fail, but with an error the model lists and past the SigV4 check.
                string errorType = response.ErrorType?.Split(':')[0] ?? "(none)";
                Assert.True(model.OperationErrors(request.Operation).Contains(errorType), $"{request.Title}: {response}");
            }
        }
    }

    private sealed partial record CapturedRequest(string Title, string Method, string PathAndQuery, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
    {
        public string Operation => PathAndQuery switch
        {
            "/client/register" => "RegisterClient",
            "/device_authorization" => "StartDeviceAuthorization",
            "/token" => "CreateToken",
            "/token?aws_iam=t" => "CreateTokenWithIAM",
            _ => throw new InvalidOperationException($"Captured request '{Title}' has an unexpected path {PathAndQuery}."),
        };

        /// <summary>The requests of section 2 ("Raw bytes on the socket").</summary>
        public static CapturedRequest[] ReadAll(string path)
        {
            string text = File.ReadAllText(path).ReplaceLineEndings("\n");
            int start = text.IndexOf("## 2.", StringComparison.Ordinal);
            int end = text.IndexOf("## 3.", StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, $"'{path}' has no section 2.");

            var requests = new List<CapturedRequest>();
            foreach (Match block in BlockPattern().Matches(text[start..end]))
            {
                string[] lines = block.Groups["request"].Value.Split('\n');
                string[] requestLine = lines[0].Split(' ');
                int blank = Array.IndexOf(lines, string.Empty);
                var headers = lines[1..blank]
                    .Select(line => line.Split(':', 2))
                    .Select(parts => new KeyValuePair<string, string>(parts[0], parts[1].Trim()))
                    .ToList();
                byte[] body = Encoding.UTF8.GetBytes(string.Join('\n', lines[(blank + 1)..]));
                requests.Add(new CapturedRequest(block.Groups["title"].Value.Trim(), requestLine[0], requestLine[1], headers, body));
            }

            Assert.NotEmpty(requests);
            return [.. requests];
        }

        public HttpRequestMessage ToHttpRequest()
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery) { Content = new ByteArrayContent(Body) };
            foreach ((string name, string value) in Headers)
            {
                switch (name.ToLowerInvariant())
                {
                    case "host" or "content-length":
                        break; // The handler writes these for the local endpoint.
                    case "content-type":
                        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
                        break;
                    default:
                        Assert.True(message.Headers.TryAddWithoutValidation(name, value), $"Cannot send header {name}.");
                        break;
                }
            }

            return message;
        }

        [GeneratedRegex(@"^#### (?<title>[^\n]+)\n\n```http\n(?<request>.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline)]
        private static partial Regex BlockPattern();
    }
}

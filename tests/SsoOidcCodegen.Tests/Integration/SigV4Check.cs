namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

/// <summary>
/// A service-side SigV4 check, written from the AWS Signature Version 4 documentation and independent
/// of the runtime's signer: it rebuilds the canonical request from what arrived on the socket (method,
/// request-target, the header lines the signature names, the body), derives the key from the secret,
/// and compares the signature. A service does exactly this before it answers.
/// </summary>
public static partial class SigV4Check
{
    /// <summary>Asserts that the request carries a valid SigV4 <c>Authorization</c> for the key, region and service.</summary>
    /// <param name="request">The request as received.</param>
    /// <param name="accessKeyId">The key id the credential scope must name.</param>
    /// <param name="secretAccessKey">The secret the service knows for that key.</param>
    /// <param name="region">The region the scope must name.</param>
    /// <param name="service">The signing name the scope must name.</param>
    /// <param name="s3">Amazon S3 rules: the path is canonical as sent (other services encode it again).</param>
    /// <param name="now">The service's clock (the signing time must be within 15 minutes of it); the system clock by default.</param>
    public static void AssertValid(ReceivedRequest request, string accessKeyId, string secretAccessKey, string region, string service, bool s3 = false, DateTimeOffset? now = null)
    {
        DateTimeOffset clock = now ?? DateTimeOffset.UtcNow;
        string authorization = request.Header("Authorization") ?? throw new Xunit.Sdk.XunitException($"{request.Method} {request.Target}: no Authorization header.");
        Match match = AuthorizationPattern().Match(authorization);
        Assert.True(match.Success, $"Not a SigV4 Authorization header: '{authorization}'.");
        string[] scope = match.Groups["scope"].Value.Split('/');
        Assert.Equal(accessKeyId, match.Groups["key"].Value);
        Assert.Equal([region, service, "aws4_request"], scope[1..]);

        string amzDate = request.Header("X-Amz-Date") ?? throw new Xunit.Sdk.XunitException("No X-Amz-Date header.");
        DateTimeOffset signedAt = DateTimeOffset.ParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Equal(amzDate[..8], scope[0]);
        Assert.InRange(signedAt, clock.AddMinutes(-15), clock.AddMinutes(15));

        string[] signedHeaders = match.Groups["signed"].Value.Split(';');
        Assert.Contains("host", signedHeaders);
        Assert.Contains("x-amz-date", signedHeaders);
        Assert.Equal(signedHeaders.Order(StringComparer.Ordinal), signedHeaders);
        string payloadHash = Hex(SHA256.HashData(request.Body));
        if (request.Header("X-Amz-Content-SHA256") is { } declared)
        {
            Assert.Contains("x-amz-content-sha256", signedHeaders);
            Assert.True(declared == payloadHash || declared == "UNSIGNED-PAYLOAD", $"X-Amz-Content-SHA256 '{declared}' is not the body's hash '{payloadHash}'.");
            payloadHash = declared;
        }
        else
        {
            Assert.False(s3, "S3 requires X-Amz-Content-SHA256.");
        }

        string canonicalRequest = string.Join(
            "\n",
            request.Method,
            CanonicalUri(request.Target, s3),
            CanonicalQuery(request.Target),
            string.Concat(signedHeaders.Select(name => name + ":" + CanonicalHeaderValue(request, name) + "\n")),
            string.Join(";", signedHeaders),
            payloadHash);
        string stringToSign = string.Join(
            "\n",
            "AWS4-HMAC-SHA256",
            amzDate,
            match.Groups["scope"].Value,
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        byte[] key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (string part in new[] { scope[0], region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        string expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        Assert.True(
            expected == match.Groups["signature"].Value,
            $"The signature does not match what the service computes.\nCanonical request:\n{canonicalRequest}\nString to sign:\n{stringToSign}");
    }

    private static string CanonicalUri(string target, bool s3)
    {
        string path = target.Split('?')[0];
        if (s3)
        {
            return path;
        }

        // Every service but S3: the path as sent, normalized, each segment URI-encoded again.
        var segments = new List<string>();
        foreach (string segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(UriEncode(segment));
        }

        return "/" + string.Join("/", segments) + (path.EndsWith('/') && segments.Count > 0 ? "/" : string.Empty);
    }

    private static string CanonicalQuery(string target)
    {
        int question = target.IndexOf('?', StringComparison.Ordinal);
        if (question < 0 || question == target.Length - 1)
        {
            return string.Empty;
        }

        return string.Join(
            "&",
            target[(question + 1)..].Split('&')
                .Select(pair =>
                {
                    int equals = pair.IndexOf('=', StringComparison.Ordinal);
                    string name = equals < 0 ? pair : pair[..equals];
                    string value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                    return (Name: UriEncode(Uri.UnescapeDataString(name)), Value: UriEncode(Uri.UnescapeDataString(value)));
                })
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => p.Name + "=" + p.Value));
    }

    private static string CanonicalHeaderValue(ReceivedRequest request, string name)
    {
        string[] values = request.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .Select(h => SpaceRun().Replace(h.Value.Trim(), " "))
            .ToArray();
        Assert.True(values.Length > 0, $"The signed header '{name}' was not sent.");
        return string.Join(",", values);
    }

    // RFC 3986 unreserved characters stay; every other byte of the UTF-8 form becomes %XX (upper case).
    private static string UriEncode(string value)
    {
        var text = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return text.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/,]+)/(?<scope>\d{8}/[^/,]+/[^/,]+/aws4_request), SignedHeaders=(?<signed>[a-z0-9;-]+), Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex(" +")]
    private static partial Regex SpaceRun();
}

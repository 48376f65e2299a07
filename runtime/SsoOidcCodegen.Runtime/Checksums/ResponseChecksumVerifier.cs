namespace SsoOidcCodegen.Runtime.Checksums;

using System;
using System.Net.Http;
using System.Net.Http.Headers;

/// <summary>
/// Response validation of the <c>httpChecksum</c> trait, when the caller asked for it (S3's <c>ChecksumMode</c>
/// set to <c>ENABLED</c>): of the model's <c>responseAlgorithms</c>, the first one this client computes whose
/// <c>x-amz-checksum-…</c> header the response carries is checked against the body. A composite checksum of a
/// multipart object (<c>value-N</c>) covers the parts, not the body, and is not checked; nor is a response without one.
/// </summary>
internal static class ResponseChecksumVerifier
{
    /// <summary>The checksum to check and the value the response declares; null when there is nothing to check.</summary>
    public static (FlexibleChecksum Checksum, string Expected)? Select(string? algorithms, HttpResponseMessage response)
    {
        if (algorithms is null)
        {
            return null;
        }

        foreach (string algorithm in algorithms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            FlexibleChecksum? checksum = FlexibleChecksum.Create(algorithm);
            if (checksum is null)
            {
                continue;
            }

            if (response.Headers.NonValidated.TryGetValues(checksum.HeaderName, out HeaderStringValues values))
            {
                string expected = values.ToString();
                if (expected.Contains('-', StringComparison.Ordinal))
                {
                    checksum.Dispose();
                    return null;
                }

                return (checksum, expected.Trim());
            }

            checksum.Dispose();
        }

        return null;
    }

    /// <summary>Checks a buffered body; a mismatch throws <see cref="AwsChecksumMismatchException"/> (retried as a transport failure).</summary>
    public static void Verify(string? algorithms, HttpResponseMessage response, ReadOnlySpan<byte> body, string operationName)
    {
        if (Select(algorithms, response) is not { } selected)
        {
            return;
        }

        using FlexibleChecksum checksum = selected.Checksum;
        checksum.Append(body);
        string actual = checksum.GetHeaderValue();
        if (!string.Equals(actual, selected.Expected, StringComparison.Ordinal))
        {
            throw Mismatch(operationName, checksum.HeaderName, selected.Expected, actual);
        }
    }

    /// <summary>The exception for a body whose checksum is not the declared one.</summary>
    public static AwsChecksumMismatchException Mismatch(string operationName, string header, string expected, string actual) =>
        new(operationName, header, expected.Length > 64 ? expected.Substring(0, 64) + "…" : expected, actual);
}

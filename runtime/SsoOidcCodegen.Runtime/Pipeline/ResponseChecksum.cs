namespace SsoOidcCodegen.Runtime.Pipeline;

using System;
using System.Globalization;
using System.IO.Hashing;
using System.Net.Http.Headers;
using System.Net.Http;

/// <summary>
/// Checks a response body against the CRC32 that DynamoDB sends in <c>x-amz-crc32</c> (the decimal value of
/// the IEEE CRC32 of the body bytes as sent), as botocore and the official SDKs do. Any response that carries
/// the header is checked, success or error; a response without it is not.
/// </summary>
/// <remarks>
/// The checksum covers the bytes on the wire: when the request went out with <c>Accept-Encoding</c> (a caller's
/// <see cref="HttpClient"/> that decompresses), the body read may not be those bytes and the check is skipped.
/// The client's own handler never decompresses.
/// </remarks>
internal static class ResponseChecksum
{
    /// <summary>The header DynamoDB puts its body checksum in.</summary>
    public const string Crc32Header = "x-amz-crc32";

    /// <summary>Throws <see cref="AwsChecksumMismatchException"/> when the body does not match <c>x-amz-crc32</c>.</summary>
    public static void Verify(HttpRequestMessage request, HttpResponseMessage response, ReadOnlySpan<byte> body, string operationName)
    {
        if (!response.Headers.NonValidated.TryGetValues(Crc32Header, out HeaderStringValues values))
        {
            return;
        }

        if (request.Headers.NonValidated.Contains("Accept-Encoding"))
        {
            return;
        }

        Check(values, body, operationName);
    }

    // Apart from Verify, so that a response without the header never loads System.IO.Hashing (a cold start saves the load).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Check(HeaderStringValues values, ReadOnlySpan<byte> body, string operationName)
    {
        string? expected = null;
        foreach (string value in values)
        {
            // Two x-amz-crc32 headers that disagree cannot both be right: the first one decides, and a second differing one fails.
            if (expected is not null && !string.Equals(expected, value, StringComparison.Ordinal))
            {
                throw Mismatch(operationName, expected + ", " + value, Crc32.HashToUInt32(body));
            }

            expected = value;
        }

        uint actual = Crc32.HashToUInt32(body);
        if (expected is null
            || !uint.TryParse(expected.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out uint declared)
            || declared != actual)
        {
            throw Mismatch(operationName, expected ?? string.Empty, actual);
        }
    }

    private static AwsChecksumMismatchException Mismatch(string operationName, string expected, uint actual) => new(
        operationName,
        Crc32Header,
        expected.Length > 32 ? expected.Substring(0, 32) + "…" : expected,
        actual.ToString(CultureInfo.InvariantCulture));
}

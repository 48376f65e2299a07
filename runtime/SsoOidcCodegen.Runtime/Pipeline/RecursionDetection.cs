namespace SsoOidcCodegen.Runtime.Pipeline;

using System;
using System.Text;

/// <summary>
/// Lambda recursion detection, as every AWS SDK does it: inside a Lambda function (<c>AWS_LAMBDA_FUNCTION_NAME</c>
/// set) each request carries the invocation's X-Ray trace id (<c>_X_AMZN_TRACE_ID</c>, which Lambda changes per
/// invocation, so it is read per call) in <c>X-Amzn-Trace-Id</c>, unless the request already has that header.
/// Characters outside printable ASCII are percent-encoded (their UTF-8 bytes), so the variable can never add a
/// header line. The header is not signed (the SigV4 signer leaves it out).
/// </summary>
internal static class RecursionDetection
{
    /// <summary>The header the trace id goes in.</summary>
    public const string TraceIdHeader = "X-Amzn-Trace-Id";

    /// <summary>Whether the process runs inside a Lambda function (read once per client).</summary>
    public static bool InLambda(Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment("AWS_LAMBDA_FUNCTION_NAME"));

    /// <summary>The header value for the current invocation, or null when there is no trace id.</summary>
    public static string? TraceId(Func<string, string?> environment)
    {
        string? value = environment("_X_AMZN_TRACE_ID");
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        int i = 0;
        while (i < value.Length && value[i] >= 0x20 && value[i] < 0x7F)
        {
            i++;
        }

        if (i == value.Length)
        {
            return value;
        }

        var encoded = new StringBuilder(value.Length + 16).Append(value, 0, i);
        Span<byte> bytes = stackalloc byte[4];
        for (; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= 0x20 && c < 0x7F)
            {
                encoded.Append(c);
                continue;
            }

            // A surrogate pair is one code point; a lone surrogate is written as U+FFFD, like any UTF-8 encoder.
            int length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(char.IsSurrogate(c) ? "\uFFFD" : c.ToString(), bytes);
            foreach (byte b in bytes.Slice(0, length))
            {
                encoded.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
            }
        }

        return encoded.ToString();
    }
}

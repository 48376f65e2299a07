namespace SsoOidcCodegen.Runtime.Protocols.Cbor;

using System;
using System.Formats.Cbor;
using SsoOidcCodegen.Runtime.Http;

/// <summary>
/// How the generated CBOR readers and writers (smithy-rpc-v2-cbor) handle values the CBOR data model
/// leaves open: timestamps are tag 1 with epoch seconds, numbers may arrive in any width, nulls in
/// structures, lists and maps are skipped, and errors name themselves in <c>__type</c>.
/// </summary>
public static class CborWire
{
    /// <summary>The media type of request and response bodies.</summary>
    public const string ContentType = "application/cbor";

    /// <summary>A writer for a request body (indefinite-length structures are allowed).</summary>
    public static CborWriter CreateWriter() => new(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);

    /// <summary>A reader over the body; false when the body is empty.</summary>
    public static bool TryReadBody(AwsResponse response, out CborReader reader)
    {
        reader = null!;
        if (response.Body.IsEmpty)
        {
            return false;
        }

        reader = new CborReader(response.Body, CborConformanceMode.Lax);
        return true;
    }

    /// <summary>True (and the null consumed) when the next value is null.</summary>
    public static bool ReadNull(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.Null:
                reader.ReadNull();
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads any CBOR number (integer or float of any width) as a double.</summary>
    public static double ReadDouble(CborReader reader) => reader.PeekState() switch
    {
        CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => reader.ReadInt64(),
        _ => reader.ReadDouble(),
    };

    /// <summary>Reads any CBOR number as a float.</summary>
    public static float ReadSingle(CborReader reader) => (float)ReadDouble(reader);

    /// <summary>Reads an integer (a float with an integral value is accepted).</summary>
    public static long ReadInt64(CborReader reader) => reader.PeekState() switch
    {
        CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => reader.ReadInt64(),
        _ => checked((long)reader.ReadDouble()),
    };

    /// <summary>Skips a value whose type CBOR cannot carry here (a document), leaving the member unset.</summary>
    /// <typeparam name="T">The member type.</typeparam>
    /// <param name="reader">The reader, at the value.</param>
    /// <returns>The type's default value.</returns>
    public static T? Skip<T>(CborReader reader)
    {
        reader.SkipValue();
        return default;
    }

    /// <summary>Writes a timestamp as tag 1 with epoch seconds (an integer when there is no fraction).</summary>
    public static void WriteTimestamp(CborWriter writer, DateTimeOffset value)
    {
        writer.WriteTag(CborTag.UnixTimeSeconds);
        long ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        if (ticks % TimeSpan.TicksPerSecond == 0)
        {
            writer.WriteInt64(ticks / TimeSpan.TicksPerSecond);
        }
        else
        {
            writer.WriteDouble((double)ticks / TimeSpan.TicksPerSecond);
        }
    }

    /// <summary>Reads a timestamp: tag 1 (optional) with epoch seconds, kept to the millisecond.</summary>
    public static DateTimeOffset ReadTimestamp(CborReader reader)
    {
        if (reader.PeekState() == CborReaderState.Tag)
        {
            reader.ReadTag();
        }

        return HttpWire.EpochSecondsToTimestamp(ReadDouble(reader));
    }

    /// <summary>
    /// The error of a CBOR error body: <c>__type</c> (its <c>namespace#</c> prefix removed) and
    /// <c>message</c> or <c>Message</c>; the awsQuery code of <c>x-amzn-query-error</c> wins for
    /// services that keep their query error codes. A body that is not CBOR never throws.
    /// </summary>
    public static AwsErrorInfo ReadError(AwsResponse response)
    {
        string? code = null;
        string? message = null;
        bool isMap = false;
        try
        {
            if (TryReadBody(response, out CborReader reader) && reader.PeekState() == CborReaderState.StartMap)
            {
                isMap = true;
                reader.ReadStartMap();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    string name = reader.ReadTextString();
                    if (name is "__type" or "message" or "Message" && reader.PeekState() is CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString)
                    {
                        string text = reader.ReadTextString();
                        if (name == "__type")
                        {
                            code = AwsErrorInfo.Sanitize(text);
                        }
                        else
                        {
                            message ??= text;
                        }
                    }
                    else
                    {
                        reader.SkipValue();
                    }
                }
            }
        }
        catch (Exception failure) when (failure is CborContentException or InvalidOperationException or FormatException)
        {
            isMap = false;
        }

        code = AwsErrorInfo.QueryErrorCode(response) ?? code;
        return AwsErrorInfo.Create(code, message ?? (isMap ? null : AwsErrorInfo.DescribeBody(response, "CBOR")), response.RequestId, bodyIsJsonObject: false);
    }

    /// <summary>
    /// Fills a modelled exception's members from a CBOR error body. A member the service sent in an
    /// unexpected form is left unset; the error itself stands.
    /// </summary>
    /// <typeparam name="TException">The modelled exception type.</typeparam>
    /// <param name="exception">The exception to fill.</param>
    /// <param name="response">The error response.</param>
    /// <param name="readMembers">The generated reader of the error shape's members.</param>
    /// <returns>The same exception.</returns>
    public static TException ReadErrorMembers<TException>(TException exception, AwsResponse response, Action<CborReader, TException> readMembers)
        where TException : AwsServiceException
    {
        try
        {
            if (TryReadBody(response, out CborReader reader) && reader.PeekState() == CborReaderState.StartMap)
            {
                readMembers(reader, exception);
            }
        }
        catch (Exception failure) when (failure is CborContentException or InvalidOperationException or FormatException or OverflowException)
        {
            // Keep the typed error with whatever members were read.
        }

        return exception;
    }
}

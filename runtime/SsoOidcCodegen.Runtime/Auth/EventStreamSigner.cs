namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SsoOidcCodegen.Runtime.Protocols.EventStream;

/// <summary>
/// Signs the frames of an input event stream (SigV4 event signing): each encoded event message becomes the payload
/// of an envelope message whose headers are <c>:date</c> (a timestamp) and <c>:chunk-signature</c> (the 32 signature
/// bytes). The signatures form a chain: the first frame's prior signature is the seed, the signature of the HTTP
/// request (sent with <c>x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-EVENTS</c>), every later frame's is the
/// frame before it; the stream ends with a signed frame whose payload is empty.
/// </summary>
/// <remarks>
/// <para>The string to sign of a frame is <c>AWS4-HMAC-SHA256-PAYLOAD</c>, the frame's time as
/// <c>yyyyMMddTHHmmssZ</c>, the scope <c>yyyyMMdd/region/service/aws4_request</c> of that time, the prior signature
/// (lower-case hex), the hex SHA-256 of the encoded <c>:date</c> header, and the hex SHA-256 of the payload, one per
/// line. The key is the SigV4 signing key of the frame's day.</para>
/// <para>Not thread-safe: one signer per stream, used by the one writer of its frames. Neither the secret nor a
/// signature appears in <see cref="ToString"/>.</para>
/// </remarks>
public sealed class EventStreamSigner
{
    /// <summary>The payload hash the HTTP request of a signed input event stream is signed with.</summary>
    public const string StreamingEventsPayload = "STREAMING-AWS4-HMAC-SHA256-EVENTS";

    /// <summary>The algorithm line of a frame's string to sign.</summary>
    public const string PayloadAlgorithm = "AWS4-HMAC-SHA256-PAYLOAD";

    private readonly AwsCredentials credentials;
    private readonly string region;
    private readonly string service;
    private byte[]? signingKey;
    private string? keyDate;
    private string priorSignature;

    /// <summary>Creates the signer of one stream.</summary>
    /// <param name="credentials">The credentials the HTTP request was signed with.</param>
    /// <param name="region">The signing region of the HTTP request.</param>
    /// <param name="service">The signing name of the HTTP request.</param>
    /// <param name="seedSignature">The HTTP request's signature, lower-case hex (the <c>Signature=</c> of its <c>Authorization</c>).</param>
    public EventStreamSigner(AwsCredentials credentials, string region, string service, string seedSignature)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(seedSignature);
        this.credentials = credentials;
        this.region = region;
        this.service = service;
        priorSignature = seedSignature;
    }

    /// <summary>
    /// The seed signature of a request signed with <see cref="SigV4Signer"/>: the hex after <c>Signature=</c> in its
    /// <c>Authorization</c> header; null when the header holds none.
    /// </summary>
    public static string? SeedFromAuthorization(string? authorization)
    {
        const string Marker = "Signature=";
        int at = authorization?.LastIndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        string rest = authorization!.Substring(at + Marker.Length);
        int end = rest.IndexOf(',', StringComparison.Ordinal);
        string signature = (end < 0 ? rest : rest.Substring(0, end)).Trim();
        return signature.Length == 64 ? signature : null;
    }

    /// <summary>
    /// Wraps an encoded event message (or the empty payload of the end frame) in a signed envelope and moves the
    /// chain on. The <c>:date</c> header carries the time to the millisecond; the string to sign its whole seconds.
    /// </summary>
    /// <param name="payload">The encoded inner message; empty for the frame that ends the stream.</param>
    /// <param name="time">The signing time (clock-skew corrected).</param>
    public EventStreamMessage Sign(ReadOnlySpan<byte> payload, DateTimeOffset time)
    {
        EventStreamHeader date = EventStreamHeader.Timestamp(":date", time);
        byte[] signature = Signature(payload, time, date);
        priorSignature = Convert.ToHexString(signature).ToLowerInvariant();
        return new EventStreamMessage([date, EventStreamHeader.ByteArray(":chunk-signature", signature)], payload.ToArray());
    }

    /// <summary>The string to sign of a frame (for tests: it holds no secret).</summary>
    internal string StringToSign(ReadOnlySpan<byte> payload, DateTimeOffset time) =>
        StringToSign(payload, time.UtcDateTime, EventStreamHeader.Timestamp(":date", time));

    /// <inheritdoc />
    public override string ToString() => $"EventStreamSigner {{ Region = {region}, Service = {service} }}";

    private byte[] Signature(ReadOnlySpan<byte> payload, DateTimeOffset time, EventStreamHeader date)
    {
        DateTime utc = time.UtcDateTime;
        string day = utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        if (signingKey is null || keyDate != day)
        {
            signingKey = SigV4Signer.DeriveSigningKey(credentials.SecretAccessKey, day, region, service);
            keyDate = day;
        }

        return HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(StringToSign(payload, utc, date)));
    }

    private string StringToSign(ReadOnlySpan<byte> payload, DateTime utc, EventStreamHeader date)
    {
        string amzDate = utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string scope = utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "/" + region + "/" + service + "/aws4_request";
        string headersHash = Convert.ToHexString(SHA256.HashData(EventStreamCodec.EncodeHeaders([date]))).ToLowerInvariant();
        string payloadHash = Convert.ToHexString(SHA256.HashData(payload)).ToLowerInvariant();
        return PayloadAlgorithm + "\n" + amzDate + "\n" + scope + "\n" + priorSignature + "\n" + headersHash + "\n" + payloadHash;
    }
}

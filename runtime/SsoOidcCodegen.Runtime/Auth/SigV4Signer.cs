namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

/// <summary>
/// Signs an <see cref="HttpRequestMessage"/> with AWS Signature Version 4 (header-based,
/// <c>AWS4-HMAC-SHA256</c>). Thread-safe; keep one per client so the derived signing key is reused.
/// </summary>
/// <remarks>
/// <para>Signing sets <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (when the credentials have a
/// session token), <c>Host</c> (when the request has none, from the URI as HttpClient would send it),
/// optionally <c>X-Amz-Content-SHA256</c>, and <c>Authorization</c>; earlier values of these are
/// replaced, so a retried request can be signed again.</para>
/// <para>Every request and content header is signed except hop-by-hop headers and those set after
/// signing or per attempt: Authorization, Connection, Content-Length, Expect, Keep-Alive,
/// Proxy-*, TE, Trailer, Transfer-Encoding, Upgrade, User-Agent, X-Amzn-Trace-Id,
/// amz-sdk-invocation-id and amz-sdk-request.</para>
/// <para>The canonical URI is computed from the path HttpClient sends (<see cref="Uri.AbsolutePath"/>):
/// for every service but Amazon S3 it is normalized and percent-encoded a second time.</para>
/// </remarks>
public sealed class SigV4Signer
{
    /// <summary>The signing algorithm named in the Authorization header and the string to sign.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The SHA-256 of an empty payload, lower-case hex.</summary>
    public const string EmptyPayloadSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The payload hash that tells the service the body is not signed (S3 over HTTPS only).</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    private const string Terminator = "aws4_request";
    private const int StackallocByteLimit = 512;
    private const int StackallocTextLimit = 1024;

    // Where LibCryptoSha256 is not available: one SHA-256 context per thread, reset after each hash (a one-shot
    // SHA256.HashData creates and frees an OpenSSL context on every call, which costs more than hashing a canonical request).
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    private readonly bool _normalizePath;
    private readonly bool _doubleEncodePath;
    private readonly bool _libCrypto;
    private SigningKey? _signingKey;

    // One object, replaced whole and never changed: a reader sees one pair or the other, never a mix.
    private Tuple<Uri, string>? _lastTarget;
    private AmzDate? _amzDate;

    /// <summary>Creates a signer.</summary>
    /// <param name="normalizeAndDoubleEncodePath">
    /// True (every service but Amazon S3): the canonical URI is the sent path with dot and empty
    /// segments removed, percent-encoded again. False (Amazon S3): the path as sent.
    /// </param>
    public SigV4Signer(bool normalizeAndDoubleEncodePath = true)
        : this(normalizeAndDoubleEncodePath, normalizeAndDoubleEncodePath)
    {
    }

    /// <summary>Creates a signer with the two path switches set apart (an endpoint's <c>disableNormalizePath</c> and <c>disableDoubleEncoding</c>).</summary>
    /// <param name="normalizePath">True: dot and empty segments are removed from the sent path.</param>
    /// <param name="doubleEncodePath">True: each segment of the sent path is percent-encoded again.</param>
    public SigV4Signer(bool normalizePath, bool doubleEncodePath)
        : this(normalizePath, doubleEncodePath, useLibCrypto: true)
    {
    }

    /// <summary>Creates a signer that hashes through <see cref="LibCryptoSha256"/> only if <paramref name="useLibCrypto"/> (tests take the other path with false).</summary>
    internal SigV4Signer(bool normalizePath, bool doubleEncodePath, bool useLibCrypto)
    {
        _normalizePath = normalizePath;
        _doubleEncodePath = doubleEncodePath;
        _libCrypto = useLibCrypto && LibCryptoSha256.IsAvailable;
    }

    /// <summary>Signs a request whose body is <paramref name="payload"/>.</summary>
    /// <param name="request">The request, with an absolute URI and every header it will be sent with.</param>
    /// <param name="payload">The exact body bytes that will be sent (empty for none).</param>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="region">The signing region, for example <c>us-east-1</c>.</param>
    /// <param name="service">The signing name, for example <c>sso-oauth</c>.</param>
    /// <param name="signingTime">The time to sign at (clock-skew corrected: see <see cref="ClockSkew"/>).</param>
    /// <param name="addContentSha256Header">Whether to send the payload hash as <c>X-Amz-Content-SHA256</c> (and sign it).</param>
    public void Sign(
        HttpRequestMessage request,
        ReadOnlySpan<byte> payload,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        bool addContentSha256Header = false) =>
        Sign(request, payload, credentials, region, service, signingTime, addContentSha256Header, stages: null);

    /// <summary>Signs a request whose body's SHA-256 is already known.</summary>
    /// <param name="request">The request, with an absolute URI and every header it will be sent with.</param>
    /// <param name="payloadSha256Hex">The body's SHA-256 as lower-case hex, or a special value such as <see cref="UnsignedPayload"/>.</param>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="region">The signing region, for example <c>us-east-1</c>.</param>
    /// <param name="service">The signing name, for example <c>sso-oauth</c>.</param>
    /// <param name="signingTime">The time to sign at (clock-skew corrected: see <see cref="ClockSkew"/>).</param>
    /// <param name="addContentSha256Header">Whether to send the payload hash as <c>X-Amz-Content-SHA256</c> (and sign it).</param>
    public void Sign(
        HttpRequestMessage request,
        string payloadSha256Hex,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        bool addContentSha256Header = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(payloadSha256Hex);
        SignCore(request, payloadSha256Hex, payloadSha256Hex, credentials, region, service, signingTime, addContentSha256Header, knownHeaders: null, stages: null);
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="payload"/>.</summary>
    /// <param name="payload">The bytes to hash.</param>
    public static string HashPayload(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return EmptyPayloadSha256;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Sha256(payload, hash, LibCryptoSha256.IsAvailable);
        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        WriteHex(hash, hex);
        return new string(hex);
    }

    /// <summary>Signs and records each stage's text in <paramref name="stages"/> (for tests).</summary>
    internal void Sign(
        HttpRequestMessage request,
        ReadOnlySpan<byte> payload,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        bool addContentSha256Header,
        SigV4SigningStages? stages) =>
        Sign(request, payload, credentials, region, service, signingTime, addContentSha256Header, knownHeaders: null, stages);

    /// <summary>
    /// Signs a request built by <paramref name="knownHeaders"/> (<see cref="Http.AwsRequestBuilder.Build"/>):
    /// the canonical headers come from the builder's headers and content type plus the ones signing adds,
    /// not from the message's collections. The caller guarantees that nothing else set a signed header on
    /// the message; null (or a header the message refused, or a name given twice) reads the message's headers back.
    /// </summary>
    internal void Sign(
        HttpRequestMessage request,
        ReadOnlySpan<byte> payload,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        bool addContentSha256Header,
        Http.AwsRequestBuilder? knownHeaders,
        SigV4SigningStages? stages)
    {
        if (payload.IsEmpty)
        {
            SignCore(request, EmptyPayloadSha256, EmptyPayloadSha256, credentials, region, service, signingTime, addContentSha256Header, knownHeaders, stages);
            return;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Sha256(payload, hash, _libCrypto);
        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        WriteHex(hash, hex);
        SignCore(request, hex, payloadHashText: null, credentials, region, service, signingTime, addContentSha256Header, knownHeaders, stages);
    }

    /// <summary>Signs with a known payload hash (a streamed body's SHA-256, or <see cref="UnsignedPayload"/>), the canonical headers from <paramref name="knownHeaders"/>.</summary>
    internal void Sign(
        HttpRequestMessage request,
        string payloadSha256Hex,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        bool addContentSha256Header,
        Http.AwsRequestBuilder? knownHeaders) =>
        SignCore(request, payloadSha256Hex, payloadSha256Hex, credentials, region, service, signingTime, addContentSha256Header, knownHeaders, stages: null);

    /// <summary>Signs with a known payload hash and records each stage's text in <paramref name="stages"/> (for tests).</summary>
    internal void Sign(
        HttpRequestMessage request,
        string payloadSha256Hex,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        bool addContentSha256Header,
        SigV4SigningStages? stages) =>
        SignCore(request, payloadSha256Hex, payloadSha256Hex, credentials, region, service, signingTime, addContentSha256Header, knownHeaders: null, stages);

    /// <summary>The signing key for a day, region and service (cached: one entry per signer).</summary>
    internal byte[] GetSigningKey(string secretAccessKey, DateTime utcDate, string region, string service) =>
        GetSigningEntry(secretAccessKey, utcDate, region, service).Key;

    private SigningKey GetSigningEntry(string secretAccessKey, DateTime utcDate, string region, string service)
    {
        int date = (utcDate.Year * 10000) + (utcDate.Month * 100) + utcDate.Day;
        SigningKey? cached = Volatile.Read(ref _signingKey);
        if (cached is not null
            && cached.Date == date
            && string.Equals(cached.Region, region, StringComparison.Ordinal)
            && string.Equals(cached.Service, service, StringComparison.Ordinal)
            && (ReferenceEquals(cached.Secret, secretAccessKey) || string.Equals(cached.Secret, secretAccessKey, StringComparison.Ordinal)))
        {
            return cached;
        }

        Span<char> dateStamp = stackalloc char[8];
        FormatDateStamp(utcDate, dateStamp);
        byte[] key = DeriveSigningKey(secretAccessKey, dateStamp, region, service);
        var entry = new SigningKey(secretAccessKey, date, region, service, key, _libCrypto);
        Volatile.Write(ref _signingKey, entry);
        return entry;
    }

    /// <summary>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").</summary>
    internal static byte[] DeriveSigningKey(string secretAccessKey, ReadOnlySpan<char> dateStamp, string region, string service)
    {
        byte[]? rentedSecret = null;
        int secretLength = 4 + Encoding.UTF8.GetByteCount(secretAccessKey);
        Span<byte> secret = secretLength <= StackallocByteLimit
            ? stackalloc byte[StackallocByteLimit]
            : (rentedSecret = ArrayPool<byte>.Shared.Rent(secretLength));
        secret = secret[..secretLength];
        Span<byte> first = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> second = stackalloc byte[HMACSHA256.HashSizeInBytes];
        try
        {
            "AWS4"u8.CopyTo(secret);
            Encoding.UTF8.GetBytes(secretAccessKey, secret[4..]);
            HmacText(secret, dateStamp, first);
            HmacText(first, region, second);
            HmacText(second, service, first);
            HMACSHA256.HashData(first, "aws4_request"u8, second);
            return second.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(first);
            CryptographicOperations.ZeroMemory(second);
            if (rentedSecret is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedSecret);
            }
        }
    }

    private void SignCore(
        HttpRequestMessage request,
        ReadOnlySpan<char> payloadHash,
        string? payloadHashText,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        bool addContentSha256Header,
        Http.AwsRequestBuilder? knownHeaders,
        SigV4SigningStages? stages)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(service);
        Uri uri = request.RequestUri ?? throw new ArgumentException("The request has no RequestUri.", nameof(request));
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("The request's RequestUri must be absolute to be signed.", nameof(request));
        }

        // Credentials come from files and other services: a line break in one would add headers of its own.
        if (Http.HeaderValue.BreaksHeaderLine(credentials.AccessKeyId) || (credentials.SessionToken is { } token && Http.HeaderValue.BreaksHeaderLine(token)))
        {
            throw new AwsCredentialsException("The access key id or the session token holds a CR, LF or NUL character; the request was not signed.");
        }

        // 1. The headers signing adds, so that the canonical request covers them.
        DateTime utc = signingTime.UtcDateTime;
        string amzDateText = AmzDateText(utc);
        ReadOnlySpan<char> amzDate = amzDateText;
        // A message fresh from the builder holds no header of signing's own unless the builder put it there: nothing to remove.
        IReadOnlyList<KeyValuePair<string, string>>? fresh = knownHeaders is { SentAllHeaders: true } ? knownHeaders.Headers : null;
        SetHeader(request, fresh, "X-Amz-Date", amzDateText);
        if (fresh is null || Has(fresh, "Authorization"))
        {
            request.Headers.Remove("Authorization");
        }

        string? host = null;
        if (knownHeaders is null ? !request.Headers.NonValidated.Contains("Host") : !Has(knownHeaders.Headers, "Host"))
        {
            host = HostHeaderOf(uri);
            request.Headers.TryAddWithoutValidation("Host", host);
        }

        if (credentials.SessionToken is { } sessionToken)
        {
            SetHeader(request, fresh, "X-Amz-Security-Token", sessionToken);
        }

        string? contentSha256 = null;
        if (addContentSha256Header)
        {
            contentSha256 = payloadHashText ?? new string(payloadHash);
            SetHeader(request, fresh, "X-Amz-Content-SHA256", contentSha256);
        }

        // The canonical request holds the session token, if any: room for it from the start, and the array zeroed before it goes back to the pool.
        var buffer = new PooledCharBuffer(1024 + (credentials.SessionToken?.Length ?? 0), clearOnReturn: credentials.SessionToken is not null);
        try
        {
            // 2. Canonical request.
            int signedHeadersStart;
            int signedHeadersLength;
            if (knownHeaders is null
                || !knownHeaders.SentAllHeaders
                || !TryWriteFromKnown(ref buffer, request, uri, payloadHash, knownHeaders, amzDateText, host, credentials.SessionToken, contentSha256, out signedHeadersStart, out signedHeadersLength))
            {
                SigV4Canonicalizer.Write(ref buffer, request, uri, _normalizePath, _doubleEncodePath, payloadHash, out signedHeadersStart, out signedHeadersLength);
            }

            int canonicalLength = buffer.Length;
            if (stages is not null)
            {
                stages.CanonicalRequest = new string(buffer.AsSpan(0, canonicalLength));
            }

            // 3. String to sign: algorithm, time, scope, hash of the canonical request.
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            Sha256OfText(buffer.AsSpan(0, canonicalLength), hash, _libCrypto);
            int stringToSignStart = buffer.Length;
            buffer.Append(Algorithm);
            buffer.Append('\n');
            buffer.Append(amzDate);
            buffer.Append('\n');
            int scopeStart = buffer.Length;
            AppendScope(ref buffer, amzDate[..8], region, service);
            int scopeLength = buffer.Length - scopeStart;
            buffer.Append('\n');
            WriteHex(hash, buffer.AppendSpan(hash.Length * 2));
            int stringToSignLength = buffer.Length - stringToSignStart;
            if (stages is not null)
            {
                stages.StringToSign = new string(buffer.AsSpan(stringToSignStart, stringToSignLength));
            }

            // 4. Signature = hex(HMAC(signing key, string to sign)).
            SigningKey signingKey = GetSigningEntry(credentials.SecretAccessKey, utc, region, service);
            Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
            signingKey.Sign(buffer.AsSpan(stringToSignStart, stringToSignLength), signature);

            // 5. Authorization header.
            int authorizationStart = buffer.Length;
            buffer.Append(Algorithm);
            buffer.Append(" Credential=");
            buffer.Append(credentials.AccessKeyId);
            buffer.Append('/');
            buffer.AppendFromSelf(scopeStart, scopeLength);
            buffer.Append(", SignedHeaders=");
            buffer.AppendFromSelf(signedHeadersStart, signedHeadersLength);
            buffer.Append(", Signature=");
            int signatureStart = buffer.Length;
            WriteHex(signature, buffer.AppendSpan(signature.Length * 2));
            string authorization = new(buffer.AsSpan(authorizationStart, buffer.Length - authorizationStart));
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            if (stages is not null)
            {
                stages.Signature = new string(buffer.AsSpan(signatureStart, signature.Length * 2));
                stages.Authorization = authorization;
            }
        }
        finally
        {
            buffer.Dispose();
        }
    }

    // The builder's headers and content type, and those signing set, are every header the message holds
    // before the pipeline adds its unsigned ones: no need to read the message's collections back.
    private bool TryWriteFromKnown(
        ref PooledCharBuffer buffer,
        HttpRequestMessage request,
        Uri uri,
        scoped ReadOnlySpan<char> payloadHash,
        Http.AwsRequestBuilder known,
        string amzDate,
        string? host,
        string? sessionToken,
        string? contentSha256,
        out int signedHeadersStart,
        out int signedHeadersLength)
    {
        IReadOnlyList<KeyValuePair<string, string>> headers = known.Headers;
        SigV4Canonicalizer.KnownHeader[]? rented = null;
        KnownHeaderArray inline = default;
        Span<SigV4Canonicalizer.KnownHeader> entries = headers.Count + 5 <= KnownHeaderArray.Length
            ? inline
            : (rented = ArrayPool<SigV4Canonicalizer.KnownHeader>.Shared.Rent(headers.Count + 5));
        try
        {
            int count = 0;
            for (int i = 0; i < headers.Count; i++)
            {
                string name = headers[i].Key;
                bool replaced = string.Equals(name, "X-Amz-Date", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase)
                    || (sessionToken is not null && string.Equals(name, "X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase))
                    || (contentSha256 is not null && string.Equals(name, "X-Amz-Content-SHA256", StringComparison.OrdinalIgnoreCase));
                if (!replaced && SigV4Canonicalizer.IsSigned(name))
                {
                    entries[count++] = new SigV4Canonicalizer.KnownHeader(name, headers[i].Value);
                }
            }

            // The names signing adds, in their canonical (lower-case) form.
            if (known.SentContentType is { } contentType)
            {
                entries[count++] = new SigV4Canonicalizer.KnownHeader("content-type", contentType);
            }

            entries[count++] = new SigV4Canonicalizer.KnownHeader("x-amz-date", amzDate);
            if (host is not null)
            {
                entries[count++] = new SigV4Canonicalizer.KnownHeader("host", host);
            }

            if (sessionToken is not null)
            {
                entries[count++] = new SigV4Canonicalizer.KnownHeader("x-amz-security-token", sessionToken);
            }

            if (contentSha256 is not null)
            {
                entries[count++] = new SigV4Canonicalizer.KnownHeader("x-amz-content-sha256", contentSha256);
            }

            return SigV4Canonicalizer.TryWriteKnown(ref buffer, request, CanonicalTargetOf(uri), payloadHash, entries[..count], out signedHeadersStart, out signedHeadersLength);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<SigV4Canonicalizer.KnownHeader>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    // The canonical URI and query of the last request URI signed: the pipeline gives every call of an operation with a
    // constant path the same Uri object (AwsRequestBuilder), and the text depends on nothing else but this signer's switches.
    private string CanonicalTargetOf(Uri uri)
    {
        if (_lastTarget is { } last && ReferenceEquals(last.Item1, uri))
        {
            return last.Item2;
        }

        var text = new PooledCharBuffer(256);
        try
        {
            SigV4Canonicalizer.WriteCanonicalTarget(ref text, uri, _normalizePath, _doubleEncodePath);
            string target = new(text.AsSpan(0, text.Length));
            _lastTarget = Tuple.Create(uri, target);
            return target;
        }
        finally
        {
            text.Dispose();
        }
    }

    /// <summary>Room for the headers of a usual signed request without renting an array (a builder's few, and the five signing adds).</summary>
    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct KnownHeaderArray
    {
        public const int Length = 10;

        private SigV4Canonicalizer.KnownHeader _first;
    }

    /// <summary>Whether <paramref name="headers"/> holds a header of that name (names compare case-insensitively).</summary>
    internal static bool Has(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        for (int i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // X-Amz-Date changes once a second: the last text is kept and reused within the same second.
    private string AmzDateText(DateTime utc)
    {
        long second = utc.Ticks / TimeSpan.TicksPerSecond;
        AmzDate? last = Volatile.Read(ref _amzDate);
        if (last is not null && last.Second == second)
        {
            return last.Text;
        }

        Span<char> text = stackalloc char[16];
        FormatAmzDate(utc, text);
        var current = new AmzDate(second, new string(text));
        Volatile.Write(ref _amzDate, current);
        return current.Text;
    }

    private static void SetHeader(HttpRequestMessage request, IReadOnlyList<KeyValuePair<string, string>>? freshFrom, string name, string value)
    {
        if (freshFrom is null || Has(freshFrom, name))
        {
            request.Headers.Remove(name);
        }

        request.Headers.TryAddWithoutValidation(name, value);
    }

    // What HttpClient sends as Host when none is set: the IDN host, bracketed for IPv6, with the port unless default.
    // The last URI's answer is kept: request URIs are reused for calls with the same path (AwsRequestBuilder).
    private static string HostHeaderOf(Uri uri)
    {
        if (lastHost is { } last && ReferenceEquals(last.Item1, uri))
        {
            return last.Item2;
        }

        string host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost}]" : uri.IdnHost;
        host = uri.IsDefaultPort ? host : string.Create(CultureInfo.InvariantCulture, $"{host}:{uri.Port}");
        lastHost = Tuple.Create(uri, host);
        return host;
    }

    // One object, replaced whole and never changed: a reader sees one pair or the other, never a mix.
    private static Tuple<Uri, string>? lastHost;

    private static void AppendScope(ref PooledCharBuffer buffer, scoped ReadOnlySpan<char> dateStamp, string region, string service)
    {
        buffer.Append(dateStamp);
        buffer.Append('/');
        buffer.Append(region);
        buffer.Append('/');
        buffer.Append(service);
        buffer.Append('/');
        buffer.Append(Terminator);
    }

    private static void FormatAmzDate(DateTime utc, Span<char> destination)
    {
        // yyyyMMdd'T'HHmmss'Z'
        FormatDateStamp(utc, destination);
        destination[8] = 'T';
        WriteTwoDigits(utc.Hour, destination[9..]);
        WriteTwoDigits(utc.Minute, destination[11..]);
        WriteTwoDigits(utc.Second, destination[13..]);
        destination[15] = 'Z';
    }

    private static void FormatDateStamp(DateTime utc, Span<char> destination)
    {
        int year = utc.Year;
        destination[0] = (char)('0' + (year / 1000));
        destination[1] = (char)('0' + (year / 100 % 10));
        destination[2] = (char)('0' + (year / 10 % 10));
        destination[3] = (char)('0' + (year % 10));
        WriteTwoDigits(utc.Month, destination[4..]);
        WriteTwoDigits(utc.Day, destination[6..]);
    }

    private static void WriteTwoDigits(int value, Span<char> destination)
    {
        destination[0] = (char)('0' + (value / 10));
        destination[1] = (char)('0' + (value % 10));
    }

    private static void WriteHex(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
#if NET9_0_OR_GREATER
        if (Convert.TryToHexStringLower(bytes, destination, out _))
        {
            return;
        }
#endif
        const string Digits = "0123456789abcdef";
        for (int i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = Digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = Digits[bytes[i] & 0xF];
        }
    }

    private static void Sha256(ReadOnlySpan<byte> data, Span<byte> destination, bool libCrypto)
    {
        if (libCrypto)
        {
            LibCryptoSha256.Hash(data, destination);
            return;
        }

        IncrementalHash sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(data);
        sha256.GetHashAndReset(destination);
    }

    /// <summary>SHA-256 of the UTF-8 bytes of <paramref name="text"/> (a canonical request).</summary>
    internal static void Sha256OfText(ReadOnlySpan<char> text, Span<byte> destination, bool libCrypto)
    {
        if (!libCrypto)
        {
            IncrementalHash sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            AppendUtf8(sha256, text);
            sha256.GetHashAndReset(destination);
            return;
        }

        byte[]? rented = null;
        Span<byte> utf8 = Utf8Of(text, text.Length <= StackallocTextLimit ? stackalloc byte[text.Length] : default, ref rented);
        LibCryptoSha256.Hash(utf8, destination);
        ReturnZeroed(rented, utf8.Length);
    }

    /// <summary>
    /// The UTF-8 bytes of <paramref name="text"/>: ASCII text (a canonical request or string to sign but for a non-ASCII
    /// header value or URI) narrowed into <paramref name="scratch"/> when it fits, anything else encoded into an array
    /// rented into <paramref name="rented"/> (which <see cref="ReturnZeroed"/> gives back).
    /// </summary>
    private static Span<byte> Utf8Of(ReadOnlySpan<char> text, Span<byte> scratch, ref byte[]? rented)
    {
        if (text.Length <= scratch.Length && Ascii.FromUtf16(text, scratch, out int narrowed) == OperationStatus.Done)
        {
            return scratch[..narrowed];
        }

        rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        return rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented));
    }

    // A canonical request signs X-Amz-Security-Token: no copy of a session token stays in the shared pool.
    private static void ReturnZeroed(byte[]? rented, int length)
    {
        if (rented is not null)
        {
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Hashes the UTF-8 bytes of <paramref name="text"/>. Canonical requests and strings to sign are ASCII but for a
    /// non-ASCII header value or URI: the vectorized ASCII narrowing into a stack buffer of the text's length (the runtime
    /// zeroes a stack buffer, so it is no larger than needed) serves them; non-ASCII or long text goes through
    /// <see cref="Encoding.UTF8"/> into a pooled array.
    /// </summary>
    internal static void AppendUtf8(IncrementalHash hash, ReadOnlySpan<char> text)
    {
        byte[]? rented = null;
        Span<byte> utf8 = Utf8Of(text, text.Length <= StackallocTextLimit ? stackalloc byte[text.Length] : default, ref rented);
        hash.AppendData(utf8);
        ReturnZeroed(rented, utf8.Length);
    }

    private static void HmacText(ReadOnlySpan<byte> key, ReadOnlySpan<char> text, Span<byte> destination)
    {
        byte[]? rented = null;
        int maxBytes = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> utf8 = maxBytes <= StackallocByteLimit ? stackalloc byte[StackallocByteLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        int length = Encoding.UTF8.GetBytes(text, utf8);
        HMACSHA256.HashData(key, utf8[..length], destination);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private sealed record AmzDate(long Second, string Text);

    /// <summary>
    /// The derived key of one day, region and service. Where <see cref="LibCryptoSha256"/> is available, it keeps the
    /// key's inner and outer pad states and every signature hashes from copies of them on its own stack. Elsewhere it keeps
    /// HMAC contexts keyed with it that are reset after each signature (an HMACSHA256.HashData would create, key and free
    /// a context per call): a signature takes a context from a slot and gives it back, and with a slot per core, threads
    /// signing at once each find one of their own instead of keying a new context.
    /// </summary>
    private sealed class SigningKey(string secret, int date, string region, string service, byte[] key, bool libCrypto)
    {
        private static readonly int SlotCount = Math.Clamp(Environment.ProcessorCount, 2, 64);

        private readonly IncrementalHash?[] _hmacs = new IncrementalHash?[libCrypto ? 0 : SlotCount];

        // With OpenSSL's SHA-256 functions at hand, the key's inner and outer pad states: read-only, shared by every thread.
        private readonly byte[]? _hmacState = libCrypto ? HmacStateOf(key) : null;

        public string Secret { get; } = secret;

        public int Date { get; } = date;

        public string Region { get; } = region;

        public string Service { get; } = service;

        public byte[] Key { get; } = key;

        public void Sign(ReadOnlySpan<char> stringToSign, Span<byte> destination)
        {
            if (_hmacState is not null)
            {
                byte[]? rented = null;
                Span<byte> utf8 = Utf8Of(stringToSign, stringToSign.Length <= StackallocTextLimit ? stackalloc byte[stringToSign.Length] : default, ref rented);
                LibCryptoSha256.Hmac(_hmacState, utf8, destination);
                ReturnZeroed(rented, utf8.Length);
                return;
            }

            // Each thread starts at its own slot, so a thread signing alone takes back the context it gave back.
            IncrementalHash?[] slots = _hmacs;
            int first = (int)((uint)Environment.CurrentManagedThreadId % (uint)slots.Length);
            IncrementalHash? hmac = null;
            for (int i = 0, slot = first; i < slots.Length; i++, slot = slot + 1 == slots.Length ? 0 : slot + 1)
            {
                if (Volatile.Read(ref slots[slot]) is not null && (hmac = Interlocked.Exchange(ref slots[slot], null)) is not null)
                {
                    break;
                }
            }

            hmac ??= IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Key);
            AppendUtf8(hmac, stringToSign);
            hmac.GetHashAndReset(destination);

            for (int i = 0, slot = first; i < slots.Length; i++, slot = slot + 1 == slots.Length ? 0 : slot + 1)
            {
                if (Volatile.Read(ref slots[slot]) is null && Interlocked.CompareExchange(ref slots[slot], hmac, null) is null)
                {
                    return;
                }
            }

            hmac.Dispose();
        }

        private static byte[] HmacStateOf(byte[] key)
        {
            byte[] state = new byte[LibCryptoSha256.HmacStateSize];
            LibCryptoSha256.CreateHmacState(key, state);
            return state;
        }
    }
}

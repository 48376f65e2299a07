namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Globalization;
using System.Net.Http;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

/// <summary>
/// SigV4a (<c>AWS4-ECDSA-P256-SHA256</c>): the SigV4 canonical request with <c>X-Amz-Region-Set</c> signed, a credential
/// scope without a region (<c>date/service/aws4_request</c>), and an ECDSA P-256 signature (DER, hex) over SHA-256 of the
/// string to sign, with a key derived from the access key pair as the SigV4a specification defines: HMAC-SHA256 keyed with
/// <c>"AWS4A" + secret</c> over the NIST SP 800-108 counter-mode input (<c>00000001 || "AWS4-ECDSA-P256-SHA256" || 00 ||
/// access key id || counter || 00000100</c>), taken as a big-endian integer c; the first counter (1..254) with
/// c &lt;= n − 2 gives the private scalar d = c + 1.
/// </summary>
public sealed class SigV4aSigner
{
    /// <summary>The algorithm name in the string to sign and the Authorization header.</summary>
    public const string Algorithm = "AWS4-ECDSA-P256-SHA256";

    private static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private readonly bool normalizePath;
    private readonly bool doubleEncodePath;
    private KeyEntry? key;

    /// <summary>Creates a signer.</summary>
    /// <param name="normalizePath">True to normalize and encode the path again (every service but S3).</param>
    public SigV4aSigner(bool normalizePath = true)
        : this(normalizePath, normalizePath)
    {
    }

    /// <summary>Creates a signer with the two path switches set apart (an endpoint's <c>disableNormalizePath</c> and <c>disableDoubleEncoding</c>).</summary>
    /// <param name="normalizePath">True: dot and empty segments are removed from the sent path.</param>
    /// <param name="doubleEncodePath">True: each segment of the sent path is percent-encoded again.</param>
    public SigV4aSigner(bool normalizePath, bool doubleEncodePath)
    {
        this.normalizePath = normalizePath;
        this.doubleEncodePath = doubleEncodePath;
    }

    /// <summary>Derives the P-256 private scalar (32 bytes, big-endian) of an access key pair.</summary>
    /// <exception cref="CryptographicException">No counter up to 254 gives a scalar in range (practically never).</exception>
    public static byte[] DerivePrivateKey(string accessKeyId, string secretAccessKey)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        ArgumentNullException.ThrowIfNull(secretAccessKey);
        byte[] hmacKey = Encoding.UTF8.GetBytes("AWS4A" + secretAccessKey);
        byte[] label = Encoding.ASCII.GetBytes(Algorithm);
        byte[] id = Encoding.UTF8.GetBytes(accessKeyId);
        byte[] input = new byte[4 + label.Length + 1 + id.Length + 1 + 4];
        input[3] = 1;
        label.CopyTo(input, 4);
        id.CopyTo(input, 4 + label.Length + 1);
        input[^2] = 1; // L = 256 bits, big-endian 00 00 01 00
        try
        {
            for (int counter = 1; counter <= 254; counter++)
            {
                input[4 + label.Length + 1 + id.Length] = (byte)counter;
                byte[] k0 = HMACSHA256.HashData(hmacKey, input);
                var c = new BigInteger(k0, isUnsigned: true, isBigEndian: true);
                if (c <= Order - 2)
                {
                    byte[] d = (c + 1).ToByteArray(isUnsigned: true, isBigEndian: true);
                    if (d.Length == 32)
                    {
                        return d;
                    }

                    byte[] padded = new byte[32];
                    d.CopyTo(padded, 32 - d.Length);
                    return padded;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(hmacKey);
        }

        throw new CryptographicException("SigV4a: no private key could be derived from the access key pair.");
    }

    /// <summary>The uncompressed public key (X, Y; 32 bytes each) of an access key pair.</summary>
    public static (byte[] X, byte[] Y) DerivePublicKey(string accessKeyId, string secretAccessKey)
    {
        using ECDsa ecdsa = CreateKey(accessKeyId, secretAccessKey);
        ECParameters parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        return (parameters.Q.X!, parameters.Q.Y!);
    }

    /// <summary>Signs <paramref name="request"/> for the region set (joined with commas into <c>X-Amz-Region-Set</c>).</summary>
    /// <param name="request">The request, with an absolute URI and every header it will be sent with.</param>
    /// <param name="payloadSha256Hex">The hex SHA-256 of the body (or <c>UNSIGNED-PAYLOAD</c>).</param>
    /// <param name="credentials">The credentials.</param>
    /// <param name="regionSet">The regions the signature is valid in (<c>*</c> for all).</param>
    /// <param name="service">The signing name.</param>
    /// <param name="signingTime">The time to sign at.</param>
    public void Sign(HttpRequestMessage request, string payloadSha256Hex, AwsCredentials credentials, string regionSet, string service, DateTimeOffset signingTime) =>
        Sign(request, payloadSha256Hex, credentials, regionSet, service, signingTime, stages: null);

    /// <summary>Signs and records the canonical request, the string to sign and the Authorization header in <paramref name="stages"/> (for tests).</summary>
    internal void Sign(HttpRequestMessage request, string payloadSha256Hex, AwsCredentials credentials, string regionSet, string service, DateTimeOffset signingTime, SigV4SigningStages? stages)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(regionSet);
        ArgumentException.ThrowIfNullOrEmpty(service);
        Uri uri = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute : throw new ArgumentException("The request's RequestUri must be absolute to be signed.", nameof(request));
        if (Http.HeaderValue.BreaksHeaderLine(credentials.AccessKeyId) || (credentials.SessionToken is { } token && Http.HeaderValue.BreaksHeaderLine(token)) || Http.HeaderValue.BreaksHeaderLine(regionSet))
        {
            throw new AwsCredentialsException("The access key id, the session token or the region set holds a CR, LF or NUL character; the request was not signed.");
        }

        string amzDate = signingTime.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        Set(request, "X-Amz-Date", amzDate);
        Set(request, "X-Amz-Region-Set", regionSet);
        request.Headers.Remove("Authorization");
        if (!request.Headers.NonValidated.Contains("Host"))
        {
            request.Headers.TryAddWithoutValidation("Host", uri.IsDefaultPort ? uri.IdnHost : uri.IdnHost + ":" + uri.Port.ToString(CultureInfo.InvariantCulture));
        }

        if (credentials.SessionToken is { } sessionToken)
        {
            Set(request, "X-Amz-Security-Token", sessionToken);
        }

        Set(request, "X-Amz-Content-SHA256", payloadSha256Hex);
        var buffer = new PooledCharBuffer(1024);
        try
        {
            SigV4Canonicalizer.Write(ref buffer, request, uri, normalizePath, doubleEncodePath, payloadSha256Hex, out int signedStart, out int signedLength);
            string canonical = new(buffer.AsSpan(0, buffer.Length));
            string signedHeaders = new(buffer.AsSpan(signedStart, signedLength));
            string scope = amzDate[..8] + "/" + service + "/aws4_request";
            string stringToSign = Algorithm + "\n" + amzDate + "\n" + scope + "\n" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
            if (stages is not null)
            {
                stages.CanonicalRequest = canonical;
                stages.StringToSign = stringToSign;
            }

            byte[] signature = Key(credentials).SignData(Encoding.UTF8.GetBytes(stringToSign), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            string authorization = Algorithm + " Credential=" + credentials.AccessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + Convert.ToHexString(signature).ToLowerInvariant();
            if (stages is not null)
            {
                stages.Authorization = authorization;
            }

            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    private ECDsa Key(AwsCredentials credentials)
    {
        KeyEntry? cached = Volatile.Read(ref key);
        if (cached is not null && cached.AccessKeyId == credentials.AccessKeyId && cached.Secret == credentials.SecretAccessKey)
        {
            return cached.Key;
        }

        var entry = new KeyEntry(credentials.AccessKeyId, credentials.SecretAccessKey, CreateKey(credentials.AccessKeyId, credentials.SecretAccessKey));
        Volatile.Write(ref key, entry);
        return entry.Key;
    }

    private static ECDsa CreateKey(string accessKeyId, string secretAccessKey)
    {
        byte[] d = DerivePrivateKey(accessKeyId, secretAccessKey);
        try
        {
            // Q is left out: the platform computes the public point from D.
            return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    private static void Set(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }

    private sealed record KeyEntry(string AccessKeyId, string Secret, ECDsa Key);
}

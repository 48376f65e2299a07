namespace SsoOidcCodegen.Runtime.Http;

using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using SsoOidcCodegen.Runtime.Protocols;

/// <summary>
/// Collects what a generated marshaller puts on the wire: method, path, query, headers and body.
/// The pipeline turns it into a fresh <see cref="HttpRequestMessage"/> for every attempt, so the
/// body is replayable across retries.
/// </summary>
public sealed class AwsRequestBuilder
{
    // The path: the first literal as it is (every operation whose URI has no label: no builder, no copy); a builder
    // only once a second part or a label is appended.
    private string? pathLiteral;
    private StringBuilder? path;
    private StringBuilder? sparePath;
    private StringBuilder? scratch;
    private List<KeyValuePair<string, string?>>? query;
    private List<KeyValuePair<string, string>>? headers;
    private PooledBufferWriter? jsonBuffer;
    private Utf8JsonWriter? jsonWriter;
    private ReadOnlyMemory<byte> body;
    private Stream? bodyStream;

    /// <summary>The HTTP method; POST unless the model says otherwise.</summary>
    public string Method { get; set; } = "POST";

    /// <summary>The operation's <c>hostPrefix</c> with its labels filled, prepended to the endpoint host.</summary>
    public string? HostPrefix { get; set; }

    /// <summary>The <c>Content-Type</c> of the body; null when there is no body.</summary>
    public string? ContentType { get; set; }

    /// <summary>Creates idempotency tokens for members the model marks <c>idempotencyToken</c> (a random GUID by default).</summary>
    public Func<string>? IdempotencyTokenProvider { get; set; }

    /// <summary>Never compress the body, even when the operation allows it (<see cref="AwsClientOptions.DisableRequestCompression"/>).</summary>
    public bool DisableRequestCompression { get; set; }

    /// <summary>The smallest body <see cref="CompressBody"/> compresses (<see cref="AwsClientOptions.RequestMinCompressionSizeBytes"/>).</summary>
    public int MinCompressionSizeBytes { get; set; } = AwsClientOptions.DefaultMinCompressionSizeBytes;

    /// <summary>A new idempotency token.</summary>
    public string NewIdempotencyToken() => IdempotencyTokenProvider?.Invoke() ?? Guid.NewGuid().ToString();

    /// <summary>The path written so far (already percent-encoded).</summary>
    public string Path => path is not null
        ? (path.Length == 0 ? "/" : path.ToString())
        : (string.IsNullOrEmpty(pathLiteral) ? "/" : pathLiteral!);

    /// <summary>The query parameters (not yet encoded), in the order they were added; a null value is a name without <c>=</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Query => (IReadOnlyList<KeyValuePair<string, string?>>?)query ?? Array.Empty<KeyValuePair<string, string?>>();

    /// <summary>The request headers, in the order they were added.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => (IReadOnlyList<KeyValuePair<string, string>>?)headers ?? Array.Empty<KeyValuePair<string, string>>();

    /// <summary>The body bytes (empty when there is none or when it is a stream).</summary>
    public ReadOnlyMemory<byte> Body => body;

    /// <summary>
    /// The <c>Content-Type</c> the last <see cref="Build"/> put on the message (null for none): with
    /// <see cref="Headers"/> it is every header the message holds before the pipeline adds its own, so
    /// the SigV4 signer builds the canonical headers from these instead of reading the message back.
    /// </summary>
    internal string? SentContentType { get; private set; }

    /// <summary>Whether the last <see cref="Build"/> put every header of <see cref="Headers"/> on the message (false when one was refused).</summary>
    internal bool SentAllHeaders { get; private set; }

    /// <summary>A streaming body, when the operation sends one.</summary>
    public Stream? BodyStream => bodyStream;

    /// <summary>Appends a literal part of the request URI, as the model writes it.</summary>
    public void AppendPath(string literal)
    {
        if (path is null && pathLiteral is null)
        {
            pathLiteral = literal;
            return;
        }

        PathBuilder().Append(literal);
    }

    /// <summary>Appends a URI label, percent-encoded; a greedy label keeps its slashes.</summary>
    public void AppendLabel(string value, bool greedy) => HttpWire.AppendUriEncoded(PathBuilder(), value, keepSlash: greedy);

    private StringBuilder PathBuilder()
    {
        if (path is null)
        {
            path = (sparePath ?? new StringBuilder(64)).Append(pathLiteral);
            sparePath = null;
            pathLiteral = null;
        }

        return path;
    }

    /// <summary>
    /// Adds a query parameter (name and value are encoded when the request is built). A null value
    /// sends the name alone, as a literal query such as <c>?list&amp;prefix=a</c> in the model's URI has it.
    /// </summary>
    public void AddQuery(string name, string? value) => (query ??= new List<KeyValuePair<string, string?>>()).Add(new KeyValuePair<string, string?>(name, value));

    /// <summary>True when a query parameter of that name was already added.</summary>
    public bool HasQuery(string name)
    {
        if (query is null)
        {
            return false;
        }

        foreach (KeyValuePair<string, string?> pair in query)
        {
            if (pair.Key == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The operation being marshalled, for error messages (set by the pipeline).</summary>
    public string? OperationName { get; set; }

    /// <summary>Adds a request header.</summary>
    /// <exception cref="AwsValidationException">The name or value holds a CR, LF or NUL character (it would add headers); nothing is sent.</exception>
    public void AddHeader(string name, string value) => AddHeader(name, value, member: null);

    /// <summary>
    /// A request member's value for a label of the operation's host prefix (<c>hostLabel</c>), checked the way
    /// botocore checks it: letters, digits, <c>-</c> and <c>.</c> only, so the value can add labels to the host but
    /// never end it (a <c>/</c>, <c>@</c>, <c>:</c> or <c>#</c> would send the signed request to another host).
    /// </summary>
    /// <param name="value">The member's value.</param>
    /// <param name="member">The model member, named in the error (the value, user data, is not).</param>
    /// <returns>The value.</returns>
    /// <exception cref="AwsValidationException">The value is empty or holds another character; nothing is sent.</exception>
    public string HostLabel(string value, string member)
    {
        bool valid = value.Length > 0;
        foreach (char c in value)
        {
            valid &= c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.';
        }

        if (!valid)
        {
            throw new AwsValidationException(
                OperationName ?? "The request",
                new[] { $"{member}: a host label holds only letters, digits, '-' and '.' (it is part of the host name)" });
        }

        return value;
    }

    /// <summary>Adds a request header bound to a model member.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The header value.</param>
    /// <param name="member">The model member the value comes from, named in the error; null for a header the marshaller writes itself.</param>
    /// <exception cref="AwsValidationException">The name or value holds a CR, LF or NUL character (it would add headers); nothing is sent.</exception>
    public void AddHeader(string name, string value, string? member)
    {
        // The message names the member and a clean header name, never the value or a broken name (a map key: user data).
        if (HeaderValue.BreaksHeaderLine(name))
        {
            throw new AwsValidationException(
                OperationName ?? "The request",
                new[] { $"{member ?? "header"}: a header name holds a CR, LF or NUL character, which would end the header" });
        }

        if (HeaderValue.BreaksHeaderLine(value))
        {
            throw new AwsValidationException(
                OperationName ?? "The request",
                new[] { $"{member ?? name}: the value of header '{name}' holds a CR, LF or NUL character, which would end the header" });
        }

        // Room for two: most operations send one or two headers of their own (x-amz-api-version, X-Amz-Target).
        (headers ??= new List<KeyValuePair<string, string>>(2)).Add(new KeyValuePair<string, string>(name, value));
    }

    /// <summary>Starts a JSON body with the given content type and returns the writer for it.</summary>
    public Utf8JsonWriter StartJsonBody(string contentType)
    {
        ContentType = contentType;
        jsonBuffer ??= new PooledBufferWriter(1024);
        jsonBuffer.Clear();
        if (jsonWriter is null)
        {
            jsonWriter = new Utf8JsonWriter(jsonBuffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
        else
        {
            jsonWriter.Reset(jsonBuffer);
        }

        return jsonWriter;
    }

    /// <summary>Finishes the JSON body started by <see cref="StartJsonBody"/>.</summary>
    public void EndJsonBody()
    {
        jsonWriter!.Flush();
        body = jsonBuffer!.WrittenMemory;
    }

    /// <summary>
    /// The body as an array of its own (the request content sends it on every attempt), which the builder
    /// keeps as its <see cref="Body"/>; the pooled JSON buffer is zeroed and kept for the builder's next body.
    /// </summary>
    internal byte[] DetachBody()
    {
        byte[] copy = body.ToArray();
        body = copy;
        jsonBuffer?.Wipe();
        return copy;
    }

    /// <summary>Sets the body to the given bytes.</summary>
    public void SetBody(ReadOnlyMemory<byte> bytes, string? contentType)
    {
        body = bytes;
        ContentType = contentType;
    }

    /// <summary>
    /// Compresses the body for an operation whose model allows request compression: gzip, when the
    /// body has at least <see cref="MinCompressionSizeBytes"/> bytes and compression is not disabled;
    /// <c>gzip</c> is appended to a <c>Content-Encoding</c> the request already has. Streams are sent as they are.
    /// </summary>
    public void CompressBody(string encoding)
    {
        if (encoding != "gzip" || DisableRequestCompression || bodyStream is not null || body.Length < MinCompressionSizeBytes)
        {
            return;
        }

        using var compressed = new MemoryStream(body.Length / 2);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(body.Span);
        }

        body = compressed.ToArray();
        for (int i = 0; headers is not null && i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Key, "Content-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                headers[i] = new KeyValuePair<string, string>(headers[i].Key, headers[i].Value + ", " + encoding);
                return;
            }
        }

        AddHeader("Content-Encoding", encoding);
    }

    /// <summary>
    /// Adds <c>Content-MD5</c>, the base64 MD5 digest of the body, for operations the model marks
    /// <c>httpChecksumRequired</c>. Call it after the body is complete.
    /// </summary>
    public void AddContentMd5()
    {
        Span<byte> digest = stackalloc byte[16];
        System.Security.Cryptography.MD5.HashData(body.Span, digest);
        AddHeader("Content-MD5", Convert.ToBase64String(digest));
    }

    /// <summary>
    /// Sets an input event stream as the body (<c>application/vnd.amazon.eventstream</c>, sent over HTTP/2): each event
    /// the caller's sequence yields is encoded by <paramref name="encode"/> when it is produced and sent as its own
    /// frame, signed when the request is (see <see cref="Auth.EventStreamSigner"/>). The call is never retried.
    /// </summary>
    /// <param name="events">The caller's events, enumerated once while the request is sent.</param>
    /// <param name="encode">Turns an event into its message (generated code; it validates the event first).</param>
    public void SetEventStreamBody<TEvent>(IAsyncEnumerable<TEvent> events, Func<TEvent, Protocols.EventStream.EventStreamMessage> encode)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(encode);
        EventStreamBody = Encode(events, encode);
        ContentType = "application/vnd.amazon.eventstream";

        static async IAsyncEnumerable<Protocols.EventStream.EventStreamMessage> Encode(
            IAsyncEnumerable<TEvent> events,
            Func<TEvent, Protocols.EventStream.EventStreamMessage> encode,
            [System.Runtime.CompilerServices.EnumeratorCancellation] System.Threading.CancellationToken cancellationToken = default)
        {
            await foreach (TEvent item in System.Threading.Tasks.TaskAsyncEnumerableExtensions.WithCancellation(events, cancellationToken).ConfigureAwait(false))
            {
                yield return encode(item);
            }
        }
    }

    /// <summary>The encoded messages of an input event stream (<see cref="SetEventStreamBody"/>); null for any other body.</summary>
    internal IAsyncEnumerable<Protocols.EventStream.EventStreamMessage>? EventStreamBody { get; private set; }

    /// <summary>Sets a streaming body.</summary>
    public void SetBody(Stream stream, string? contentType)
    {
        bodyStream = stream;
        ContentType = contentType;
    }

    /// <summary>
    /// Sets a streaming body bound to a model member. A seekable stream is sent from its current position to
    /// its end (and rewound there for a retry); one that cannot seek is read once, as it comes.
    /// </summary>
    /// <param name="stream">The caller's stream; never disposed by the client.</param>
    /// <param name="contentType">The body's content type.</param>
    /// <param name="member">The model member the stream comes from, named in errors.</param>
    /// <param name="requiresLength">The model's <c>requiresLength</c>: a stream that cannot seek needs a <c>Content-Length</c> header.</param>
    public void SetBody(Stream stream, string? contentType, string member, bool requiresLength)
    {
        SetBody(stream, contentType);
        BodyStreamMember = member;
        BodyStreamRequiresLength = requiresLength;
    }

    /// <summary>The model member of <see cref="BodyStream"/> (null when the marshaller did not name it).</summary>
    public string? BodyStreamMember { get; private set; }

    /// <summary>Whether the operation must send the length of <see cref="BodyStream"/> (the model's <c>requiresLength</c>).</summary>
    public bool BodyStreamRequiresLength { get; private set; }

    /// <summary>
    /// Adds the request checksum of the <c>httpChecksum</c> trait for the algorithm the caller chose (the model's
    /// <c>requestAlgorithmMember</c>): for a buffered body the <c>x-amz-checksum-…</c> header, for a stream an
    /// <c>aws-chunked</c> trailer computed as the stream is sent. Call it after the body is set (and compressed).
    /// </summary>
    /// <param name="algorithm">The algorithm's name (CRC32, CRC32C, CRC64NVME, SHA1, SHA256); null adds nothing.</param>
    /// <param name="member">The request member that names the algorithm, for the error.</param>
    /// <exception cref="AwsValidationException">The algorithm is not one this client computes; nothing is sent.</exception>
    public void AddRequestChecksum(string? algorithm, string member)
    {
        if (algorithm is null)
        {
            return;
        }

        using Checksums.FlexibleChecksum checksum = Checksums.FlexibleChecksum.Create(algorithm)
            ?? throw new AwsValidationException(
                OperationName ?? "The request",
                new[] { $"{member}: the checksum algorithm '{algorithm}' is not one this client computes ({string.Join(", ", Checksums.FlexibleChecksum.Supported)})" });
        if (bodyStream is not null)
        {
            TrailerChecksumAlgorithm = checksum.Algorithm;
            return;
        }

        checksum.Append(body.Span);
        AddHeader(checksum.HeaderName, checksum.GetHeaderValue());
    }

    /// <summary>When the <c>httpChecksum</c> trait's request checksum is computed (the client's resolved setting).</summary>
    public Checksums.RequestChecksumCalculation RequestChecksumCalculation { get; set; }

    /// <summary>When the <c>httpChecksum</c> trait's response checksum is checked (the client's resolved setting).</summary>
    public Checksums.ResponseChecksumValidation ResponseChecksumValidation { get; set; }

    /// <summary>
    /// The request checksum of the <c>httpChecksum</c> trait as the AWS SDKs choose it: the algorithm the caller set in the
    /// algorithm member; when none, CRC32 if the operation requires a checksum or <see cref="RequestChecksumCalculation"/> is
    /// <c>WhenSupported</c>, and the algorithm member's header says so (the SDKs fill the member). A checksum the caller
    /// already gave in its own <c>x-amz-checksum-…</c> member is sent as given, and none is computed.
    /// </summary>
    /// <param name="algorithm">The algorithm member's value; null when unset.</param>
    /// <param name="member">The algorithm member (null when the model names none), for errors.</param>
    /// <param name="memberHeader">The header the algorithm member is bound to (S3's <c>x-amz-sdk-checksum-algorithm</c>); null for none.</param>
    /// <param name="required">The model's <c>requestChecksumRequired</c>.</param>
    public void AddRequestChecksum(string? algorithm, string? member, string? memberHeader, bool required)
    {
        if (algorithm is null)
        {
            if ((!required && RequestChecksumCalculation == Checksums.RequestChecksumCalculation.WhenRequired)
                || Array.Exists(Checksums.FlexibleChecksum.Supported, a => HasHeader("x-amz-checksum-" + a.ToLowerInvariant())))
            {
                return;
            }

            algorithm = Checksums.FlexibleChecksum.DefaultAlgorithm;
            if (memberHeader is not null)
            {
                AddHeader(memberHeader, algorithm);
            }
        }
        else if (HasHeader("x-amz-checksum-" + algorithm.ToLowerInvariant()))
        {
            return;
        }

        AddRequestChecksum(algorithm, member ?? "the request checksum");
    }

    /// <summary>
    /// Response validation of the <c>httpChecksum</c> trait: on when the caller set the validation mode member to
    /// <c>ENABLED</c>, or left it unset while <see cref="ResponseChecksumValidation"/> is <c>WhenSupported</c>; then the
    /// mode member's header is sent as <c>ENABLED</c> (the SDKs fill the member), so the service returns its checksum.
    /// </summary>
    /// <param name="mode">The validation mode member's value; null when unset.</param>
    /// <param name="modeHeader">The header the mode member is bound to (S3's <c>x-amz-checksum-mode</c>); null for none.</param>
    /// <param name="algorithms">The model's <c>responseAlgorithms</c>, comma-separated.</param>
    public void ValidateResponseChecksums(string? mode, string? modeHeader, string algorithms)
    {
        if (mode is null && ResponseChecksumValidation == Checksums.ResponseChecksumValidation.WhenSupported)
        {
            ResponseChecksumAlgorithms = algorithms;
            if (modeHeader is not null)
            {
                AddHeader(modeHeader, "ENABLED");
            }
        }
        else if (mode == "ENABLED")
        {
            ResponseChecksumAlgorithms = algorithms;
        }
    }

    private bool HasHeader(string name) =>
        headers is not null && headers.Exists(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The algorithm of the checksum sent as an <c>aws-chunked</c> trailer of <see cref="BodyStream"/>; null for none.</summary>
    public string? TrailerChecksumAlgorithm { get; private set; }

    /// <summary>The length of <see cref="BodyStream"/> before the <c>aws-chunked</c> encoding, when known (set by the pipeline).</summary>
    internal long? DecodedContentLength { get; set; }

    /// <summary>
    /// The response checksums to check when the caller asked for validation (the model's
    /// <c>requestValidationModeMember</c> set to <c>ENABLED</c>): the model's <c>responseAlgorithms</c>, comma-separated,
    /// in the order to prefer them; null to check none.
    /// </summary>
    public string? ResponseChecksumAlgorithms { get; set; }

    /// <summary>Removes every header of that name the marshaller added.</summary>
    internal void RemoveHeader(string name) =>
        headers?.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The value of the <c>Content-Length</c> header the marshaller added, if any.</summary>
    internal string? ContentLengthHeader
    {
        get
        {
            for (int i = 0; headers is not null && i < headers.Count; i++)
            {
                if (string.Equals(headers[i].Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    return headers[i].Value;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Makes the builder as a new one is, for the client's next call: every setting and part of the request is
    /// forgotten (the header values and the body with them: they can hold secrets), while the lists, the path
    /// builder and the JSON writer stay for reuse. The caller guarantees that nothing of the finished call still
    /// reads the builder.
    /// </summary>
    internal void Reset()
    {
        // Lists that one unusual call grew large are let go rather than kept for every call after it.
        pathLiteral = null;
        sparePath = path is { Capacity: <= MaxKeptCapacity } ? path.Clear() : sparePath;
        path = null;
        scratch?.Clear();
        query = query is { Capacity: <= MaxKeptCount } ? query : null;
        query?.Clear();
        headers = headers is { Capacity: <= MaxKeptCount } ? headers : null;
        headers?.Clear();
        jsonBuffer?.Wipe();
        body = default;
        bodyStream = null;
        Method = "POST";
        HostPrefix = null;
        ContentType = null;
        IdempotencyTokenProvider = null;
        DisableRequestCompression = false;
        MinCompressionSizeBytes = AwsClientOptions.DefaultMinCompressionSizeBytes;
        OperationName = null;
        SentContentType = null;
        SentAllHeaders = false;
        EventStreamBody = null;
        BodyStreamMember = null;
        BodyStreamRequiresLength = false;
        TrailerChecksumAlgorithm = null;
        DecodedContentLength = null;
        ResponseChecksumAlgorithms = null;
        RequestChecksumCalculation = default;
        ResponseChecksumValidation = default;
    }

    private const int MaxKeptCount = 32;
    private const int MaxKeptCapacity = 1024;

    /// <summary>The path and query as they go on the request line.</summary>
    public string BuildPathAndQuery()
    {
        if (query is null || query.Count == 0)
        {
            return Path;
        }

        return AppendPathAndQuery(new StringBuilder(64)).ToString();
    }

    /// <summary>Appends the path and the encoded query to <paramref name="text"/>.</summary>
    private StringBuilder AppendPathAndQuery(StringBuilder text)
    {
        int pathStart = text.Length;
        if (path is not null)
        {
            text.Append(path.Length == 0 ? "/" : path);
        }
        else
        {
            text.Append(string.IsNullOrEmpty(pathLiteral) ? "/" : pathLiteral);
        }

        bool first = true;
        for (int i = pathStart; i < text.Length; i++)
        {
            if (text[i] == '?')
            {
                first = false;
                break;
            }
        }

        if (query is null)
        {
            return text;
        }

        foreach (KeyValuePair<string, string?> pair in query)
        {
            text.Append(first ? '?' : '&');
            first = false;
            HttpWire.AppendUriEncoded(text, pair.Key, keepSlash: false);
            if (pair.Value is not null)
            {
                text.Append('=');
                HttpWire.AppendUriEncoded(text, pair.Value, keepSlash: false);
            }
        }

        return text;
    }

    /// <summary>Builds a new request message for one attempt against the endpoint.</summary>
    internal HttpRequestMessage Build(Uri endpoint, byte[]? bodyCopy)
    {
        var message = new HttpRequestMessage(HttpMethodFor(Method), RequestUri(endpoint));
        if (EventStreamBody is not null)
        {
            message.Content = new Protocols.EventStream.EventStreamRequestContent(EventStreamBody);
            Protocols.EventStream.EventStreamRequestContent.Configure(message);
        }
        else if (bodyStream is not null)
        {
            // The caller owns the stream: the content (disposed with the message) must not close it.
            message.Content = TrailerChecksumAlgorithm is { } trailer
                ? new Checksums.AwsChunkedContent(new CallerOwnedStream(bodyStream), trailer, DecodedContentLength)
                : new StreamContent(new CallerOwnedStream(bodyStream), StreamBufferSize);
        }
        else if (bodyCopy is not null)
        {
            message.Content = new ByteArrayContent(bodyCopy);
        }

        // A member the model binds to Content-Type wins over the type the body would default to.
        string? contentType = ContentType;
        SentAllHeaders = true;
        if (headers is not null)
        {
            foreach (KeyValuePair<string, string> header in headers)
            {
                if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = header.Value;
                    message.Content ??= new ByteArrayContent(Array.Empty<byte>());
                }
                else if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    message.Content ??= new ByteArrayContent(Array.Empty<byte>());
                    SentAllHeaders &= message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        SentContentType = null;
        if (message.Content is not null && contentType is not null)
        {
            message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            SentContentType = contentType;
        }

        return message;
    }

    /// <summary>
    /// The request's URI: the endpoint (with the host prefix) and the path and query. The last one made is kept and
    /// given again to the next request with the same endpoint object, host prefix and path and query (every call of
    /// an operation with a constant path, all of an awsJson service's calls): a <see cref="Uri"/> is immutable, and
    /// parsing one costs as much as a tenth of a call.
    /// </summary>
    private Uri RequestUri(Uri endpoint)
    {
        // A path and query are compared with the last ones as written in the builder's scratch text: a string only
        // for a URI that is made anew.
        LastRequestUri? last = lastRequestUri;
        bool sameTarget = last is not null
            && ReferenceEquals(last.Endpoint, endpoint)
            && string.Equals(last.HostPrefix, HostPrefix, StringComparison.Ordinal);
        string pathAndQuery;
        if (path is null && (query is null || query.Count == 0))
        {
            pathAndQuery = Path;
            if (sameTarget && string.Equals(last!.PathAndQuery, pathAndQuery, StringComparison.Ordinal))
            {
                return last.Value;
            }
        }
        else
        {
            StringBuilder text = AppendPathAndQuery(scratch?.Clear() ?? (scratch = new StringBuilder(64)));
            if (sameTarget && text.Equals(last!.PathAndQuery.AsSpan()))
            {
                return last.Value;
            }

            pathAndQuery = text.ToString();
            if (text.Capacity > MaxKeptCapacity)
            {
                scratch = null;
            }
        }

        string basePath = endpoint.AbsolutePath.TrimEnd('/');
        string host = HostPrefix is null ? endpoint.Authority : HostPrefix + endpoint.Authority;
        var uri = new Uri(endpoint.Scheme + "://" + host + basePath + pathAndQuery, UriKind.Absolute);
        lastRequestUri = new LastRequestUri(endpoint, HostPrefix, pathAndQuery, uri);
        return uri;
    }

    // Shared by every builder of the process: replaced whole (never changed), so reading it needs no lock.
    private static LastRequestUri? lastRequestUri;

    private sealed class LastRequestUri(Uri endpoint, string? hostPrefix, string pathAndQuery, Uri value)
    {
        public Uri Endpoint { get; } = endpoint;

        public string? HostPrefix { get; } = hostPrefix;

        public string PathAndQuery { get; } = pathAndQuery;

        public Uri Value { get; } = value;
    }

    /// <summary>The copy buffer for a streaming body: large enough for throughput, small enough to stay off the large-object heap.</summary>
    private const int StreamBufferSize = 64 * 1024;

    private static HttpMethod HttpMethodFor(string method) => method switch
    {
        "POST" => HttpMethod.Post,
        "GET" => HttpMethod.Get,
        "PUT" => HttpMethod.Put,
        "DELETE" => HttpMethod.Delete,
        "PATCH" => HttpMethod.Patch,
        "HEAD" => HttpMethod.Head,
        _ => new HttpMethod(method),
    };
}

namespace SsoOidcCodegen.Benchmarks.DynamoDb;

using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// The in-memory DynamoDB every DynamoDB benchmark sends to: it answers by the request's
/// <c>X-Amz-Target</c> with a canned awsJson 1.0 response (status, <c>Content-Type</c>, <c>Date</c>,
/// <c>x-amzn-RequestId</c>), without a socket. Both clients go through one instance.
/// </summary>
public sealed class CannedDynamoDbHandler : HttpMessageHandler
{
    private const string RequestId = "QJ8N0R4T2V6X8Z0B2D4F6H8J0L2N4P6R8T0V2X4Z6B8D0F2H4J";
    private readonly string date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
    private long requests;

    /// <summary>Requests answered so far (to check that nobody retried).</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <inheritdoc/>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Answer(request);

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Answer(request));

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        Interlocked.Increment(ref requests);
        string? target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.FirstOrDefault() : null;
        (HttpStatusCode status, byte[] body) = target switch
        {
            "DynamoDB_20120810.GetItem" => (HttpStatusCode.OK, DynamoDbPayloads.GetItemResponse),
            "DynamoDB_20120810.PutItem" => (HttpStatusCode.OK, DynamoDbPayloads.PutItemResponse),
            "DynamoDB_20120810.Query" => (HttpStatusCode.OK, DynamoDbPayloads.QueryResponse),
            _ => (HttpStatusCode.BadRequest, "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}"u8.ToArray()),
        };

        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new ByteArrayContent(body) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.0");
        response.Headers.TryAddWithoutValidation("Date", date);
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", RequestId);
        return response;
    }
}

namespace SsoOidc.LocalService.Http;

using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using SsoOidc.LocalService;
using SsoOidc.LocalService.Faults;
using SsoOidc.LocalService.Protocol;

/// <summary>
/// The middleware in front of every route: gives the response its request id, records the
/// request, applies the route's next fault, and turns protocol errors (and any unexpected
/// exception) into AWS error responses. It logs method, path, status and error type only.
/// </summary>
internal sealed partial class RequestPipeline(
    RequestRecorder recorder,
    FaultInjector faults,
    TimeProvider time,
    ILogger logger,
    CancellationToken stopping)
{
    private const int MaxBodyBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(AdminEndpoints.Prefix, StringComparison.Ordinal))
        {
            // The admin surface is the test's own channel: neither recorded nor faulted.
            await next(context);
            return;
        }

        string requestId = Guid.NewGuid().ToString();
        context.Response.Headers[AwsResponseWriter.RequestIdHeader] = requestId;

        byte[] body = await ReadBodyAsync(context.Request, context.RequestAborted);
        context.Request.Body = new MemoryStream(body, writable: false);

        string path = context.Request.Path.Value ?? "/";
        string query = context.Request.QueryString.Value ?? string.Empty;
        PlannedFault? fault = faults.TakeNext(path, query);
        var recorded = new RecordedRequest(
            requestId,
            time.GetUtcNow(),
            context.Request.Method,
            path,
            query,
            CopyHeaders(context.Request.Headers),
            body,
            fault?.Kind);
        recorder.Add(recorded);
        context.Features.Set(recorded);

        if (fault is null)
        {
            await HandleAsync(context, next);
        }
        else
        {
            LogFault(logger, context.Request.Method, path, fault.Kind, requestId);
            await FaultResponder.ApplyAsync(context, fault, () => HandleAsync(context, next), stopping);
        }

        if (!context.RequestAborted.IsCancellationRequested)
        {
            LogAnswered(logger, context.Request.Method, path, context.Response.StatusCode, ErrorTypeOf(context.Response), requestId);
        }
    }

    private async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (OidcProtocolException ex) when (!context.Response.HasStarted)
        {
            await AwsResponseWriter.WriteErrorAsync(context, ex.Error, ex.Message);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // The exception's message could quote request data; log its type only.
            LogUnexpected(logger, context.Request.Path.Value ?? "/", ex.GetType().FullName ?? "Exception");
            context.Response.Clear();
            context.Response.Headers[AwsResponseWriter.RequestIdHeader] = context.Features.Get<RecordedRequest>()?.RequestId;
            await AwsResponseWriter.WriteErrorAsync(context, OidcErrors.InternalServer, "An internal error occurred.");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Dictionary<string, string> CopyHeaders(IHeaderDictionary headers)
    {
        var copy = new Dictionary<string, string>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, StringValues> header in headers)
        {
            copy[header.Key] = header.Value.Count == 1 ? header.Value[0] ?? string.Empty : string.Join(", ", header.Value.ToArray());
        }

        return copy;
    }

    private static string ErrorTypeOf(HttpResponse response)
    {
        string errorType = response.Headers[AwsResponseWriter.ErrorTypeHeader].ToString();
        int colon = errorType.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? errorType : errorType[..colon];
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode} {ErrorType} (request {RequestId})")]
    private static partial void LogAnswered(ILogger logger, string method, string path, int statusCode, string errorType, string requestId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Method} {Path}: injecting fault {Fault} (request {RequestId})")]
    private static partial void LogFault(ILogger logger, string method, string path, FaultKind fault, string requestId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "{Path} failed with {ExceptionType}")]
    private static partial void LogUnexpected(ILogger logger, string path, string exceptionType);
}

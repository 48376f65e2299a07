namespace SsoOidcCodegen.Tests.Conformance;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Retry;

/// <summary>
/// Calls one operation of a suite's generated client the way a user does (client method, whole
/// pipeline), with an <see cref="HttpMessageHandler"/> that either captures the request or answers
/// with a case's response.
/// </summary>
internal sealed class SuiteClient
{
    /// <summary>The token the suites expect for members the model marks <c>idempotencyToken</c>.</summary>
    public const string IdempotencyToken = "00000000-0000-4000-8000-000000000000";

    private readonly SuiteBuild build;
    private readonly OperationSpec operation;

    public SuiteClient(SuiteBuild build, string operationName)
    {
        this.build = build;
        operation = build.Spec!.Operations.FirstOrDefault(o => o.Name == operationName)
            ?? throw new InvalidDataException($"The suite's model has no operation {operationName}.");
        Values = new ModelValues(build.Spec, build.Assembly!);
    }

    public OperationSpec Operation => operation;

    public ModelValues Values { get; }

    /// <summary>Sends the request and returns it as the HTTP handler received it.</summary>
    public async Task<CapturedRequest> CaptureAsync(object request, Uri serviceUrl, bool validate)
    {
        var handler = new CapturingHandler();
        try
        {
            await InvokeAsync(request, serviceUrl, handler, validate);
        }
        catch (RequestCapturedSignal)
        {
        }

        return handler.Captured ?? throw new InvalidOperationException("The client returned without sending a request.");
    }

    /// <summary>
    /// Sends the request, answers with the response, and returns what the call returned or threw. The
    /// request is not validated: output cases give no params, and only the response is under test.
    /// </summary>
    public async Task<(object? Result, Exception? Error)> ReplyAsync(object request, HttpResponseMessage response)
    {
        try
        {
            object? result = await InvokeAsync(request, new Uri("https://example.com"), new ReplyingHandler(response), validate: false);
            return (result, null);
        }
        catch (AwsServiceException exception)
        {
            return (null, exception);
        }
    }

    private async Task<object?> InvokeAsync(object request, Uri serviceUrl, HttpMessageHandler handler, bool validate)
    {
        using var http = new HttpClient(handler);
        var options = new AwsClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = serviceUrl,
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            BearerToken = _ => new ValueTask<string>("suite-bearer-token"),
            HttpClient = http,
            IdempotencyTokenProvider = () => IdempotencyToken,
            Retry = new RetryOptions { MaxAttempts = 1 },
            ValidateRequests = validate,
        };

        Type clientType = build.Assembly!.GetType(build.Spec!.Namespace + "." + SuiteCompiler.ClientName, throwOnError: true)!;
        using var client = (IDisposable)Activator.CreateInstance(clientType, options)!;
        MethodInfo method = clientType.GetMethod(operation.MethodName, new[] { request.GetType(), typeof(CancellationToken) })
            ?? throw new InvalidDataException($"{clientType.Name} has no method {operation.MethodName}.");
        Task task;
        try
        {
            task = (Task)method.Invoke(client, new[] { request, CancellationToken.None })!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }

        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task);
    }

    /// <summary>Thrown by the capturing handler so the call ends as soon as the request is on the "wire".</summary>
    private sealed class RequestCapturedSignal : Exception
    {
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public CapturedRequest? Captured { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Captured = await CapturedRequest.FromAsync(request, cancellationToken);
            throw new RequestCapturedSignal();
        }
    }

    private sealed class ReplyingHandler(HttpResponseMessage response) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}

/// <summary>A request as the HTTP handler received it.</summary>
internal sealed record CapturedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[]? Body)
{
    public static async Task<CapturedRequest> FromAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, HeaderStringValues> header in request.Headers.NonValidated)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        byte[]? body = null;
        if (request.Content is { } content)
        {
            body = await content.ReadAsByteArrayAsync(cancellationToken);

            // What HttpClient puts on the wire: the computed length when the content has one.
            _ = content.Headers.ContentLength;
            foreach (KeyValuePair<string, HeaderStringValues> header in content.Headers.NonValidated)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }
        }

        return new CapturedRequest(request.Method.Method, request.RequestUri!, headers, body);
    }
}

/// <summary>
/// A response body whose length is not known in advance, so that the response carries exactly the
/// headers the case lists (a computed <c>Content-Length</c> would otherwise appear among them).
/// </summary>
internal sealed class CaseBodyContent(byte[] body) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body, 0, body.Length);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

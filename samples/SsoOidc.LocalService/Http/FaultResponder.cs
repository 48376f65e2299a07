namespace SsoOidc.LocalService.Http;

using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SsoOidc.LocalService;
using SsoOidc.LocalService.Faults;
using SsoOidc.LocalService.Protocol;

/// <summary>Carries out one <see cref="PlannedFault"/> on a request.</summary>
internal static class FaultResponder
{
    public static async Task ApplyAsync(HttpContext context, PlannedFault fault, Func<Task> handleNormally, CancellationToken stopping)
    {
        switch (fault.Kind)
        {
            case FaultKind.Status:
                OidcError error = OidcErrors.ForStatus(fault.StatusCode);
                await AwsResponseWriter.WriteErrorAsync(context, error, $"Injected fault: HTTP {fault.StatusCode}.");
                break;

            case FaultKind.Throttle:
                await (fault.ThrottleStyle == ThrottleStyle.SlowDown
                    ? AwsResponseWriter.WriteErrorAsync(context, OidcErrors.SlowDown, "Client is polling too fast.")
                    : AwsResponseWriter.WriteErrorAsync(context, OidcErrors.Throttling, "Rate exceeded"));
                break;

            case FaultKind.Latency:
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
                {
                    try
                    {
                        await Task.Delay(fault.Latency, linked.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // The client gave up or the service is stopping: nobody is left to answer.
                        context.Abort();
                        return;
                    }
                }

                await handleNormally();
                break;

            case FaultKind.DropConnection:
                context.Abort();
                break;

            case FaultKind.TruncatedBody:
                await TruncateAsync(context, fault.KeepBytes, handleNormally);
                break;

            case FaultKind.HtmlBody:
                await AwsResponseWriter.WriteHtmlAsync(context, fault.StatusCode, ProxyPage(fault.StatusCode));
                break;

            case FaultKind.EmptyBody:
                await AwsResponseWriter.WriteAsync(context, fault.StatusCode, contentType: null, []);
                break;

            default:
                throw new InvalidOperationException($"Unknown fault kind {fault.Kind}.");
        }
    }

    private static async Task TruncateAsync(HttpContext context, int? keepBytes, Func<Task> handleNormally)
    {
        Stream original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await handleNormally();
        }
        finally
        {
            context.Response.Body = original;
        }

        byte[] full = captured.ToArray();
        int keep = Math.Min(keepBytes ?? full.Length / 2, Math.Max(full.Length - 1, 0));
        context.Response.ContentLength = keep;
        await original.WriteAsync(full.AsMemory(0, keep), context.RequestAborted);
    }

    // What nginx answers when its upstream fails: the kind of page a proxy puts in front of a client.
    private static string ProxyPage(int statusCode)
    {
        string title = $"{statusCode} {ReasonPhrase(statusCode)}".TrimEnd();
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
            + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }

    private static string ReasonPhrase(int statusCode) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(statusCode);
}

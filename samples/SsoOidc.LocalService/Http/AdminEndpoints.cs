namespace SsoOidc.LocalService.Http;

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SsoOidc.LocalService.Protocol;

/// <summary>
/// The admin surface under <c>/_admin/</c>, for what tests do in-process with
/// <see cref="LocalSsoOidcService"/>: list and decide pending user codes, read the recorded
/// requests (bodies included: this is a local test service), plan and clear faults, and read the
/// role credentials the portal issued. Admin requests are neither recorded nor faulted.
/// </summary>
internal sealed class AdminEndpoints(Func<LocalSsoOidcService> service, AuthorizationServer authorization, PortalServer portal)
{
    public const string Prefix = "/_admin";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Prefix + "/user-codes", context => Json(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray("pending");
            foreach (string code in authorization.PendingUserCodes())
            {
                writer.WriteStringValue(code);
            }

            writer.WriteEndArray();
        }));
        routes.MapPost(Prefix + "/user-codes/{code}/approve", context => Decide(context, approve: true));
        routes.MapPost(Prefix + "/user-codes/{code}/deny", context => Decide(context, approve: false));
        routes.MapGet(Prefix + "/requests", context => Json(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray("requests");
            foreach (RecordedRequest request in service().Requests)
            {
                writer.WriteStartObject();
                writer.WriteString("requestId", request.RequestId);
                writer.WriteString("receivedAt", request.ReceivedAt);
                writer.WriteString("method", request.Method);
                writer.WriteString("path", request.Path);
                writer.WriteString("query", request.QueryString);
                writer.WriteStartObject("headers");
                foreach (KeyValuePair<string, string> header in request.Headers)
                {
                    writer.WriteString(header.Key, header.Value);
                }

                writer.WriteEndObject();
                writer.WriteString("body", request.BodyText);
                if (request.Fault is { } fault)
                {
                    writer.WriteString("fault", fault.ToString());
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }));
        routes.MapGet(Prefix + "/role-credentials", context => Json(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray("issued");
            foreach (IssuedRoleCredentials issued in portal.Issued.Values)
            {
                writer.WriteStartObject();
                writer.WriteString("accessKeyId", issued.AccessKeyId);
                writer.WriteString("accountId", issued.AccountId);
                writer.WriteString("roleName", issued.RoleName);
                writer.WriteString("expiration", issued.Expiration);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }));
        routes.MapPost(Prefix + "/faults", PlanFaultAsync);
        routes.MapDelete(Prefix + "/faults", context =>
        {
            service().Faults.Clear();
            return Json(context, StatusCodes.Status200OK, _ => { });
        });
    }

    private Task Decide(HttpContext context, bool approve)
    {
        string code = context.Request.RouteValues["code"] as string ?? string.Empty;
        try
        {
            if (approve)
            {
                service().ApproveUserCode(code);
            }
            else
            {
                service().DenyUserCode(code);
            }

            return Json(context, StatusCodes.Status200OK, writer => writer.WriteString("status", approve ? "approved" : "denied"));
        }
        catch (ArgumentException unknown)
        {
            return Json(context, StatusCodes.Status404NotFound, writer => writer.WriteString("error", unknown.Message));
        }
        catch (InvalidOperationException conflict)
        {
            return Json(context, StatusCodes.Status409Conflict, writer => writer.WriteString("error", conflict.Message));
        }
    }

    // Body: {"route": "/token", "kind": "status"|"throttle"|"delay"|"drop"|"truncate"|"html"|"empty", "status": 503, "times": 1, "delayMs": 0}
    private async Task PlanFaultAsync(HttpContext context)
    {
        try
        {
            using JsonDocument document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            JsonElement root = document.RootElement;
            string route = root.GetProperty("route").GetString() ?? throw new FormatException("route is required.");
            string kind = root.TryGetProperty("kind", out JsonElement k) ? k.GetString() ?? "status" : "status";
            int times = root.TryGetProperty("times", out JsonElement t) ? t.GetInt32() : 1;
            int status = root.TryGetProperty("status", out JsonElement s) ? s.GetInt32() : 503;
            RouteFaults faults = service().Faults.For(route);
            switch (kind)
            {
                case "status":
                    faults.RespondWithStatus(status, times);
                    break;
                case "throttle":
                    faults.Throttle(ThrottleStyle.TooManyRequests, times);
                    break;
                case "delay":
                    faults.Delay(TimeSpan.FromMilliseconds(root.TryGetProperty("delayMs", out JsonElement d) ? d.GetInt32() : 1000), times);
                    break;
                case "drop":
                    faults.DropConnection(times);
                    break;
                case "truncate":
                    faults.TruncateBody(times);
                    break;
                case "html":
                    faults.RespondWithHtmlPage(status, times);
                    break;
                case "empty":
                    faults.RespondWithEmptyBody(status, times);
                    break;
                default:
                    throw new FormatException($"Unknown fault kind '{kind}'.");
            }

            await Json(context, StatusCodes.Status200OK, writer => writer.WriteNumber("pending", faults.Pending));
        }
        catch (Exception bad) when (bad is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            await Json(context, StatusCodes.Status400BadRequest, writer => writer.WriteString("error", bad.Message));
        }
    }

    private static Task Json(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return AwsResponseWriter.WriteAsync(context, status, AwsResponseWriter.JsonContentType, buffer.ToArray());
    }
}

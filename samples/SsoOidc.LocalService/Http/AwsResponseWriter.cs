namespace SsoOidc.LocalService.Http;

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SsoOidc.LocalService.Protocol;

/// <summary>Writes responses the way the real service does: <c>application/json</c> (no charset),
/// compact JSON, and for errors the <c>x-amzn-ErrorType</c> header and an OAuth error body.</summary>
internal static class AwsResponseWriter
{
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string ErrorTypeHeader = "x-amzn-ErrorType";
    public const string JsonContentType = "application/json";
    public const string HtmlContentType = "text/html; charset=utf-8";

    public static Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        return WriteAsync(context, StatusCodes.Status200OK, JsonContentType, body);
    }

    public static Task WriteErrorAsync(HttpContext context, OidcError error, string description)
    {
        context.Response.Headers[ErrorTypeHeader] = error.ErrorTypeHeader;
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(
            new ErrorBody { Error = error.ErrorCode, ErrorDescription = description },
            WireJson.Context.ErrorBody);
        return WriteAsync(context, error.StatusCode, JsonContentType, body);
    }

    public static Task WriteHtmlAsync(HttpContext context, int statusCode, string html) =>
        WriteAsync(context, statusCode, HtmlContentType, Encoding.UTF8.GetBytes(html));

    public static async Task WriteAsync(HttpContext context, int statusCode, string? contentType, byte[] body)
    {
        HttpResponse response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (body.Length > 0)
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}

namespace SsoOidc.LocalService.Http;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SsoOidc.LocalService.Protocol;

/// <summary>
/// The SSO portal's routes (rest-json, as the SSO model's <c>requestUri</c>s say): GetRoleCredentials,
/// ListAccounts, ListAccountRoles and Logout, the access token in <c>x-amz-sso_bearer_token</c>.
/// Errors carry <c>x-amzn-ErrorType</c> and a <c>{"message": ...}</c> body, as the portal's do.
/// </summary>
internal sealed class PortalEndpoints(PortalServer portal)
{
    public const string BearerTokenHeader = "x-amz-sso_bearer_token";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/federation/credentials", context => Answer(context, writer =>
        {
            IssuedRoleCredentials issued = portal.GetRoleCredentials(Token(context), Query(context, "account_id"), Query(context, "role_name"));
            writer.WriteStartObject("roleCredentials");
            writer.WriteString("accessKeyId", issued.AccessKeyId);
            writer.WriteString("secretAccessKey", issued.SecretAccessKey);
            writer.WriteString("sessionToken", issued.SessionToken);
            writer.WriteNumber("expiration", issued.Expiration.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }));
        routes.MapGet("/assignment/accounts", context => Answer(context, writer =>
        {
            IReadOnlyList<PortalAccount> accounts = portal.ListAccounts(Token(context));
            (int start, int count) = Page(context, accounts.Count);
            writer.WriteStartArray("accountList");
            foreach (PortalAccount account in accounts.Skip(start).Take(count))
            {
                writer.WriteStartObject();
                writer.WriteString("accountId", account.AccountId);
                writer.WriteString("accountName", account.AccountName);
                writer.WriteString("emailAddress", account.EmailAddress);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            NextToken(writer, start + count, accounts.Count);
        }));
        routes.MapGet("/assignment/roles", context => Answer(context, writer =>
        {
            PortalAccount account = portal.ListAccountRoles(Token(context), Query(context, "account_id"));
            (int start, int count) = Page(context, account.Roles.Count);
            writer.WriteStartArray("roleList");
            foreach (string role in account.Roles.Skip(start).Take(count))
            {
                writer.WriteStartObject();
                writer.WriteString("roleName", role);
                writer.WriteString("accountId", account.AccountId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            NextToken(writer, start + count, account.Roles.Count);
        }));
        routes.MapPost("/logout", context => Answer(context, writer => portal.Logout(Token(context)), emptyBody: true));
    }

    private static async Task Answer(HttpContext context, Action<Utf8JsonWriter> write, bool emptyBody = false)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                write(writer);
                writer.WriteEndObject();
            }

            body = emptyBody ? [] : buffer.ToArray();
        }
        catch (OidcProtocolException error)
        {
            context.Response.Headers[AwsResponseWriter.ErrorTypeHeader] = error.Error.ErrorTypeHeader;
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
            }

            await AwsResponseWriter.WriteAsync(context, error.Error.StatusCode, AwsResponseWriter.JsonContentType, buffer.ToArray());
            return;
        }

        await AwsResponseWriter.WriteAsync(context, StatusCodes.Status200OK, emptyBody ? null : AwsResponseWriter.JsonContentType, body);
    }

    private static string? Token(HttpContext context) =>
        context.Request.Headers.TryGetValue(BearerTokenHeader, out var values) && values.Count > 0 ? values[0] : null;

    private static string? Query(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    // next_token is the index of the page's first item; max_result is 1-100 (default 100).
    private static (int Start, int Count) Page(HttpContext context, int total)
    {
        int start = int.TryParse(Query(context, "next_token"), out int token) && token >= 0 ? Math.Min(token, total) : 0;
        int size = int.TryParse(Query(context, "max_result"), out int max) && max is >= 1 and <= 100 ? max : 100;
        return (start, Math.Min(size, total - start));
    }

    private static void NextToken(Utf8JsonWriter writer, int next, int total)
    {
        if (next < total)
        {
            writer.WriteString("nextToken", next.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

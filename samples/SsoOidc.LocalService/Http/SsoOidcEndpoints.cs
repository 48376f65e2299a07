namespace SsoOidc.LocalService.Http;

using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SsoOidc.LocalService;
using SsoOidc.LocalService.Protocol;

/// <summary>
/// The routes: the four modelled operations (rest-json, as the model's <c>requestUri</c>s say),
/// the browser-facing <c>/authorize</c> and <c>/verify</c>, and a fallback that answers like AWS
/// does for an unknown operation.
/// </summary>
internal sealed class SsoOidcEndpoints(AuthorizationServer server)
{
    public const string SigningName = "sso-oauth";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/client/register", RegisterClientAsync);
        routes.MapPost("/device_authorization", StartDeviceAuthorizationAsync);
        routes.MapPost("/token", CreateTokenAsync);
        routes.MapGet("/authorize", AuthorizeAsync);
        routes.MapGet("/verify", ShowVerificationPageAsync);
        routes.MapPost("/verify", SubmitVerificationAsync);
        routes.MapFallback(UnknownOperationAsync);
    }

    private Task RegisterClientAsync(HttpContext context)
    {
        RegisterClientRequest request = ReadBody(context, WireJson.Context.RegisterClientRequest);
        return AwsResponseWriter.WriteJsonAsync(context, server.RegisterClient(request), WireJson.Context.RegisterClientResponse);
    }

    private Task StartDeviceAuthorizationAsync(HttpContext context)
    {
        StartDeviceAuthorizationRequest request = ReadBody(context, WireJson.Context.StartDeviceAuthorizationRequest);
        return AwsResponseWriter.WriteJsonAsync(context, server.StartDeviceAuthorization(request), WireJson.Context.StartDeviceAuthorizationResponse);
    }

    // CreateToken is POST /token; CreateTokenWithIAM is POST /token?aws_iam=t and SigV4-signed.
    private Task CreateTokenAsync(HttpContext context)
    {
        if (context.Request.Query["aws_iam"] == "t")
        {
            SigV4RequestCheck.Validate(context.Request.Headers, SigningName);
            CreateTokenWithIamRequest iamRequest = ReadBody(context, WireJson.Context.CreateTokenWithIamRequest);
            return AwsResponseWriter.WriteJsonAsync(context, server.CreateTokenWithIam(iamRequest), WireJson.Context.CreateTokenWithIamResponse);
        }

        CreateTokenRequest request = ReadBody(context, WireJson.Context.CreateTokenRequest);
        return AwsResponseWriter.WriteJsonAsync(context, server.CreateToken(request), WireJson.Context.CreateTokenResponse);
    }

    private Task AuthorizeAsync(HttpContext context)
    {
        IQueryCollection query = context.Request.Query;
        string? scopes = query.ContainsKey("scopes") ? query["scopes"].ToString() : query["scope"].ToString();
        AuthorizeOutcome outcome = server.Authorize(new AuthorizeQuery(
            Value(query, "response_type"),
            Value(query, "client_id"),
            Value(query, "redirect_uri"),
            Value(query, "state"),
            Value(query, "code_challenge"),
            Value(query, "code_challenge_method"),
            string.IsNullOrEmpty(scopes) ? null : scopes));

        if (outcome.RedirectTo is { } location)
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = location.AbsoluteUri;
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        }

        return AwsResponseWriter.WriteHtmlAsync(context, outcome.ErrorStatus, VerificationPages.Message("Authorization failed", outcome.ErrorMessage ?? string.Empty));
    }

    private Task ShowVerificationPageAsync(HttpContext context)
    {
        string? userCode = Value(context.Request.Query, "user_code");
        if (userCode is null)
        {
            return AwsResponseWriter.WriteHtmlAsync(context, StatusCodes.Status200OK, VerificationPages.EnterCode());
        }

        (UserCodeStatus status, string displayCode) = server.LookUpUserCode(userCode);
        return status == UserCodeStatus.Pending
            ? AwsResponseWriter.WriteHtmlAsync(context, StatusCodes.Status200OK, VerificationPages.Confirm(displayCode))
            : WriteStatusPageAsync(context, status);
    }

    private async Task SubmitVerificationAsync(HttpContext context)
    {
        IFormCollection form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted)
            : FormCollection.Empty;
        string? userCode = Value(form, "user_code");
        string? action = Value(form, "action");
        if (userCode is null || action is not ("approve" or "deny"))
        {
            await AwsResponseWriter.WriteHtmlAsync(context, StatusCodes.Status400BadRequest, VerificationPages.Message("Bad request", "The form needs a user_code and an action of approve or deny."));
            return;
        }

        UserCodeStatus before = server.Decide(userCode, action == "approve");
        UserCodeStatus after = before == UserCodeStatus.Pending
            ? (action == "approve" ? UserCodeStatus.Approved : UserCodeStatus.Denied)
            : before;
        await WriteStatusPageAsync(context, after);
    }

    private static Task UnknownOperationAsync(HttpContext context) =>
        AwsResponseWriter.WriteErrorAsync(context, OidcErrors.UnknownOperation, $"No operation matches {context.Request.Method} {context.Request.Path}.");

    private static Task WriteStatusPageAsync(HttpContext context, UserCodeStatus status) => status switch
    {
        UserCodeStatus.Approved => AwsResponseWriter.WriteHtmlAsync(context, StatusCodes.Status200OK, VerificationPages.Message("Request approved", "You can close this window and return to your application.")),
        UserCodeStatus.Denied => AwsResponseWriter.WriteHtmlAsync(context, StatusCodes.Status200OK, VerificationPages.Message("Request denied", "The application will not be given access.")),
        UserCodeStatus.Expired => AwsResponseWriter.WriteHtmlAsync(context, StatusCodes.Status400BadRequest, VerificationPages.Message("Code expired", "This code has expired. Start the sign-in again.")),
        _ => AwsResponseWriter.WriteHtmlAsync(context, StatusCodes.Status404NotFound, VerificationPages.Message("Unknown code", "No sign-in request has this code.")),
    };

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    /// <summary>The JSON body the pipeline recorded, as <typeparamref name="T"/>. An empty body reads as <c>{}</c>.</summary>
    private static T ReadBody<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        ReadOnlyMemory<byte> body = context.Features.Get<RecordedRequest>()?.Body ?? ReadOnlyMemory<byte>.Empty;
        try
        {
            return (body.IsEmpty ? JsonSerializer.Deserialize("{}"u8, typeInfo) : JsonSerializer.Deserialize(body.Span, typeInfo))
                ?? throw new OidcProtocolException(OidcErrors.InvalidRequest, "The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new OidcProtocolException(OidcErrors.InvalidRequest, "The request body is not valid JSON for this operation.");
        }
    }
}

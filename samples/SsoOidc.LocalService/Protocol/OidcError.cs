namespace SsoOidc.LocalService.Protocol;

using System;

/// <summary>
/// One error the service can answer with: the exception name that goes into
/// <c>x-amzn-ErrorType</c>, the HTTP status and the OAuth error code of the JSON body.
/// </summary>
internal sealed record OidcError(string TypeName, int StatusCode, string ErrorCode, string Namespace)
{
    /// <summary>The value of the <c>x-amzn-ErrorType</c> header, as the real service sends it.</summary>
    public string ErrorTypeHeader => TypeName + ":" + Namespace;
}

/// <summary>
/// The catalogue of errors. The modelled ones take their status from the 2025-09-23 model's
/// <c>httpStatusCode</c> and their code from the model's "single error code" documentation;
/// the AWS-wide ones (not in the model) carry the coral service namespace, as AWS front ends do.
/// </summary>
internal static class OidcErrors
{
    private const string ServiceNamespace = "http://internal.amazon.com/coral/com.amazonaws.ssooidc/";
    private const string CommonNamespace = "http://internal.amazon.com/coral/com.amazon.coral.service/";

    public static readonly OidcError AccessDenied = new("AccessDeniedException", 400, "access_denied", ServiceNamespace);
    public static readonly OidcError AuthorizationPending = new("AuthorizationPendingException", 400, "authorization_pending", ServiceNamespace);
    public static readonly OidcError ExpiredToken = new("ExpiredTokenException", 400, "expired_token", ServiceNamespace);
    public static readonly OidcError InternalServer = new("InternalServerException", 500, "server_error", ServiceNamespace);
    public static readonly OidcError InvalidClient = new("InvalidClientException", 401, "invalid_client", ServiceNamespace);
    public static readonly OidcError InvalidClientMetadata = new("InvalidClientMetadataException", 400, "invalid_client_metadata", ServiceNamespace);
    public static readonly OidcError InvalidGrant = new("InvalidGrantException", 400, "invalid_grant", ServiceNamespace);
    public static readonly OidcError InvalidRedirectUri = new("InvalidRedirectUriException", 400, "invalid_redirect_uri", ServiceNamespace);
    public static readonly OidcError InvalidRequest = new("InvalidRequestException", 400, "invalid_request", ServiceNamespace);
    public static readonly OidcError InvalidScope = new("InvalidScopeException", 400, "invalid_scope", ServiceNamespace);
    public static readonly OidcError SlowDown = new("SlowDownException", 400, "slow_down", ServiceNamespace);
    public static readonly OidcError UnauthorizedClient = new("UnauthorizedClientException", 400, "unauthorized_client", ServiceNamespace);
    public static readonly OidcError UnsupportedGrantType = new("UnsupportedGrantTypeException", 400, "unsupported_grant_type", ServiceNamespace);

    public static readonly OidcError Throttling = new("ThrottlingException", 429, "slow_down", CommonNamespace);
    public static readonly OidcError ServiceUnavailable = new("ServiceUnavailableException", 503, "server_error", CommonNamespace);
    public static readonly OidcError MissingAuthenticationToken = new("MissingAuthenticationTokenException", 403, "access_denied", CommonNamespace);
    public static readonly OidcError IncompleteSignature = new("IncompleteSignatureException", 400, "invalid_request", CommonNamespace);
    public static readonly OidcError InvalidSignature = new("InvalidSignatureException", 403, "access_denied", CommonNamespace);
    public static readonly OidcError UnknownOperation = new("UnknownOperationException", 404, "invalid_request", CommonNamespace);

    /// <summary>The error a bare status-code fault answers with.</summary>
    public static OidcError ForStatus(int statusCode) => statusCode switch
    {
        500 => InternalServer,
        503 => ServiceUnavailable,
        429 => Throttling,
        401 => InvalidClient,
        403 => AccessDenied with { StatusCode = 403 },
        404 => UnknownOperation,
        >= 500 => InternalServer with { StatusCode = statusCode },
        _ => InvalidRequest with { StatusCode = statusCode },
    };
}

/// <summary>Thrown by the protocol logic; the request pipeline turns it into an AWS error response.</summary>
internal sealed class OidcProtocolException(OidcError error, string description) : Exception(description)
{
    public OidcError Error { get; } = error;
}

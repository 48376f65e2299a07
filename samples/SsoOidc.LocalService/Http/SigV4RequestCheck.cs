namespace SsoOidc.LocalService.Http;

using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using SsoOidc.LocalService.Protocol;

/// <summary>
/// Checks that a CreateTokenWithIAM request is SigV4-signed in form: an
/// <c>AWS4-HMAC-SHA256</c> Authorization header with a credential scoped to <c>sso-oauth</c>,
/// signed headers that are present (host among them), a 64-hex-digit signature and an
/// <c>X-Amz-Date</c> on the credential's day. The signature itself is not verified: the local
/// service knows no secret keys.
/// </summary>
internal static class SigV4RequestCheck
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Throws the error AWS front ends answer with when the header is missing or malformed.</summary>
    public static void Validate(IHeaderDictionary headers, string signingName)
    {
        string authorization = headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            throw new OidcProtocolException(OidcErrors.MissingAuthenticationToken, "Missing Authentication Token");
        }

        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw Incomplete($"Authorization header requires the {Algorithm} algorithm.");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !parameters.TryAdd(part[..equals], part[(equals + 1)..]))
            {
                throw Incomplete($"Authorization header parameter '{part}' is malformed.");
            }
        }

        if (!parameters.TryGetValue("Credential", out string? credential)
            || !parameters.TryGetValue("SignedHeaders", out string? signedHeaders)
            || !parameters.TryGetValue("Signature", out string? signature))
        {
            throw Incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }

        // Credential=<access key>/<yyyyMMdd>/<region>/<service>/aws4_request
        string[] scope = credential.Split('/');
        if (scope.Length != 5 || scope[0].Length == 0 || scope[2].Length == 0 || scope[4] != "aws4_request"
            || !DateOnly.TryParseExact(scope[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw Incomplete("Credential must have the form <key>/<yyyyMMdd>/<region>/<service>/aws4_request.");
        }

        if (scope[3] != signingName)
        {
            throw new OidcProtocolException(OidcErrors.InvalidSignature, $"Credential should be scoped to correct service: '{signingName}'.");
        }

        string[] signed = signedHeaders.Split(';');
        foreach (string name in signed)
        {
            if (name.Length == 0 || !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
            {
                throw Incomplete("SignedHeaders must be lower-case header names separated by ';'.");
            }

            if (!headers.ContainsKey(name))
            {
                throw Incomplete($"Signed header '{name}' is not in the request.");
            }
        }

        if (Array.IndexOf(signed, "host") < 0)
        {
            throw Incomplete("SignedHeaders must include 'host'.");
        }

        if (signature.Length != 64 || signature.AsSpan().ContainsAnyExcept("0123456789abcdef"))
        {
            throw Incomplete("Signature must be 64 lower-case hexadecimal digits.");
        }

        string amzDate = headers["X-Amz-Date"].ToString();
        if (!DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
        {
            throw Incomplete("X-Amz-Date must be an ISO 8601 basic UTC timestamp (yyyyMMddTHHmmssZ).");
        }

        if (!amzDate.StartsWith(scope[1], StringComparison.Ordinal))
        {
            throw new OidcProtocolException(OidcErrors.InvalidSignature, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.");
        }
    }

    private static OidcProtocolException Incomplete(string description) => new(OidcErrors.IncompleteSignature, description);
}

namespace SsoOidcCodegen.Runtime.Pipeline;

using System;
using System.Collections.Generic;
using System.Threading;
using SsoOidcCodegen.Runtime.Endpoints;
using SsoOidcCodegen.Runtime.Http;

/// <summary>
/// Where one call goes and how it is signed: the operation's endpoint (resolved per call from the rule set's
/// parameters, cached per parameter set by the client), the endpoint's headers added to the request, and the
/// auth scheme chosen from the endpoint's <c>authSchemes</c>.
/// </summary>
internal static class CallEndpoint
{
    /// <summary>The auth schemes this client signs with, by their rules names (S3 Express's sigv4-s3express is not implemented).</summary>
    internal static bool IsSupported(string name) => name is "sigv4" or "sigv4a";

    /// <summary>
    /// Resolves the call's endpoint (with <paramref name="credentials"/>, fetched first when the rules read their account
    /// id, else null), adds its headers to the request and creates the call context.
    /// </summary>
    /// <exception cref="EndpointResolutionException">The rules refuse the parameters.</exception>
    /// <exception cref="AwsAuthSchemeNotSupportedException">The endpoint names only auth schemes this client cannot sign with.</exception>
    public static CallContext CreateContext<TRequest, TResponse>(
        TRequest request,
        AwsOperation<TRequest, TResponse> operation,
        AwsClient client,
        AwsRequestBuilder builder,
        Func<Uri> clientEndpoint,
        Auth.AwsCredentials? credentials,
        CancellationToken cancellationToken)
        where TRequest : class
    {
        if (operation.ResolveEndpoint is not { } resolve)
        {
            return new CallContext(operation.Name, InvocationId.Create(), clientEndpoint(), cancellationToken) { Request = builder };
        }

        AwsEndpoint endpoint = resolve(request, client, credentials);
        foreach (KeyValuePair<string, IReadOnlyList<string>> header in endpoint.Headers)
        {
            builder.AddHeader(header.Key, string.Join(",", header.Value));
        }

        EndpointAuthScheme? scheme = operation.Auth == AwsAuthScheme.SigV4 ? ChooseScheme(operation.Name, endpoint) : null;
        return new CallContext(operation.Name, InvocationId.Create(), endpoint.Uri, cancellationToken) { Request = builder, AuthScheme = scheme };
    }

    /// <summary>The first scheme of the endpoint's list that the client supports; null when the endpoint lists none.</summary>
    internal static EndpointAuthScheme? ChooseScheme(string operationName, AwsEndpoint endpoint)
    {
        IReadOnlyList<EndpointAuthScheme> schemes = endpoint.AuthSchemes;
        if (schemes.Count == 0)
        {
            return null;
        }

        foreach (EndpointAuthScheme scheme in schemes)
        {
            if (IsSupported(scheme.Name))
            {
                return scheme;
            }
        }

        throw new AwsAuthSchemeNotSupportedException(operationName, schemes[0].Name);
    }
}

namespace SsoOidcCodegen.Runtime;

using System;
using SsoOidcCodegen.Runtime.Http;

/// <summary>
/// One operation of a generated client: its name, auth scheme, and the generated marshaller and
/// unmarshaller that put a request on the wire and read the answer. Created once per operation.
/// </summary>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <typeparam name="TResponse">The response type.</typeparam>
public sealed class AwsOperation<TRequest, TResponse>
    where TRequest : class
{
    /// <summary>Creates the operation descriptor.</summary>
    /// <param name="name">The operation name in the model.</param>
    /// <param name="auth">How the operation authenticates.</param>
    /// <param name="marshal">Writes a request into the builder.</param>
    /// <param name="unmarshal">Reads a successful response.</param>
    /// <param name="validate">Checks a request against the model's rules before anything is sent.</param>
    /// <param name="isErrorAnswer">Whether a success status still carries an error document (S3's 200 with an <c>Error</c> body); null when the operation's answers never do.</param>
    /// <param name="resolveEndpoint">Resolves the endpoint of one call from the client and the request (the rule set's parameters); null to use the client's <see cref="AwsClient.Endpoint"/>.</param>
    /// <param name="streamsResponse">Whether a success response's body is the output's stream payload (handed out unread, see <see cref="Http.AwsResponseStream"/>).</param>
    /// <param name="unsignedPayload">The model's <c>unsignedPayload</c> / <c>authtype: v4-unsigned-body</c>: over HTTPS the body is sent as <c>UNSIGNED-PAYLOAD</c>.</param>
    public AwsOperation(
        string name,
        AwsAuthScheme auth,
        Action<TRequest, AwsRequestBuilder> marshal,
        Func<AwsResponse, TResponse> unmarshal,
        Action<TRequest, AwsValidationContext>? validate = null,
        Func<AwsResponse, bool>? isErrorAnswer = null,
        Func<TRequest, AwsClient, Auth.AwsCredentials?, Endpoints.AwsEndpoint>? resolveEndpoint = null,
        bool streamsResponse = false,
        bool unsignedPayload = false)
    {
        Name = name;
        Auth = auth;
        Marshal = marshal;
        Unmarshal = unmarshal;
        Validate = validate;
        IsErrorAnswer = isErrorAnswer;
        ResolveEndpoint = resolveEndpoint;
        StreamsResponse = streamsResponse;
        UnsignedPayload = unsignedPayload;
    }

    /// <summary>Whether a success response's body is handed to the output as a stream read from the socket, never buffered.</summary>
    public bool StreamsResponse { get; }

    /// <summary>Whether the body is sent unsigned (<c>UNSIGNED-PAYLOAD</c>) over HTTPS; over plain HTTP it is signed all the same.</summary>
    public bool UnsignedPayload { get; }

    /// <summary>The operation name in the model.</summary>
    public string Name { get; }

    /// <summary>How the operation authenticates.</summary>
    public AwsAuthScheme Auth { get; }

    /// <summary>Writes a request into the builder.</summary>
    public Action<TRequest, AwsRequestBuilder> Marshal { get; }

    /// <summary>Reads a successful response.</summary>
    public Func<AwsResponse, TResponse> Unmarshal { get; }

    /// <summary>Checks a request before it is sent; null when the model states no rules.</summary>
    public Action<TRequest, AwsValidationContext>? Validate { get; }

    /// <summary>
    /// Whether a response with a success status is an error all the same (S3 answers CopyObject and a few
    /// others with 200 and an <c>Error</c> document); the pipeline then reads it as an error response, so
    /// the error is a value like any other. Null when the operation's answers never carry one.
    /// </summary>
    public Func<AwsResponse, bool>? IsErrorAnswer { get; }

    /// <summary>
    /// Resolves the endpoint of one call: the rule set's parameters from the client (built-ins, client context)
    /// and from the request (static, request-member and JMESPath-bound parameters), and from the call's credentials
    /// (their account id, when the client's rules read <c>AWS::Auth::AccountId</c>: see
    /// <see cref="AwsClient.EndpointRulesReadAccountId"/>; null otherwise); null when the client's endpoint serves every call.
    /// </summary>
    public Func<TRequest, AwsClient, Auth.AwsCredentials?, Endpoints.AwsEndpoint>? ResolveEndpoint { get; }
}

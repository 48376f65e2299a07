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
    public AwsOperation(
        string name,
        AwsAuthScheme auth,
        Action<TRequest, AwsRequestBuilder> marshal,
        Func<AwsResponse, TResponse> unmarshal,
        Action<TRequest, AwsValidationContext>? validate = null,
        Func<AwsResponse, bool>? isErrorAnswer = null)
    {
        Name = name;
        Auth = auth;
        Marshal = marshal;
        Unmarshal = unmarshal;
        Validate = validate;
        IsErrorAnswer = isErrorAnswer;
    }

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
    /// Whether a success answer's body is left on the connection for <see cref="Unmarshal"/> (an event stream): it
    /// gets the open body as <see cref="AwsResponse.BodyStream"/>, unbuffered, and what it returns owns the response.
    /// </summary>
    public bool StreamsResponse { get; init; }
}

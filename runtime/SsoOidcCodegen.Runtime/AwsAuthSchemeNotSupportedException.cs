namespace SsoOidcCodegen.Runtime;

using System;

/// <summary>
/// The endpoint rules ask for an auth scheme this client cannot sign with (for example S3 Express One Zone's
/// <c>sigv4-s3express</c>, which needs a CreateSession token); nothing was sent.
/// </summary>
public sealed class AwsAuthSchemeNotSupportedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operationName">The operation called.</param>
    /// <param name="scheme">The scheme the rules asked for.</param>
    public AwsAuthSchemeNotSupportedException(string operationName, string scheme)
        : base($"{operationName}: the endpoint requires the auth scheme '{scheme}', which this client does not support (it signs with sigv4 and sigv4a). Nothing was sent.")
    {
        OperationName = operationName;
        Scheme = scheme;
    }

    /// <summary>The operation called.</summary>
    public string OperationName { get; }

    /// <summary>The scheme the rules asked for.</summary>
    public string Scheme { get; }
}

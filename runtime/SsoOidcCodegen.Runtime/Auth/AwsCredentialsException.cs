namespace SsoOidcCodegen.Runtime.Auth;

using System;

/// <summary>
/// No credentials could be found. The message names every place that was tried and why it gave
/// nothing; it never contains a secret access key or a session token.
/// </summary>
public class AwsCredentialsException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AwsCredentialsException()
        : base("No AWS credentials were found.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was tried; must not contain a secret.</param>
    public AwsCredentialsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the error that stopped the lookup.</summary>
    /// <param name="message">What was tried; must not contain a secret.</param>
    /// <param name="innerException">The error that stopped the lookup (for example an unreadable file).</param>
    public AwsCredentialsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

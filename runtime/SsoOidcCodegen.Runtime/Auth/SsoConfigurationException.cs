namespace SsoOidcCodegen.Runtime.Auth;

using System;

/// <summary>
/// A profile or <c>[sso-session]</c> section is missing, or lacks a setting SSO needs. The message
/// names the file, the section and the missing settings.
/// </summary>
public sealed class SsoConfigurationException : AwsCredentialsException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SsoConfigurationException()
        : base("The SSO configuration is incomplete.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing, and where.</param>
    public SsoConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is missing, and where.</param>
    /// <param name="innerException">The cause.</param>
    public SsoConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

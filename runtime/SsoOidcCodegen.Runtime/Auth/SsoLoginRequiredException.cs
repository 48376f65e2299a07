namespace SsoOidcCodegen.Runtime.Auth;

using System;

/// <summary>
/// There is no usable SSO access token for a profile: none is cached, it has expired and cannot be
/// refreshed, or the SSO portal no longer accepts it. The message tells the user which command signs
/// in again (<c>sso-login --profile NAME</c>, or <c>aws sso login --profile NAME</c>).
/// </summary>
public sealed class SsoLoginRequiredException : AwsCredentialsException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SsoLoginRequiredException()
        : base("The SSO session has expired or is otherwise invalid; sign in again with sso-login.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why, and the command that fixes it.</param>
    public SsoLoginRequiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">Why, and the command that fixes it.</param>
    /// <param name="innerException">The cause (a rejected refresh, an answer of the portal).</param>
    public SsoLoginRequiredException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

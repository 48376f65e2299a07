namespace SsoLogin.Flow;

using System;

/// <summary>The login cannot finish (denied, expired, timed out...); the message says why in one sentence, without secrets.</summary>
public sealed class LoginFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LoginFailedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

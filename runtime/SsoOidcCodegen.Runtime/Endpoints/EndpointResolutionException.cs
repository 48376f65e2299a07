namespace SsoOidcCodegen.Runtime.Endpoints;

using System;

/// <summary>
/// The endpoint rules could not produce an endpoint for the given parameters: an error rule matched
/// (for example "Invalid Configuration: Missing Region"), a required parameter was not set, or no rule matched.
/// </summary>
public class EndpointResolutionException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public EndpointResolutionException()
        : base("The endpoint could not be resolved.")
    {
    }

    /// <summary>Creates the exception with the message the rule set gives.</summary>
    /// <param name="message">The message, exactly as the rule set states it.</param>
    public EndpointResolutionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EndpointResolutionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

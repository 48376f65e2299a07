namespace SsoOidcCodegen.Runtime.Waiters;

using System;

/// <summary>
/// A waiter stopped without success: an acceptor reached its <c>failure</c> state, or the service
/// answered with an error no acceptor expects (then <see cref="Exception.InnerException"/> is that error).
/// </summary>
public class WaiterFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WaiterFailedException(string waiterName, int attempts, string reason, Exception? innerException = null)
        : base($"Waiter {waiterName} failed after {attempts} attempt(s): {reason}", innerException)
    {
        WaiterName = waiterName;
        Attempts = attempts;
        Reason = reason;
    }

    /// <summary>The waiter's name in the model (<c>TableExists</c>).</summary>
    public string WaiterName { get; }

    /// <summary>How many calls the waiter made.</summary>
    public int Attempts { get; }

    /// <summary>Which acceptor decided, or which error ended the wait.</summary>
    public string Reason { get; }
}

namespace SsoOidcCodegen.Runtime.Waiters;

using System;

/// <summary>A waiter used up its attempts (or its <see cref="WaiterOptions.MaxWaitTime"/>) without reaching success or failure.</summary>
public sealed class WaiterTimeoutException : WaiterFailedException
{
    /// <summary>Creates the exception.</summary>
    public WaiterTimeoutException(string waiterName, int attempts, TimeSpan elapsed)
        : base(waiterName, attempts, $"no acceptor reached a final state within {attempts} attempt(s) and {elapsed.TotalSeconds:0.###} s")
    {
        Elapsed = elapsed;
    }

    /// <summary>The time from the first call to the last answer.</summary>
    public TimeSpan Elapsed { get; }
}

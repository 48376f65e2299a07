namespace SsoOidcCodegen.Runtime.Waiters;

/// <summary>What an acceptor decides about one attempt.</summary>
public enum WaiterState
{
    /// <summary>The resource reached the wanted state: the waiter returns.</summary>
    Success,

    /// <summary>The resource can no longer reach it: the waiter throws <see cref="WaiterFailedException"/>.</summary>
    Failure,

    /// <summary>Not yet: the waiter tries again after a delay.</summary>
    Retry,
}

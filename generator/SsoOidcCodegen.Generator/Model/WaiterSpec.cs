namespace SsoOidcCodegen.Generator.Model;

/// <summary>
/// A waiter from the model's waiters file (version 2): the operation it polls, the model's delay and
/// attempts, and its acceptors in order. JMESPath arguments are kept as text; the parser has checked
/// that they compile against the response shape, the emitter compiles them again.
/// </summary>
internal sealed record WaiterSpec(
    string Name,
    string OperationName,
    int Delay,
    int MaxAttempts,
    string? Description,
    EquatableArray<AcceptorSpec> Acceptors);

/// <summary>The acceptor matchers of waiters version 2.</summary>
internal enum MatcherKind
{
    Path,
    PathAll,
    PathAny,
    Status,
    Error,
}

/// <summary>
/// One acceptor: the state it leads to, its matcher, the JMESPath argument (path matchers) and the
/// expected value as a JSON literal (<c>"ACTIVE"</c>, <c>true</c>, <c>404</c>).
/// </summary>
internal sealed record AcceptorSpec(SsoOidcCodegen.Generator.Model.AcceptorState State, MatcherKind Matcher, string? Argument, string ExpectedJson);

/// <summary>The states an acceptor leads to.</summary>
internal enum AcceptorState
{
    Success,
    Failure,
    Retry,
}

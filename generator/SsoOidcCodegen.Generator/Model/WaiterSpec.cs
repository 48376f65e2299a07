namespace SsoOidcCodegen.Generator.Model;

/// <summary>
/// A waiter from the model's waiters file (version 2): the operation it polls, the model's delay and
/// attempts, and its acceptors in order. JMESPath arguments are kept as text; the parser has checked
/// that they compile against the response shape, the emitter compiles them again.
/// </summary>
internal sealed record WaiterSpec
{
    public required string Name { get; init; }

    public required string OperationName { get; init; }

    public required int Delay { get; init; }

    public required int MaxAttempts { get; init; }

    public required string? Description { get; init; }

    public required EquatableArray<AcceptorSpec> Acceptors { get; init; }
}

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
internal sealed record AcceptorSpec
{
    public required SsoOidcCodegen.Generator.Model.AcceptorState State { get; init; }

    public required MatcherKind Matcher { get; init; }

    public required string? Argument { get; init; }

    public required string ExpectedJson { get; init; }
}

/// <summary>The states an acceptor leads to.</summary>
internal enum AcceptorState
{
    Success,
    Failure,
    Retry,
}

namespace SsoOidcCodegen.Runtime.Waiters;

/// <summary>The acceptor that matched an attempt: its state and a description for messages.</summary>
/// <param name="State">The acceptor's state.</param>
/// <param name="Acceptor">What it matched, as the model states it (<c>path Table.TableStatus == "ACTIVE"</c>).</param>
public readonly record struct WaiterMatch(WaiterState State, string Acceptor);

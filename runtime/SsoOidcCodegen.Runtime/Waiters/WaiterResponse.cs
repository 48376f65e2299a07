namespace SsoOidcCodegen.Runtime.Waiters;

/// <summary>A successful response with the HTTP status code it came with (for the <c>status</c> matcher).</summary>
/// <typeparam name="TResponse">The operation's response type.</typeparam>
/// <param name="Response">The unmarshalled response.</param>
/// <param name="StatusCode">The HTTP status code.</param>
public sealed record WaiterResponse<TResponse>(TResponse Response, int StatusCode);

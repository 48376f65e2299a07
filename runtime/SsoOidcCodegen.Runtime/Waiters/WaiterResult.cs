namespace SsoOidcCodegen.Runtime.Waiters;

using System;

/// <summary>How a waiter reached its success state.</summary>
/// <typeparam name="TResponse">The operation's response type.</typeparam>
/// <param name="Response">The last response, or null when an <c>error</c> acceptor matched (for example "the resource no longer exists").</param>
/// <param name="Error">The error that matched, when an <c>error</c> acceptor decided.</param>
/// <param name="Attempts">How many calls the waiter made.</param>
/// <param name="Elapsed">The time from the first call to the last answer.</param>
public sealed record WaiterResult<TResponse>(TResponse? Response, AwsServiceException? Error, int Attempts, TimeSpan Elapsed)
    where TResponse : class;

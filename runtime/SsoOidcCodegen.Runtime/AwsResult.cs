namespace SsoOidcCodegen.Runtime;

using System;
using System.Diagnostics.CodeAnalysis;

/// <summary>
/// What a <c>TryXxxAsync</c> call returns: the response, or the error the service answered, as a value.
/// The error is the same typed exception object the throwing <c>XxxAsync</c> throws (a generated
/// subclass of <see cref="AwsServiceException"/> when the model lists the error), created but never thrown,
/// so a loop that expects an error (a device-flow poll answered <c>AuthorizationPendingException</c>)
/// pays for no throw.
/// </summary>
/// <remarks>
/// Only the service's answers come back as values: every error response, modelled or not (an error
/// response whose body cannot be read is an <see cref="AwsUnmarshallingException"/> with the response's
/// status). What is not an answer still throws, as from the throwing variant: a success response whose body
/// cannot be read (<see cref="AwsUnmarshallingException"/>), a body over the size limit
/// (<see cref="AwsResponseTooLargeException"/>), <see cref="AwsTransportException"/>,
/// <see cref="AwsTimeoutException"/>, <see cref="OperationCanceledException"/>, and the request's own
/// <see cref="AwsValidationException"/> and <see cref="Auth.AwsCredentialsException"/>. Retryable errors are
/// retried inside the call first; the result holds the last answer. <c>default(AwsResult&lt;T&gt;)</c> is
/// not a result any call returns (it reads as a success whose value is <c>default</c>).
/// </remarks>
/// <typeparam name="T">The response type.</typeparam>
public readonly struct AwsResult<T> : IEquatable<AwsResult<T>>
{
    private readonly T value;
    private readonly AwsServiceException? error;

    private AwsResult(T value, AwsServiceException? error)
    {
        this.value = value;
        this.error = error;
    }

    /// <summary>True when the service answered with a response; false when it answered with an error.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => error is null;

    /// <summary>The response.</summary>
    /// <exception cref="InvalidOperationException">The service answered with an error (it is the inner exception).</exception>
    public T Value => error is null
        ? value
        : throw new InvalidOperationException("The call has no response: the service answered " + Describe(error) + ". Check IsSuccess or use TryGetValue, or GetValueOrThrow to throw the service's error.", error);

    /// <summary>The service's error; null when the call succeeded.</summary>
    public AwsServiceException? Error => error;

    /// <summary>A result that holds a response.</summary>
    /// <param name="value">The response.</param>
    /// <returns>The result.</returns>
    public static AwsResult<T> Success(T value) => new(value, null);

    /// <summary>A result that holds the service's error.</summary>
    /// <param name="error">The error the service answered.</param>
    /// <returns>The result.</returns>
    public static AwsResult<T> Failure(AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new AwsResult<T>(default!, error);
    }

    /// <summary>Gets the response when the call succeeded.</summary>
    /// <param name="value">The response; <c>default</c> when the service answered with an error.</param>
    /// <returns>True when the call succeeded.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = this.value;
        return error is null;
    }

    /// <summary>Gets the service's error when there is one.</summary>
    /// <param name="error">The error; null when the call succeeded.</param>
    /// <returns>True when the service answered with an error.</returns>
    public bool TryGetError([NotNullWhen(true)] out AwsServiceException? error)
    {
        error = this.error;
        return error is not null;
    }

    /// <summary>Gets the service's error when it is of type <typeparamref name="TError"/> (a generated modelled exception, say).</summary>
    /// <typeparam name="TError">The error type to look for.</typeparam>
    /// <param name="error">The error; null when the call succeeded or the error is of another type.</param>
    /// <returns>True when the service answered with an error of that type.</returns>
    public bool TryGetError<TError>([NotNullWhen(true)] out TError? error)
        where TError : AwsServiceException
    {
        error = this.error as TError;
        return error is not null;
    }

    /// <summary>The response, or throws the service's error (the first throw of that exception object, so its stack trace starts here).</summary>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service answered with an error (the typed exception).</exception>
    public T GetValueOrThrow() => error is null ? value : throw error;

    /// <summary>Maps the result to one value: <paramref name="success"/> for a response, <paramref name="failure"/> for an error.</summary>
    /// <typeparam name="TResult">What both branches return.</typeparam>
    /// <param name="success">Called with the response.</param>
    /// <param name="failure">Called with the error.</param>
    /// <returns>What the chosen branch returned.</returns>
    public TResult Match<TResult>(Func<T, TResult> success, Func<AwsServiceException, TResult> failure)
    {
        ArgumentNullException.ThrowIfNull(success);
        ArgumentNullException.ThrowIfNull(failure);
        return error is null ? success(value) : failure(error);
    }

    /// <inheritdoc/>
    public bool Equals(AwsResult<T> other) =>
        ReferenceEquals(error, other.error) && System.Collections.Generic.EqualityComparer<T>.Default.Equals(value, other.value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AwsResult<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => error is null ? HashCode.Combine(value) : error.GetHashCode();

    /// <summary>Whether two results hold the same response or the same error object.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they hold the same.</returns>
    public static bool operator ==(AwsResult<T> left, AwsResult<T> right) => left.Equals(right);

    /// <summary>Whether two results differ.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(AwsResult<T> left, AwsResult<T> right) => !left.Equals(right);

    /// <summary>"Success: ..." or "Error: code (status)"; never a secret (the response's own redacting <c>ToString</c>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => error is null ? "Success: " + value : "Error: " + Describe(error);

    private static string Describe(AwsServiceException error) =>
        (error.ErrorCode.Length > 0 ? error.ErrorCode : error.GetType().Name) + " (HTTP " + ((int)error.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
}

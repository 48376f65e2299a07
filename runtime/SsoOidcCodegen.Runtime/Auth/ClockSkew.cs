namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;

/// <summary>
/// Corrects the signing time for a local clock that is off: given the time a service reported
/// (its <c>Date</c> header) and the local time it was received at, keeps the difference as an offset
/// when it exceeds <see cref="Threshold"/>, and adds that offset to the signing time. Thread-safe.
/// </summary>
/// <remarks>
/// A SigV4 signature is refused when its time is more than 5 minutes from the service's clock
/// (<c>RequestTimeTooSkewed</c>, <c>InvalidSignatureException</c>...). The pipeline calls
/// <see cref="Update(DateTimeOffset, DateTimeOffset)"/> when a response says so (see
/// <see cref="IsClockSkewError"/>) and signs the retry at <see cref="GetSigningTime(TimeProvider)"/>.
/// Some of those codes also mean a wrong secret, so retry only when the offset changed (the
/// return value of <see cref="Update(DateTimeOffset, DateTimeOffset)"/>).
/// </remarks>
public sealed class ClockSkew
{
    /// <summary>A difference larger than this is corrected; a smaller one is left alone (and clears an earlier correction).</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromMinutes(4);

    private long _offsetTicks;

    /// <summary>What is added to the local time to get the service's time; zero when no correction is needed.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Volatile.Read(ref _offsetTicks));

    /// <summary>Whether <paramref name="errorCode"/> is one a service answers for a request signed at the wrong time.</summary>
    /// <param name="errorCode">The error code of the response, for example <c>RequestTimeTooSkewed</c>.</param>
    public static bool IsClockSkewError(string? errorCode) => errorCode is
        "RequestTimeTooSkewed" or
        "RequestExpired" or
        "RequestInTheFuture" or
        "InvalidSignatureException" or
        "SignatureDoesNotMatch" or
        "AuthFailure";

    /// <summary>The local time corrected by <see cref="Offset"/>: the time to sign at.</summary>
    /// <param name="localTime">The local clock's current time.</param>
    public DateTimeOffset GetSigningTime(DateTimeOffset localTime) => localTime + Offset;

    /// <summary>The current time from <paramref name="timeProvider"/> (the system clock when null), corrected by <see cref="Offset"/>.</summary>
    /// <param name="timeProvider">The local clock; null for <see cref="TimeProvider.System"/>.</param>
    public DateTimeOffset GetSigningTime(TimeProvider? timeProvider = null) =>
        GetSigningTime((timeProvider ?? TimeProvider.System).GetUtcNow());

    /// <summary>The offset a service time and a local time call for: their difference past <see cref="Threshold"/>, else zero.</summary>
    /// <param name="serverTime">The time the service reported.</param>
    /// <param name="localTime">The local time when the response arrived.</param>
    public static TimeSpan OffsetFor(DateTimeOffset serverTime, DateTimeOffset localTime)
    {
        TimeSpan skew = serverTime - localTime;
        return skew.Duration() > Threshold ? skew : TimeSpan.Zero;
    }

    /// <summary>Records the difference between the service's clock and the local clock.</summary>
    /// <param name="serverTime">The time the service reported.</param>
    /// <param name="localTime">The local time when the response arrived.</param>
    /// <returns>Whether <see cref="Offset"/> changed.</returns>
    public bool Update(DateTimeOffset serverTime, DateTimeOffset localTime)
    {
        long offset = OffsetFor(serverTime, localTime).Ticks;
        return Interlocked.Exchange(ref _offsetTicks, offset) != offset;
    }

    /// <summary>
    /// Records the difference from a <c>Date</c> header (RFC 1123, for example
    /// <c>Tue, 24 Nov 2026 13:35:45 GMT</c>) or an <c>X-Amz-Date</c>/ISO 8601 time.
    /// </summary>
    /// <param name="serverDate">The header's value.</param>
    /// <param name="localTime">The local time when the response arrived.</param>
    /// <returns>False when the value cannot be read as a time (the offset is then unchanged); else true.</returns>
    public bool TryUpdate(string? serverDate, DateTimeOffset localTime)
    {
        if (!TryParseServerTime(serverDate, out DateTimeOffset serverTime))
        {
            return false;
        }

        Update(serverTime, localTime);
        return true;
    }

    /// <summary>Records the difference from a response's <c>Date</c> header.</summary>
    /// <param name="response">The service's response.</param>
    /// <param name="localTime">The local time when the response arrived.</param>
    /// <returns>False when the response has no readable <c>Date</c> header (the offset is then unchanged); else true.</returns>
    public bool TryUpdate(HttpResponseMessage response, DateTimeOffset localTime)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (ServerDate(response) is not { } serverTime)
        {
            return false;
        }

        Update(serverTime, localTime);
        return true;
    }

    /// <summary>
    /// The response's <c>Date</c>, or null when it has none it can read: taken as sent when it has the IMF-fixdate form
    /// (<c>Tue, 24 Nov 2026 13:45:45 GMT</c>) every AWS service sends, which makes no parsed-header store, and read by
    /// <see cref="Protocols.HttpWire.TryParseHttpDate"/> (no culture data, so no ICU), else by the framework's "r" parse; else as
    /// <see cref="System.Net.Http.Headers.HttpResponseHeaders.Date"/> reads it (the obsolete RFC 850 and asctime forms).
    /// </summary>
    /// <param name="response">The service's response.</param>
    /// <returns>The server's time, or null.</returns>
    public static DateTimeOffset? ServerDate(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.NonValidated.TryGetValues("Date", out System.Net.Http.Headers.HeaderStringValues values))
        {
            return null;
        }

        if (values.Count == 1)
        {
            // The header changes once a second: the last text read and its time are kept (compared by value, a few
            // dozen characters, instead of parsed again).
            string text = values.ToString();
            if (lastDate is { } last && string.Equals(last.Text, text, StringComparison.Ordinal))
            {
                return last.Time;
            }

            if (Protocols.HttpWire.TryParseHttpDate(text, out DateTimeOffset date)
                || DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                lastDate = new ParsedDate(text, date);
                return date;
            }
        }

        return response.Headers.Date;
    }

    // One object, replaced whole and never changed: a reader sees one pair or the other, never a mix.
    private static ParsedDate? lastDate;

    private sealed record ParsedDate(string Text, DateTimeOffset Time);

    /// <summary>Forgets the correction.</summary>
    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);

    /// <summary>The offset, for logs.</summary>
    public override string ToString() => $"ClockSkew {{ Offset = {Offset.ToString("c", CultureInfo.InvariantCulture)} }}";

    private static bool TryParseServerTime(string? value, out DateTimeOffset time)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            time = default;
            return false;
        }

        string trimmed = value.Trim();
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return DateTimeOffset.TryParseExact(trimmed, "r", CultureInfo.InvariantCulture, Utc, out time)
            || DateTimeOffset.TryParseExact(trimmed, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, Utc, out time)
            || DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, Utc, out time);
    }
}

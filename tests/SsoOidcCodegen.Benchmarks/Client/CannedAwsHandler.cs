namespace SsoOidcCodegen.Benchmarks.Client;

using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// The in-memory SSO OIDC service every client benchmark sends to: it answers each request from
/// its path with a canned AWS response, without a socket. Ours, the official SDK and the raw
/// HttpClient floor all go through one instance, so they pay the same for it.
/// </summary>
public sealed class CannedAwsHandler : HttpMessageHandler
{
    private const string RequestId = "8d1e5b2c-3f4a-4c6b-9a7d-2e1f0c9b8a76";
    private string date = FormatDate();
    private long dateTicks = Environment.TickCount64;
    private int pendingTokenReplies;
    private long requests;

    /// <summary>
    /// How many of the next <c>POST /token</c> calls answer <c>AuthorizationPendingException</c> before
    /// one succeeds; <see cref="int.MaxValue"/> answers it for ever.
    /// </summary>
    public int PendingTokenReplies
    {
        get => Volatile.Read(ref pendingTokenReplies);
        set => Volatile.Write(ref pendingTokenReplies, value);
    }

    /// <summary>Requests answered so far (to check that nobody retried).</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <inheritdoc/>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Answer(request);

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Answer(request));

    /// <summary>
    /// The <c>Date</c> header's value (RFC 1123), written by hand: the framework's formatting goes through
    /// <see cref="CultureInfo.InvariantCulture"/>, whose first use loads ICU (about 10 ms), which the cold login would
    /// then charge to both clients whether or not either needs it. Our runtime's <c>HttpWire.FormatHttpDate</c> writes the same, but
    /// the handler cannot call it: the program with the official SDK alone holds no part of ours.
    /// </summary>
    private static string FormatDate()
    {
        DateTime now = DateTime.UtcNow;
        const string Days = "SunMonTueWedThuFriSat";
        const string Months = "JanFebMarAprMayJunJulAugSepOctNovDec";
        Span<char> text = stackalloc char[29];
        "ddd, 00 MMM 0000 00:00:00 GMT".AsSpan().CopyTo(text);
        Days.AsSpan((int)now.DayOfWeek * 3, 3).CopyTo(text);
        Months.AsSpan((now.Month - 1) * 3, 3).CopyTo(text.Slice(8));
        Digits(text.Slice(5, 2), now.Day);
        Digits(text.Slice(12, 4), now.Year);
        Digits(text.Slice(17, 2), now.Hour);
        Digits(text.Slice(20, 2), now.Minute);
        Digits(text.Slice(23, 2), now.Second);
        return new string(text);

        static void Digits(Span<char> into, int value)
        {
            for (int i = into.Length - 1; i >= 0; i--, value /= 10)
            {
                into[i] = (char)('0' + (value % 10));
            }
        }
    }

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        Interlocked.Increment(ref requests);
        string path = request.RequestUri!.AbsolutePath;
        (HttpStatusCode status, byte[] body, string? errorType) = path switch
        {
            "/client/register" => (HttpStatusCode.OK, CannedResponses.RegisterClient, null),
            "/device_authorization" => (HttpStatusCode.OK, CannedResponses.StartDeviceAuthorization, null),
            "/token" when request.RequestUri.Query.Contains("aws_iam=t", StringComparison.Ordinal) => (HttpStatusCode.OK, CannedResponses.CreateTokenWithIam, null),
            "/token" when TakePending() => (HttpStatusCode.BadRequest, CannedResponses.AuthorizationPending, "AuthorizationPendingException"),
            "/token" => (HttpStatusCode.OK, CannedResponses.CreateToken, null),
            _ => (HttpStatusCode.NotFound, CannedResponses.UnknownOperation, "UnknownOperationException"),
        };

        var response = new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(body),
        };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        response.Headers.TryAddWithoutValidation("Date", CurrentDate());
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", RequestId);
        if (errorType is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
        }

        return response;
    }

    private bool TakePending()
    {
        while (true)
        {
            int left = Volatile.Read(ref pendingTokenReplies);
            if (left <= 0)
            {
                return false;
            }

            if (left == int.MaxValue || Interlocked.CompareExchange(ref pendingTokenReplies, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    // Real responses carry a Date header (both clients read it for clock skew); formatting it once a second keeps the handler cheap.
    private string CurrentDate()
    {
        long now = Environment.TickCount64;
        if (now - Volatile.Read(ref dateTicks) >= 1000)
        {
            Volatile.Write(ref date, FormatDate());
            Volatile.Write(ref dateTicks, now);
        }

        return Volatile.Read(ref date);
    }
}

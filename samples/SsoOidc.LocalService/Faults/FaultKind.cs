namespace SsoOidc.LocalService;

/// <summary>What a fault does to one request.</summary>
public enum FaultKind
{
    /// <summary>An AWS-shaped error with a chosen status (500 InternalServerException, 503 ServiceUnavailableException...).</summary>
    Status,

    /// <summary>A throttling error: 400 SlowDownException or 429 ThrottlingException.</summary>
    Throttle,

    /// <summary>A delay before the request is handled normally.</summary>
    Latency,

    /// <summary>The connection is aborted without a response.</summary>
    DropConnection,

    /// <summary>The normal response with its body cut short (Content-Length matches the cut body).</summary>
    TruncatedBody,

    /// <summary>An HTML page, as a proxy or captive portal would send, instead of JSON.</summary>
    HtmlBody,

    /// <summary>A response with a status and no body at all.</summary>
    EmptyBody,
}

/// <summary>Which throttling answer <see cref="RouteFaults.Throttle"/> gives.</summary>
public enum ThrottleStyle
{
    /// <summary>400 with <c>SlowDownException</c>, the modelled throttling error.</summary>
    SlowDown,

    /// <summary>429 with <c>ThrottlingException</c>, the AWS-wide throttling error.</summary>
    TooManyRequests,
}

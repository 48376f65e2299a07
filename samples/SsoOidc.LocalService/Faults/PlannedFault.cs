namespace SsoOidc.LocalService.Faults;

using System;
using SsoOidc.LocalService;

/// <summary>One fault to apply to one request; the parameters that do not apply to its kind are defaults.</summary>
internal sealed record PlannedFault(
    FaultKind Kind,
    int StatusCode = 0,
    ThrottleStyle ThrottleStyle = ThrottleStyle.SlowDown,
    TimeSpan Latency = default,
    int? KeepBytes = null);

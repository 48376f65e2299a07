namespace SsoOidcCodegen.Runtime;

using System;
using Microsoft.Extensions.Logging;

/// <summary>
/// The client's log messages. Requests are logged through their generated <c>ToString</c>, which
/// redacts sensitive members; headers (Authorization, security tokens) and bodies are never logged.
/// </summary>
internal static class LogMessages
{
    public static readonly Action<ILogger, string, string, string, Exception?> Sending =
        LoggerMessage.Define<string, string, string>(LogLevel.Debug, new EventId(1, "Sending"), "{Service}.{Operation} sending {Request}");

    public static readonly Action<ILogger, string, int, string?, double, Exception?> Received =
        LoggerMessage.Define<string, int, string?, double>(LogLevel.Debug, new EventId(2, "Received"), "{Operation} answered {Status} (request id {RequestId}) in {Milliseconds:0.0} ms");

    public static readonly Action<ILogger, string, int, string, int?, Exception?> Failed =
        LoggerMessage.Define<string, int, string, int?>(LogLevel.Debug, new EventId(3, "Failed"), "{Operation} attempt {Attempt} failed: {Error} (status {Status})");
}

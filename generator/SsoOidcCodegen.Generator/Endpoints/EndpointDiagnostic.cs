namespace SsoOidcCodegen.Generator.Endpoints;

using System.Globalization;

/// <summary>How serious an endpoint diagnostic is. Errors stop code generation for the rule set.</summary>
internal enum EndpointDiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>
/// A problem found in an endpoint rule set: the descriptor id, the formatted message and where it is
/// (file path, 1-based line and column; 0 when the problem concerns the whole file). A cacheable value.
/// </summary>
internal sealed record EndpointDiagnostic
{
    public EndpointDiagnostic(string id, EndpointDiagnosticSeverity severity, string message, string filePath, int line, int column)
    {
        Id = id;
        Severity = severity;
        Message = message;
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>The descriptor id, one of <see cref="EndpointDiagnosticDescriptors"/>.</summary>
    public string Id { get; }

    public EndpointDiagnosticSeverity Severity { get; }

    public string Message { get; }

    public string FilePath { get; }

    public int Line { get; }

    public int Column { get; }

    public bool IsError => Severity == EndpointDiagnosticSeverity.Error;

    /// <summary>In the compiler's <c>file(line,col): error ID: message</c> form.</summary>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0}({1},{2}): {3} {4}: {5}",
        FilePath,
        Line,
        Column,
        Severity == EndpointDiagnosticSeverity.Error ? "error" : "warning",
        Id,
        Message);
}

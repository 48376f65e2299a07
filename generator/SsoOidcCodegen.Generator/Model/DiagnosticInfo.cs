namespace SsoOidcCodegen.Generator.Model;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

/// <summary>
/// A diagnostic as data: the descriptor id, an equatable location (file and line span taken from
/// the JSON reader's line info) and the message arguments. Turned into a <see cref="Diagnostic"/>
/// only when it is reported.
/// </summary>
/// <remarks><see cref="Severity"/> overrides the descriptor's default (item metadata such as <c>LeftOutSeverity</c>).</remarks>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments, DiagnosticSeverity? Severity = null)
{
    public Diagnostic ToDiagnostic()
    {
        DiagnosticDescriptor descriptor = Diagnostics.DiagnosticDescriptors.ById(Id);
        object[] args = new object[Arguments.Count];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }

        Location location = Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None;
        return Severity is { } severity && severity != descriptor.DefaultSeverity
            ? Diagnostic.Create(descriptor, location, severity, additionalLocations: null, properties: null, args)
            : Diagnostic.Create(descriptor, location, args);
    }
}

/// <summary>An equatable stand-in for <see cref="Location"/>: a file and a 0-based line span.</summary>
internal sealed record LocationInfo(string FilePath, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public Location ToLocation()
    {
        var span = new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn));
        return Location.Create(FilePath, default, span);
    }
}

/// <summary>A parse result: a spec (absent when the model is unusable) and its diagnostics.</summary>
internal sealed record ParseResult(ServiceSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

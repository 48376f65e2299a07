namespace SsoOidcCodegen.Generator.Model;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

/// <summary>
/// A diagnostic as data: the descriptor id, an equatable location (file and line span taken from
/// the JSON reader's line info) and the message arguments. Turned into a <see cref="Diagnostic"/>
/// only when it is reported.
/// </summary>
/// <remarks><see cref="Severity"/> overrides the descriptor's default (item metadata such as <c>LeftOutSeverity</c>).</remarks>
internal sealed record DiagnosticInfo
{
    public required string Id { get; init; }

    public required LocationInfo? Location { get; init; }

    public required EquatableArray<string> Arguments { get; init; }

    public DiagnosticSeverity? Severity { get; init; }

    /// <summary>A diagnostic of <paramref name="descriptor"/> at <paramref name="location"/> with its message arguments.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new() { Id = descriptor.Id, Location = location, Arguments = new EquatableArray<string>(arguments) };

    /// <summary>The descriptor's default severity, or the override.</summary>
    public DiagnosticSeverity EffectiveSeverity => Severity ?? Diagnostics.DiagnosticDescriptors.ById(Id).DefaultSeverity;

    /// <summary>Whether the diagnostic stops generation for its model.</summary>
    public bool IsError => EffectiveSeverity == DiagnosticSeverity.Error;

    /// <summary>The message: the descriptor's format filled with the arguments.</summary>
    public string GetMessage() => ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture);

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
    /// <summary>
    /// One character at a 1-based line and column as JSON readers report them; 0 (unknown) gives the start of
    /// the file.
    /// </summary>
    public static LocationInfo At(string path, int line, int column)
    {
        int l = System.Math.Max(0, line - 1);
        int c = System.Math.Max(0, column - 1);
        return new LocationInfo(path, l, c, l, c + 1);
    }

    /// <summary>The whole file, for a diagnostic about no line in particular.</summary>
    public static LocationInfo File(string path) => new(path, 0, 0, 0, 0);

    public Location ToLocation()
    {
        var span = new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn));
        return Location.Create(FilePath, default, span);
    }
}

/// <summary>A parse result: a spec (absent when the model is unusable) and its diagnostics.</summary>
internal sealed record ParseResult(ServiceSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>
    /// The documentation the spec's placeholders stand for, when the spec is the parse of the model's text without its
    /// documentation (<see cref="Parsing.DocumentationSplitter.Locate"/>); empty when the spec holds its documentation.
    /// </summary>
    public Parsing.DocumentationTable Documentation { get; init; } = Parsing.DocumentationTable.Empty;
}

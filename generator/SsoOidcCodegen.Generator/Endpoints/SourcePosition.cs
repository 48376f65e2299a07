namespace SsoOidcCodegen.Generator.Endpoints;

using System;

/// <summary>A 1-based line and column in the rule-set file, from the JSON reader's line information (0, 0 when unknown).</summary>
internal readonly struct SourcePosition : IEquatable<SourcePosition>
{
    public SourcePosition(int line, int column)
    {
        Line = line;

        // The JSON reader reports column 0 at the start of a line (for example at the end of the text).
        Column = line > 0 && column < 1 ? 1 : column;
    }

    /// <summary>No position: the diagnostic is about the file as a whole.</summary>
    public static SourcePosition None => default;

    public int Line { get; }

    public int Column { get; }

    public static bool operator ==(SourcePosition left, SourcePosition right) => left.Equals(right);

    public static bool operator !=(SourcePosition left, SourcePosition right) => !left.Equals(right);

    public bool Equals(SourcePosition other) => Line == other.Line && Column == other.Column;

    public override bool Equals(object? obj) => obj is SourcePosition other && Equals(other);

    public override int GetHashCode() => unchecked((Line * 397) ^ Column);

    /// <summary>This position in <paramref name="filePath"/>; <see cref="None"/> is the file as a whole.</summary>
    public Model.LocationInfo ToLocation(string filePath) =>
        Line == 0 ? Model.LocationInfo.File(filePath ?? string.Empty) : Model.LocationInfo.At(filePath ?? string.Empty, Line, Column);

    public override string ToString() => "(" + Line + "," + Column + ")";
}

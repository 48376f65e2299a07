namespace SsoOidcCodegen.Generator.Parsing;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// Takes a model's documentation out of its text before the parse, and puts it back into the parse result after it,
/// so that an edit of documentation alone (the common edit of a model) leaves the parse's input unchanged and the
/// incremental pipeline takes the parse from its cache.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Split"/> scans the text once, as JSON, and replaces the string value of every <c>"documentation"</c> key
/// with a placeholder, <c>"\u0001</c><i>n</i><c>"</c>, where <i>n</i> indexes the documentation it took out (decoded as
/// the JSON reader decodes it). The parser reads the rest as before and stores the placeholders where it stores
/// documentation; <see cref="Resolve"/> then writes the documentation over them, and moves every diagnostic's column back
/// past the placeholders on its line. A JSON string cannot hold a line break, so lines never move.
/// </para>
/// <para>
/// Whatever the scan cannot vouch for is left in the text as it was: a documentation string with a line break in it
/// (the reader would count it) or with an escape the reader would reject. The scan gives up on the whole model (and the
/// parser reads the original text) when the text is not JSON as this scan reads it (single-quoted strings, an
/// unterminated string), is over the parser's size limit, or already holds the placeholder's first character, so no
/// placeholder can be mistaken for text of the model. And when the parse of the text without documentation reports an
/// error, <see cref="Resolve"/> parses the original text instead, so an error's message and position are the original's
/// (a safeguard: no error message the parser writes today quotes the text around it, and the moved columns already match).
/// </para>
/// </remarks>
internal static class DocumentationSplitter
{
    private const char Marker = '\u0001';
    private const string MarkerEscape = "\\u0001";
    private const string Key = "documentation";

    // What the scan stops at outside strings (line breaks, strings, single quotes, comments), and inside them.
    private static readonly char[] Stops = { '\n', '\r', '"', '\'', '/' };
    private static readonly char[] StringStops = { '"', '\\', '\n', '\r' };

    /// <summary>Splits one model's text (see the type's remarks); never throws for bad input.</summary>
    public static SplitModel Split(ModelInput input, CancellationToken cancellationToken)
    {
        string? text = input.Text;
        if (text is null || text.Length > ServiceModelParser.MaxModelLength || text.IndexOf(Marker) >= 0 || text.IndexOf(MarkerEscape, StringComparison.Ordinal) >= 0)
        {
            return SplitModel.Unsplit(input);
        }

        var cuts = new List<int>();
        int count = 0;
        var shifts = new List<ColumnShift>();
        int line = 0;
        int lineStart = 0;
        int lineDelta = 0;
        int i = 0;
        while ((i = text.IndexOfAny(Stops, i)) >= 0)
        {
            char c = text[i];
            switch (c)
            {
                case '\n':
                    NewLine(i + 1);
                    i++;
                    continue;
                case '\r':
                    i += i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    NewLine(i);
                    continue;
                case '\'':
                    return SplitModel.Unsplit(input);
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    while (i < text.Length && text[i] is not ('\n' or '\r'))
                    {
                        i++;
                    }

                    continue;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    int close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        return SplitModel.Unsplit(input);
                    }

                    // A comment may hold line breaks: count them.
                    for (int j = i + 2; j < close; j++)
                    {
                        if (text[j] == '\n' || (text[j] == '\r' && text[j + 1] != '\n'))
                        {
                            NewLine(j + 1);
                        }
                    }

                    i = close + 2;
                    continue;
                case '"':
                    break;
                default:
                    // A slash that starts no comment: the reader's to report.
                    i++;
                    continue;
            }

            // A string: a key when a colon follows it.
            int keyStart = i;
            int keyEnd = StringEnd(text, i);
            if (keyEnd < 0)
            {
                // Unterminated, or with a line break in it (the reader counts it; the scan would have to).
                return SplitModel.Unsplit(input);
            }

            i = keyEnd;
            int colon = SkipSpaces(text, keyEnd);
            if (colon >= text.Length || text[colon] != ':' || keyEnd - keyStart != Key.Length + 2 || string.CompareOrdinal(text, keyStart + 1, Key, 0, Key.Length) != 0)
            {
                continue;
            }

            int valueStart = SkipSpaces(text, colon + 1);
            if (valueStart >= text.Length || text[valueStart] != '"')
            {
                continue;
            }

            int valueEnd = StringEnd(text, valueStart);
            if (valueEnd < 0)
            {
                return SplitModel.Unsplit(input);
            }

            i = valueEnd;
            if (!TryDecode(text, valueStart + 1, valueEnd - 1, null))
            {
                // Left as it is: the parser reads it, and reports what is wrong with it.
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            int delta = (valueEnd - valueStart) - PlaceholderLength(count);
            count++;
            cuts.Add(valueStart);
            cuts.Add(valueEnd);

            if (delta != 0)
            {
                // Where the placeholder ends in the text without documentation (0-based), and how much shorter it is.
                int end = valueEnd - lineStart - lineDelta - delta;
                shifts.Add(new ColumnShift(line, end, delta));
                lineDelta += delta;
            }
        }

        if (count == 0)
        {
            return SplitModel.Unsplit(input);
        }

        int[] cutArray = cuts.ToArray();
        return new SplitModel
        {
            Input = input,
            Structure = new ModelStructure(input, cutArray),
            Documentation = new DocumentationTable(text, cutArray),
            Shifts = EquatableArray<ColumnShift>.FromOwnedArray(shifts.ToArray()),
        };

        void NewLine(int next)
        {
            line++;
            lineStart = next;
            lineDelta = 0;
        }
    }

    /// <summary>
    /// The parse result of the model: <paramref name="structural"/> (the parse of <see cref="SplitModel.Structure"/>) with the
    /// documentation put back and its diagnostics' columns moved back; or, when that parse reported an error, the parse of
    /// the original text.
    /// </summary>
    public static ParseResult Resolve(ParseResult structural, SplitModel split, CancellationToken cancellationToken)
    {
        ParseResult located = Locate(structural, split, cancellationToken);
        return located.Spec is { } spec && !located.Documentation.IsEmpty
            ? new ParseResult(new DocumentationResolver(located.Documentation).Service(spec), located.Diagnostics)
            : located;
    }

    /// <summary>
    /// What the generator's pipeline takes from the parse: <paramref name="structural"/> with its diagnostics' columns
    /// moved back and the documentation its placeholders stand for (<see cref="ParseResult.Documentation"/>), written over
    /// them later, part by part (<see cref="DocumentationResolver"/>); or, when that parse reported an error, the parse of
    /// the original text, which holds no placeholders.
    /// </summary>
    public static ParseResult Locate(ParseResult structural, SplitModel split, CancellationToken cancellationToken)
    {
        if (split.Documentation.IsEmpty)
        {
            return structural;
        }

        foreach (DiagnosticInfo diagnostic in structural.Diagnostics)
        {
            if (diagnostic.IsError)
            {
                return ServiceModelParser.Parse(split.Input, cancellationToken);
            }
        }

        EquatableArray<DiagnosticInfo> diagnostics = structural.Diagnostics;
        if (!split.Shifts.IsEmpty && !diagnostics.IsEmpty)
        {
            var moved = new DiagnosticInfo[diagnostics.Count];
            for (int i = 0; i < moved.Length; i++)
            {
                DiagnosticInfo diagnostic = diagnostics[i];
                moved[i] = diagnostic.Location is { } location && location.FilePath == split.Input.Path
                    ? diagnostic with { Location = Move(location, split.Shifts) }
                    : diagnostic;
            }

            diagnostics = EquatableArray<DiagnosticInfo>.FromOwnedArray(moved);
        }

        return new ParseResult(structural.Spec, diagnostics) { Documentation = split.Documentation };
    }

    private static LocationInfo Move(LocationInfo location, EquatableArray<ColumnShift> shifts)
    {
        int start = Original(location.StartLine, location.StartColumn, shifts);
        int end = Original(location.EndLine, location.EndColumn, shifts);
        return start == location.StartColumn && end == location.EndColumn ? location : location with { StartColumn = start, EndColumn = end };
    }

    // A 0-based column of the text without documentation, as a column of the original text.
    private static int Original(int line, int column, EquatableArray<ColumnShift> shifts)
    {
        int result = column;
        foreach (ColumnShift shift in shifts)
        {
            if (shift.Line == line && shift.Column <= column)
            {
                result += shift.Delta;
            }
            else if (shift.Line > line)
            {
                break;
            }
        }

        return result;
    }

    // The index after the closing quote of the string opening at `start`; -1 when it does not close, or holds a line break.
    private static int StringEnd(string text, int start)
    {
        int i = start + 1;
        while ((i = text.IndexOfAny(StringStops, i)) >= 0)
        {
            switch (text[i])
            {
                case '"':
                    return i + 1;
                case '\\' when i + 1 < text.Length && text[i + 1] is not ('\n' or '\r'):
                    i += 2;
                    break;
                default:
                    return -1;
            }
        }

        return -1;
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\r')
        {
            if (text[i] is '\n' or '\r')
            {
                // A key and its colon on different lines: rare, and the line count would need to follow; not split.
                return text.Length;
            }

            i++;
        }

        return i;
    }

    // The length of placeholder `index` (Placeholder(index).Length), without making it.
    private static int PlaceholderLength(int index)
    {
        int digits = 1;
        for (int rest = index; rest >= 10; rest /= 10)
        {
            digits++;
        }

        return MarkerEscape.Length + 2 + digits;
    }

    /// <summary>
    /// The content of the JSON string from <paramref name="start"/> to <paramref name="end"/> (between its quotes) decoded
    /// as the reader decodes it; throws when the split did not take it out (<see cref="TryDecode"/> would reject it).
    /// </summary>
    internal static string Decode(string text, int start, int end)
    {
        if (text.IndexOf('\\', start, end - start) < 0)
        {
            return text.Substring(start, end - start);
        }

        var value = new StringBuilder(end - start);
        return TryDecode(text, start, end, value) ? value.ToString() : throw new InvalidOperationException("A documentation string the split took out does not decode.");
    }

    // Whether the reader accepts every escape of the JSON string content from `start` to `end`; appends the decoded text
    // to `value` when one is given, and only checks otherwise (the split, which decodes nothing).
    private static bool TryDecode(string text, int start, int end, StringBuilder? value)
    {
        int backslash = text.IndexOf('\\', start, end - start);
        if (backslash < 0)
        {
            value?.Append(text, start, end - start);
            return true;
        }

        value?.Append(text, start, backslash - start);
        for (int i = backslash; i < end; i++)
        {
            char c = text[i];
            if (c != '\\')
            {
                value?.Append(c);
                continue;
            }

            if (++i >= end)
            {
                return false;
            }

            char decoded;
            switch (text[i])
            {
                case '"': decoded = '"'; break;
                case '\\': decoded = '\\'; break;
                case '/': decoded = '/'; break;
                case 'b': decoded = '\b'; break;
                case 'f': decoded = '\f'; break;
                case 'n': decoded = '\n'; break;
                case 'r': decoded = '\r'; break;
                case 't': decoded = '\t'; break;
                case 'u' when i + 4 < end && Hex(text[i + 1]) is >= 0 and var a && Hex(text[i + 2]) is >= 0 and var b && Hex(text[i + 3]) is >= 0 and var d && Hex(text[i + 4]) is >= 0 and var e:
                    decoded = (char)((a << 12) | (b << 8) | (d << 4) | e);
                    i += 4;
                    break;
                default:
                    return false;
            }

            value?.Append(decoded);
        }

        return true;
    }

    // A hexadecimal digit's value (as ushort.TryParse with AllowHexSpecifier reads it), or -1.
    private static int Hex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

/// <summary>
/// A model split by <see cref="DocumentationSplitter.Split"/>: the original input, the input to parse (the text without
/// documentation; the original itself when nothing was taken out), the documentation taken out, and where on its line
/// each placeholder made the text shorter.
/// </summary>
internal sealed record SplitModel
{
    public required ModelInput Input { get; init; }

    public required ModelStructure Structure { get; init; }

    public required DocumentationTable Documentation { get; init; }

    public required EquatableArray<ColumnShift> Shifts { get; init; }

    /// <summary>A model parsed as it is.</summary>
    public static SplitModel Unsplit(ModelInput input) => new() { Input = input, Structure = new ModelStructure(input, Array.Empty<int>()), Documentation = DocumentationTable.Empty, Shifts = default };
}

/// <summary>
/// A model's text without its documentation, kept as the original text and where each documentation string starts and
/// ends: two are equal when their other input is and the text between the documentation strings is the same, compared in
/// place, so that the text without documentation is made only when it is parsed (<see cref="ToInput"/>).
/// </summary>
internal sealed class ModelStructure : IEquatable<ModelStructure>
{
    private readonly ModelInput input;

    // Start and end (exclusive) of each documentation string taken out, quotes included, in order.
    private readonly int[] cuts;

    private ModelInput? structure;

    public ModelStructure(ModelInput input, int[] cuts)
    {
        this.input = input;
        this.cuts = cuts;
    }

    /// <summary>The JSON string that stands in for documentation string <paramref name="index"/>.</summary>
    public static string Placeholder(int index) => "\"\\u0001" + index.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The input to parse: the original's, with the text without documentation (the original itself when none was taken out).</summary>
    public ModelInput ToInput()
    {
        if (cuts.Length == 0)
        {
            return input;
        }

        if (structure is null)
        {
            string text = input.Text;
            var builder = new StringBuilder(text.Length);
            int copied = 0;
            for (int i = 0; i < cuts.Length; i += 2)
            {
                builder.Append(text, copied, cuts[i] - copied).Append(Placeholder(i / 2));
                copied = cuts[i + 1];
            }

            builder.Append(text, copied, text.Length - copied);
            structure = input with { Text = builder.ToString() };
        }

        return structure;
    }

    public bool Equals(ModelStructure? other)
    {
        if (other is null || cuts.Length != other.cuts.Length)
        {
            return false;
        }

        if (cuts.Length == 0 || ReferenceEquals(input, other.input))
        {
            return input.Equals(other.input);
        }

        // Everything but the text equal, then the text between the documentation strings, piece by piece.
        if (input with { Text = string.Empty } != other.input with { Text = string.Empty })
        {
            return false;
        }

        string left = input.Text;
        string right = other.input.Text;
        int leftFrom = 0;
        int rightFrom = 0;
        for (int i = 0; i <= cuts.Length; i += 2)
        {
            int leftTo = i < cuts.Length ? cuts[i] : left.Length;
            int rightTo = i < cuts.Length ? other.cuts[i] : right.Length;
            if (leftTo - leftFrom != rightTo - rightFrom || string.CompareOrdinal(left, leftFrom, right, rightFrom, leftTo - leftFrom) != 0)
            {
                return false;
            }

            if (i < cuts.Length)
            {
                leftFrom = cuts[i + 1];
                rightFrom = other.cuts[i + 1];
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ModelStructure);

    public override int GetHashCode() => (StringComparer.Ordinal.GetHashCode(input.Path ?? string.Empty) * 31) + cuts.Length;
}

/// <summary>
/// On 0-based <paramref name="Line"/>, from 0-based <paramref name="Column"/> of the text without documentation on, the
/// original text is <paramref name="Delta"/> characters further right.
/// </summary>
internal readonly record struct ColumnShift(int Line, int Column, int Delta);

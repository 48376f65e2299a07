namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Text;

/// <summary>
/// Statement lines with indentation, for method bodies the view models hand to templates. Lines end
/// with <c>\n</c> on every platform so the output is the same bytes everywhere.
/// </summary>
internal sealed class CodeBlock
{
    private readonly List<string> lines = new();
    private int depth;

    public bool IsEmpty => lines.Count == 0;

    public CodeBlock Line(string text)
    {
        lines.Add(text.Length == 0 ? string.Empty : new string(' ', depth * 4) + text);
        return this;
    }

    public CodeBlock Blank()
    {
        if (lines.Count > 0 && lines[lines.Count - 1].Length != 0)
        {
            lines.Add(string.Empty);
        }

        return this;
    }

    public CodeBlock Open(string header)
    {
        if (header.Length > 0)
        {
            Line(header);
        }

        Line("{");
        depth++;
        return this;
    }

    public CodeBlock Close(string closer = "}")
    {
        depth--;
        Line(closer);
        return this;
    }

    /// <summary>The lines indented by <paramref name="indent"/> spaces, joined with <c>\n</c>, no trailing newline.</summary>
    public string Render(int indent)
    {
        var builder = new StringBuilder();
        string pad = new(' ', indent);
        int count = lines.Count;
        while (count > 0 && lines[count - 1].Length == 0)
        {
            count--;
        }

        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append('\n');
            }

            if (lines[i].Length > 0)
            {
                builder.Append(pad).Append(lines[i]);
            }
        }

        return builder.ToString();
    }
}

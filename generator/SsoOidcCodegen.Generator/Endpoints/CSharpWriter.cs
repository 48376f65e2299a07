namespace SsoOidcCodegen.Generator.Endpoints;

using System.Text;

/// <summary>Writes indented C# with <c>\n</c> line endings (four spaces per level), the same on every machine.</summary>
internal sealed class CSharpWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Line(string text)
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4).Append(text);
        }

        _builder.Append('\n');
    }

    public void Line() => _builder.Append('\n');

    /// <summary>Writes <c>{</c> and indents.</summary>
    public void Open()
    {
        Line("{");
        _indent++;
    }

    /// <summary>Dedents and writes <c>}</c> (plus an optional suffix such as <c>;</c>).</summary>
    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    public void Indent() => _indent++;

    public void Dedent() => _indent--;

    public override string ToString() => _builder.ToString();
}

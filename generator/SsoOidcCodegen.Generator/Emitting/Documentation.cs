namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

/// <summary>Turns the model's HTML documentation into XML documentation comment lines.</summary>
internal static class Documentation
{
    private static readonly Regex Tag = new("<(/?)([a-zA-Z0-9]+)[^>]*>", RegexOptions.CultureInvariant);
    private static readonly Regex Spaces = new("[ \\t\\r\\n]+", RegexOptions.CultureInvariant);

    /// <summary>
    /// The <c>&lt;summary&gt;</c> (and <c>&lt;remarks&gt;</c> when long) lines for a documentation string, or a
    /// fallback summary when the model has none.
    /// </summary>
    public static IReadOnlyList<string> Summary(string? html, string fallback, int maxParagraphs = 3)
    {
        List<string> paragraphs = Paragraphs(html);
        var lines = new List<string> { "<summary>" };
        if (paragraphs.Count == 0)
        {
            lines.Add(Escape(fallback));
        }
        else
        {
            for (int i = 0; i < paragraphs.Count && i < maxParagraphs; i++)
            {
                if (i > 0)
                {
                    lines.Add("<para>");
                }

                lines.AddRange(Wrap(paragraphs[i], 110));
                if (i > 0)
                {
                    lines.Add("</para>");
                }
            }
        }

        lines.Add("</summary>");
        return lines;
    }

    /// <summary>Plain-text paragraphs of an HTML fragment, XML-escaped.</summary>
    public static List<string> Paragraphs(string? html)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(html))
        {
            return result;
        }

        var current = new StringBuilder();
        int position = 0;
        foreach (Match match in Tag.Matches(html!))
        {
            current.Append(Decode(html!.Substring(position, match.Index - position)));
            position = match.Index + match.Length;
            string name = match.Groups[2].Value.ToLowerInvariant();
            bool closing = match.Groups[1].Value == "/";
            switch (name)
            {
                case "p":
                case "ul":
                case "ol":
                case "br":
                    Flush(result, current);
                    break;
                case "li":
                    if (!closing)
                    {
                        Flush(result, current);
                        current.Append("- ");
                    }

                    break;
            }
        }

        current.Append(Decode(html!.Substring(position)));
        Flush(result, current);
        return result;
    }

    private static void Flush(List<string> result, StringBuilder current)
    {
        string text = Spaces.Replace(current.ToString(), " ").Trim();
        current.Clear();
        if (text.Length > 0 && text != "-")
        {
            result.Add(Escape(text));
        }
    }

    private static string Decode(string text) =>
        text.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\"").Replace("&#39;", "'").Replace("&nbsp;", " ").Replace("&amp;", "&");

    /// <summary>Escapes text for an XML doc comment.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (string word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}

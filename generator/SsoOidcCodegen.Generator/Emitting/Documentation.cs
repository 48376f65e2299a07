namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

/// <summary>Turns the model's HTML documentation into XML documentation comment lines.</summary>
internal static class Documentation
{
    /// <summary>Longer paragraphs are cut: a doc comment is for reading in an editor.</summary>
    private const int MaxParagraphLength = 8000;

    /// <summary>Documentation past this length is not read.</summary>
    private const int MaxDocumentationLength = 65536;

    private static readonly Regex Tag = new("<(/?)([a-zA-Z0-9]+)[^>]{0,1000}>", RegexOptions.CultureInvariant);
    private static readonly Regex Spaces = new("\\s+", RegexOptions.CultureInvariant);

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

        // Only the first paragraphs are shown; a bounded input keeps the tag scan linear.
        if (html!.Length > MaxDocumentationLength)
        {
            html = html.Substring(0, MaxDocumentationLength);
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

    /// <summary>Escapes text for an XML doc comment line (entities, and nothing that can end the line).</summary>
    public static string Escape(string text) => Naming.CSharpNames.DocText(text);

    private static IEnumerable<string> Wrap(string text, int width)
    {
        if (text.Length > MaxParagraphLength)
        {
            text = text.Substring(0, SafeCut(text, 0, MaxParagraphLength)) + " …";
        }

        var line = new StringBuilder();
        foreach (string word in Words(text, width))
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

    /// <summary>The words of a paragraph; a word longer than a line is cut into line-sized pieces.</summary>
    private static IEnumerable<string> Words(string text, int width)
    {
        foreach (string word in text.Split(' '))
        {
            int start = 0;
            while (start < word.Length)
            {
                int end = SafeCut(word, start, start + width);
                yield return word.Substring(start, end - start);
                start = end;
            }
        }
    }

    /// <summary>A cut position at or after <paramref name="wanted"/> that splits no entity (<c>&amp;amp;</c>) and no surrogate pair.</summary>
    private static int SafeCut(string text, int start, int wanted)
    {
        if (wanted >= text.Length)
        {
            return text.Length;
        }

        int cut = wanted;
        int amp = text.LastIndexOf('&', cut - 1, cut - start);
        if (amp >= 0 && text.IndexOf(';', amp, cut - amp) < 0)
        {
            int semicolon = text.IndexOf(';', cut);
            cut = semicolon < 0 ? text.Length : semicolon + 1;
        }

        while (cut < text.Length && char.IsLowSurrogate(text[cut]))
        {
            cut++;
        }

        return cut;
    }
}

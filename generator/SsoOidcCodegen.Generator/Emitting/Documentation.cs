namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Text;

/// <summary>Turns the model's HTML documentation into XML documentation comment lines.</summary>
internal static class Documentation
{
    /// <summary>Longer paragraphs are cut: a doc comment is for reading in an editor.</summary>
    private const int MaxParagraphLength = 8000;

    /// <summary>Documentation past this length is not read.</summary>
    private const int MaxDocumentationLength = 65536;

    /// <summary>A tag's attributes past this length make it text (it is not read as a tag).</summary>
    private const int MaxTagAttributesLength = 1000;

    /// <summary>
    /// The <c>&lt;summary&gt;</c> (and <c>&lt;remarks&gt;</c> when long) lines for a documentation string, or a
    /// fallback summary when the model has none.
    /// </summary>
    public static IReadOnlyList<string> Summary(string? html, string fallback, int maxParagraphs = 3)
    {
        List<string> paragraphs = Paragraphs(html, maxParagraphs);
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

    /// <summary>
    /// Plain-text paragraphs of an HTML fragment, XML-escaped, at most <paramref name="limit"/> of them (the rest is
    /// not read). A tag is <c>&lt;</c>, an optional <c>/</c>, a name of ASCII letters and digits, at most
    /// 1,000 characters that are not <c>&gt;</c>, then <c>&gt;</c>; <c>p</c>, <c>ul</c>, <c>ol</c>, <c>br</c> and
    /// <c>li</c> end a paragraph (<c>li</c> starts an item), every other tag is dropped and what is not a tag is text.
    /// </summary>
    public static List<string> Paragraphs(string? html, int limit = int.MaxValue)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(html))
        {
            return result;
        }

        // Only the first paragraphs are shown; a bounded input keeps the tag scan linear.
        string text = html!.Length > MaxDocumentationLength ? html.Substring(0, MaxDocumentationLength) : html;
        var current = new StringBuilder();
        int position = 0;
        int search = 0;
        while (result.Count < limit && search < text.Length)
        {
            int open = text.IndexOf('<', search);
            if (open < 0)
            {
                break;
            }

            if (!TryReadTag(text, open, out bool closing, out string name, out int end))
            {
                search = open + 1;
                continue;
            }

            current.Append(Decode(text.Substring(position, open - position)));
            position = end;
            search = end;
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

        if (result.Count < limit)
        {
            current.Append(Decode(text.Substring(position)));
            Flush(result, current);
        }

        return result;
    }

    /// <summary>Reads the tag at <paramref name="open"/> (a <c>&lt;</c>); its name lower-cased and the index after its <c>&gt;</c>.</summary>
    private static bool TryReadTag(string text, int open, out bool closing, out string name, out int end)
    {
        int start = open + 1;
        closing = start < text.Length && text[start] == '/';
        if (closing)
        {
            start++;
        }

        int nameEnd = start;
        while (nameEnd < text.Length && IsAsciiLetterOrDigit(text[nameEnd]))
        {
            nameEnd++;
        }

        int close = nameEnd == start ? -1 : text.IndexOf('>', nameEnd, Math.Min(MaxTagAttributesLength + 1, text.Length - nameEnd));
        if (close < 0)
        {
            name = string.Empty;
            end = 0;
            return false;
        }

        name = text.Substring(start, nameEnd - start).ToLowerInvariant();
        end = close + 1;
        return true;
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    /// <summary>Adds the paragraph collected so far, its white space runs made one space, unless it is empty or a bare <c>-</c>.</summary>
    private static void Flush(List<string> result, StringBuilder current)
    {
        var text = new StringBuilder(current.Length);
        bool space = false;
        for (int i = 0; i < current.Length; i++)
        {
            char c = current[i];
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && text.Length > 0)
            {
                text.Append(' ');
            }

            space = false;
            text.Append(c);
        }

        current.Clear();
        string paragraph = text.ToString();
        if (paragraph.Length > 0 && paragraph != "-")
        {
            result.Add(Escape(paragraph));
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

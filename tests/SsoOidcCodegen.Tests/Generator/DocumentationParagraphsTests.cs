namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SsoOidcCodegen.Generator.Emitting;
using Xunit;

/// <summary>
/// The documentation scanner against the regular expressions it replaced (a differential test): the same paragraphs
/// for random HTML-like text built from the pieces that matter (tags with and without a slash, names of letters and
/// digits, attributes near the 1,000-character limit, entities, every kind of white space).
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class DocumentationParagraphsTests
{
    private static readonly Regex Tag = new("<(/?)([a-zA-Z0-9]+)[^>]{0,1000}>", RegexOptions.CultureInvariant);
    private static readonly Regex Spaces = new("\\s+", RegexOptions.CultureInvariant);

    private static readonly string[] Pieces =
    {
        "<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<ol>", "<br/>", "<BR>", "<b>", "</b>", "<code>", "<a href=\"x\">",
        "< p>", "</ >", "<>", "<<p>", "<p <b>", "<h1>", "<P class='x'>", "<li", ">", "<", "/", "-", "- ", "text", "AWS",
        " ", "  ", "\n", "\t", "\r\n", "\u00A0", "\u2028", "\u0085", "&amp;", "&lt;tag&gt;", "&quot;", "&#39;", "&nbsp;",
        "<p " + new string('x', 998) + ">", "<p " + new string('x', 999) + ">", "<p " + new string('x', 1000) + ">",
        "<x" + new string('y', 1000) + ">", "é", "\"", "*/", "</summary>",
    };

    [Fact]
    public void Paragraphs_match_the_regular_expression_reading_for_random_html()
    {
        var random = new Random(20261201);
        for (int round = 0; round < 3000; round++)
        {
            var html = new StringBuilder();
            int count = random.Next(0, 40);
            for (int i = 0; i < count; i++)
            {
                html.Append(Pieces[random.Next(Pieces.Length)]);
            }

            string text = html.ToString();
            List<string> expected = Reference(text);
            Assert.Equal(expected, Documentation.Paragraphs(text));
            int limit = random.Next(1, 4);
            Assert.Equal(expected.Take(limit), Documentation.Paragraphs(text, limit));
        }
    }

    [Theory]
    [InlineData("<p>One</p><p>Two</p>", new[] { "One", "Two" })]
    [InlineData("<ul><li>a</li><li>b</li></ul>", new[] { "- a", "- b" })]
    [InlineData("a <b>bold</b>\n\n word", new[] { "a bold word" })]
    [InlineData("x <p" + " >y", new[] { "x", "y" })]
    [InlineData("3 < 4 and 5 > 4", new[] { "3 &lt; 4 and 5 &gt; 4" })]
    public void Paragraphs_of_known_html(string html, string[] expected) =>
        Assert.Equal(expected, Documentation.Paragraphs(html));

    // The reading before the hand-written scanner, kept as the oracle.
    private static List<string> Reference(string html)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(html))
        {
            return result;
        }

        var current = new StringBuilder();
        int position = 0;
        foreach (Match match in Tag.Matches(html))
        {
            current.Append(Decode(html.Substring(position, match.Index - position)));
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

        current.Append(Decode(html.Substring(position)));
        Flush(result, current);
        return result;
    }

    private static void Flush(List<string> result, StringBuilder current)
    {
        string text = Spaces.Replace(current.ToString(), " ").Trim();
        current.Clear();
        if (text.Length > 0 && text != "-")
        {
            result.Add(Documentation.Escape(text));
        }
    }

    private static string Decode(string text) =>
        text.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\"").Replace("&#39;", "'").Replace("&nbsp;", " ").Replace("&amp;", "&");
}

namespace SsoOidcCodegen.Generator.JmesPath;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

/// <summary>
/// A top-down operator precedence parser for the JMESPath subset in <see cref="JmesPathNode"/>, with
/// the binding powers of the JMESPath specification (pipe 1, or 2, and 3, comparators 5, flatten 9,
/// star 20, filter 21, dot 40, not 45, bracket 55). Anything outside the subset (slices, multi-selects,
/// object wildcards, other functions) is rejected with a message.
/// </summary>
internal sealed class JmesPathParser
{
    private readonly List<Token> tokens;
    private int position;

    private JmesPathParser(List<Token> tokens) => this.tokens = tokens;

    private enum Kind
    {
        End,
        Identifier,
        QuotedIdentifier,
        Number,
        Dot,
        Star,
        Flatten,
        Filter,
        LeftBracket,
        RightBracket,
        LeftParen,
        RightParen,
        Comma,
        Current,
        Compare,
        And,
        Or,
        Not,
        Pipe,
        Literal,
        RawString,
        Unsupported,
    }

    /// <summary>Parses an expression or throws <see cref="JmesPathException"/>.</summary>
    public static JmesPathNode Parse(string text)
    {
        var parser = new JmesPathParser(Lex(text));
        JmesPathNode node = parser.Expression(0);
        if (parser.Peek.Kind != Kind.End)
        {
            throw new JmesPathException($"unexpected '{parser.Peek.Text}' at {parser.Peek.At}");
        }

        return node;
    }

    private Token Peek => tokens[position];

    private static int BindingPower(Kind kind) => kind switch
    {
        Kind.Pipe => 1,
        Kind.Or => 2,
        Kind.And => 3,
        Kind.Compare => 5,
        Kind.Flatten => 9,
        Kind.Star => 20,
        Kind.Filter => 21,
        Kind.Dot => 40,
        Kind.Not => 45,
        Kind.LeftBracket => 55,
        Kind.LeftParen => 60,
        _ => 0,
    };

    private Token Next() => tokens[position++];

    private void Expect(Kind kind, string what)
    {
        Token token = Next();
        if (token.Kind != kind)
        {
            throw new JmesPathException($"expected {what} at {token.At}, found '{token.Text}'");
        }
    }

    private JmesPathNode Expression(int rightBindingPower)
    {
        JmesPathNode left = Prefix(Next());
        while (rightBindingPower < BindingPower(Peek.Kind))
        {
            left = Infix(Next(), left);
        }

        return left;
    }

    private JmesPathNode Prefix(Token token)
    {
        switch (token.Kind)
        {
            case Kind.Identifier when Peek.Kind == Kind.LeftParen:
                return Function(token);
            case Kind.Identifier:
            case Kind.QuotedIdentifier:
                return new FieldNode(token.Text);
            case Kind.Literal:
                return Literal(token);
            case Kind.RawString:
                return LiteralNode.String(token.Text);
            case Kind.Current:
                return CurrentNode.Instance;
            case Kind.Not:
                return new NotNode(Expression(BindingPower(Kind.Not)));
            case Kind.LeftParen:
                JmesPathNode inner = Expression(0);
                Expect(Kind.RightParen, "')'");
                return inner;
            case Kind.Flatten:
                return new ProjectionNode(new FlattenNode(CurrentNode.Instance), ProjectionRight(BindingPower(Kind.Flatten)));
            case Kind.Filter:
                return FilterAfter(CurrentNode.Instance);
            case Kind.LeftBracket when Peek.Kind is not (Kind.Number or Kind.Star):
                return MultiSelectList();
            case Kind.LeftBracket:
                return BracketAfter(CurrentNode.Instance);
            default:
                throw new JmesPathException($"'{token.Text}' at {token.At} is not supported here");
        }
    }

    private JmesPathNode Infix(Token token, JmesPathNode left)
    {
        switch (token.Kind)
        {
            case Kind.Dot:
                return new SubNode(left, DotRight(BindingPower(Kind.Dot)));
            case Kind.Pipe:
                return new SubNode(left, Expression(BindingPower(Kind.Pipe)));
            case Kind.Or:
                return new OrNode(left, Expression(BindingPower(Kind.Or)));
            case Kind.And:
                return new AndNode(left, Expression(BindingPower(Kind.And)));
            case Kind.Compare:
                return new CompareNode(token.Text, left, Expression(BindingPower(Kind.Compare)));
            case Kind.Flatten:
                return new ProjectionNode(new FlattenNode(left), ProjectionRight(BindingPower(Kind.Flatten)));
            case Kind.Filter:
                return FilterAfter(left);
            case Kind.LeftBracket:
                return BracketAfter(left);
            default:
                throw new JmesPathException($"'{token.Text}' at {token.At} is not supported here");
        }
    }

    private JmesPathNode DotRight(int bindingPower)
    {
        if (Peek.Kind is Kind.Identifier or Kind.QuotedIdentifier)
        {
            return Expression(bindingPower);
        }

        if (Peek.Kind == Kind.LeftBracket)
        {
            Next();
            return MultiSelectList();
        }

        throw new JmesPathException($"'{Peek.Text}' at {Peek.At} after '.' is not supported (multi-select hashes and object wildcards are outside the subset)");
    }

    /// <summary>The items of a multi-select list, after its <c>[</c>.</summary>
    private MultiSelectListNode MultiSelectList()
    {
        var items = new List<JmesPathNode> { Expression(0) };
        while (Peek.Kind == Kind.Comma)
        {
            Next();
            items.Add(Expression(0));
        }

        Expect(Kind.RightBracket, "']' closing the multi-select list");
        return new MultiSelectListNode(items);
    }

    private JmesPathNode ProjectionRight(int bindingPower)
    {
        if (BindingPower(Peek.Kind) < 10)
        {
            return CurrentNode.Instance;
        }

        if (Peek.Kind is Kind.LeftBracket or Kind.Filter or Kind.Flatten)
        {
            return Expression(bindingPower);
        }

        if (Peek.Kind == Kind.Dot)
        {
            Next();
            return DotRight(bindingPower);
        }

        throw new JmesPathException($"unexpected '{Peek.Text}' at {Peek.At} after a projection");
    }

    private JmesPathNode BracketAfter(JmesPathNode left)
    {
        Token token = Next();
        if (token.Kind == Kind.Number)
        {
            Expect(Kind.RightBracket, "']'");
            return new IndexNode(left, int.Parse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (token.Kind == Kind.Star)
        {
            Expect(Kind.RightBracket, "']'");
            return new ProjectionNode(left, ProjectionRight(BindingPower(Kind.Star)));
        }

        throw new JmesPathException($"'[{token.Text}' at {token.At} is not supported (slices are outside the subset)");
    }

    private JmesPathNode FilterAfter(JmesPathNode left)
    {
        JmesPathNode condition = Expression(0);
        Expect(Kind.RightBracket, "']' closing the filter");
        return new FilterNode(left, condition, ProjectionRight(BindingPower(Kind.Filter)));
    }

    private JmesPathNode Function(Token name)
    {
        Next();
        var arguments = new List<JmesPathNode>();
        if (Peek.Kind != Kind.RightParen)
        {
            arguments.Add(Expression(0));
            while (Peek.Kind == Kind.Comma)
            {
                Next();
                arguments.Add(Expression(0));
            }
        }

        Expect(Kind.RightParen, "')' closing the arguments");
        int expected = name.Text switch
        {
            "length" => 1,
            "contains" => 2,
            _ => throw new JmesPathException($"the function '{name.Text}' is not supported (length and contains are)"),
        };
        if (arguments.Count != expected)
        {
            throw new JmesPathException($"{name.Text}() takes {expected} argument(s), not {arguments.Count}");
        }

        return new FunctionNode(name.Text, arguments);
    }

    private static LiteralNode Literal(Token token)
    {
        JToken value;
        try
        {
            value = JToken.Parse(token.Text);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // JMESPath's deprecated form: an unquoted string inside backticks.
            return LiteralNode.String(token.Text.Trim());
        }

        return value.Type switch
        {
            JTokenType.String => LiteralNode.String((string)value!),
            JTokenType.Integer or JTokenType.Float => LiteralNode.Of((double)value),
            JTokenType.Boolean => LiteralNode.Of((bool)value),
            JTokenType.Null => LiteralNode.Null,
            _ => throw new JmesPathException($"the literal `{token.Text}` is not supported (arrays and objects are outside the subset)"),
        };
    }

    private static List<Token> Lex(string text)
    {
        var result = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                result.Add(new Token(Kind.Identifier, text.Substring(start, i - start), start));
                continue;
            }

            if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                i++;
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }

                result.Add(new Token(Kind.Number, text.Substring(start, i - start), start));
                continue;
            }

            switch (c)
            {
                case '"':
                    result.Add(new Token(Kind.QuotedIdentifier, Delimited(text, ref i, '"', json: true), start));
                    continue;
                case '\'':
                    result.Add(new Token(Kind.RawString, Delimited(text, ref i, '\'', json: false), start));
                    continue;
                case '`':
                    result.Add(new Token(Kind.Literal, Delimited(text, ref i, '`', json: false), start));
                    continue;
                case '[':
                    if (i + 1 < text.Length && text[i + 1] == ']')
                    {
                        result.Add(new Token(Kind.Flatten, "[]", start));
                        i += 2;
                    }
                    else if (i + 1 < text.Length && text[i + 1] == '?')
                    {
                        result.Add(new Token(Kind.Filter, "[?", start));
                        i += 2;
                    }
                    else
                    {
                        result.Add(new Token(Kind.LeftBracket, "[", start));
                        i++;
                    }

                    continue;
                case '=' when Next(text, i) == '=':
                case '!' when Next(text, i) == '=':
                case '<' when Next(text, i) == '=':
                case '>' when Next(text, i) == '=':
                    result.Add(new Token(Kind.Compare, text.Substring(i, 2), start));
                    i += 2;
                    continue;
                case '<':
                case '>':
                    result.Add(new Token(Kind.Compare, c.ToString(), start));
                    i++;
                    continue;
                case '&' when Next(text, i) == '&':
                    result.Add(new Token(Kind.And, "&&", start));
                    i += 2;
                    continue;
                case '|' when Next(text, i) == '|':
                    result.Add(new Token(Kind.Or, "||", start));
                    i += 2;
                    continue;
            }

            Kind kind = c switch
            {
                '.' => Kind.Dot,
                '*' => Kind.Star,
                ']' => Kind.RightBracket,
                '(' => Kind.LeftParen,
                ')' => Kind.RightParen,
                ',' => Kind.Comma,
                '@' => Kind.Current,
                '!' => Kind.Not,
                '|' => Kind.Pipe,
                _ => Kind.Unsupported,
            };
            if (kind == Kind.Unsupported)
            {
                throw new JmesPathException($"'{c}' at {start} is not supported");
            }

            result.Add(new Token(kind, c.ToString(), start));
            i++;
        }

        result.Add(new Token(Kind.End, "(end)", text.Length));
        return result;
    }

    private static char Next(string text, int i) => i + 1 < text.Length ? text[i + 1] : '\0';

    private static string Delimited(string text, ref int i, char quote, bool json)
    {
        int start = i;
        var value = new StringBuilder();
        i++;
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                char escaped = text[i + 1];
                if (escaped == quote || escaped == '\\')
                {
                    value.Append(escaped);
                    i += 2;
                    continue;
                }

                if (json)
                {
                    value.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', '/' => '/', _ => throw new JmesPathException($"the escape '\\{escaped}' at {i} is not supported") });
                    i += 2;
                    continue;
                }
            }

            value.Append(text[i]);
            i++;
        }

        if (i >= text.Length)
        {
            throw new JmesPathException($"the {quote}...{quote} opened at {start} is not closed");
        }

        i++;
        return value.ToString();
    }

    private readonly record struct Token(Kind Kind, string Text, int At);
}

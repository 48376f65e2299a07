namespace SsoOidcCodegen.Generator.Naming;

using System.Collections.Generic;
using System.Globalization;
using System.Text;

/// <summary>Turns model names into C# identifiers: PascalCase, keywords escaped, culture-invariant.</summary>
internal static class CSharpNames
{
    private static readonly HashSet<string> Keywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit",
        "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int",
        "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed",
        "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try",
        "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>
    /// A type or member name in PascalCase: separators dropped, each part capitalised, the rest kept
    /// (<c>clientId</c> → <c>ClientId</c>, <c>error_description</c> → <c>ErrorDescription</c>).
    /// </summary>
    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        bool upperNext = true;
        foreach (char c in name)
        {
            if (!IsIdentifierPart(c) || c == '_')
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        return Finish(builder);
    }

    /// <summary>
    /// A name for an enum value: like <see cref="ToPascalCase"/>, but all-capital parts are
    /// lowered after their first letter (<c>KMS_NotFoundException</c> → <c>KmsNotFoundException</c>,
    /// <c>us-east-1</c> → <c>UsEast1</c>).
    /// </summary>
    public static string ToEnumMemberName(string value)
    {
        var builder = new StringBuilder(value.Length);
        var part = new StringBuilder();
        foreach (char c in value)
        {
            if (IsIdentifierPart(c) && c != '_')
            {
                part.Append(c);
                continue;
            }

            AppendEnumPart(builder, part);
        }

        AppendEnumPart(builder, part);
        return Finish(builder);
    }

    /// <summary>A camelCase local or parameter name, escaped when it is a keyword.</summary>
    public static string ToCamelCase(string pascal)
    {
        if (pascal.Length == 0)
        {
            return "value";
        }

        int upper = 0;
        while (upper < pascal.Length && char.IsUpper(pascal[upper]))
        {
            upper++;
        }

        string camel = upper switch
        {
            0 => pascal,
            1 => char.ToLowerInvariant(pascal[0]) + pascal.Substring(1),
            _ when upper == pascal.Length => pascal.ToLowerInvariant(),
            _ => pascal.Substring(0, upper - 1).ToLowerInvariant() + pascal.Substring(upper - 1),
        };
        return EscapeKeyword(camel);
    }

    /// <summary>
    /// Model text made safe for an XML documentation comment line (<c>///</c>): <c>&amp;</c>, <c>&lt;</c> and
    /// <c>&gt;</c> become entities, and every character that could end the comment line or hide text (line
    /// terminators <c>\r</c>, <c>\n</c>, U+0085, U+2028, U+2029, other control and bidirectional format
    /// characters, lone surrogates) becomes a space, so no model text can add code after the comment.
    /// </summary>
    public static string DocText(string text) => SafeText(text, xml: true);

    /// <summary>Model text made safe for a single-line <c>//</c> comment (see <see cref="DocText"/>).</summary>
    public static string CommentText(string text) => SafeText(text, xml: false);

    /// <summary>Prefixes <c>@</c> to a C# keyword.</summary>
    public static string EscapeKeyword(string identifier) => Keywords.Contains(identifier) ? "@" + identifier : identifier;

    /// <summary>A C# string literal for any text, escaped so that it round-trips exactly.</summary>
    public static string StringLiteral(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (c < ' ' || (c >= 0x7f && c <= 0x9f) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    private static string SafeText(string text, bool xml)
    {
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            if (xml && c == '&')
            {
                builder.Append("&amp;");
            }
            else if (xml && c == '<')
            {
                builder.Append("&lt;");
            }
            else if (xml && c == '>')
            {
                builder.Append("&gt;");
            }
            else if (IsUnsafeInComment(c))
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Line terminators, control characters, bidirectional controls and lone surrogates.</summary>
    private static bool IsUnsafeInComment(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085' or '\ufeff' or '\ufffe' or '\uffff'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c is '\u200e' or '\u200f' or '\u061c';

    private static void AppendEnumPart(StringBuilder builder, StringBuilder part)
    {
        if (part.Length == 0)
        {
            return;
        }

        string text = part.ToString();
        part.Clear();
        bool allUpper = true;
        foreach (char c in text)
        {
            if (char.IsLower(c))
            {
                allUpper = false;
                break;
            }
        }

        builder.Append(char.ToUpperInvariant(text[0]));
        builder.Append(allUpper ? text.Substring(1).ToLowerInvariant() : text.Substring(1));
    }

    private static string Finish(StringBuilder builder)
    {
        if (builder.Length == 0)
        {
            return "Value";
        }

        if (char.IsDigit(builder[0]))
        {
            builder.Insert(0, 'N');
        }

        // C# identifiers end at 512 characters; suffixes (Serializer, Shape2, Header ...) need room.
        if (builder.Length > MaxIdentifierLength)
        {
            string full = builder.ToString();
            return full.Substring(0, MaxIdentifierLength - 9) + "_" + StableHash(full);
        }

        return EscapeKeyword(builder.ToString());
    }

    /// <summary>The longest name the generator derives from a model name.</summary>
    public const int MaxIdentifierLength = 200;

    /// <summary>
    /// The structure method that makes the copy a marshaller fills unset idempotency tokens on; a model member
    /// of this name is renamed like any other reserved member name.
    /// </summary>
    public const string CopyForIdempotencyTokens = "CopyForIdempotencyTokens";

    /// <summary>Eight hex digits of a FNV-1a hash: the same on every machine and run.</summary>
    public static string StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    private static bool IsIdentifierPart(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (c > 127 && char.IsLetterOrDigit(c));
}

namespace SsoOidcCodegen.Generator.Endpoints;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

/// <summary>Spelling C# for the endpoint emitters: literals, identifiers and XML doc text, culture-invariant.</summary>
internal static class CSharpSyntax
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>A C# regular string literal; everything outside printable ASCII is escaped, so output is ASCII.</summary>
    public static string StringLiteral(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\0': builder.Append("\\0"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    public static string BooleanLiteral(bool value) => value ? "true" : "false";

    public static string IntegerLiteral(long value) => value.ToString(CultureInfo.InvariantCulture) + (value is > int.MaxValue or < int.MinValue ? "L" : string.Empty);

    /// <summary>The name with its first letter upper-cased (rule-set names are already identifiers).</summary>
    public static string ToPascalCase(string name) =>
        name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>The name with its leading capitals lower-cased: <c>Region</c> → <c>region</c>, <c>ARNType</c> → <c>arnType</c>, <c>UseFIPS</c> → <c>useFIPS</c>.</summary>
    public static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        // Lower a leading run of capitals, keeping the capital that starts the next word ("ARNType" → "arnType").
        int run = 0;
        while (run < name.Length && char.IsUpper(name[run]))
        {
            run++;
        }

        int lowered = run == 1 || run == name.Length ? run : run - 1;
        if (run > 1 && run < name.Length && !char.IsLetter(name[run]))
        {
            lowered = run;
        }

        return name.Substring(0, lowered).ToLowerInvariant() + name.Substring(lowered);
    }

    /// <summary>The identifier, escaped with <c>@</c> when it is a keyword.</summary>
    public static string EscapeIdentifier(string identifier) => Keywords.Contains(identifier) ? "@" + identifier : identifier;

    /// <summary>Whether the text is a plain (ASCII) C# identifier that is not a keyword.</summary>
    public static bool IsIdentifier(string text) => EndpointRuleSetParser.IsIdentifier(text) && !Keywords.Contains(text);

    /// <summary>Whether the text is a dotted C# namespace name.</summary>
    public static bool IsNamespace(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (string part in text.Split('.'))
        {
            if (!IsIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Text made safe for an XML doc comment (one line, entities escaped).</summary>
    public static string XmlText(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                default:
                    builder.Append(c < ' ' ? ' ' : c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Text made safe for a single-line <c>//</c> comment.</summary>
    public static string CommentText(string text) => XmlText(text).Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");
}

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

        return EscapeKeyword(builder.ToString());
    }

    private static bool IsIdentifierPart(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (c > 127 && char.IsLetterOrDigit(c));
}

namespace SsoOidcCodegen.Runtime.Text;

using System;
using System.Collections;
using System.Globalization;
using System.Text;

/// <summary>
/// Builds the <c>ToString</c> text of generated types: <c>Type { A = 1, Secret = *** redacted *** }</c>.
/// Members the model marks sensitive never reach it; they are written as <see cref="Redacted"/>.
/// </summary>
public ref struct AwsObjectFormatter
{
    /// <summary>What a sensitive member prints as.</summary>
    public const string Redacted = "*** redacted ***";

    private readonly StringBuilder builder;
    private bool first;

    /// <summary>Starts the text for a type.</summary>
    public AwsObjectFormatter(string typeName)
    {
        builder = new StringBuilder(64).Append(typeName).Append(" {");
        first = true;
    }

    /// <summary>Adds a member that is not sensitive (nothing when it is null).</summary>
    public void Add(string name, object? value)
    {
        if (value is null)
        {
            return;
        }

        Name(name);
        AppendValue(builder, value);
    }

    /// <summary>Adds a sensitive member: only whether it is set shows.</summary>
    public void AddSensitive(string name, object? value)
    {
        if (value is null)
        {
            return;
        }

        Name(name);
        builder.Append(Redacted);
    }

    /// <summary>Finishes the text.</summary>
    public override string ToString() => builder.Append(first ? "}" : " }").ToString();

    private void Name(string name)
    {
        builder.Append(first ? " " : ", ").Append(name).Append(" = ");
        first = false;
    }

    private static void AppendValue(StringBuilder builder, object value)
    {
        switch (value)
        {
            case string text:
                builder.Append(text);
                break;
            case DateTimeOffset timestamp:
                builder.Append(timestamp.ToString("O", CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                builder.Append("byte[").Append(bytes.Length).Append(']');
                break;
            case IDictionary dictionary:
                builder.Append('{');
                bool firstEntry = true;
                foreach (DictionaryEntry entry in dictionary)
                {
                    builder.Append(firstEntry ? " " : ", ").Append(entry.Key).Append(" = ");
                    if (entry.Value is null)
                    {
                        builder.Append("null");
                    }
                    else
                    {
                        AppendValue(builder, entry.Value);
                    }

                    firstEntry = false;
                }

                builder.Append(firstEntry ? "}" : " }");
                break;
            case IEnumerable items:
                builder.Append('[');
                bool firstItem = true;
                foreach (object? item in items)
                {
                    builder.Append(firstItem ? string.Empty : ", ");
                    if (item is null)
                    {
                        builder.Append("null");
                    }
                    else
                    {
                        AppendValue(builder, item);
                    }

                    firstItem = false;
                }

                builder.Append(']');
                break;
            case IFormattable formattable:
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(value);
                break;
        }
    }
}

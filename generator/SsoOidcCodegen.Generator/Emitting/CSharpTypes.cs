namespace SsoOidcCodegen.Generator.Emitting;

using System;
using SsoOidcCodegen.Generator.Model;

/// <summary>The C# spelling of member types.</summary>
internal static class CSharpTypes
{
    /// <summary>The type of a property: always nullable, because "not set" is a state of its own.</summary>
    public static string Property(TypeRef type) => Plain(type) + "?";

    /// <summary>The type of a collection element: nullable only in sparse collections.</summary>
    public static string Element(TypeRef element, bool sparse) => sparse ? Plain(element) + "?" : Plain(element);

    /// <summary>The non-nullable type.</summary>
    public static string Plain(TypeRef type) => type.Kind switch
    {
        TypeKind.String => "string",
        TypeKind.Boolean => "bool",
        TypeKind.Byte => "sbyte",
        TypeKind.Short => "short",
        TypeKind.Integer => "int",
        TypeKind.Long => "long",
        TypeKind.Float => "float",
        TypeKind.Double => "double",
        TypeKind.BigInteger => "global::System.Numerics.BigInteger",
        TypeKind.BigDecimal => "decimal",
        TypeKind.Timestamp => "DateTimeOffset",
        TypeKind.Blob => type.IsStreaming ? "Stream" : "byte[]",
        TypeKind.Document => "JsonElement",
        TypeKind.Structure or TypeKind.StringEnum or TypeKind.IntEnum => type.TypeName!,
        TypeKind.List => "List<" + Element(type.Element!, type.IsSparse) + ">",
        TypeKind.Map => "Dictionary<string, " + Element(type.Value!, type.IsSparse) + ">",
        _ => throw new InvalidOperationException("Unknown type kind " + type.Kind),
    };

    /// <summary>True for C# value types (whose nullable form is <c>Nullable&lt;T&gt;</c>).</summary>
    public static bool IsValueType(TypeRef type) => type.Kind is TypeKind.Boolean or TypeKind.Byte or TypeKind.Short or TypeKind.Integer
        or TypeKind.Long or TypeKind.Float or TypeKind.Double or TypeKind.BigInteger or TypeKind.BigDecimal or TypeKind.Timestamp
        or TypeKind.Document or TypeKind.StringEnum or TypeKind.IntEnum;

    /// <summary>The name of the collection codec methods for a list or map type (<c>ListOfString</c>).</summary>
    public static string CollectionName(TypeRef type)
    {
        var builder = new System.Text.StringBuilder(type.Signature.Length);
        foreach (char c in type.Signature)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        // A deep list of long names would pass C#'s 512-character identifier limit.
        return builder.Length <= 160 ? builder.ToString() : builder.ToString(0, 150) + "_" + Naming.CSharpNames.StableHash(type.Signature);
    }

    /// <summary>The runtime's name for a timestamp format in JSON bodies (epoch seconds unless the model says otherwise).</summary>
    public static string JsonTimestampFormat(TimestampFormat format) => format switch
    {
        TimestampFormat.Iso8601 => "TimestampWireFormat.Iso8601",
        TimestampFormat.Rfc822 => "TimestampWireFormat.Rfc822",
        _ => "TimestampWireFormat.EpochSeconds",
    };
}

namespace SsoOidcCodegen.Generator.Emitting;

using SsoOidcCodegen.Generator.Model;

/// <summary>How scalar values are written to and read from URIs, query strings and headers.</summary>
internal static class HttpFragments
{
    /// <summary>Where a scalar goes; timestamps default differently in each.</summary>
    public enum Place
    {
        Label,
        Query,
        Header,
    }

    /// <summary>An expression that formats a non-null scalar as text, or null when the type cannot travel there.</summary>
    public static string? Format(TypeRef type, string expression, Place place, bool jsonValue = false) => type.Kind switch
    {
        TypeKind.String when jsonValue => $"Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes({expression}))",
        TypeKind.String => expression,
        TypeKind.StringEnum => $"{expression}.Value",
        TypeKind.IntEnum => $"{expression}.Value.ToString(CultureInfo.InvariantCulture)",
        TypeKind.Boolean => $"HttpWire.FormatBoolean({expression})",
        TypeKind.Byte or TypeKind.Short or TypeKind.Integer or TypeKind.Long or TypeKind.BigInteger or TypeKind.BigDecimal => $"{expression}.ToString(CultureInfo.InvariantCulture)",
        TypeKind.Float => $"HttpWire.FormatSingle({expression})",
        TypeKind.Double => $"HttpWire.FormatDouble({expression})",
        TypeKind.Timestamp => TimestampFormat(type.TimestampFormat, place) + "(" + expression + ")",
        TypeKind.Blob when !type.IsStreaming => $"Convert.ToBase64String({expression})",
        TypeKind.Document when jsonValue => $"Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes({expression}.GetRawText()))",
        _ => null,
    };

    /// <summary>An expression that parses header text into a value of the scalar type, or null when unsupported.</summary>
    public static string? Parse(TypeRef type, string text, bool jsonValue = false, string? modelNamespace = null) => type.Kind switch
    {
        TypeKind.String when jsonValue => $"System.Text.Encoding.UTF8.GetString(Convert.FromBase64String({text}))",
        TypeKind.String => text,
        TypeKind.StringEnum => $"new {CSharpTypes.Model(type.TypeName!, modelNamespace)}({text})",
        TypeKind.IntEnum => $"new {CSharpTypes.Model(type.TypeName!, modelNamespace)}(int.Parse({text}, NumberStyles.Integer, CultureInfo.InvariantCulture))",
        TypeKind.Boolean => $"bool.Parse({text})",
        TypeKind.Byte => $"sbyte.Parse({text}, NumberStyles.Integer, CultureInfo.InvariantCulture)",
        TypeKind.Short => $"short.Parse({text}, NumberStyles.Integer, CultureInfo.InvariantCulture)",
        TypeKind.Integer => $"int.Parse({text}, NumberStyles.Integer, CultureInfo.InvariantCulture)",
        TypeKind.Long => $"long.Parse({text}, NumberStyles.Integer, CultureInfo.InvariantCulture)",
        TypeKind.BigInteger => $"global::System.Numerics.BigInteger.Parse({text}, CultureInfo.InvariantCulture)",
        TypeKind.BigDecimal => $"decimal.Parse({text}, NumberStyles.Float, CultureInfo.InvariantCulture)",
        TypeKind.Float => $"HttpWire.ParseSingle({text})",
        TypeKind.Double => $"HttpWire.ParseDouble({text})",
        TypeKind.Timestamp => $"HttpWire.ParseTimestamp({text})",
        TypeKind.Blob when !type.IsStreaming => $"Convert.FromBase64String({text})",
        TypeKind.Document when jsonValue => $"JsonDocument.Parse(Convert.FromBase64String({text})).RootElement.Clone()",
        _ => null,
    };

    private static string TimestampFormat(Model.TimestampFormat format, Place place) => format switch
    {
        Model.TimestampFormat.EpochSeconds => "HttpWire.FormatEpochSeconds",
        Model.TimestampFormat.Iso8601 => "HttpWire.FormatIso8601",
        Model.TimestampFormat.Rfc822 => "HttpWire.FormatHttpDate",
        _ => place == Place.Header ? "HttpWire.FormatHttpDate" : "HttpWire.FormatIso8601",
    };
}

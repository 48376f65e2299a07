namespace SsoOidcCodegen.Generator.Emitting;

using SsoOidcCodegen.Generator.Model;

/// <summary>How scalar values are written to and read from URIs, query strings and headers (every type <c>global::</c>-qualified, like every name the emitters write: generated files have no usings).</summary>
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
        TypeKind.String when jsonValue => $"global::System.Convert.ToBase64String(global::System.Text.Encoding.UTF8.GetBytes({expression}))",
        TypeKind.String => expression,
        TypeKind.StringEnum => $"{expression}.Value",
        TypeKind.IntEnum => $"{expression}.Value.ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
        TypeKind.Boolean => $"global::SsoOidcCodegen.Runtime.Protocols.HttpWire.FormatBoolean({expression})",
        TypeKind.Byte or TypeKind.Short or TypeKind.Integer or TypeKind.Long or TypeKind.BigInteger or TypeKind.BigDecimal => $"{expression}.ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
        TypeKind.Float => $"global::SsoOidcCodegen.Runtime.Protocols.HttpWire.FormatSingle({expression})",
        TypeKind.Double => $"global::SsoOidcCodegen.Runtime.Protocols.HttpWire.FormatDouble({expression})",
        TypeKind.Timestamp => TimestampFormat(type.TimestampFormat, place) + "(" + expression + ")",
        TypeKind.Blob when !type.IsStreaming => $"global::System.Convert.ToBase64String({expression})",
        TypeKind.Document when jsonValue => $"global::System.Convert.ToBase64String(global::System.Text.Encoding.UTF8.GetBytes({expression}.GetRawText()))",
        _ => null,
    };

    /// <summary>An expression that parses header text into a value of the scalar type, or null when unsupported.</summary>
    public static string? Parse(TypeRef type, string text, bool jsonValue = false, string? modelNamespace = null) => type.Kind switch
    {
        TypeKind.String when jsonValue => $"global::System.Text.Encoding.UTF8.GetString(global::System.Convert.FromBase64String({text}))",
        TypeKind.String => text,
        TypeKind.StringEnum => $"new {CSharpTypes.Model(type.TypeName!, modelNamespace)}({text})",
        TypeKind.IntEnum => $"new {CSharpTypes.Model(type.TypeName!, modelNamespace)}(int.Parse({text}, global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture))",
        TypeKind.Boolean => $"bool.Parse({text})",
        TypeKind.Byte => $"sbyte.Parse({text}, global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture)",
        TypeKind.Short => $"short.Parse({text}, global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture)",
        TypeKind.Integer => $"int.Parse({text}, global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture)",
        TypeKind.Long => $"long.Parse({text}, global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture)",
        TypeKind.BigInteger => $"global::System.Numerics.BigInteger.Parse({text}, global::System.Globalization.CultureInfo.InvariantCulture)",
        TypeKind.BigDecimal => $"decimal.Parse({text}, global::System.Globalization.NumberStyles.Float, global::System.Globalization.CultureInfo.InvariantCulture)",
        TypeKind.Float => $"global::SsoOidcCodegen.Runtime.Protocols.HttpWire.ParseSingle({text})",
        TypeKind.Double => $"global::SsoOidcCodegen.Runtime.Protocols.HttpWire.ParseDouble({text})",
        TypeKind.Timestamp => $"global::SsoOidcCodegen.Runtime.Protocols.HttpWire.ParseTimestamp({text})",
        TypeKind.Blob when !type.IsStreaming => $"global::System.Convert.FromBase64String({text})",
        TypeKind.Document when jsonValue => $"global::System.Text.Json.JsonDocument.Parse(global::System.Convert.FromBase64String({text})).RootElement.Clone()",
        _ => null,
    };

    private static string TimestampFormat(Model.TimestampFormat format, Place place) => format switch
    {
        Model.TimestampFormat.EpochSeconds => "global::SsoOidcCodegen.Runtime.Protocols.HttpWire.FormatEpochSeconds",
        Model.TimestampFormat.Iso8601 => "global::SsoOidcCodegen.Runtime.Protocols.HttpWire.FormatIso8601",
        Model.TimestampFormat.Rfc822 => "global::SsoOidcCodegen.Runtime.Protocols.HttpWire.FormatHttpDate",
        _ => place == Place.Header ? "global::SsoOidcCodegen.Runtime.Protocols.HttpWire.FormatHttpDate" : "global::SsoOidcCodegen.Runtime.Protocols.HttpWire.FormatIso8601",
    };
}

namespace SsoOidcCodegen.Generator.Emitting;

using System;
using SsoOidcCodegen.Generator.Model;

/// <summary>The C# spelling of member types.</summary>
internal static class CSharpTypes
{
    /// <summary>The type of a property: always nullable, because "not set" is a state of its own.</summary>
    /// <remarks>
    /// Every type is written so that no model name can capture it: BCL types <c>global::</c>-qualified, and
    /// generated model types qualified with <paramref name="modelNamespace"/> (a shape may be called
    /// <c>Stream</c> or <c>File</c>, and the files that use model types import no namespace that holds them).
    /// </remarks>
    public static string Property(TypeRef type, string? modelNamespace = null) => Plain(type, modelNamespace) + "?";

    /// <summary>The type of a collection element: nullable only in sparse collections.</summary>
    public static string Element(TypeRef element, bool sparse, string? modelNamespace = null) => sparse ? Plain(element, modelNamespace) + "?" : Plain(element, modelNamespace);

    /// <summary>The non-nullable type.</summary>
    public static string Plain(TypeRef type, string? modelNamespace = null) => type.Kind switch
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
        TypeKind.Timestamp => "global::System.DateTimeOffset",
        TypeKind.Blob => type.IsStreaming ? "global::System.IO.Stream" : "byte[]",
        TypeKind.Document => "global::System.Text.Json.JsonElement",
        TypeKind.Structure or TypeKind.StringEnum or TypeKind.IntEnum => Model(type.TypeName!, modelNamespace),
        TypeKind.List => "global::System.Collections.Generic.List<" + Element(type.Element!, type.IsSparse, modelNamespace) + ">",
        TypeKind.Map => "global::System.Collections.Generic.Dictionary<string, " + Element(type.Value!, type.IsSparse, modelNamespace) + ">",
        _ => throw new InvalidOperationException("Unknown type kind " + type.Kind),
    };

    /// <summary>A generated model type, qualified when the namespace is given.</summary>
    public static string Model(string typeName, string? modelNamespace) => modelNamespace is null ? typeName : "global::" + modelNamespace + "." + typeName;

    /// <summary>
    /// An HTTP status as C# writes it: the <c>HttpStatusCode</c> member where the enum has one
    /// (<c>HttpStatusCode.BadRequest</c>), else a cast of the number.
    /// </summary>
    public static string HttpStatusCode(int status) => StatusNames.TryGetValue(status, out string? name)
        ? "global::System.Net.HttpStatusCode." + name
        : "(global::System.Net.HttpStatusCode)" + status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The members of <c>System.Net.HttpStatusCode</c> (.NET 8), one name per value (the RFC's where there are two).</summary>
    private static readonly System.Collections.Generic.Dictionary<int, string> StatusNames = new()
    {
        [100] = "Continue", [101] = "SwitchingProtocols", [102] = "Processing", [103] = "EarlyHints",
        [200] = "OK", [201] = "Created", [202] = "Accepted", [203] = "NonAuthoritativeInformation", [204] = "NoContent",
        [205] = "ResetContent", [206] = "PartialContent", [207] = "MultiStatus", [208] = "AlreadyReported", [226] = "IMUsed",
        [300] = "MultipleChoices", [301] = "MovedPermanently", [302] = "Found", [303] = "SeeOther", [304] = "NotModified",
        [305] = "UseProxy", [306] = "Unused", [307] = "TemporaryRedirect", [308] = "PermanentRedirect",
        [400] = "BadRequest", [401] = "Unauthorized", [402] = "PaymentRequired", [403] = "Forbidden", [404] = "NotFound",
        [405] = "MethodNotAllowed", [406] = "NotAcceptable", [407] = "ProxyAuthenticationRequired", [408] = "RequestTimeout",
        [409] = "Conflict", [410] = "Gone", [411] = "LengthRequired", [412] = "PreconditionFailed", [413] = "RequestEntityTooLarge",
        [414] = "RequestUriTooLong", [415] = "UnsupportedMediaType", [416] = "RequestedRangeNotSatisfiable", [417] = "ExpectationFailed",
        [421] = "MisdirectedRequest", [422] = "UnprocessableEntity", [423] = "Locked", [424] = "FailedDependency",
        [426] = "UpgradeRequired", [428] = "PreconditionRequired", [429] = "TooManyRequests", [431] = "RequestHeaderFieldsTooLarge",
        [451] = "UnavailableForLegalReasons",
        [500] = "InternalServerError", [501] = "NotImplemented", [502] = "BadGateway", [503] = "ServiceUnavailable",
        [504] = "GatewayTimeout", [505] = "HttpVersionNotSupported", [506] = "VariantAlsoNegotiates", [507] = "InsufficientStorage",
        [508] = "LoopDetected", [510] = "NotExtended", [511] = "NetworkAuthenticationRequired",
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
        TimestampFormat.Iso8601 => "global::SsoOidcCodegen.Runtime.Protocols.TimestampWireFormat.Iso8601",
        TimestampFormat.Rfc822 => "global::SsoOidcCodegen.Runtime.Protocols.TimestampWireFormat.Rfc822",
        _ => "global::SsoOidcCodegen.Runtime.Protocols.TimestampWireFormat.EpochSeconds",
    };
}

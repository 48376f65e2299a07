namespace SsoOidcCodegen.Generator.Endpoints;

using System;
using System.Collections.Generic;

/// <summary>The functions of the rules standard library and the AWS library.</summary>
internal enum RuleFunction
{
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    GetAttr,
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    AwsPartition,
    AwsParseArn,
    AwsIsVirtualHostableS3Bucket,
    Coalesce,
    Ite,
    Split,
}

/// <summary>
/// What the compiler knows about the library: function names and versions, the runtime method each maps to, and
/// the attributes of the records that <c>aws.partition</c>, <c>parseURL</c> and <c>aws.parseArn</c> return.
/// </summary>
internal static class RuleLibrary
{
    private static readonly Dictionary<string, RuleFunction> FunctionsByName = new(StringComparer.Ordinal)
    {
        ["isSet"] = RuleFunction.IsSet,
        ["not"] = RuleFunction.Not,
        ["booleanEquals"] = RuleFunction.BooleanEquals,
        ["stringEquals"] = RuleFunction.StringEquals,
        ["getAttr"] = RuleFunction.GetAttr,
        ["substring"] = RuleFunction.Substring,
        ["uriEncode"] = RuleFunction.UriEncode,
        ["parseURL"] = RuleFunction.ParseUrl,
        ["isValidHostLabel"] = RuleFunction.IsValidHostLabel,
        ["aws.partition"] = RuleFunction.AwsPartition,
        ["aws.parseArn"] = RuleFunction.AwsParseArn,
        ["aws.isVirtualHostableS3Bucket"] = RuleFunction.AwsIsVirtualHostableS3Bucket,
        ["coalesce"] = RuleFunction.Coalesce,
        ["ite"] = RuleFunction.Ite,
        ["split"] = RuleFunction.Split,
    };

    /// <summary>The supported function names, for messages.</summary>
    public const string SupportedFunctionList =
        "isSet, not, booleanEquals, stringEquals, getAttr, substring, uriEncode, parseURL, isValidHostLabel, "
        + "aws.partition, aws.parseArn, aws.isVirtualHostableS3Bucket, coalesce, ite, split";

    /// <summary>The runtime class that implements the library.</summary>
    public const string FunctionsClass = "global::SsoOidcCodegen.Runtime.Endpoints.EndpointFunctions";

    public static bool TryGetFunction(string name, out RuleFunction function) => FunctionsByName.TryGetValue(name, out function);

    /// <summary>The rules engine version that introduced the function.</summary>
    public static string SinceVersion(RuleFunction function) =>
        function is RuleFunction.Coalesce or RuleFunction.Ite or RuleFunction.Split ? "1.1" : "1.0";

    /// <summary>The <see cref="FunctionsClass"/> method that implements a function the compiler does not inline.</summary>
    public static string RuntimeMethod(RuleFunction function) => function switch
    {
        RuleFunction.Substring => "Substring",
        RuleFunction.UriEncode => "UriEncode",
        RuleFunction.ParseUrl => "ParseUrl",
        RuleFunction.IsValidHostLabel => "IsValidHostLabel",
        RuleFunction.AwsPartition => "AwsPartition",
        RuleFunction.AwsParseArn => "AwsParseArn",
        RuleFunction.AwsIsVirtualHostableS3Bucket => "AwsIsVirtualHostableS3Bucket",
        RuleFunction.Split => "Split",
        RuleFunction.GetAttr => "GetAttr",
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "The function is written inline."),
    };

    /// <summary>Whether <paramref name="version"/> (for example <c>1.0</c>) is at least <paramref name="minimum"/>.</summary>
    public static bool VersionAtLeast(string version, string minimum)
    {
        if (!TryParseVersion(version, out int major, out int minor) || !TryParseVersion(minimum, out int minMajor, out int minMinor))
        {
            return true;
        }

        return major > minMajor || (major == minMajor && minor >= minMinor);
    }

    /// <summary>The type and C# property of a record attribute, or false when the record has no such attribute.</summary>
    public static bool TryGetAttribute(RuleValueKind record, string attribute, out RuleType type, out string propertyName)
    {
        (RuleType Type, string Property)? found = (record, attribute) switch
        {
            (RuleValueKind.Partition, "name") => (RuleType.String, "Name"),
            (RuleValueKind.Partition, "dnsSuffix") => (RuleType.String, "DnsSuffix"),
            (RuleValueKind.Partition, "dualStackDnsSuffix") => (RuleType.String, "DualStackDnsSuffix"),
            (RuleValueKind.Partition, "supportsFIPS") => (RuleType.Boolean, "SupportsFips"),
            (RuleValueKind.Partition, "supportsDualStack") => (RuleType.Boolean, "SupportsDualStack"),
            // Every partition of the current partitions.json schema has it, so it is a plain string (used without isSet).
            (RuleValueKind.Partition, "implicitGlobalRegion") => (RuleType.String, "ImplicitGlobalRegion"),
            (RuleValueKind.Url, "scheme") => (RuleType.String, "Scheme"),
            (RuleValueKind.Url, "authority") => (RuleType.String, "Authority"),
            (RuleValueKind.Url, "path") => (RuleType.String, "Path"),
            (RuleValueKind.Url, "normalizedPath") => (RuleType.String, "NormalizedPath"),
            (RuleValueKind.Url, "isIp") => (RuleType.Boolean, "IsIp"),
            (RuleValueKind.Arn, "partition") => (RuleType.String, "Partition"),
            (RuleValueKind.Arn, "service") => (RuleType.String, "Service"),
            (RuleValueKind.Arn, "region") => (RuleType.String, "Region"),
            (RuleValueKind.Arn, "accountId") => (RuleType.String, "AccountId"),
            (RuleValueKind.Arn, "resourceId") => (RuleType.StringArray, "ResourceId"),
            _ => null,
        };

        type = found?.Type ?? default;
        propertyName = found?.Property ?? string.Empty;
        return found is not null;
    }

    private static bool TryParseVersion(string text, out int major, out int minor)
    {
        major = 0;
        minor = 0;
        string[] parts = text.Split('.');
        return parts.Length is 1 or 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out major)
            && (parts.Length == 1 || int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out minor));
    }
}

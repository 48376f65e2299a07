namespace SsoOidcCodegen.Generator.Endpoints;

using System;

/// <summary>The kinds of value the rules language has.</summary>
internal enum RuleValueKind
{
    String,
    Boolean,
    Integer,
    StringArray,

    /// <summary>The record <c>aws.partition</c> returns.</summary>
    Partition,

    /// <summary>The record <c>parseURL</c> returns.</summary>
    Url,

    /// <summary>The record <c>aws.parseArn</c> returns.</summary>
    Arn,
}

/// <summary>A static type in the rules language: a kind, possibly optional (unset at run time).</summary>
internal readonly struct RuleType : IEquatable<RuleType>
{
    public RuleType(RuleValueKind kind, bool isOptional)
    {
        Kind = kind;
        IsOptional = isOptional;
    }

    public static RuleType String => new(RuleValueKind.String, false);

    public static RuleType Boolean => new(RuleValueKind.Boolean, false);

    public static RuleType Integer => new(RuleValueKind.Integer, false);

    public static RuleType StringArray => new(RuleValueKind.StringArray, false);

    public RuleValueKind Kind { get; }

    public bool IsOptional { get; }

    public bool IsRecord => Kind is RuleValueKind.Partition or RuleValueKind.Url or RuleValueKind.Arn;

    public RuleType AsOptional() => new(Kind, true);

    public RuleType AsRequired() => new(Kind, false);

    public bool Equals(RuleType other) => Kind == other.Kind && IsOptional == other.IsOptional;

    public override bool Equals(object? obj) => obj is RuleType other && Equals(other);

    public override int GetHashCode() => ((int)Kind * 2) + (IsOptional ? 1 : 0);

    /// <summary>For messages: "a string", "an optional boolean", "a partition record".</summary>
    public override string ToString()
    {
        string name = Kind switch
        {
            RuleValueKind.String => "string",
            RuleValueKind.Boolean => "boolean",
            RuleValueKind.Integer => "integer",
            RuleValueKind.StringArray => "string array",
            RuleValueKind.Partition => "partition record",
            RuleValueKind.Url => "URL record",
            _ => "ARN record",
        };
        return IsOptional ? "an optional " + name : (name[0] is 'i' or 'U' or 'A' ? "an " : "a ") + name;
    }
}

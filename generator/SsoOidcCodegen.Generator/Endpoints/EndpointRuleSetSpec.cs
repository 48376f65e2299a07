namespace SsoOidcCodegen.Generator.Endpoints;

using SsoOidcCodegen.Generator.Model;

/// <summary>An endpoint rule set as parsed from its JSON document: parameters and rules, nothing evaluated yet.</summary>
/// <remarks>
/// The endpoint specs (<see cref="EndpointRuleSetSpec"/> and every type it reaches) are cacheable values: sealed
/// records or readonly structs, immutable, with structural equality; collections are <see cref="EquatableArray{T}"/>.
/// They never hold a <c>JToken</c>, <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>;
/// source positions are plain line and column numbers (<see cref="SourcePosition"/>).
/// </remarks>
internal sealed record EndpointRuleSetSpec
{
    /// <summary>The rules engine version the rule set declares, for example <c>1.0</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The parameters, in declaration order.</summary>
    public required EquatableArray<EndpointParameterSpec> Parameters { get; init; }

    /// <summary>The top-level rules, in evaluation order.</summary>
    public required EquatableArray<RuleSpec> Rules { get; init; }
}

/// <summary>The type of an endpoint rule-set parameter.</summary>
internal enum EndpointParameterKind
{
    String,
    Boolean,
    StringArray,
}

/// <summary>One rule-set parameter.</summary>
internal sealed record EndpointParameterSpec
{
    public required string Name { get; init; }

    public required EndpointParameterKind Kind { get; init; }

    /// <summary>The SDK built-in that supplies the value, for example <c>AWS::Region</c>.</summary>
    public required string? BuiltIn { get; init; }

    public required bool Required { get; init; }

    public required ParameterDefaultSpec? Default { get; init; }

    public required string? Documentation { get; init; }

    public required bool Deprecated { get; init; }

    public required string? DeprecatedMessage { get; init; }

    public required SourcePosition Position { get; init; }
}

/// <summary>A parameter's default value: exactly one of the three members is set, matching the parameter's kind.</summary>
internal sealed record ParameterDefaultSpec
{
    public string? StringValue { get; init; }

    public bool? BooleanValue { get; init; }

    public EquatableArray<string>? StringArrayValue { get; init; }

    public static ParameterDefaultSpec OfString(string value) => new() { StringValue = value };

    public static ParameterDefaultSpec OfBoolean(bool value) => new() { BooleanValue = value };

    public static ParameterDefaultSpec OfStringArray(EquatableArray<string> value) => new() { StringArrayValue = value };
}

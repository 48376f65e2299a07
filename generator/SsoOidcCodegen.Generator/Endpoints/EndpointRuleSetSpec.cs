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
    public EndpointRuleSetSpec(string version, EquatableArray<EndpointParameterSpec> parameters, EquatableArray<RuleSpec> rules)
    {
        Version = version;
        Parameters = parameters;
        Rules = rules;
    }

    /// <summary>The rules engine version the rule set declares, for example <c>1.0</c>.</summary>
    public string Version { get; }

    /// <summary>The parameters, in declaration order.</summary>
    public EquatableArray<EndpointParameterSpec> Parameters { get; }

    /// <summary>The top-level rules, in evaluation order.</summary>
    public EquatableArray<RuleSpec> Rules { get; }
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
    public EndpointParameterSpec(
        string name,
        EndpointParameterKind kind,
        string? builtIn,
        bool required,
        ParameterDefaultSpec? defaultValue,
        string? documentation,
        string? deprecatedMessage,
        bool deprecated,
        SourcePosition position)
    {
        Name = name;
        Kind = kind;
        BuiltIn = builtIn;
        Required = required;
        Default = defaultValue;
        Documentation = documentation;
        DeprecatedMessage = deprecatedMessage;
        Deprecated = deprecated;
        Position = position;
    }

    public string Name { get; }

    public EndpointParameterKind Kind { get; }

    /// <summary>The SDK built-in that supplies the value, for example <c>AWS::Region</c>.</summary>
    public string? BuiltIn { get; }

    public bool Required { get; }

    public ParameterDefaultSpec? Default { get; }

    public string? Documentation { get; }

    public bool Deprecated { get; }

    public string? DeprecatedMessage { get; }

    public SourcePosition Position { get; }
}

/// <summary>A parameter's default value: exactly one of the three members is set, matching the parameter's kind.</summary>
internal sealed record ParameterDefaultSpec
{
    private ParameterDefaultSpec(string? stringValue, bool? booleanValue, EquatableArray<string>? stringArrayValue)
    {
        StringValue = stringValue;
        BooleanValue = booleanValue;
        StringArrayValue = stringArrayValue;
    }

    public string? StringValue { get; }

    public bool? BooleanValue { get; }

    public EquatableArray<string>? StringArrayValue { get; }

    public static ParameterDefaultSpec OfString(string value) => new(value, null, null);

    public static ParameterDefaultSpec OfBoolean(bool value) => new(null, value, null);

    public static ParameterDefaultSpec OfStringArray(EquatableArray<string> value) => new(null, null, value);
}

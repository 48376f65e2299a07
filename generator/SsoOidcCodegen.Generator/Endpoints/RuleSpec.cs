namespace SsoOidcCodegen.Generator.Endpoints;

using SsoOidcCodegen.Generator.Model;

/// <summary>A rule: conditions that must all hold, then an endpoint, an error or a tree of further rules.</summary>
internal abstract record RuleSpec
{
    protected RuleSpec(EquatableArray<ConditionSpec> conditions, string? documentation, SourcePosition position)
    {
        Conditions = conditions;
        Documentation = documentation;
        Position = position;
    }

    public EquatableArray<ConditionSpec> Conditions { get; }

    public string? Documentation { get; }

    public SourcePosition Position { get; }
}

/// <summary>A rule that selects an endpoint.</summary>
internal sealed record EndpointRuleSpec : RuleSpec
{
    public EndpointRuleSpec(EquatableArray<ConditionSpec> conditions, string? documentation, EndpointSpec endpoint, SourcePosition position)
        : base(conditions, documentation, position)
    {
        Endpoint = endpoint;
    }

    public EndpointSpec Endpoint { get; }
}

/// <summary>A rule that fails resolution with a message.</summary>
internal sealed record ErrorRuleSpec : RuleSpec
{
    public ErrorRuleSpec(EquatableArray<ConditionSpec> conditions, string? documentation, ExpressionSpec message, SourcePosition position)
        : base(conditions, documentation, position)
    {
        Message = message;
    }

    public ExpressionSpec Message { get; }
}

/// <summary>A rule whose result is the first matching rule among its children (an error when none matches).</summary>
internal sealed record TreeRuleSpec : RuleSpec
{
    public TreeRuleSpec(EquatableArray<ConditionSpec> conditions, string? documentation, EquatableArray<RuleSpec> rules, SourcePosition position)
        : base(conditions, documentation, position)
    {
        Rules = rules;
    }

    public EquatableArray<RuleSpec> Rules { get; }
}

/// <summary>A condition: a function call that must return true or a set value, optionally bound to a variable.</summary>
internal sealed record ConditionSpec
{
    public ConditionSpec(FunctionCallSpec function, string? assign, SourcePosition position)
    {
        Function = function;
        Assign = assign;
        Position = position;
    }

    public FunctionCallSpec Function { get; }

    /// <summary>The variable the result is bound to, when the condition assigns one.</summary>
    public string? Assign { get; }

    public SourcePosition Position { get; }
}

/// <summary>The endpoint an endpoint rule selects.</summary>
internal sealed record EndpointSpec
{
    public EndpointSpec(ExpressionSpec url, EquatableArray<HeaderSpec> headers, EquatableArray<PropertySpec> properties, SourcePosition position)
    {
        Url = url;
        Headers = headers;
        Properties = properties;
        Position = position;
    }

    public ExpressionSpec Url { get; }

    public EquatableArray<HeaderSpec> Headers { get; }

    public EquatableArray<PropertySpec> Properties { get; }

    public SourcePosition Position { get; }
}

/// <summary>A header an endpoint requires, with its values (each a string expression).</summary>
internal sealed record HeaderSpec
{
    public HeaderSpec(string name, EquatableArray<ExpressionSpec> values, SourcePosition position)
    {
        Name = name;
        Values = values;
        Position = position;
    }

    public string Name { get; }

    public EquatableArray<ExpressionSpec> Values { get; }

    public SourcePosition Position { get; }
}

/// <summary>A named endpoint property (or a member of an object property value).</summary>
internal sealed record PropertySpec
{
    public PropertySpec(string name, PropertyValueSpec value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public PropertyValueSpec Value { get; }
}

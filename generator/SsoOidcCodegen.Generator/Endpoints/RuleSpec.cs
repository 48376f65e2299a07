namespace SsoOidcCodegen.Generator.Endpoints;

using SsoOidcCodegen.Generator.Model;

/// <summary>A rule: conditions that must all hold, then an endpoint, an error or a tree of further rules.</summary>
internal abstract record RuleSpec
{
    public required EquatableArray<ConditionSpec> Conditions { get; init; }

    public required string? Documentation { get; init; }

    public required SourcePosition Position { get; init; }
}

/// <summary>A rule that selects an endpoint.</summary>
internal sealed record EndpointRuleSpec : RuleSpec
{
    public required EndpointSpec Endpoint { get; init; }
}

/// <summary>A rule that fails resolution with a message.</summary>
internal sealed record ErrorRuleSpec : RuleSpec
{
    public required ExpressionSpec Message { get; init; }
}

/// <summary>A rule whose result is the first matching rule among its children (an error when none matches).</summary>
internal sealed record TreeRuleSpec : RuleSpec
{
    public required EquatableArray<RuleSpec> Rules { get; init; }
}

/// <summary>A condition: a function call that must return true or a set value, optionally bound to a variable.</summary>
internal sealed record ConditionSpec
{
    public required FunctionCallSpec Function { get; init; }

    /// <summary>The variable the result is bound to, when the condition assigns one.</summary>
    public required string? Assign { get; init; }

    public required SourcePosition Position { get; init; }
}

/// <summary>The endpoint an endpoint rule selects.</summary>
internal sealed record EndpointSpec
{
    public required ExpressionSpec Url { get; init; }

    public required EquatableArray<HeaderSpec> Headers { get; init; }

    public required EquatableArray<PropertySpec> Properties { get; init; }

    public required SourcePosition Position { get; init; }
}

/// <summary>A header an endpoint requires, with its values (each a string expression).</summary>
internal sealed record HeaderSpec
{
    public required string Name { get; init; }

    public required EquatableArray<ExpressionSpec> Values { get; init; }

    public required SourcePosition Position { get; init; }
}

/// <summary>A named endpoint property (or a member of an object property value).</summary>
internal sealed record PropertySpec
{
    public required string Name { get; init; }

    public required PropertyValueSpec Value { get; init; }
}

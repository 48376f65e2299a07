namespace SsoOidcCodegen.Generator.Endpoints;

using SsoOidcCodegen.Generator.Model;

// The bound tree: the rule set after name resolution, type checking and constant folding. The parse step binds
// once and keeps it in the ServiceSpec; the emitters only walk it. Like every spec it is a cacheable value:
// sealed records with structural equality, collections in EquatableArray, no source positions (a whitespace edit
// of the rule set leaves it equal) and nothing from Roslyn or Newtonsoft.

/// <summary>
/// A parameter, or a variable assigned by a condition. <see cref="Id"/> makes each one distinct (a parameter's is
/// its index; each assignment gets the next number after the parameters), so two assignments of one name are two
/// symbols and a variable never equals a parameter.
/// </summary>
internal sealed record RuleSymbol
{
    public required string Name { get; init; }

    /// <summary>The declared type; a reference after an <c>isSet</c> guard sees it as required.</summary>
    public required RuleType Type { get; init; }

    public required int Id { get; init; }
}

/// <summary>A rule set ready for emission: its parameters (with their C# property names) and bound rules.</summary>
internal sealed record BoundRuleSet
{
    /// <summary>The rules engine version the rule set declares.</summary>
    public required string Version { get; init; }

    public required EquatableArray<BoundParameter> Parameters { get; init; }

    public required EquatableArray<BoundRule> Rules { get; init; }
}

/// <summary>A rule-set parameter as the emitters need it: the definition, its property name and its symbol.</summary>
internal sealed record BoundParameter
{
    /// <summary>The rule-set name.</summary>
    public required string Name { get; init; }

    /// <summary>The property on the generated parameters class.</summary>
    public required string PropertyName { get; init; }

    public required EndpointParameterKind Kind { get; init; }

    public string? BuiltIn { get; init; }

    public bool Required { get; init; }

    public ParameterDefaultSpec? Default { get; init; }

    public string? Documentation { get; init; }

    public string? DeprecatedMessage { get; init; }

    public bool Deprecated { get; init; }

    public required RuleSymbol Symbol { get; init; }
}

/// <summary>A rule with its conditions; conditions that always hold have been dropped.</summary>
internal abstract record BoundRule
{
    public required EquatableArray<BoundCondition> Conditions { get; init; }

    /// <summary>Whether a condition is always false, so the rule can be left out.</summary>
    public bool NeverMatches { get; init; }

    public string? Documentation { get; init; }
}

internal sealed record BoundEndpointRule : BoundRule
{
    public required BoundExpression Url { get; init; }

    public EquatableArray<BoundHeader> Headers { get; init; }

    public EquatableArray<BoundProperty> Properties { get; init; }
}

internal sealed record BoundErrorRule : BoundRule
{
    public required BoundExpression Message { get; init; }
}

internal sealed record BoundTreeRule : BoundRule
{
    public required EquatableArray<BoundRule> Rules { get; init; }
}

/// <summary>A condition: the rule continues when the expression is true (booleans) or set (anything else).</summary>
internal sealed record BoundCondition
{
    public required BoundExpression Expression { get; init; }

    /// <summary>The variable that receives the value, when the condition assigns one.</summary>
    public RuleSymbol? Assigned { get; init; }
}

internal sealed record BoundHeader
{
    public required string Name { get; init; }

    public required EquatableArray<BoundExpression> Values { get; init; }
}

internal sealed record BoundProperty
{
    public required string Name { get; init; }

    public required BoundPropertyValue Value { get; init; }
}

/// <summary>An endpoint property value: a string expression, a literal, or an array or object of values.</summary>
internal abstract record BoundPropertyValue
{
}

internal sealed record BoundStringPropertyValue : BoundPropertyValue
{
    public required BoundExpression Value { get; init; }
}

internal sealed record BoundBooleanPropertyValue : BoundPropertyValue
{
    public required bool Value { get; init; }
}

internal sealed record BoundIntegerPropertyValue : BoundPropertyValue
{
    public required long Value { get; init; }
}

internal sealed record BoundArrayPropertyValue : BoundPropertyValue
{
    public required EquatableArray<BoundPropertyValue> Items { get; init; }
}

internal sealed record BoundObjectPropertyValue : BoundPropertyValue
{
    public required EquatableArray<BoundProperty> Members { get; init; }
}

/// <summary>
/// A typed expression. <see cref="Constant"/> is set when the value is known at compile time. <see cref="Type"/>
/// follows from the other properties (a call's and an attribute's are stated), so it is not a second value to keep equal.
/// </summary>
internal abstract record BoundExpression
{
    public abstract RuleType Type { get; }

    /// <summary>The value (string, bool or int) when known at compile time; otherwise null.</summary>
    public virtual object? Constant => null;
}

/// <summary>A string, boolean or integer known at compile time.</summary>
internal sealed record BoundConstant : BoundExpression
{
    /// <summary>A <see cref="string"/>, <see cref="bool"/> or <see cref="int"/>.</summary>
    public required object Value { get; init; }

    public override RuleType Type => Value switch
    {
        bool => RuleType.Boolean,
        int => RuleType.Integer,
        _ => RuleType.String,
    };

    public override object? Constant => Value;
}

internal sealed record BoundStringArrayLiteral : BoundExpression
{
    public required EquatableArray<string> Items { get; init; }

    public override RuleType Type => RuleType.StringArray;
}

/// <summary>A reference to a parameter or variable; <see cref="Narrowed"/> when an <c>isSet</c> guard proved it set.</summary>
internal sealed record BoundReference : BoundExpression
{
    public required RuleSymbol Symbol { get; init; }

    public bool Narrowed { get; init; }

    public override RuleType Type => Narrowed ? Symbol.Type.AsRequired() : Symbol.Type;
}

/// <summary>A template with at least one placeholder: the concatenation of its parts (all required strings).</summary>
internal sealed record BoundTemplate : BoundExpression
{
    public required EquatableArray<BoundExpression> Parts { get; init; }

    public override RuleType Type => RuleType.String;
}

/// <summary>A call of a library function.</summary>
internal sealed record BoundCall : BoundExpression
{
    public required RuleFunction Function { get; init; }

    public required EquatableArray<BoundExpression> Arguments { get; init; }

    /// <summary>The call's type (the binder decides it from the function and its arguments).</summary>
    public required RuleType ReturnType { get; init; }

    public override RuleType Type => ReturnType;
}

/// <summary>One getAttr step into a record: a C# property of the runtime record type.</summary>
internal sealed record BoundAttributeAccess : BoundExpression
{
    public required BoundExpression Target { get; init; }

    public required string PropertyName { get; init; }

    /// <summary>The property's type.</summary>
    public required RuleType AttributeType { get; init; }

    public override RuleType Type => AttributeType;
}

/// <summary>One getAttr step into an array: the element at an index, unset when out of range.</summary>
internal sealed record BoundIndexAccess : BoundExpression
{
    public required BoundExpression Target { get; init; }

    public required int Index { get; init; }

    public override RuleType Type => RuleType.String.AsOptional();
}

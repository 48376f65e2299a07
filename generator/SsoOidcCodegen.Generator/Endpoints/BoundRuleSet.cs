namespace SsoOidcCodegen.Generator.Endpoints;

using System.Collections.Generic;

// The bound tree: the rule set after name resolution, type checking and constant folding. The binder builds it
// from the spec; the resolver emitter walks it. It lives for one compilation and is not cached.

/// <summary>Whether a symbol is a rule-set parameter or a variable a condition assigns.</summary>
internal enum RuleSymbolKind
{
    Parameter,
    Variable,
}

/// <summary>A parameter, or a variable assigned by a condition (unique per assignment).</summary>
internal sealed class RuleSymbol
{
    public RuleSymbol(string name, RuleSymbolKind kind, RuleType type, EndpointParameterSpec? parameter)
    {
        Name = name;
        Kind = kind;
        Type = type;
        Parameter = parameter;
    }

    public string Name { get; }

    public RuleSymbolKind Kind { get; }

    /// <summary>The declared type; a reference after an <c>isSet</c> guard sees it as required.</summary>
    public RuleType Type { get; }

    public EndpointParameterSpec? Parameter { get; }
}

/// <summary>A rule set ready for emission.</summary>
internal sealed class BoundRuleSet
{
    public BoundRuleSet(EndpointRuleSetSpec spec, IReadOnlyList<RuleSymbol> parameters, IReadOnlyList<BoundRule> rules)
    {
        Spec = spec;
        Parameters = parameters;
        Rules = rules;
    }

    public EndpointRuleSetSpec Spec { get; }

    public IReadOnlyList<RuleSymbol> Parameters { get; }

    public IReadOnlyList<BoundRule> Rules { get; }
}

/// <summary>A rule with its conditions; conditions that always hold have been dropped.</summary>
internal abstract class BoundRule
{
    protected BoundRule(IReadOnlyList<BoundCondition> conditions, bool neverMatches, string? documentation)
    {
        Conditions = conditions;
        NeverMatches = neverMatches;
        Documentation = documentation;
    }

    public IReadOnlyList<BoundCondition> Conditions { get; }

    /// <summary>Whether a condition is always false, so the rule can be left out.</summary>
    public bool NeverMatches { get; }

    public string? Documentation { get; }
}

internal sealed class BoundEndpointRule : BoundRule
{
    public BoundEndpointRule(IReadOnlyList<BoundCondition> conditions, bool neverMatches, string? documentation, BoundExpression url, IReadOnlyList<BoundHeader> headers, IReadOnlyList<BoundProperty> properties)
        : base(conditions, neverMatches, documentation)
    {
        Url = url;
        Headers = headers;
        Properties = properties;
    }

    public BoundExpression Url { get; }

    public IReadOnlyList<BoundHeader> Headers { get; }

    public IReadOnlyList<BoundProperty> Properties { get; }
}

internal sealed class BoundErrorRule : BoundRule
{
    public BoundErrorRule(IReadOnlyList<BoundCondition> conditions, bool neverMatches, string? documentation, BoundExpression message)
        : base(conditions, neverMatches, documentation)
    {
        Message = message;
    }

    public BoundExpression Message { get; }
}

internal sealed class BoundTreeRule : BoundRule
{
    public BoundTreeRule(IReadOnlyList<BoundCondition> conditions, bool neverMatches, string? documentation, IReadOnlyList<BoundRule> rules)
        : base(conditions, neverMatches, documentation)
    {
        Rules = rules;
    }

    public IReadOnlyList<BoundRule> Rules { get; }
}

/// <summary>A condition: the rule continues when the expression is true (booleans) or set (anything else).</summary>
internal sealed class BoundCondition
{
    public BoundCondition(BoundExpression expression, RuleSymbol? assigned)
    {
        Expression = expression;
        Assigned = assigned;
    }

    public BoundExpression Expression { get; }

    /// <summary>The variable that receives the value, when the condition assigns one.</summary>
    public RuleSymbol? Assigned { get; }
}

internal sealed class BoundHeader
{
    public BoundHeader(string name, IReadOnlyList<BoundExpression> values)
    {
        Name = name;
        Values = values;
    }

    public string Name { get; }

    public IReadOnlyList<BoundExpression> Values { get; }
}

internal sealed class BoundProperty
{
    public BoundProperty(string name, BoundPropertyValue value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public BoundPropertyValue Value { get; }
}

/// <summary>An endpoint property value: a string expression, a literal, or an array or object of values.</summary>
internal abstract class BoundPropertyValue
{
}

internal sealed class BoundStringPropertyValue : BoundPropertyValue
{
    public BoundStringPropertyValue(BoundExpression value)
    {
        Value = value;
    }

    public BoundExpression Value { get; }
}

internal sealed class BoundBooleanPropertyValue : BoundPropertyValue
{
    public BoundBooleanPropertyValue(bool value)
    {
        Value = value;
    }

    public bool Value { get; }
}

internal sealed class BoundIntegerPropertyValue : BoundPropertyValue
{
    public BoundIntegerPropertyValue(long value)
    {
        Value = value;
    }

    public long Value { get; }
}

internal sealed class BoundArrayPropertyValue : BoundPropertyValue
{
    public BoundArrayPropertyValue(IReadOnlyList<BoundPropertyValue> items)
    {
        Items = items;
    }

    public IReadOnlyList<BoundPropertyValue> Items { get; }
}

internal sealed class BoundObjectPropertyValue : BoundPropertyValue
{
    public BoundObjectPropertyValue(IReadOnlyList<BoundProperty> members)
    {
        Members = members;
    }

    public IReadOnlyList<BoundProperty> Members { get; }
}

/// <summary>A typed expression. <see cref="Constant"/> is set when the value is known at compile time.</summary>
internal abstract class BoundExpression
{
    protected BoundExpression(RuleType type)
    {
        Type = type;
    }

    public RuleType Type { get; }

    /// <summary>The value (string, bool or int) when known at compile time; otherwise null.</summary>
    public virtual object? Constant => null;
}

internal sealed class BoundConstant : BoundExpression
{
    public BoundConstant(string value)
        : base(RuleType.String)
    {
        Value = value;
    }

    public BoundConstant(bool value)
        : base(RuleType.Boolean)
    {
        Value = value;
    }

    public BoundConstant(int value)
        : base(RuleType.Integer)
    {
        Value = value;
    }

    public object Value { get; }

    public override object? Constant => Value;
}

internal sealed class BoundStringArrayLiteral : BoundExpression
{
    public BoundStringArrayLiteral(IReadOnlyList<string> items)
        : base(RuleType.StringArray)
    {
        Items = items;
    }

    public IReadOnlyList<string> Items { get; }
}

/// <summary>A reference to a parameter or variable; <see cref="Narrowed"/> when an <c>isSet</c> guard proved it set.</summary>
internal sealed class BoundReference : BoundExpression
{
    public BoundReference(RuleSymbol symbol, bool narrowed)
        : base(narrowed ? symbol.Type.AsRequired() : symbol.Type)
    {
        Symbol = symbol;
        Narrowed = narrowed;
    }

    public RuleSymbol Symbol { get; }

    public bool Narrowed { get; }
}

/// <summary>A template with at least one placeholder: the concatenation of its parts (all required strings).</summary>
internal sealed class BoundTemplate : BoundExpression
{
    public BoundTemplate(IReadOnlyList<BoundExpression> parts)
        : base(RuleType.String)
    {
        Parts = parts;
    }

    public IReadOnlyList<BoundExpression> Parts { get; }
}

/// <summary>A call of a library function.</summary>
internal sealed class BoundCall : BoundExpression
{
    public BoundCall(RuleFunction function, IReadOnlyList<BoundExpression> arguments, RuleType type)
        : base(type)
    {
        Function = function;
        Arguments = arguments;
    }

    public RuleFunction Function { get; }

    public IReadOnlyList<BoundExpression> Arguments { get; }
}

/// <summary>One getAttr step into a record: a C# property of the runtime record type.</summary>
internal sealed class BoundAttributeAccess : BoundExpression
{
    public BoundAttributeAccess(BoundExpression target, string propertyName, RuleType type)
        : base(type)
    {
        Target = target;
        PropertyName = propertyName;
    }

    public BoundExpression Target { get; }

    public string PropertyName { get; }
}

/// <summary>One getAttr step into an array: the element at an index, unset when out of range.</summary>
internal sealed class BoundIndexAccess : BoundExpression
{
    public BoundIndexAccess(BoundExpression target, int index)
        : base(RuleType.String.AsOptional())
    {
        Target = target;
        Index = index;
    }

    public BoundExpression Target { get; }

    public int Index { get; }
}

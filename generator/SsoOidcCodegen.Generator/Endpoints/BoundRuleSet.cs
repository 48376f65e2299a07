namespace SsoOidcCodegen.Generator.Endpoints;

using System.Collections.Generic;
using SsoOidcCodegen.Generator.Model;

// The bound tree: the rule set after name resolution, type checking and constant folding. The parse step binds
// once and keeps it in the ServiceSpec; the emitters only walk it. Like every spec it is a cacheable value:
// sealed records with structural equality, collections in EquatableArray, no source positions (a whitespace edit
// of the rule set leaves it equal) and nothing from Roslyn or Newtonsoft.

/// <summary>Whether a symbol is a rule-set parameter or a variable a condition assigns.</summary>
internal enum RuleSymbolKind
{
    Parameter,
    Variable,
}

/// <summary>
/// A parameter, or a variable assigned by a condition. <see cref="Id"/> makes each one distinct (a parameter's is
/// its index; each assignment gets the next number), so two assignments of one name are two symbols.
/// </summary>
internal sealed record RuleSymbol
{
    public RuleSymbol(string name, RuleSymbolKind kind, RuleType type, int id)
    {
        Name = name;
        Kind = kind;
        Type = type;
        Id = id;
    }

    public string Name { get; }

    public RuleSymbolKind Kind { get; }

    /// <summary>The declared type; a reference after an <c>isSet</c> guard sees it as required.</summary>
    public RuleType Type { get; }

    public int Id { get; }
}

/// <summary>A rule set ready for emission: its parameters (with their C# property names) and bound rules.</summary>
internal sealed record BoundRuleSet
{
    public BoundRuleSet(string version, EquatableArray<BoundParameter> parameters, EquatableArray<BoundRule> rules)
    {
        Version = version;
        Parameters = parameters;
        Rules = rules;
    }

    /// <summary>The rules engine version the rule set declares.</summary>
    public string Version { get; }

    public EquatableArray<BoundParameter> Parameters { get; }

    public EquatableArray<BoundRule> Rules { get; }
}

/// <summary>A rule-set parameter as the emitters need it: the definition, its property name and its symbol.</summary>
internal sealed record BoundParameter
{
    public BoundParameter(EndpointParameterSpec parameter, string propertyName, RuleSymbol symbol)
    {
        Name = parameter.Name;
        PropertyName = propertyName;
        Kind = parameter.Kind;
        BuiltIn = parameter.BuiltIn;
        Required = parameter.Required;
        Default = parameter.Default;
        Documentation = parameter.Documentation;
        DeprecatedMessage = parameter.DeprecatedMessage;
        Deprecated = parameter.Deprecated;
        Symbol = symbol;
    }

    /// <summary>The rule-set name.</summary>
    public string Name { get; }

    /// <summary>The property on the generated parameters class.</summary>
    public string PropertyName { get; }

    public EndpointParameterKind Kind { get; }

    public string? BuiltIn { get; }

    public bool Required { get; }

    public ParameterDefaultSpec? Default { get; }

    public string? Documentation { get; }

    public string? DeprecatedMessage { get; }

    public bool Deprecated { get; }

    public RuleSymbol Symbol { get; }
}

/// <summary>A rule with its conditions; conditions that always hold have been dropped.</summary>
internal abstract record BoundRule
{
    protected BoundRule(IReadOnlyList<BoundCondition> conditions, bool neverMatches, string? documentation)
    {
        Conditions = new EquatableArray<BoundCondition>(conditions);
        NeverMatches = neverMatches;
        Documentation = documentation;
    }

    public EquatableArray<BoundCondition> Conditions { get; }

    /// <summary>Whether a condition is always false, so the rule can be left out.</summary>
    public bool NeverMatches { get; }

    public string? Documentation { get; }
}

internal sealed record BoundEndpointRule : BoundRule
{
    public BoundEndpointRule(IReadOnlyList<BoundCondition> conditions, bool neverMatches, string? documentation, BoundExpression url, IReadOnlyList<BoundHeader> headers, IReadOnlyList<BoundProperty> properties)
        : base(conditions, neverMatches, documentation)
    {
        Url = url;
        Headers = new EquatableArray<BoundHeader>(headers);
        Properties = new EquatableArray<BoundProperty>(properties);
    }

    public BoundExpression Url { get; }

    public EquatableArray<BoundHeader> Headers { get; }

    public EquatableArray<BoundProperty> Properties { get; }
}

internal sealed record BoundErrorRule : BoundRule
{
    public BoundErrorRule(IReadOnlyList<BoundCondition> conditions, bool neverMatches, string? documentation, BoundExpression message)
        : base(conditions, neverMatches, documentation)
    {
        Message = message;
    }

    public BoundExpression Message { get; }
}

internal sealed record BoundTreeRule : BoundRule
{
    public BoundTreeRule(IReadOnlyList<BoundCondition> conditions, bool neverMatches, string? documentation, IReadOnlyList<BoundRule> rules)
        : base(conditions, neverMatches, documentation)
    {
        Rules = new EquatableArray<BoundRule>(rules);
    }

    public EquatableArray<BoundRule> Rules { get; }
}

/// <summary>A condition: the rule continues when the expression is true (booleans) or set (anything else).</summary>
internal sealed record BoundCondition
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

internal sealed record BoundHeader
{
    public BoundHeader(string name, IReadOnlyList<BoundExpression> values)
    {
        Name = name;
        Values = new EquatableArray<BoundExpression>(values);
    }

    public string Name { get; }

    public EquatableArray<BoundExpression> Values { get; }
}

internal sealed record BoundProperty
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
internal abstract record BoundPropertyValue
{
}

internal sealed record BoundStringPropertyValue : BoundPropertyValue
{
    public BoundStringPropertyValue(BoundExpression value)
    {
        Value = value;
    }

    public BoundExpression Value { get; }
}

internal sealed record BoundBooleanPropertyValue : BoundPropertyValue
{
    public BoundBooleanPropertyValue(bool value)
    {
        Value = value;
    }

    public bool Value { get; }
}

internal sealed record BoundIntegerPropertyValue : BoundPropertyValue
{
    public BoundIntegerPropertyValue(long value)
    {
        Value = value;
    }

    public long Value { get; }
}

internal sealed record BoundArrayPropertyValue : BoundPropertyValue
{
    public BoundArrayPropertyValue(IReadOnlyList<BoundPropertyValue> items)
    {
        Items = new EquatableArray<BoundPropertyValue>(items);
    }

    public EquatableArray<BoundPropertyValue> Items { get; }
}

internal sealed record BoundObjectPropertyValue : BoundPropertyValue
{
    public BoundObjectPropertyValue(IReadOnlyList<BoundProperty> members)
    {
        Members = new EquatableArray<BoundProperty>(members);
    }

    public EquatableArray<BoundProperty> Members { get; }
}

/// <summary>A typed expression. <see cref="Constant"/> is set when the value is known at compile time.</summary>
internal abstract record BoundExpression
{
    protected BoundExpression(RuleType type)
    {
        Type = type;
    }

    public RuleType Type { get; }

    /// <summary>The value (string, bool or int) when known at compile time; otherwise null.</summary>
    public virtual object? Constant => null;
}

internal sealed record BoundConstant : BoundExpression
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

internal sealed record BoundStringArrayLiteral : BoundExpression
{
    public BoundStringArrayLiteral(IReadOnlyList<string> items)
        : base(RuleType.StringArray)
    {
        Items = new EquatableArray<string>(items);
    }

    public EquatableArray<string> Items { get; }
}

/// <summary>A reference to a parameter or variable; <see cref="Narrowed"/> when an <c>isSet</c> guard proved it set.</summary>
internal sealed record BoundReference : BoundExpression
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
internal sealed record BoundTemplate : BoundExpression
{
    public BoundTemplate(IReadOnlyList<BoundExpression> parts)
        : base(RuleType.String)
    {
        Parts = new EquatableArray<BoundExpression>(parts);
    }

    public EquatableArray<BoundExpression> Parts { get; }
}

/// <summary>A call of a library function.</summary>
internal sealed record BoundCall : BoundExpression
{
    public BoundCall(RuleFunction function, IReadOnlyList<BoundExpression> arguments, RuleType type)
        : base(type)
    {
        Function = function;
        Arguments = new EquatableArray<BoundExpression>(arguments);
    }

    public RuleFunction Function { get; }

    public EquatableArray<BoundExpression> Arguments { get; }
}

/// <summary>One getAttr step into a record: a C# property of the runtime record type.</summary>
internal sealed record BoundAttributeAccess : BoundExpression
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
internal sealed record BoundIndexAccess : BoundExpression
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

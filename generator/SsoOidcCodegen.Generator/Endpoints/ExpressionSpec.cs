namespace SsoOidcCodegen.Generator.Endpoints;

using SsoOidcCodegen.Generator.Model;

/// <summary>An expression: a literal, a reference to a parameter or variable, or a function call.</summary>
internal abstract record ExpressionSpec
{
    protected ExpressionSpec(SourcePosition position)
    {
        Position = position;
    }

    public SourcePosition Position { get; }
}

/// <summary>A string literal, which may be a template such as <c>https://oidc.{Region}.{PartitionResult#dnsSuffix}</c>.</summary>
internal sealed record StringLiteralSpec : ExpressionSpec
{
    public StringLiteralSpec(TemplateSpec template, SourcePosition position)
        : base(position)
    {
        Template = template;
    }

    public TemplateSpec Template { get; }
}

/// <summary>A boolean literal.</summary>
internal sealed record BooleanLiteralSpec : ExpressionSpec
{
    public BooleanLiteralSpec(bool value, SourcePosition position)
        : base(position)
    {
        Value = value;
    }

    public bool Value { get; }
}

/// <summary>An integer literal (function arguments such as substring indexes).</summary>
internal sealed record IntegerLiteralSpec : ExpressionSpec
{
    public IntegerLiteralSpec(int value, SourcePosition position)
        : base(position)
    {
        Value = value;
    }

    public int Value { get; }
}

/// <summary>An array literal.</summary>
internal sealed record ArrayLiteralSpec : ExpressionSpec
{
    public ArrayLiteralSpec(EquatableArray<ExpressionSpec> items, SourcePosition position)
        : base(position)
    {
        Items = items;
    }

    public EquatableArray<ExpressionSpec> Items { get; }
}

/// <summary>A reference to a parameter or to a variable assigned by an earlier condition (<c>{"ref": "Region"}</c>).</summary>
internal sealed record ReferenceSpec : ExpressionSpec
{
    public ReferenceSpec(string name, SourcePosition position)
        : base(position)
    {
        Name = name;
    }

    public string Name { get; }
}

/// <summary>A function call (<c>{"fn": "aws.partition", "argv": [...]}</c>).</summary>
internal sealed record FunctionCallSpec : ExpressionSpec
{
    public FunctionCallSpec(string function, EquatableArray<ExpressionSpec> arguments, SourcePosition position)
        : base(position)
    {
        Function = function;
        Arguments = arguments;
    }

    /// <summary>The function name as written, for example <c>aws.partition</c>.</summary>
    public string Function { get; }

    public EquatableArray<ExpressionSpec> Arguments { get; }
}

/// <summary>A string with <c>{name}</c> and <c>{name#path}</c> placeholders (<c>{{</c> and <c>}}</c> stand for braces).</summary>
internal sealed record TemplateSpec
{
    public TemplateSpec(EquatableArray<TemplatePartSpec> parts)
    {
        Parts = parts;
    }

    /// <summary>The literal text and placeholders, in order; an empty string has no parts.</summary>
    public EquatableArray<TemplatePartSpec> Parts { get; }
}

/// <summary>A piece of a template: literal text, or a placeholder naming a parameter or variable and an optional getAttr path.</summary>
internal sealed record TemplatePartSpec
{
    private TemplatePartSpec(string? text, string? reference, string? path)
    {
        Text = text;
        Reference = reference;
        Path = path;
    }

    /// <summary>The literal text, or null for a placeholder.</summary>
    public string? Text { get; }

    /// <summary>The referenced parameter or variable, or null for literal text.</summary>
    public string? Reference { get; }

    /// <summary>The getAttr path after <c>#</c>, or null.</summary>
    public string? Path { get; }

    public static TemplatePartSpec Literal(string text) => new(text, null, null);

    public static TemplatePartSpec Placeholder(string reference, string? path) => new(null, reference, path);
}

/// <summary>A literal value of an endpoint property: strings are templates.</summary>
internal abstract record PropertyValueSpec
{
    protected PropertyValueSpec(SourcePosition position)
    {
        Position = position;
    }

    public SourcePosition Position { get; }
}

/// <summary>A string property value (a template).</summary>
internal sealed record StringPropertyValueSpec : PropertyValueSpec
{
    public StringPropertyValueSpec(TemplateSpec template, SourcePosition position)
        : base(position)
    {
        Template = template;
    }

    public TemplateSpec Template { get; }
}

/// <summary>A boolean property value.</summary>
internal sealed record BooleanPropertyValueSpec : PropertyValueSpec
{
    public BooleanPropertyValueSpec(bool value, SourcePosition position)
        : base(position)
    {
        Value = value;
    }

    public bool Value { get; }
}

/// <summary>An integer property value.</summary>
internal sealed record IntegerPropertyValueSpec : PropertyValueSpec
{
    public IntegerPropertyValueSpec(long value, SourcePosition position)
        : base(position)
    {
        Value = value;
    }

    public long Value { get; }
}

/// <summary>An array property value.</summary>
internal sealed record ArrayPropertyValueSpec : PropertyValueSpec
{
    public ArrayPropertyValueSpec(EquatableArray<PropertyValueSpec> items, SourcePosition position)
        : base(position)
    {
        Items = items;
    }

    public EquatableArray<PropertyValueSpec> Items { get; }
}

/// <summary>An object property value, members in declaration order.</summary>
internal sealed record ObjectPropertyValueSpec : PropertyValueSpec
{
    public ObjectPropertyValueSpec(EquatableArray<PropertySpec> members, SourcePosition position)
        : base(position)
    {
        Members = members;
    }

    public EquatableArray<PropertySpec> Members { get; }
}

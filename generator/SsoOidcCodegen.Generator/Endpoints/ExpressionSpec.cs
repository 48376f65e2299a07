namespace SsoOidcCodegen.Generator.Endpoints;

using SsoOidcCodegen.Generator.Model;

/// <summary>An expression: a literal, a reference to a parameter or variable, or a function call.</summary>
internal abstract record ExpressionSpec
{
    public required SourcePosition Position { get; init; }
}

/// <summary>A string literal, which may be a template such as <c>https://oidc.{Region}.{PartitionResult#dnsSuffix}</c>.</summary>
internal sealed record StringLiteralSpec : ExpressionSpec
{
    public required TemplateSpec Template { get; init; }
}

/// <summary>A boolean literal.</summary>
internal sealed record BooleanLiteralSpec : ExpressionSpec
{
    public required bool Value { get; init; }
}

/// <summary>An integer literal (function arguments such as substring indexes).</summary>
internal sealed record IntegerLiteralSpec : ExpressionSpec
{
    public required int Value { get; init; }
}

/// <summary>An array literal.</summary>
internal sealed record ArrayLiteralSpec : ExpressionSpec
{
    public required EquatableArray<ExpressionSpec> Items { get; init; }
}

/// <summary>A reference to a parameter or to a variable assigned by an earlier condition (<c>{"ref": "Region"}</c>).</summary>
internal sealed record ReferenceSpec : ExpressionSpec
{
    public required string Name { get; init; }
}

/// <summary>A function call (<c>{"fn": "aws.partition", "argv": [...]}</c>).</summary>
internal sealed record FunctionCallSpec : ExpressionSpec
{
    /// <summary>The function name as written, for example <c>aws.partition</c>.</summary>
    public required string Function { get; init; }

    public required EquatableArray<ExpressionSpec> Arguments { get; init; }
}

/// <summary>A string with <c>{name}</c> and <c>{name#path}</c> placeholders (<c>{{</c> and <c>}}</c> stand for braces).</summary>
internal sealed record TemplateSpec
{
    /// <summary>The literal text and placeholders, in order; an empty string has no parts.</summary>
    public required EquatableArray<TemplatePartSpec> Parts { get; init; }
}

/// <summary>A piece of a template: literal text, or a placeholder naming a parameter or variable and an optional getAttr path.</summary>
internal sealed record TemplatePartSpec
{
    /// <summary>The literal text, or null for a placeholder.</summary>
    public string? Text { get; init; }

    /// <summary>The referenced parameter or variable, or null for literal text.</summary>
    public string? Reference { get; init; }

    /// <summary>The getAttr path after <c>#</c>, or null.</summary>
    public string? Path { get; init; }

    public static TemplatePartSpec Literal(string text) => new() { Text = text };

    public static TemplatePartSpec Placeholder(string reference, string? path) => new() { Reference = reference, Path = path };
}

/// <summary>A literal value of an endpoint property: strings are templates.</summary>
internal abstract record PropertyValueSpec
{
    public required SourcePosition Position { get; init; }
}

/// <summary>A string property value (a template).</summary>
internal sealed record StringPropertyValueSpec : PropertyValueSpec
{
    public required TemplateSpec Template { get; init; }
}

/// <summary>A boolean property value.</summary>
internal sealed record BooleanPropertyValueSpec : PropertyValueSpec
{
    public required bool Value { get; init; }
}

/// <summary>An integer property value.</summary>
internal sealed record IntegerPropertyValueSpec : PropertyValueSpec
{
    public required long Value { get; init; }
}

/// <summary>An array property value.</summary>
internal sealed record ArrayPropertyValueSpec : PropertyValueSpec
{
    public required EquatableArray<PropertyValueSpec> Items { get; init; }
}

/// <summary>An object property value, members in declaration order.</summary>
internal sealed record ObjectPropertyValueSpec : PropertyValueSpec
{
    public required EquatableArray<PropertySpec> Members { get; init; }
}

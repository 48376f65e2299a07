namespace SsoOidcCodegen.Generator.JmesPath;

using System.Collections.Generic;

/// <summary>
/// A parsed JMESPath expression: the subset AWS waiters and paginators use (fields, indexes,
/// <c>[]</c>/<c>[*]</c> projections, multi-select lists, filters, comparisons, <c>&amp;&amp;</c>/<c>||</c>/<c>!</c>, pipes,
/// literals and the functions <c>length</c> and <c>contains</c>). Specs keep the expression's text;
/// these nodes live only while an expression is checked or compiled.
/// </summary>
internal abstract record JmesPathNode;

/// <summary><c>@</c>: the current value.</summary>
internal sealed record CurrentNode : JmesPathNode
{
    public static readonly CurrentNode Instance = new();
}

/// <summary>A member of the current value, by its model name.</summary>
internal sealed record FieldNode(string Name) : JmesPathNode;

/// <summary><c>left.right</c> and <c>left | right</c>: the right expression evaluated on the left value.</summary>
internal sealed record SubNode(JmesPathNode Left, JmesPathNode Right) : JmesPathNode;

/// <summary><c>left[n]</c>; a negative index counts from the end.</summary>
internal sealed record IndexNode(JmesPathNode Left, int Index) : JmesPathNode;

/// <summary><c>left[*].right</c> (and, over a <see cref="FlattenNode"/>, <c>left[].right</c>).</summary>
internal sealed record ProjectionNode(JmesPathNode Left, JmesPathNode Right) : JmesPathNode;

/// <summary><c>left[]</c>: one level of nested lists flattened.</summary>
internal sealed record FlattenNode(JmesPathNode Left) : JmesPathNode;

/// <summary><c>[a, b]</c> (and <c>left.[a, b]</c>): a list of the items' values, each evaluated on the current value.</summary>
internal sealed record MultiSelectListNode(IReadOnlyList<JmesPathNode> Items) : JmesPathNode;

/// <summary><c>left[?condition].right</c>.</summary>
internal sealed record FilterNode(JmesPathNode Left, JmesPathNode Condition, JmesPathNode Right) : JmesPathNode;

/// <summary>A comparison: <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>.</summary>
internal sealed record CompareNode(string Operator, JmesPathNode Left, JmesPathNode Right) : JmesPathNode;

/// <summary><c>left &amp;&amp; right</c>.</summary>
internal sealed record AndNode(JmesPathNode Left, JmesPathNode Right) : JmesPathNode;

/// <summary><c>left || right</c>.</summary>
internal sealed record OrNode(JmesPathNode Left, JmesPathNode Right) : JmesPathNode;

/// <summary><c>!expression</c>.</summary>
internal sealed record NotNode(JmesPathNode Operand) : JmesPathNode;

/// <summary>The kinds of literal value.</summary>
internal enum LiteralKind
{
    Null,
    String,
    Number,
    Boolean,
}

/// <summary>A literal (<c>`0`</c>, <c>`true`</c>, <c>`"x"`</c>) or a raw string (<c>'x'</c>).</summary>
internal sealed record LiteralNode(LiteralKind Kind, string? Text, double Number, bool Boolean) : JmesPathNode
{
    public static LiteralNode String(string text) => new(LiteralKind.String, text, 0, false);

    public static LiteralNode Of(double number) => new(LiteralKind.Number, null, number, false);

    public static LiteralNode Of(bool value) => new(LiteralKind.Boolean, null, 0, value);

    public static readonly LiteralNode Null = new(LiteralKind.Null, null, 0, false);
}

/// <summary>A function call: <c>length(x)</c>, <c>contains(x, y)</c>.</summary>
internal sealed record FunctionNode(string Name, IReadOnlyList<JmesPathNode> Arguments) : JmesPathNode;

namespace SsoOidcCodegen.Generator.JmesPath;

using System;
using System.Collections.Generic;
using System.Globalization;
using SsoOidcCodegen.Generator.Emitting;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <summary>
/// Compiles a JMESPath expression, at generation time, to a typed C# expression over the generated
/// response classes: member access with <c>?.</c>, projections and filters as calls of the runtime's
/// <c>JmesPath</c> helpers with lambdas, comparisons on strings, numbers and booleans. No reflection:
/// every member the expression names is looked up in the specs here, and an expression that names a
/// member the shape lacks, or uses something outside the subset, is rejected with a message.
/// </summary>
/// <remarks>
/// Values are normalised as they are read: enums to their string value, numbers to <c>double?</c>,
/// booleans to <c>bool?</c>, timestamps, blobs and documents to <c>object?</c>; structures, lists and
/// maps stay as they are. List elements keep their model type until a projection reads them.
/// </remarks>
internal sealed class JmesPathCompiler
{
    private const string Helpers = "global::SsoOidcCodegen.Runtime.Waiters.JmesPath";
    private readonly IReadOnlyDictionary<string, ShapeSpec> shapes;
    private readonly string? modelNamespace;
    private int names;

    /// <summary>Compiles over the shapes; model types are written qualified with <paramref name="modelNamespace"/> (a shape may be called <c>Object</c>).</summary>
    public JmesPathCompiler(IReadOnlyDictionary<string, ShapeSpec> shapes, string? modelNamespace = null)
    {
        this.shapes = shapes;
        this.modelNamespace = modelNamespace;
    }

    /// <summary>The kinds of normalised value.</summary>
    internal enum ValueKind
    {
        Null,
        String,
        Number,
        Boolean,
        Structure,
        List,
        Map,
        Other,
    }

    /// <summary>The expression's value as C#, evaluated on <paramref name="root"/> (a variable of structure type <paramref name="rootType"/>).</summary>
    public Compiled Compile(string expression, string root, string rootType) =>
        Compile(JmesPathParser.Parse(expression), Structure(root, rootType));

    /// <summary>A C# condition: the expression's value equals the literal (the <c>path</c> matcher).</summary>
    public string PathMatches(string expression, string root, string rootType, LiteralNode expected) =>
        Equality(Compile(expression, root, rootType), Literal(expected), negate: false);

    /// <summary>A C# condition: the value is a non-empty list whose every element equals the literal (<c>pathAll</c>), or any element (<c>pathAny</c>).</summary>
    public string ListMatches(string expression, string root, string rootType, LiteralNode expected, bool all)
    {
        Compiled list = Compile(expression, root, rootType);
        if (list.Kind != ValueKind.List)
        {
            throw new JmesPathException($"'{expression}' is not a list, so {(all ? "pathAll" : "pathAny")} can never match");
        }

        string name = NewName("j");
        return $"{Helpers}.{(all ? "All" : "Any")}({list.Code}, {name} => {Equality(Element(list, name), Literal(expected), negate: false)})";
    }

    /// <summary>A C# condition: the expression's value is truthy (for <c>more_results</c>).</summary>
    public string Truthy(string expression, string root, string rootType) => Truthy(Compile(expression, root, rootType));

    /// <summary>
    /// The expression's value in its model type, for paginator tokens and result keys: member paths,
    /// indexes and <c>a || b</c> over values of one type. Returns the C# code and the member type.
    /// </summary>
    public (string Code, TypeRef Type) CompileRaw(string expression, string root, string rootType) =>
        Raw(JmesPathParser.Parse(expression), root, new TypeRef { Kind = TypeKind.Structure, TypeName = rootType, Signature = rootType });

    private (string Code, TypeRef Type) Raw(JmesPathNode node, string current, TypeRef type)
    {
        switch (node)
        {
            case FieldNode field:
                MemberSpec member = Member(type, field.Name);
                return ($"{Wrap(current)}?.{member.PropertyName}", member.Type);
            case SubNode sub:
                (string left, TypeRef leftType) = Raw(sub.Left, current, type);
                return Raw(sub.Right, left, leftType);
            case IndexNode index:
                (string list, TypeRef listType) = Raw(index.Left, current, type);
                if (listType.Kind != TypeKind.List)
                {
                    throw new JmesPathException("an index needs a list");
                }

                string name = NewName("v");
                string cast = "(" + CSharpTypes.Property(listType.Element!, modelNamespace) + ")";
                return ($"({Helpers}.TryIndex({list}, {Number(index.Index)}, out var {name}) ? {cast}{name} : null)", listType.Element!);
            case OrNode or:
                (string a, TypeRef aType) = Raw(or.Left, current, type);
                (string b, TypeRef bType) = Raw(or.Right, current, type);
                if (aType.Signature != bType.Signature)
                {
                    throw new JmesPathException("both sides of '||' must have one type");
                }

                return (CSharpTypes.IsValueType(aType) ? $"({a} ?? {b})" : $"{Helpers}.Or({a}, {b})", aType);
            case CurrentNode:
                return (current, type);
            default:
                throw new JmesPathException("a token or result key must be a member path (with indexes and '||')");
        }
    }

    private Compiled Compile(JmesPathNode node, Compiled current)
    {
        switch (node)
        {
            case CurrentNode:
                return current;
            case FieldNode field:
                return Field(current, field.Name);
            case SubNode sub:
                return Compile(sub.Right, Compile(sub.Left, current));
            case IndexNode index:
                return Index(Compile(index.Left, current), index.Index);
            case FlattenNode flatten:
                return Flatten(Compile(flatten.Left, current));
            case ProjectionNode projection:
                return Project(Compile(projection.Left, current), projection.Right);
            case FilterNode filter:
                return Filter(Compile(filter.Left, current), filter.Condition, filter.Right);
            case MultiSelectListNode multiSelect:
                return MultiSelect(current, multiSelect.Items);
            case CompareNode compare:
                return Comparison(compare.Operator, Compile(compare.Left, current), Compile(compare.Right, current));
            case AndNode and:
                return Logical(Compile(and.Left, current), Compile(and.Right, current), isAnd: true);
            case OrNode or:
                return Logical(Compile(or.Left, current), Compile(or.Right, current), isAnd: false);
            case NotNode not:
                return new Compiled("!" + Wrap(Truthy(Compile(not.Operand, current))), ValueKind.Boolean);
            case LiteralNode literal:
                return Literal(literal);
            case FunctionNode function:
                return Function(function, current);
            default:
                throw new JmesPathException("unsupported expression");
        }
    }

    private Compiled Field(Compiled current, string name)
    {
        if (current.Kind == ValueKind.Null)
        {
            return current;
        }

        if (current.Kind != ValueKind.Structure)
        {
            throw new JmesPathException($"'{name}' is read from a {current.Kind.ToString().ToLowerInvariant()}, which has no members");
        }

        MemberSpec member = Member(current.Raw!, name);
        return Normalize($"{Wrap(current.Code)}?.{member.PropertyName}", member.Type, nullable: true);
    }

    private MemberSpec Member(TypeRef structure, string name)
    {
        if (structure.Kind != TypeKind.Structure || !shapes.TryGetValue(structure.TypeName!, out ShapeSpec? shape))
        {
            throw new JmesPathException($"'{name}' is read from something that is not a structure");
        }

        foreach (MemberSpec member in shape.Members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        throw new JmesPathException($"the shape {shape.Name} has no member '{name}'");
    }

    private Compiled Index(Compiled list, int index)
    {
        if (list.Kind != ValueKind.List)
        {
            throw new JmesPathException($"[{index}] needs a list, not a {list.Kind.ToString().ToLowerInvariant()}");
        }

        string name = NewName("v");
        Compiled element = Element(list, name);
        return element with { Code = $"({Helpers}.TryIndex({list.Code}, {Number(index)}, out var {name}) ? {Nullable(element)} : null)" };
    }

    private Compiled Flatten(Compiled list)
    {
        if (list.Kind != ValueKind.List)
        {
            throw new JmesPathException($"[] needs a list, not a {list.Kind.ToString().ToLowerInvariant()}");
        }

        bool nested = list.RawElement is { Kind: TypeKind.List } || list.Element is { Kind: ValueKind.List };
        if (!nested)
        {
            return list;
        }

        return list.RawElement is { } raw
            ? new Compiled($"{Helpers}.Flatten({list.Code})", ValueKind.List, RawElement: raw.Element, RawElementSparse: raw.IsSparse)
            : new Compiled($"{Helpers}.Flatten({list.Code})", ValueKind.List, Element: list.Element!.Element, RawElement: list.Element.RawElement, RawElementSparse: list.Element.RawElementSparse);
    }

    /// <summary>
    /// <c>[a, b]</c>: a list of the items' values, a <c>List</c> like every other list value here (null when the current value is null, as JMESPath has it). The items
    /// must be strings, numbers or booleans of one kind, which is what the models' bindings select.
    /// </summary>
    private Compiled MultiSelect(Compiled current, IReadOnlyList<JmesPathNode> items)
    {
        if (current.Kind == ValueKind.Null)
        {
            return current;
        }

        var values = new List<Compiled>();
        foreach (JmesPathNode item in items)
        {
            values.Add(Compile(item, current));
        }

        ValueKind kind = values[0].Kind;
        string? type = kind switch
        {
            ValueKind.String => "string?",
            ValueKind.Number => "double?",
            ValueKind.Boolean => "bool?",
            _ => null,
        };
        if (type is null || values.Exists(value => value.Kind != kind))
        {
            throw new JmesPathException("the items of a multi-select list must all be strings, numbers or booleans of one kind");
        }

        var code = new System.Text.StringBuilder();
        code.Append('(').Append(Wrap(current.Code)).Append(" is null ? null : new global::System.Collections.Generic.List<").Append(type).Append("> { ");
        for (int i = 0; i < values.Count; i++)
        {
            code.Append(i == 0 ? string.Empty : ", ").Append(values[i].Code);
        }

        code.Append(" })");
        return new Compiled(code.ToString(), ValueKind.List, Element: new Compiled(string.Empty, kind));
    }

    private Compiled Project(Compiled list, JmesPathNode right)
    {
        if (list.Kind == ValueKind.Null)
        {
            return list;
        }

        if (list.Kind != ValueKind.List)
        {
            throw new JmesPathException($"a projection needs a list, not a {list.Kind.ToString().ToLowerInvariant()}");
        }

        if (right is CurrentNode)
        {
            return list;
        }

        string name = NewName("j");
        Compiled body = Compile(right, Element(list, name));
        return body.Kind switch
        {
            ValueKind.Number => new Compiled($"{Helpers}.ProjectValues({list.Code}, {name} => (double?){Wrap(body.Code)})", ValueKind.List, Element: new Compiled(string.Empty, ValueKind.Number)),
            ValueKind.Boolean => new Compiled($"{Helpers}.ProjectValues({list.Code}, {name} => (bool?){Wrap(body.Code)})", ValueKind.List, Element: new Compiled(string.Empty, ValueKind.Boolean)),
            ValueKind.Null => body,
            _ => new Compiled($"{Helpers}.Project({list.Code}, {name} => {body.Code})", ValueKind.List, Element: body with { Code = string.Empty }),
        };
    }

    private Compiled Filter(Compiled list, JmesPathNode condition, JmesPathNode right)
    {
        if (list.Kind != ValueKind.List)
        {
            throw new JmesPathException($"a filter needs a list, not a {list.Kind.ToString().ToLowerInvariant()}");
        }

        string name = NewName("j");
        string test = Truthy(Compile(condition, Element(list, name)));
        return Project(list with { Code = $"{Helpers}.Filter({list.Code}, {name} => {test})" }, right);
    }

    /// <summary>The element of a list as a value, read through the lambda parameter <paramref name="name"/>.</summary>
    private static Compiled Element(Compiled list, string name)
    {
        if (list.RawElement is { } raw)
        {
            return Normalize(name, raw, list.RawElementSparse);
        }

        Compiled element = list.Element!;
        return element with { Code = name };
    }

    private static Compiled Normalize(string code, TypeRef type, bool nullable)
    {
        switch (type.Kind)
        {
            case TypeKind.String:
                return new Compiled(code, ValueKind.String);
            case TypeKind.StringEnum:
                return new Compiled(nullable ? $"{Wrap(code)}?.Value" : $"{Wrap(code)}.Value", ValueKind.String);
            case TypeKind.IntEnum:
                return new Compiled(nullable ? $"(double?){Wrap(code)}?.Value" : $"(double?){Wrap(code)}.Value", ValueKind.Number);
            case TypeKind.Byte or TypeKind.Short or TypeKind.Integer or TypeKind.Long or TypeKind.Float or TypeKind.Double
                or TypeKind.BigInteger or TypeKind.BigDecimal:
                return new Compiled($"(double?){Wrap(code)}", ValueKind.Number);
            case TypeKind.Boolean:
                return new Compiled($"(bool?){Wrap(code)}", ValueKind.Boolean);
            case TypeKind.Structure:
                return new Compiled(code, ValueKind.Structure, Raw: type);
            case TypeKind.List:
                return new Compiled(code, ValueKind.List, RawElement: type.Element, RawElementSparse: type.IsSparse);
            case TypeKind.Map:
                return new Compiled(code, ValueKind.Map);
            default:
                return new Compiled($"(object?){Wrap(code)}", ValueKind.Other);
        }
    }

    private Compiled Comparison(string op, Compiled left, Compiled right)
    {
        if (op is "==" or "!=")
        {
            return new Compiled(Equality(left, right, negate: op == "!="), ValueKind.Boolean);
        }

        if (left.Kind == ValueKind.Number && right.Kind == ValueKind.Number)
        {
            return new Compiled($"({Wrap(left.Code)} {op} {Wrap(right.Code)})", ValueKind.Boolean);
        }

        return new Compiled($"({Helpers}.Compare((object?){Wrap(left.Code)}, (object?){Wrap(right.Code)}) {op} 0)", ValueKind.Boolean);
    }

    private static string Equality(Compiled left, Compiled right, bool negate)
    {
        string not = negate ? "!" : string.Empty;
        if (left.Kind == ValueKind.String && right.Kind == ValueKind.String)
        {
            return $"{not}string.Equals({left.Code}, {right.Code}, global::System.StringComparison.Ordinal)";
        }

        if (left.Kind == right.Kind && left.Kind is ValueKind.Number or ValueKind.Boolean)
        {
            return $"({Wrap(left.Code)} {(negate ? "!=" : "==")} {Wrap(right.Code)})";
        }

        return $"{not}{Helpers}.Equal((object?){Wrap(left.Code)}, (object?){Wrap(right.Code)})";
    }

    private Compiled Logical(Compiled left, Compiled right, bool isAnd)
    {
        if (left.Kind == ValueKind.Boolean && right.Kind == ValueKind.Boolean)
        {
            // A helper, not a conditional: the left code must appear once (it may declare an out variable).
            return new Compiled($"{Helpers}.{(isAnd ? "And" : "Or")}({left.Code}, {right.Code})", ValueKind.Boolean);
        }

        if (left.Kind == ValueKind.String && right.Kind == ValueKind.String)
        {
            return new Compiled($"{Helpers}.{(isAnd ? "And" : "Or")}({left.Code}, {right.Code})", ValueKind.String);
        }

        return new Compiled($"{Helpers}.{(isAnd ? "And" : "Or")}((object?){Wrap(left.Code)}, (object?){Wrap(right.Code)})", ValueKind.Other);
    }

    private static string Truthy(Compiled value) => value.Kind switch
    {
        ValueKind.Boolean => $"({Wrap(value.Code)} == true)",
        ValueKind.String => $"!string.IsNullOrEmpty({value.Code})",
        ValueKind.Number => $"{Wrap(value.Code)}.HasValue",
        ValueKind.Structure => $"({Wrap(value.Code)} is not null)",
        ValueKind.List or ValueKind.Map => $"({Wrap(value.Code)} is {{ Count: > 0 }})",
        _ => $"{Helpers}.IsTruthy({value.Code})",
    };

    private Compiled Function(FunctionNode function, Compiled current)
    {
        Compiled first = Compile(function.Arguments[0], current);
        if (function.Name == "length")
        {
            return first.Kind switch
            {
                ValueKind.String => new Compiled($"{Helpers}.Length({first.Code})", ValueKind.Number),
                ValueKind.List or ValueKind.Map => new Compiled($"{Helpers}.Length((global::System.Collections.ICollection?){Wrap(first.Code)})", ValueKind.Number),
                _ => throw new JmesPathException($"length() needs a string, list or map, not a {first.Kind.ToString().ToLowerInvariant()}"),
            };
        }

        Compiled second = Compile(function.Arguments[1], current);
        if (first.Kind == ValueKind.String)
        {
            return second.Kind == ValueKind.String
                ? new Compiled($"{Helpers}.Contains({first.Code}, {second.Code})", ValueKind.Boolean)
                : new Compiled("false", ValueKind.Boolean);
        }

        if (first.Kind == ValueKind.List)
        {
            string name = NewName("j");
            string condition = Equality(Element(first, name), second, negate: false);
            return new Compiled($"{Helpers}.Any({first.Code}, {name} => {condition})", ValueKind.Boolean);
        }

        throw new JmesPathException($"contains() needs a string or a list, not a {first.Kind.ToString().ToLowerInvariant()}");
    }

    private static Compiled Literal(LiteralNode literal) => literal.Kind switch
    {
        LiteralKind.String => new Compiled(CSharpNames.StringLiteral(literal.Text!), ValueKind.String),
        LiteralKind.Number => new Compiled("(double?)" + literal.Number.ToString("R", CultureInfo.InvariantCulture) + "d", ValueKind.Number),
        LiteralKind.Boolean => new Compiled(literal.Boolean ? "(bool?)true" : "(bool?)false", ValueKind.Boolean),
        _ => new Compiled("(object?)null", ValueKind.Null),
    };

    private static Compiled Structure(string code, string typeName) =>
        new(code, ValueKind.Structure, Raw: new TypeRef { Kind = TypeKind.Structure, TypeName = typeName, Signature = typeName });

    /// <summary>The value with a type that accepts null, for the arms of a conditional.</summary>
    private static string Nullable(Compiled value) => value.Kind switch
    {
        ValueKind.Number => "(double?)" + Wrap(value.Code),
        ValueKind.Boolean => "(bool?)" + Wrap(value.Code),
        _ => value.Code,
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parenthesises code unless it is a plain name or member chain.</summary>
    private static string Wrap(string code)
    {
        foreach (char c in code)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '.' || c == '?'))
            {
                return "(" + code + ")";
            }
        }

        return code;
    }

    private string NewName(string prefix) => prefix + (++names).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A compiled value: its C# code and kind; for a structure its type, for a list its element (in
    /// model form, <see cref="RawElement"/>, or already normalised, <see cref="Element"/>).
    /// </summary>
    internal sealed record Compiled(
        string Code,
        ValueKind Kind,
        TypeRef? Raw = null,
        TypeRef? RawElement = null,
        bool RawElementSparse = false,
        Compiled? Element = null);
}

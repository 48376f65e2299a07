namespace SsoOidcCodegen.Generator.Endpoints;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// Writes <c>{Prefix}EndpointResolver</c>: the bound rules as straight-line C#. Each rule becomes an <c>if</c> whose
/// conditions are joined with <c>&amp;&amp;</c>; an assigning condition declares a pattern variable; a tree nests its
/// rules inside its <c>if</c>; an endpoint returns, an error throws. Nothing is interpreted at run time.
/// </summary>
internal sealed class EndpointResolverEmitter
{
    private const string Runtime = "global::SsoOidcCodegen.Runtime.Endpoints.";
    private const string Exception = Runtime + "EndpointResolutionException";
    private const string Value = Runtime + "EndpointValue";

    /// <summary>The message when no rule at some level matches (the rules engine calls this rule exhaustion).</summary>
    public const string NoRuleMatchedMessage = "No endpoint rule matched the parameters.";

    // Conditions longer than this go one per line.
    private const int MaxConditionLineLength = 100;

    private readonly Dictionary<RuleSymbol, string> _locals = new();
    private readonly HashSet<string> _usedLocals = new(StringComparer.Ordinal) { "parameters" };

    private enum Precedence
    {
        Conditional = 1,
        Coalescing,
        ConditionalOr,
        ConditionalAnd,
        Equality,
        Relational,
        Additive,
        Unary,
        Primary,
    }

    public static string Emit(BoundRuleSet ruleSet, EndpointEmitOptions options)
    {
        var emitter = new EndpointResolverEmitter();

        // The parameters' locals first, then the rules' in the order they are written: locals are numbered in that order.
        List<ParameterView> parameters = ruleSet.Parameters.Select(emitter.Parameter).ToList();
        return Emitting.TemplateRenderer.Render("EndpointResolver", new
        {
            options.Header,
            options.Namespace,
            options.Prefix,
            Version = CSharpSyntax.XmlText(ruleSet.Version),
            options.Accessibility,
            options.ResolverClassName,
            options.ParametersClassName,
            Parameters = parameters,
            Body = emitter.Rules(ruleSet.Rules),
        });
    }

    private ParameterView Parameter(BoundParameter parameter) => new(
        Type: parameter.Kind switch
        {
            EndpointParameterKind.Boolean => "bool",
            EndpointParameterKind.StringArray => "string[]",
            _ => "string",
        },
        Local: DeclareLocal(parameter.Symbol),
        PropertyName: parameter.PropertyName,
        Default: parameter.Default is null ? null : EndpointParametersEmitter.DefaultLiteral(parameter.Default),
        RequiredMessage: parameter.Default is null && parameter.Required
            ? CSharpSyntax.StringLiteral("The endpoint parameter '" + parameter.Name + "' is required but not set.")
            : null);

    /// <summary>The rules of one level up to the first that always returns or throws (nothing after it is reachable).</summary>
    private RuleListView Rules(IReadOnlyList<BoundRule> rules)
    {
        var views = new List<RuleView>();
        bool exhaustive = false;
        foreach (BoundRule rule in rules)
        {
            if (rule.NeverMatches)
            {
                continue;
            }

            views.Add(Rule(rule));
            if (rule.Conditions.Count == 0)
            {
                exhaustive = true;
                break;
            }
        }

        return new RuleListView(views, exhaustive, CSharpSyntax.StringLiteral(NoRuleMatchedMessage));
    }

    private RuleView Rule(BoundRule rule)
    {
        // Conditions before the outcome: the conditions declare the locals the outcome reads.
        var conditions = new List<string>();
        foreach (BoundCondition condition in rule.Conditions)
        {
            conditions.Add(EmitCondition(condition));
        }

        int joinedLength = conditions.Sum(c => c.Length) + (4 * (conditions.Count - 1));
        return new RuleView(
            Comment: string.IsNullOrWhiteSpace(rule.Documentation) ? null : CSharpSyntax.CommentText(rule.Documentation!),
            HasConditions: conditions.Count > 0,
            Conditions: conditions,
            ConditionsOnOneLine: conditions.Count == 1 || joinedLength + 4 <= MaxConditionLineLength,
            Endpoint: rule is BoundEndpointRule endpoint ? Endpoint(endpoint) : null,
            Tree: rule is BoundTreeRule tree ? Rules(tree.Rules) : null,
            ErrorMessage: rule is BoundErrorRule error ? Emit(error.Message, Precedence.Conditional)
                : rule is BoundEndpointRule or BoundTreeRule ? null
                : throw new InvalidOperationException("Unknown rule kind " + rule.GetType().Name));
    }

    private EndpointView Endpoint(BoundEndpointRule endpoint) => new(
        Url: Emit(endpoint.Url, Precedence.Conditional),
        Headers: endpoint.Headers.Count == 0 ? null : endpoint.Headers.Select(header => new HeaderView(
            CSharpSyntax.StringLiteral(header.Name),
            header.Values.Count == 0 ? null : header.Values.Select(value => Emit(value, Precedence.Conditional)).ToList())).ToList(),
        Properties: endpoint.Properties.Count == 0 ? null : Members(endpoint.Properties));

    private List<MemberView> Members(IReadOnlyList<BoundProperty> members) =>
        members.Select(member => new MemberView(CSharpSyntax.StringLiteral(member.Name), PropertyValue(member.Value))).ToList();

    private PropertyValueView PropertyValue(BoundPropertyValue value) => value switch
    {
        BoundStringPropertyValue text => new PropertyValueView("Text", Emit(text.Value, Precedence.Conditional), null, null),
        BoundBooleanPropertyValue boolean => new PropertyValueView("Text", CSharpSyntax.BooleanLiteral(boolean.Value), null, null),
        BoundIntegerPropertyValue integer => new PropertyValueView("Text", integer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L", null, null),
        BoundArrayPropertyValue array => new PropertyValueView("Array", null, array.Items.Count == 0 ? null : array.Items.Select(PropertyValue).ToList(), null),
        BoundObjectPropertyValue obj => new PropertyValueView("Object", null, null, obj.Members.Count == 0 ? null : Members(obj.Members)),
        _ => throw new InvalidOperationException("Unknown property value kind " + value.GetType().Name),
    };

    private string EmitCondition(BoundCondition condition)
    {
        BoundExpression expression = condition.Expression;
        RuleType type = expression.Type;
        if (condition.Assigned is null)
        {
            if (type.Kind == RuleValueKind.Boolean)
            {
                return type.IsOptional
                    ? Emit(expression, Precedence.Unary) + " == true"
                    : Emit(expression, Precedence.Equality);
            }

            return Emit(expression, Precedence.Additive) + " is not null";
        }

        string local = DeclareLocal(condition.Assigned);
        string value = Emit(expression, Precedence.Additive);
        if (type.Kind == RuleValueKind.Boolean)
        {
            // The condition also requires the value to be true.
            return value + (type.IsOptional ? " is bool " : " is var ") + local + " && " + local;
        }

        return value + (type.IsOptional ? " is { } " : " is var ") + local;
    }

    private string Emit(BoundExpression expression, Precedence minimum)
    {
        (string code, Precedence precedence) = EmitExpression(expression);
        return precedence < minimum ? "(" + code + ")" : code;
    }

    private (string Code, Precedence Precedence) EmitExpression(BoundExpression expression)
    {
        switch (expression)
        {
            case BoundConstant { Value: string text }:
                return (CSharpSyntax.StringLiteral(text), Precedence.Primary);
            case BoundConstant { Value: bool boolean }:
                return (CSharpSyntax.BooleanLiteral(boolean), Precedence.Primary);
            case BoundConstant { Value: int integer }:
                return (CSharpSyntax.IntegerLiteral(integer), Precedence.Primary);
            case BoundStringArrayLiteral array:
                var items = new List<string>();
                foreach (string item in array.Items)
                {
                    items.Add(CSharpSyntax.StringLiteral(item));
                }

                return (items.Count == 0 ? "new string[0]" : "new string[] { " + string.Join(", ", items) + " }", Precedence.Primary);
            case BoundReference reference:
                string local = _locals[reference.Symbol];
                bool unwrap = reference.Narrowed && reference.Symbol.Type.IsOptional && reference.Symbol.Type.Kind == RuleValueKind.Boolean;
                return (unwrap ? local + ".Value" : local, Precedence.Primary);
            case BoundTemplate template:
                var parts = new List<string>();
                foreach (BoundExpression part in template.Parts)
                {
                    parts.Add(Emit(part, Precedence.Unary));
                }

                return (string.Join(" + ", parts), Precedence.Additive);
            case BoundAttributeAccess access:
                return (Emit(access.Target, Precedence.Primary) + "." + access.PropertyName, Precedence.Primary);
            case BoundIndexAccess index:
                return (RuleLibrary.FunctionsClass + ".GetAttr(" + Emit(index.Target, Precedence.Conditional) + ", " + CSharpSyntax.IntegerLiteral(index.Index) + ")", Precedence.Primary);
            case BoundCall call:
                return EmitCall(call);
            default:
                throw new InvalidOperationException("Unknown expression kind " + expression.GetType().Name);
        }
    }

    private (string Code, Precedence Precedence) EmitCall(BoundCall call)
    {
        IReadOnlyList<BoundExpression> arguments = call.Arguments;
        switch (call.Function)
        {
            case RuleFunction.IsSet:
                return (Emit(arguments[0], Precedence.Additive) + " is not null", Precedence.Relational);
            case RuleFunction.Not:
                return EmitNegation(arguments[0]);
            case RuleFunction.BooleanEquals:
            case RuleFunction.StringEquals:
                return EmitEquality(call, negate: false);
            case RuleFunction.Coalesce:
                var candidates = new List<string>();
                foreach (BoundExpression argument in arguments)
                {
                    candidates.Add(Emit(argument, Precedence.ConditionalOr));
                }

                return (string.Join(" ?? ", candidates), Precedence.Coalescing);
            case RuleFunction.Ite:
                return (
                    Emit(arguments[0], Precedence.ConditionalOr) + " ? " + Emit(arguments[1], Precedence.Coalescing) + " : " + Emit(arguments[2], Precedence.Coalescing),
                    Precedence.Conditional);
            default:
                var code = new StringBuilder(RuleLibrary.FunctionsClass).Append('.').Append(RuleLibrary.RuntimeMethod(call.Function)).Append('(');
                for (int i = 0; i < arguments.Count; i++)
                {
                    code.Append(i == 0 ? string.Empty : ", ").Append(Emit(arguments[i], Precedence.Conditional));
                }

                return (code.Append(')').ToString(), Precedence.Primary);
        }
    }

    /// <summary>The negation of a boolean expression, written the natural way (<c>is null</c>, <c>!=</c>, <c>!x</c>).</summary>
    private (string Code, Precedence Precedence) EmitNegation(BoundExpression operand)
    {
        switch (operand)
        {
            case BoundCall { Function: RuleFunction.Not } inner:
                return EmitExpression(inner.Arguments[0]);
            case BoundCall { Function: RuleFunction.IsSet } isSet:
                return (Emit(isSet.Arguments[0], Precedence.Additive) + " is null", Precedence.Relational);
            case BoundCall { Function: RuleFunction.BooleanEquals or RuleFunction.StringEquals } equality:
                return EmitEquality(equality, negate: true);
            default:
                return ("!" + Emit(operand, Precedence.Unary), Precedence.Unary);
        }
    }

    private (string Code, Precedence Precedence) EmitEquality(BoundCall call, bool negate)
    {
        BoundExpression left = call.Arguments[0];
        BoundExpression right = call.Arguments[1];
        if (call.Function == RuleFunction.BooleanEquals)
        {
            // booleanEquals(x, true) is x; booleanEquals(x, false) is !x.
            (BoundExpression? operand, bool literal) = right.Constant is bool r ? (left, r) : left.Constant is bool l ? (right, l) : ((BoundExpression?)null, false);
            if (operand is not null)
            {
                return literal != negate ? EmitExpression(operand) : EmitNegation(operand);
            }
        }

        return (Emit(left, Precedence.Unary) + (negate ? " != " : " == ") + Emit(right, Precedence.Unary), Precedence.Equality);
    }

    /// <summary>A method-wide unique C# local for a parameter or variable (pattern variables share the method's scope).</summary>
    private string DeclareLocal(RuleSymbol symbol)
    {
        string baseName = CSharpSyntax.ToCamelCase(symbol.Name);
        string name = baseName;
        for (int suffix = 2; _usedLocals.Contains(name); suffix++)
        {
            name = baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _usedLocals.Add(name);
        name = CSharpSyntax.EscapeIdentifier(name);
        _locals.Add(symbol, name);
        return name;
    }

    /// <summary>A parameter's local: its type, name, and the default or the message it fails with when unset.</summary>
    private sealed record ParameterView(string Type, string Local, string PropertyName, string? Default, string? RequiredMessage);

    /// <summary>One level of rules; exhaustive when its last rule always returns or throws.</summary>
    private sealed record RuleListView(List<RuleView> Rules, bool Exhaustive, string NoMatchMessage);

    /// <summary>A rule: its comment, its conditions (C# boolean expressions), and one outcome: endpoint, tree or error.</summary>
    private sealed record RuleView(string? Comment, bool HasConditions, List<string> Conditions, bool ConditionsOnOneLine, EndpointView? Endpoint, RuleListView? Tree, string? ErrorMessage);

    /// <summary>An endpoint: its URL expression, its headers and properties (null when it has none).</summary>
    private sealed record EndpointView(string Url, List<HeaderView>? Headers, List<MemberView>? Properties);

    /// <summary>A header: its name literal and its values' expressions (null when it has none).</summary>
    private sealed record HeaderView(string NameLiteral, List<string>? Values);

    /// <summary>A property of an endpoint or of an object value.</summary>
    private sealed record MemberView(string NameLiteral, PropertyValueView Value);

    /// <summary>A property value: <c>Text</c> (the expression of EndpointValue.Of), <c>Array</c> or <c>Object</c>.</summary>
    private sealed record PropertyValueView(string Kind, string? Text, List<PropertyValueView>? Items, List<MemberView>? Members);
}

namespace SsoOidcCodegen.Generator.Endpoints;

using System;
using System.Collections.Generic;
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

    private readonly CSharpWriter _writer = new();
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
        emitter.EmitFile(ruleSet, options);
        return emitter._writer.ToString();
    }

    private void EmitFile(BoundRuleSet ruleSet, EndpointEmitOptions options)
    {
        CSharpWriter w = _writer;
        foreach (string line in options.Header.Split('\n'))
        {
            w.Line(line);
        }

        w.Line();
        w.Line("namespace " + options.Namespace + ";");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Resolves " + options.Prefix + " endpoints: the service's endpoint rule set (rules engine " + CSharpSyntax.XmlText(ruleSet.Version) + "), compiled to C#.");
        w.Line("/// </summary>");
        w.Line(options.Accessibility + " static partial class " + options.ResolverClassName);
        w.Open();
        w.Line("/// <summary>Evaluates the endpoint rules for <paramref name=\"parameters\"/>.</summary>");
        w.Line("/// <param name=\"parameters\">The rule-set parameters.</param>");
        w.Line("/// <returns>The endpoint the first matching rule selects.</returns>");
        w.Line("/// <exception cref=\"" + Exception + "\">An error rule matched, a required parameter is not set, or no rule matched.</exception>");
        w.Line("public static " + Runtime + "AwsEndpoint Resolve(" + options.ParametersClassName + " parameters)");
        w.Open();
        w.Line("global::System.ArgumentNullException.ThrowIfNull(parameters);");
        foreach (BoundParameter parameter in ruleSet.Parameters)
        {
            EmitParameterLocal(parameter);
        }

        w.Line();
        if (!EmitRules(ruleSet.Rules))
        {
            w.Line();
            EmitNoRuleMatched();
        }

        w.Close();
        w.Close();
    }

    private void EmitParameterLocal(BoundParameter parameter)
    {
        string local = DeclareLocal(parameter.Symbol);
        string type = parameter.Kind switch
        {
            EndpointParameterKind.Boolean => "bool",
            EndpointParameterKind.StringArray => "string[]",
            _ => "string",
        };
        string read = "parameters." + parameter.PropertyName;
        if (parameter.Default is not null)
        {
            _writer.Line(type + " " + local + " = " + read + " ?? " + EndpointParametersEmitter.DefaultLiteral(parameter.Default) + ";");
        }
        else if (parameter.Required)
        {
            string message = "The endpoint parameter '" + parameter.Name + "' is required but not set.";
            _writer.Line(type + " " + local + " = " + read + " ?? throw new " + Exception + "(" + CSharpSyntax.StringLiteral(message) + ");");
        }
        else
        {
            _writer.Line(type + "? " + local + " = " + read + ";");
        }
    }

    /// <summary>Writes rules in order; true when the last one written always returns or throws.</summary>
    private bool EmitRules(IReadOnlyList<BoundRule> rules)
    {
        bool first = true;
        foreach (BoundRule rule in rules)
        {
            if (rule.NeverMatches)
            {
                continue;
            }

            if (!first)
            {
                _writer.Line();
            }

            first = false;
            if (EmitRule(rule))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes one rule; true when it has no conditions, so it always returns or throws.</summary>
    private bool EmitRule(BoundRule rule)
    {
        if (!string.IsNullOrWhiteSpace(rule.Documentation))
        {
            _writer.Line("// " + CSharpSyntax.CommentText(rule.Documentation!));
        }

        var conditions = new List<string>();
        foreach (BoundCondition condition in rule.Conditions)
        {
            conditions.Add(EmitCondition(condition));
        }

        if (conditions.Count == 0)
        {
            EmitOutcome(rule);
            return true;
        }

        string joined = string.Join(" && ", conditions);
        if (conditions.Count == 1 || joined.Length + 4 <= MaxConditionLineLength)
        {
            _writer.Line("if (" + joined + ")");
        }
        else
        {
            _writer.Line("if (" + conditions[0]);
            _writer.Indent();
            for (int i = 1; i < conditions.Count; i++)
            {
                _writer.Line("&& " + conditions[i] + (i == conditions.Count - 1 ? ")" : string.Empty));
            }

            _writer.Dedent();
        }

        _writer.Open();
        EmitOutcome(rule);
        _writer.Close();
        return false;
    }

    private void EmitOutcome(BoundRule rule)
    {
        switch (rule)
        {
            case BoundEndpointRule endpoint:
                EmitEndpoint(endpoint);
                break;
            case BoundErrorRule error:
                _writer.Line("throw new " + Exception + "(" + Emit(error.Message, Precedence.Conditional) + ");");
                break;
            case BoundTreeRule tree:
                if (!EmitRules(tree.Rules))
                {
                    _writer.Line();
                    EmitNoRuleMatched();
                }

                break;
            default:
                throw new InvalidOperationException("Unknown rule kind " + rule.GetType().Name);
        }
    }

    private void EmitNoRuleMatched() =>
        _writer.Line("throw new " + Exception + "(" + CSharpSyntax.StringLiteral(NoRuleMatchedMessage) + ");");

    private void EmitEndpoint(BoundEndpointRule endpoint)
    {
        string url = Emit(endpoint.Url, Precedence.Conditional);
        if (endpoint.Headers.Count == 0 && endpoint.Properties.Count == 0)
        {
            _writer.Line("return new " + Runtime + "AwsEndpoint(" + url + ");");
            return;
        }

        _writer.Line("return new " + Runtime + "AwsEndpoint(");
        _writer.Indent();
        _writer.Line(url + ",");
        if (endpoint.Headers.Count == 0)
        {
            _writer.Line("headers: null,");
        }
        else
        {
            _writer.Line("headers: new global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.IReadOnlyList<string>>(global::System.StringComparer.OrdinalIgnoreCase)");
            _writer.Open();
            foreach (BoundHeader header in endpoint.Headers)
            {
                var values = new List<string>();
                foreach (BoundExpression value in header.Values)
                {
                    values.Add(Emit(value, Precedence.Conditional));
                }

                string array = values.Count == 0 ? "new string[0]" : "new string[] { " + string.Join(", ", values) + " }";
                _writer.Line("[" + CSharpSyntax.StringLiteral(header.Name) + "] = " + array + ",");
            }

            _writer.Close(",");
        }

        if (endpoint.Properties.Count == 0)
        {
            _writer.Line("properties: null);");
        }
        else
        {
            _writer.Line("properties: " + Value + ".MembersOf(");
            EmitMembers(endpoint.Properties, "));");
        }

        _writer.Dedent();
    }

    /// <summary>Writes <c>("name", value),</c> lines, the last followed by <paramref name="closing"/>.</summary>
    private void EmitMembers(IReadOnlyList<BoundProperty> members, string closing)
    {
        _writer.Indent();
        for (int i = 0; i < members.Count; i++)
        {
            string suffix = i == members.Count - 1 ? ")" + closing : "),";
            EmitPropertyValue("(" + CSharpSyntax.StringLiteral(members[i].Name) + ", ", members[i].Value, suffix);
        }

        _writer.Dedent();
    }

    /// <summary>Writes a property value, after <paramref name="prefix"/> and followed by <paramref name="suffix"/>.</summary>
    private void EmitPropertyValue(string prefix, BoundPropertyValue value, string suffix)
    {
        switch (value)
        {
            case BoundStringPropertyValue text:
                _writer.Line(prefix + Value + ".Of(" + Emit(text.Value, Precedence.Conditional) + ")" + suffix);
                break;
            case BoundBooleanPropertyValue boolean:
                _writer.Line(prefix + Value + ".Of(" + CSharpSyntax.BooleanLiteral(boolean.Value) + ")" + suffix);
                break;
            case BoundIntegerPropertyValue integer:
                _writer.Line(prefix + Value + ".Of(" + integer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L)" + suffix);
                break;
            case BoundArrayPropertyValue array when array.Items.Count == 0:
                _writer.Line(prefix + Value + ".ArrayOf()" + suffix);
                break;
            case BoundArrayPropertyValue array:
                _writer.Line(prefix + Value + ".ArrayOf(");
                _writer.Indent();
                for (int i = 0; i < array.Items.Count; i++)
                {
                    EmitPropertyValue(string.Empty, array.Items[i], i == array.Items.Count - 1 ? ")" + suffix : ",");
                }

                _writer.Dedent();
                break;
            case BoundObjectPropertyValue obj when obj.Members.Count == 0:
                _writer.Line(prefix + Value + ".ObjectOf()" + suffix);
                break;
            case BoundObjectPropertyValue obj:
                _writer.Line(prefix + Value + ".ObjectOf(");
                EmitMembers(obj.Members, ")" + suffix);
                break;
            default:
                throw new InvalidOperationException("Unknown property value kind " + value.GetType().Name);
        }
    }

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
}

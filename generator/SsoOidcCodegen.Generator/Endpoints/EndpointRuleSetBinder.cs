namespace SsoOidcCodegen.Generator.Endpoints;

using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Generator.Diagnostics;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// Checks a parsed rule set the way the rules engine's static analysis does and produces the bound tree the
/// emitter walks: names resolve to parameters or variables in scope, every expression gets a type, an
/// <c>isSet</c> condition proves its parameter set for the rest of the rule, and constant sub-expressions fold.
/// </summary>
internal sealed class EndpointRuleSetBinder
{
    private readonly EndpointRuleSetSpec _spec;
    private readonly string _filePath;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly EquatableArray<string> _propertyNames;
    private int _nextSymbolId;

    private EndpointRuleSetBinder(EndpointRuleSetSpec spec, EquatableArray<string> propertyNames, string filePath, CancellationToken cancellationToken)
    {
        _spec = spec;
        _propertyNames = propertyNames;
        _nextSymbolId = spec.Parameters.Count;
        _filePath = filePath;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Binds a rule set whose parameters have the property names <paramref name="propertyNames"/> (in parameter
    /// order). The bound tree is null when there are errors.
    /// </summary>
    public static (BoundRuleSet? RuleSet, EquatableArray<DiagnosticInfo> Diagnostics) Bind(EndpointRuleSetSpec spec, EquatableArray<string> propertyNames, string filePath, CancellationToken cancellationToken)
    {
        var binder = new EndpointRuleSetBinder(spec, propertyNames, filePath, cancellationToken);
        BoundRuleSet ruleSet = binder.BindRuleSet();
        bool hasErrors = binder._diagnostics.Exists(diagnostic => diagnostic.IsError);
        return (hasErrors ? null : ruleSet, binder._diagnostics.ToEquatableArray());
    }

    private BoundRuleSet BindRuleSet()
    {
        var scope = new Scope(null);
        var parameters = new List<BoundParameter>();
        for (int index = 0; index < _spec.Parameters.Count; index++)
        {
            EndpointParameterSpec parameter = _spec.Parameters[index];
            if (!EndpointRuleSetParser.IsIdentifier(parameter.Name))
            {
                Report(DiagnosticDescriptors.InvalidEndpointParameter, parameter.Position, parameter.Name, "the name must be a letter or underscore followed by letters, digits or underscores");
                continue;
            }

            RuleValueKind kind = parameter.Kind switch
            {
                EndpointParameterKind.Boolean => RuleValueKind.Boolean,
                EndpointParameterKind.StringArray => RuleValueKind.StringArray,
                _ => RuleValueKind.String,
            };

            // A required parameter is checked (or defaulted) before the rules run, so the rules see it as set.
            bool isSet = parameter.Required || parameter.Default is not null;
            var symbol = new RuleSymbol { Name = parameter.Name, Type = new RuleType(kind, !isSet), Id = index };
            scope.Declare(symbol);
            parameters.Add(new BoundParameter
            {
                Name = parameter.Name,
                PropertyName = index < _propertyNames.Count ? _propertyNames[index] : string.Empty,
                Kind = parameter.Kind,
                BuiltIn = parameter.BuiltIn,
                Required = parameter.Required,
                Default = parameter.Default,
                Documentation = parameter.Documentation,
                DeprecatedMessage = parameter.DeprecatedMessage,
                Deprecated = parameter.Deprecated,
                Symbol = symbol,
            });
        }

        return new BoundRuleSet { Version = _spec.Version, Parameters = parameters.ToEquatableArray(), Rules = BindRules(_spec.Rules, scope).ToEquatableArray() };
    }

    private List<BoundRule> BindRules(EquatableArray<RuleSpec> rules, Scope scope)
    {
        var bound = new List<BoundRule>();
        bool alwaysMatched = false;
        foreach (RuleSpec rule in rules)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (alwaysMatched)
            {
                Report(DiagnosticDescriptors.UnreachableRule, rule.Position);
            }

            BoundRule? boundRule = BindRule(rule, scope);
            if (boundRule is null)
            {
                continue;
            }

            bound.Add(boundRule);
            alwaysMatched |= boundRule.Conditions.Count == 0 && !boundRule.NeverMatches;
        }

        return bound;
    }

    private BoundRule? BindRule(RuleSpec rule, Scope outer)
    {
        var scope = new Scope(outer);
        var conditions = new List<BoundCondition>();
        bool neverMatches = false;
        bool valid = true;
        foreach (ConditionSpec condition in rule.Conditions)
        {
            GuardOptionalArguments(condition.Function, scope, conditions);
            BoundExpression? expression = BindExpression(condition.Function, scope);
            if (expression is null)
            {
                valid = false;
                continue;
            }

            if (condition.Assign is not null && scope.Lookup(condition.Assign) is not null)
            {
                Report(DiagnosticDescriptors.DuplicateRuleName, condition.Position, condition.Assign);
                valid = false;
                continue;
            }

            switch (expression)
            {
                case BoundConstant constant:
                    // A constant condition is decided now; an assigned constant is an alias, not a local.
                    neverMatches |= constant.Value is false;
                    if (condition.Assign is not null)
                    {
                        scope.DeclareConstant(condition.Assign, constant);
                    }

                    continue;
                case BoundCall { Function: RuleFunction.IsSet } isSet when isSet.Arguments[0] is BoundReference reference && condition.Assign is null:
                    // isSet(ref) proves the reference set for the rest of this rule and the rules inside it.
                    scope.Narrow(reference.Symbol);
                    break;
            }

            RuleSymbol? assigned = null;
            if (condition.Assign is not null)
            {
                assigned = new RuleSymbol { Name = condition.Assign, Type = expression.Type.AsRequired(), Id = _nextSymbolId++ };
                scope.Declare(assigned);
            }

            if (!expression.Type.IsOptional && expression.Type.Kind != RuleValueKind.Boolean && assigned is null)
            {
                // A required non-boolean value always satisfies a condition.
                continue;
            }

            conditions.Add(new BoundCondition { Expression = expression, Assigned = assigned });
        }

        switch (rule)
        {
            case EndpointRuleSpec endpointRule:
                BoundExpression? url = BindString(endpointRule.Endpoint.Url, scope, "An endpoint URL");
                var headers = new List<BoundHeader>();
                foreach (HeaderSpec header in endpointRule.Endpoint.Headers)
                {
                    var values = new List<BoundExpression>();
                    foreach (ExpressionSpec value in header.Values)
                    {
                        BoundExpression? boundValue = BindString(value, scope, "A value of header '" + header.Name + "'");
                        if (boundValue is null)
                        {
                            valid = false;
                        }
                        else
                        {
                            values.Add(boundValue);
                        }
                    }

                    headers.Add(new BoundHeader { Name = header.Name, Values = values.ToEquatableArray() });
                }

                var properties = new List<BoundProperty>();
                foreach (PropertySpec property in endpointRule.Endpoint.Properties)
                {
                    BoundPropertyValue? value = BindPropertyValue(property.Value, scope);
                    if (value is null)
                    {
                        valid = false;
                    }
                    else
                    {
                        properties.Add(new BoundProperty { Name = property.Name, Value = value });
                    }
                }

                if (!valid || url is null)
                {
                    return null;
                }

                return new BoundEndpointRule
                {
                    Conditions = conditions.ToEquatableArray(),
                    NeverMatches = neverMatches,
                    Documentation = rule.Documentation,
                    Url = url,
                    Headers = headers.ToEquatableArray(),
                    Properties = properties.ToEquatableArray(),
                };
            case ErrorRuleSpec errorRule:
                BoundExpression? message = BindString(errorRule.Message, scope, "An error message");
                return valid && message is not null ? new BoundErrorRule { Conditions = conditions.ToEquatableArray(), NeverMatches = neverMatches, Documentation = rule.Documentation, Message = message } : null;
            case TreeRuleSpec treeRule:
                List<BoundRule> children = BindRules(treeRule.Rules, scope);
                return valid ? new BoundTreeRule { Conditions = conditions.ToEquatableArray(), NeverMatches = neverMatches, Documentation = rule.Documentation, Rules = children.ToEquatableArray() } : null;
            default:
                throw new InvalidOperationException("Unknown rule kind " + rule.GetType().Name);
        }
    }

    private BoundPropertyValue? BindPropertyValue(PropertyValueSpec value, Scope scope)
    {
        switch (value)
        {
            case StringPropertyValueSpec text:
                BoundExpression? expression = BindTemplate(text.Template, text.Position, scope);
                return expression is null ? null : new BoundStringPropertyValue { Value = expression };
            case BooleanPropertyValueSpec boolean:
                return new BoundBooleanPropertyValue { Value = boolean.Value };
            case IntegerPropertyValueSpec integer:
                return new BoundIntegerPropertyValue { Value = integer.Value };
            case ArrayPropertyValueSpec array:
                var items = new List<BoundPropertyValue>();
                foreach (PropertyValueSpec item in array.Items)
                {
                    BoundPropertyValue? boundItem = BindPropertyValue(item, scope);
                    if (boundItem is null)
                    {
                        return null;
                    }

                    items.Add(boundItem);
                }

                return new BoundArrayPropertyValue { Items = items.ToEquatableArray() };
            case ObjectPropertyValueSpec obj:
                var members = new List<BoundProperty>();
                foreach (PropertySpec member in obj.Members)
                {
                    BoundPropertyValue? boundMember = BindPropertyValue(member.Value, scope);
                    if (boundMember is null)
                    {
                        return null;
                    }

                    members.Add(new BoundProperty { Name = member.Name, Value = boundMember });
                }

                return new BoundObjectPropertyValue { Members = members.ToEquatableArray() };
            default:
                throw new InvalidOperationException("Unknown property value kind " + value.GetType().Name);
        }
    }

    private BoundExpression? BindString(ExpressionSpec expression, Scope scope, string what)
    {
        BoundExpression? bound = BindExpression(expression, scope);
        if (bound is null)
        {
            return null;
        }

        if (bound.Type.Kind != RuleValueKind.String || bound.Type.IsOptional)
        {
            Report(DiagnosticDescriptors.RuleTypeMismatch, expression.Position, what, "a string", bound.Type + OptionalHint(bound.Type));
            return null;
        }

        return bound;
    }

    private BoundExpression? BindExpression(ExpressionSpec expression, Scope scope)
    {
        switch (expression)
        {
            case StringLiteralSpec text:
                return BindTemplate(text.Template, text.Position, scope);
            case BooleanLiteralSpec boolean:
                return new BoundConstant { Value = boolean.Value };
            case IntegerLiteralSpec integer:
                return new BoundConstant { Value = integer.Value };
            case ArrayLiteralSpec array:
                var items = new List<string>();
                foreach (ExpressionSpec item in array.Items)
                {
                    if (BindExpression(item, scope) is not { Constant: string value })
                    {
                        Report(DiagnosticDescriptors.RuleTypeMismatch, item.Position, "An item of an array literal", "a constant string", "a value computed while resolving");
                        return null;
                    }

                    items.Add(value);
                }

                return new BoundStringArrayLiteral { Items = items.ToEquatableArray() };
            case ReferenceSpec reference:
                return BindReference(reference.Name, reference.Position, scope);
            case FunctionCallSpec call:
                return BindCall(call, scope);
            default:
                throw new InvalidOperationException("Unknown expression kind " + expression.GetType().Name);
        }
    }

    private BoundExpression? BindReference(string name, SourcePosition position, Scope scope)
    {
        ScopeEntry? entry = scope.Lookup(name);
        if (entry is null)
        {
            Report(DiagnosticDescriptors.UnknownRuleReference, position, name);
            return null;
        }

        return entry.Constant ?? (BoundExpression)new BoundReference { Symbol = entry.Symbol!, Narrowed = entry.Narrowed };
    }

    private BoundExpression? BindTemplate(TemplateSpec template, SourcePosition position, Scope scope)
    {
        var parts = new List<BoundExpression>();
        foreach (TemplatePartSpec part in template.Parts)
        {
            if (part.Text is not null)
            {
                parts.Add(new BoundConstant { Value = part.Text });
                continue;
            }

            BoundExpression? value = BindReference(part.Reference!, position, scope);
            if (value is not null && part.Path is not null)
            {
                value = BindAttributePath(value, part.Path, position);
            }

            if (value is null)
            {
                return null;
            }

            if (value.Type.Kind != RuleValueKind.String || value.Type.IsOptional)
            {
                string placeholder = "{" + part.Reference + (part.Path is null ? string.Empty : "#" + part.Path) + "}";
                Report(DiagnosticDescriptors.RuleTypeMismatch, position, "The template placeholder " + placeholder, "a string", value.Type + OptionalHint(value.Type));
                return null;
            }

            parts.Add(value);
        }

        // Adjacent constants merge; an all-constant template is a constant.
        var merged = new List<BoundExpression>();
        foreach (BoundExpression part in parts)
        {
            if (part.Constant is string text && merged.Count > 0 && merged[merged.Count - 1].Constant is string previous)
            {
                merged[merged.Count - 1] = new BoundConstant { Value = previous + text };
            }
            else
            {
                merged.Add(part);
            }
        }

        return merged.Count switch
        {
            0 => new BoundConstant { Value = string.Empty },
            1 => merged[0],
            _ => new BoundTemplate { Parts = merged.ToEquatableArray() },
        };
    }

    private BoundExpression? BindAttributePath(BoundExpression target, string path, SourcePosition position)
    {
        if (path.Length == 0)
        {
            Report(DiagnosticDescriptors.InvalidAttributePath, position, path, "the path is empty");
            return null;
        }

        string[] components = path.Split('.');
        BoundExpression current = target;
        for (int i = 0; i < components.Length; i++)
        {
            string component = components[i];
            string key = component;
            int? index = null;
            int open = component.IndexOf('[');
            if (open >= 0)
            {
                string digits = component.Length > open + 2 && component[component.Length - 1] == ']'
                    ? component.Substring(open + 1, component.Length - open - 2)
                    : string.Empty;
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
                {
                    Report(DiagnosticDescriptors.InvalidAttributePath, position, path, "'" + component + "' must be a name followed by [index] with a non-negative whole number");
                    return null;
                }

                if (i != components.Length - 1)
                {
                    Report(DiagnosticDescriptors.InvalidAttributePath, position, path, "an index may appear only at the end of the path");
                    return null;
                }

                key = component.Substring(0, open);
                index = parsed;
            }

            if (key.Length > 0)
            {
                if (current.Type.IsOptional || !current.Type.IsRecord)
                {
                    Report(DiagnosticDescriptors.InvalidAttributePath, position, path, "'" + key + "' is read from " + current.Type + ", which has no attributes" + OptionalHint(current.Type));
                    return null;
                }

                if (!RuleLibrary.TryGetAttribute(current.Type.Kind, key, out RuleType attributeType, out string propertyName))
                {
                    Report(DiagnosticDescriptors.InvalidAttributePath, position, path, "a " + current.Type.AsRequired().ToString().Substring(2) + " has no attribute '" + key + "'");
                    return null;
                }

                current = new BoundAttributeAccess { Target = current, PropertyName = propertyName, AttributeType = attributeType };
            }
            else if (index is null)
            {
                Report(DiagnosticDescriptors.InvalidAttributePath, position, path, "the path has an empty part");
                return null;
            }

            if (index is int elementIndex)
            {
                if (current.Type.IsOptional || current.Type.Kind != RuleValueKind.StringArray)
                {
                    Report(DiagnosticDescriptors.InvalidAttributePath, position, path, "[" + elementIndex + "] indexes " + current.Type + ", which is not an array" + OptionalHint(current.Type));
                    return null;
                }

                current = new BoundIndexAccess { Target = current, Index = elementIndex };
            }
        }

        return current;
    }

    /// <summary>
    /// Rule sets written before the rules engine checked optional types (many published AWS rule sets of 2022,
    /// for example) pass an optional parameter straight to a function in a condition, as in
    /// <c>aws.partition(Region)</c>. Such a condition is read as if an <c>isSet</c> condition on the reference
    /// came first: it fails when the value is unset, and the reference counts as set from there on (SOCG213,
    /// info). Only a reference that is a direct argument of the condition's own function is guarded; an
    /// optional value nested deeper, or in a URL, header or template, is still a type error (SOCG204).
    /// </summary>
    private void GuardOptionalArguments(FunctionCallSpec call, Scope scope, List<BoundCondition> conditions)
    {
        if (!RuleLibrary.TryGetFunction(call.Function, out RuleFunction function)
            || function is RuleFunction.IsSet or RuleFunction.Coalesce or RuleFunction.Ite)
        {
            return;
        }

        foreach (ExpressionSpec argument in call.Arguments)
        {
            if (argument is ReferenceSpec reference
                && scope.Lookup(reference.Name) is { Symbol: { } symbol, Narrowed: false, Constant: null }
                && symbol.Type.IsOptional)
            {
                conditions.Add(new BoundCondition { Expression = new BoundCall { Function = RuleFunction.IsSet, Arguments = EquatableArray.Create<BoundExpression>(new BoundReference { Symbol = symbol }), ReturnType = RuleType.Boolean } });
                scope.Narrow(symbol);
                Report(DiagnosticDescriptors.ImplicitIsSetGuard, reference.Position, reference.Name, call.Function);
            }
        }
    }

    private BoundExpression? BindCall(FunctionCallSpec call, Scope scope)
    {
        if (!RuleLibrary.TryGetFunction(call.Function, out RuleFunction function))
        {
            Report(DiagnosticDescriptors.UnknownRuleFunction, call.Position, call.Function, RuleLibrary.SupportedFunctionList);
            return null;
        }

        string since = RuleLibrary.SinceVersion(function);
        if (!RuleLibrary.VersionAtLeast(_spec.Version, since))
        {
            Report(DiagnosticDescriptors.RuleFunctionNeedsNewerVersion, call.Position, call.Function, since, _spec.Version);
            return null;
        }

        EquatableArray<ExpressionSpec> argumentSpecs = call.Arguments;
        (int Min, int Max) arity = function switch
        {
            RuleFunction.IsSet or RuleFunction.Not or RuleFunction.UriEncode or RuleFunction.ParseUrl or RuleFunction.AwsPartition or RuleFunction.AwsParseArn => (1, 1),
            RuleFunction.Substring => (4, 4),
            RuleFunction.Ite or RuleFunction.Split => (3, 3),
            RuleFunction.Coalesce => (2, int.MaxValue),
            _ => (2, 2),
        };
        if (argumentSpecs.Count < arity.Min || argumentSpecs.Count > arity.Max)
        {
            string expected = arity.Max == int.MaxValue
                ? arity.Min + " or more arguments"
                : arity.Min + (arity.Min == 1 ? " argument" : " arguments");
            Report(DiagnosticDescriptors.WrongArgumentCount, call.Position, call.Function, expected, argumentSpecs.Count.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        if (function == RuleFunction.GetAttr)
        {
            return BindGetAttr(call, scope);
        }

        var arguments = new List<BoundExpression>();
        foreach (ExpressionSpec argumentSpec in argumentSpecs)
        {
            BoundExpression? argument = BindExpression(argumentSpec, scope);
            if (argument is null)
            {
                return null;
            }

            arguments.Add(argument);
        }

        switch (function)
        {
            case RuleFunction.IsSet:
                return arguments[0].Type.IsOptional
                    ? new BoundCall { Function = function, Arguments = arguments.ToEquatableArray(), ReturnType = RuleType.Boolean }
                    : new BoundConstant { Value = true };
            case RuleFunction.Not:
                if (!Expect(call, arguments, 0, RuleType.Boolean))
                {
                    return null;
                }

                return arguments[0].Constant is bool value ? new BoundConstant { Value = !value } : new BoundCall { Function = function, Arguments = arguments.ToEquatableArray(), ReturnType = RuleType.Boolean };
            case RuleFunction.BooleanEquals:
            case RuleFunction.StringEquals:
                RuleType operand = function == RuleFunction.BooleanEquals ? RuleType.Boolean : RuleType.String;
                if (!Expect(call, arguments, 0, operand) || !Expect(call, arguments, 1, operand))
                {
                    return null;
                }

                return arguments[0].Constant is { } left && arguments[1].Constant is { } right
                    ? new BoundConstant { Value = left.Equals(right) }
                    : new BoundCall { Function = function, Arguments = arguments.ToEquatableArray(), ReturnType = RuleType.Boolean };
            case RuleFunction.Substring:
                return Expect(call, arguments, 0, RuleType.String) && Expect(call, arguments, 1, RuleType.Integer)
                    && Expect(call, arguments, 2, RuleType.Integer) && Expect(call, arguments, 3, RuleType.Boolean)
                    ? new BoundCall { Function = function, Arguments = arguments.ToEquatableArray(), ReturnType = RuleType.String.AsOptional() }
                    : null;
            case RuleFunction.UriEncode:
                return Expect(call, arguments, 0, RuleType.String) ? new BoundCall { Function = function, Arguments = arguments.ToEquatableArray(), ReturnType = RuleType.String } : null;
            case RuleFunction.ParseUrl:
                return Expect(call, arguments, 0, RuleType.String) ? new BoundCall { Function = function, Arguments = arguments.ToEquatableArray(), ReturnType = new RuleType(RuleValueKind.Url, true) } : null;
            case RuleFunction.AwsPartition:
                return Expect(call, arguments, 0, RuleType.String) ? new BoundCall { Function = function, Arguments = arguments.ToEquatableArray(), ReturnType = new RuleType(RuleValueKind.Partition, true) } : null;
            case RuleFunction.AwsParseArn:
                return Expect(call, arguments, 0, RuleType.String) ? new BoundCall { Function = function, Arguments = arguments.ToEquatableArray(), ReturnType = new RuleType(RuleValueKind.Arn, true) } : null;
            case RuleFunction.IsValidHostLabel:
            case RuleFunction.AwsIsVirtualHostableS3Bucket:
                return Expect(call, arguments, 0, RuleType.String) && Expect(call, arguments, 1, RuleType.Boolean)
                    ? new BoundCall { Function = function, Arguments = arguments.ToEquatableArray(), ReturnType = RuleType.Boolean }
                    : null;
            case RuleFunction.Split:
                if (!Expect(call, arguments, 0, RuleType.String) || !Expect(call, arguments, 1, RuleType.String) || !Expect(call, arguments, 2, RuleType.Integer))
                {
                    return null;
                }

                if (arguments[1].Constant is "")
                {
                    Report(DiagnosticDescriptors.RuleTypeMismatch, argumentSpecs[1].Position, "The delimiter of 'split'", "a string that is not empty", "empty");
                    return null;
                }

                if (arguments[2].Constant is int limit && limit < 0)
                {
                    Report(DiagnosticDescriptors.RuleTypeMismatch, argumentSpecs[2].Position, "The limit of 'split'", "zero or more", limit.ToString(CultureInfo.InvariantCulture));
                    return null;
                }

                return new BoundCall { Function = function, Arguments = arguments.ToEquatableArray(), ReturnType = RuleType.StringArray };
            case RuleFunction.Coalesce:
                return BindCoalesce(call, arguments);
            case RuleFunction.Ite:
                return BindIte(call, arguments);
            default:
                throw new InvalidOperationException("Unbound function " + function);
        }
    }

    private BoundExpression? BindGetAttr(FunctionCallSpec call, Scope scope)
    {
        BoundExpression? target = BindExpression(call.Arguments[0], scope);
        if (target is null)
        {
            return null;
        }

        if (call.Arguments[1] is not StringLiteralSpec { Template: var template } || template.Parts.Count > 1 || (template.Parts.Count == 1 && template.Parts[0].Text is null))
        {
            Report(DiagnosticDescriptors.RuleTypeMismatch, call.Arguments[1].Position, "The path of 'getAttr'", "a string literal without placeholders", call.Arguments[1] is StringLiteralSpec ? "a template with placeholders" : "a value computed while resolving");
            return null;
        }

        string path = template.Parts.Count == 0 ? string.Empty : template.Parts[0].Text!;
        return BindAttributePath(target, path, call.Arguments[1].Position);
    }

    private BoundExpression? BindCoalesce(FunctionCallSpec call, List<BoundExpression> arguments)
    {
        RuleValueKind kind = arguments[0].Type.Kind;
        var used = new List<BoundExpression>();
        for (int i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Type.Kind != kind)
            {
                Report(DiagnosticDescriptors.RuleTypeMismatch, call.Arguments[i].Position, "Argument " + (i + 1).ToString(CultureInfo.InvariantCulture) + " of 'coalesce'", arguments[0].Type.AsRequired() + " like the first argument (all arguments have one type)", arguments[i].Type.ToString());
                return null;
            }

            used.Add(arguments[i]);
            if (!arguments[i].Type.IsOptional)
            {
                // Later arguments are never reached.
                break;
            }
        }

        if (used.Count == 1)
        {
            return used[0];
        }

        bool optional = used[used.Count - 1].Type.IsOptional;
        return new BoundCall { Function = RuleFunction.Coalesce, Arguments = used.ToEquatableArray(), ReturnType = new RuleType(kind, optional) };
    }

    private BoundExpression? BindIte(FunctionCallSpec call, List<BoundExpression> arguments)
    {
        if (!Expect(call, arguments, 0, RuleType.Boolean))
        {
            return null;
        }

        if (arguments[1].Type.Kind != arguments[2].Type.Kind)
        {
            Report(DiagnosticDescriptors.RuleTypeMismatch, call.Arguments[2].Position, "The third argument of 'ite'", arguments[1].Type + " like the second (both branches have one type)", arguments[2].Type.ToString());
            return null;
        }

        if (arguments[0].Constant is bool condition)
        {
            return condition ? arguments[1] : arguments[2];
        }

        bool optional = arguments[1].Type.IsOptional || arguments[2].Type.IsOptional;
        return new BoundCall { Function = RuleFunction.Ite, Arguments = arguments.ToEquatableArray(), ReturnType = new RuleType(arguments[1].Type.Kind, optional) };
    }

    private bool Expect(FunctionCallSpec call, List<BoundExpression> arguments, int index, RuleType expected)
    {
        RuleType actual = arguments[index].Type;
        if (actual.Equals(expected))
        {
            return true;
        }

        Report(
            DiagnosticDescriptors.RuleTypeMismatch,
            call.Arguments[index].Position,
            "Argument " + (index + 1).ToString(CultureInfo.InvariantCulture) + " of '" + call.Function + "'",
            expected.ToString(),
            actual + (actual.Kind == expected.Kind ? OptionalHint(actual) : string.Empty));
        return false;
    }

    private static string OptionalHint(RuleType type) =>
        type.IsOptional ? "; prove it set first with an isSet condition, or assign it in a condition" : string.Empty;

    private void Report(DiagnosticDescriptor descriptor, SourcePosition position, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, position.ToLocation(_filePath), arguments));

    /// <summary>The names visible in a rule: parameters, variables assigned so far, and which optional ones are proven set.</summary>
    private sealed class Scope
    {
        private readonly Scope? _parent;
        private readonly Dictionary<string, ScopeEntry> _entries = new(StringComparer.Ordinal);

        public Scope(Scope? parent)
        {
            _parent = parent;
        }

        public void Declare(RuleSymbol symbol) => _entries[symbol.Name] = new ScopeEntry(symbol, false, null);

        public void DeclareConstant(string name, BoundConstant constant) => _entries[name] = new ScopeEntry(null, false, constant);

        public void Narrow(RuleSymbol symbol) => _entries[symbol.Name] = new ScopeEntry(symbol, true, null);

        public ScopeEntry? Lookup(string name)
        {
            for (Scope? scope = this; scope is not null; scope = scope._parent)
            {
                if (scope._entries.TryGetValue(name, out ScopeEntry? entry))
                {
                    return entry;
                }
            }

            return null;
        }
    }

    /// <summary>What a name means in a scope: a symbol (perhaps proven set), or a constant a condition assigned.</summary>
    private sealed class ScopeEntry
    {
        public ScopeEntry(RuleSymbol? symbol, bool narrowed, BoundConstant? constant)
        {
            Symbol = symbol;
            Narrowed = narrowed;
            Constant = constant;
        }

        public RuleSymbol? Symbol { get; }

        public bool Narrowed { get; }

        public BoundConstant? Constant { get; }
    }
}

namespace SsoOidcCodegen.Generator.Endpoints;

using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Diagnostics;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// Turns rule-set JSON text into an <see cref="EndpointRuleSetSpec"/> and syntax diagnostics. It checks shapes
/// (which members exist, their JSON types, template syntax) and keeps every node's line and column; names and
/// types are checked later by <see cref="EndpointRuleSetBinder"/>. It never throws on bad input.
/// </summary>
internal sealed class EndpointRuleSetParser
{
    // Real rule sets nest about 30 levels deep; the cap bounds recursion on hostile input.
    private const int MaxJsonDepth = 256;

    private readonly string _filePath;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = new();

    private EndpointRuleSetParser(string filePath, CancellationToken cancellationToken)
    {
        _filePath = filePath;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Parses a rule set. The spec is null when the document is unusable; diagnostics say why.</summary>
    public static EndpointRuleSetParseResult Parse(string json, string filePath, CancellationToken cancellationToken)
    {
        var parser = new EndpointRuleSetParser(filePath, cancellationToken);
        EndpointRuleSetSpec? spec = parser.ParseDocument(json);
        return new EndpointRuleSetParseResult(spec, parser._diagnostics.ToEquatableArray());
    }

    /// <summary>Splits a template string into literal text and placeholders, or returns an error message.</summary>
    public static TemplateSpec? ParseTemplate(string text, out string? error)
    {
        var parts = new List<TemplatePartSpec>();
        var literal = new StringBuilder();
        error = null;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i += 2;
            }
            else if (c == '{')
            {
                int close = text.IndexOf('}', i + 1);
                if (close < 0)
                {
                    error = "a '{' at offset " + i + " is never closed (write '{{' for a literal brace)";
                    return null;
                }

                string placeholder = text.Substring(i + 1, close - i - 1);
                int hash = placeholder.IndexOf('#');
                string reference = hash < 0 ? placeholder : placeholder.Substring(0, hash);
                string? path = hash < 0 ? null : placeholder.Substring(hash + 1);
                if (!IsIdentifier(reference) || path is { Length: 0 } || placeholder.IndexOf('{') >= 0)
                {
                    error = "'{" + placeholder + "}' is not a placeholder of the form {name} or {name#path}";
                    return null;
                }

                if (literal.Length > 0)
                {
                    parts.Add(TemplatePartSpec.Literal(literal.ToString()));
                    literal.Clear();
                }

                parts.Add(TemplatePartSpec.Placeholder(reference, path));
                i = close + 1;
            }
            else if (c == '}')
            {
                error = "a '}' at offset " + i + " closes nothing (write '}}' for a literal brace)";
                return null;
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(TemplatePartSpec.Literal(literal.ToString()));
        }

        return new TemplateSpec { Parts = parts.ToEquatableArray() };
    }

    /// <summary>Whether the text is a rule-set identifier: a letter or underscore, then letters, digits or underscores.</summary>
    public static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || !(IsAsciiLetter(text[0]) || text[0] == '_'))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static SourcePosition PositionOf(JToken token)
    {
        IJsonLineInfo info = token;
        return info.HasLineInfo() ? new SourcePosition(info.LineNumber, info.LinePosition) : SourcePosition.None;
    }

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.String => "a string",
        JTokenType.Boolean => "a boolean",
        JTokenType.Integer => "an integer",
        JTokenType.Float => "a number",
        JTokenType.Null => "null",
        _ => "a " + token.Type.ToString().ToLowerInvariant(),
    };

    private EndpointRuleSetSpec? ParseDocument(string json)
    {
        JToken root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = MaxJsonDepth,
            };
            var settings = new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Load,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
                CommentHandling = CommentHandling.Ignore,
            };
            root = JToken.ReadFrom(reader, settings);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    Report(DiagnosticDescriptors.EndpointRuleSetInvalidJson, new SourcePosition(reader.LineNumber, reader.LinePosition), "unexpected content after the end of the rule set");
                    return null;
                }
            }
        }
        catch (JsonReaderException exception)
        {
            Report(DiagnosticDescriptors.EndpointRuleSetInvalidJson, new SourcePosition(exception.LineNumber, exception.LinePosition), StripPosition(exception.Message));
            return null;
        }
        catch (JsonException exception)
        {
            Report(DiagnosticDescriptors.EndpointRuleSetInvalidJson, SourcePosition.None, exception.Message);
            return null;
        }

        if (root is not JObject document)
        {
            Structure(root, "the rule set", "be a JSON object but is " + Describe(root));
            return null;
        }

        string? version = RequiredString(document, "version", "the rule set");
        JObject? parameterObject = RequiredMember<JObject>(document, "parameters", "the rule set", "an object");
        JArray? ruleArray = RequiredMember<JArray>(document, "rules", "the rule set", "an array");

        var parameters = new List<EndpointParameterSpec>();
        if (parameterObject is not null)
        {
            foreach (JProperty property in parameterObject.Properties())
            {
                EndpointParameterSpec? parameter = ParseParameter(property);
                if (parameter is not null)
                {
                    parameters.Add(parameter);
                }
            }
        }

        EquatableArray<RuleSpec> rules = ruleArray is null ? EquatableArray<RuleSpec>.Empty : ParseRules(ruleArray);
        if (ruleArray is { Count: 0 })
        {
            Structure(ruleArray, "the rule set", "have at least one rule");
        }

        return version is null || parameterObject is null || ruleArray is null
            ? null
            : new EndpointRuleSetSpec { Version = version, Parameters = parameters.ToEquatableArray(), Rules = rules };
    }

    private EndpointParameterSpec? ParseParameter(JProperty property)
    {
        string name = property.Name;
        SourcePosition position = PositionOf(property);
        if (property.Value is not JObject definition)
        {
            Structure(property.Value, "parameter '" + name + "'", "be an object but is " + Describe(property.Value));
            return null;
        }

        string context = "parameter '" + name + "'";
        string? typeName = RequiredString(definition, "type", context);
        string? builtIn = OptionalString(definition, "builtIn", context);
        string? documentation = OptionalString(definition, "documentation", context);
        bool required = OptionalBoolean(definition, "required", context) ?? false;

        EndpointParameterKind kind;
        switch (typeName)
        {
            case "string":
            case "String":
                kind = EndpointParameterKind.String;
                break;
            case "boolean":
            case "Boolean":
                kind = EndpointParameterKind.Boolean;
                break;
            case "stringArray":
                kind = EndpointParameterKind.StringArray;
                break;
            case null:
                return null;
            default:
                Report(DiagnosticDescriptors.InvalidEndpointParameter, PositionOf(definition["type"]!), name, "type '" + typeName + "' is not one of string, boolean, stringArray");
                return null;
        }

        ParameterDefaultSpec? defaultValue = null;
        if (definition.TryGetValue("default", out JToken? defaultToken))
        {
            defaultValue = ParseDefault(name, kind, defaultToken);
            if (defaultValue is null)
            {
                return null;
            }
        }

        bool deprecated = false;
        string? deprecatedMessage = null;
        if (definition.TryGetValue("deprecated", out JToken? deprecatedToken))
        {
            if (deprecatedToken is JObject deprecation)
            {
                deprecated = true;
                deprecatedMessage = OptionalString(deprecation, "message", context + " deprecation");
            }
            else
            {
                Structure(deprecatedToken, "the 'deprecated' member of " + context, "be an object but is " + Describe(deprecatedToken));
            }
        }

        return new EndpointParameterSpec
        {
            Name = name,
            Kind = kind,
            BuiltIn = builtIn,
            Required = required,
            Default = defaultValue,
            Documentation = documentation,
            DeprecatedMessage = deprecatedMessage,
            Deprecated = deprecated,
            Position = position,
        };
    }

    private ParameterDefaultSpec? ParseDefault(string name, EndpointParameterKind kind, JToken token)
    {
        switch (kind)
        {
            case EndpointParameterKind.String when token.Type == JTokenType.String:
                return ParameterDefaultSpec.OfString((string)token!);
            case EndpointParameterKind.Boolean when token.Type == JTokenType.Boolean:
                return ParameterDefaultSpec.OfBoolean((bool)token);
            case EndpointParameterKind.StringArray when token is JArray array:
                var items = new List<string>();
                foreach (JToken item in array)
                {
                    if (item.Type != JTokenType.String)
                    {
                        Report(DiagnosticDescriptors.InvalidEndpointParameter, PositionOf(item), name, "the default of a stringArray parameter must hold only strings but holds " + Describe(item));
                        return null;
                    }

                    items.Add((string)item!);
                }

                return ParameterDefaultSpec.OfStringArray(items.ToEquatableArray());
            default:
                Report(DiagnosticDescriptors.InvalidEndpointParameter, PositionOf(token), name, "the default is " + Describe(token) + " but the parameter's type is " + kind);
                return null;
        }
    }

    private EquatableArray<RuleSpec> ParseRules(JArray array)
    {
        var rules = new List<RuleSpec>();
        foreach (JToken item in array)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            RuleSpec? rule = ParseRule(item);
            if (rule is not null)
            {
                rules.Add(rule);
            }
        }

        return rules.ToEquatableArray();
    }

    private RuleSpec? ParseRule(JToken token)
    {
        if (token is not JObject rule)
        {
            Structure(token, "a rule", "be an object but is " + Describe(token));
            return null;
        }

        SourcePosition position = PositionOf(rule);
        string? type = RequiredString(rule, "type", "a rule");
        string? documentation = OptionalString(rule, "documentation", "a rule");
        var conditions = new List<ConditionSpec>();
        bool conditionsValid = true;
        if (rule.TryGetValue("conditions", out JToken? conditionsToken))
        {
            if (conditionsToken is JArray conditionArray)
            {
                foreach (JToken conditionToken in conditionArray)
                {
                    ConditionSpec? condition = ParseCondition(conditionToken);
                    if (condition is null)
                    {
                        conditionsValid = false;
                    }
                    else
                    {
                        conditions.Add(condition);
                    }
                }
            }
            else
            {
                Structure(conditionsToken, "the 'conditions' of a rule", "be an array but is " + Describe(conditionsToken));
                conditionsValid = false;
            }
        }

        EquatableArray<ConditionSpec> conditionSpecs = conditions.ToEquatableArray();
        switch (type)
        {
            case "endpoint":
                JObject? endpointObject = RequiredMember<JObject>(rule, "endpoint", "an endpoint rule", "an object");
                EndpointSpec? endpoint = endpointObject is null ? null : ParseEndpoint(endpointObject);
                return endpoint is null || !conditionsValid ? null : new EndpointRuleSpec { Conditions = conditionSpecs, Documentation = documentation, Endpoint = endpoint, Position = position };
            case "error":
                if (!rule.TryGetValue("error", out JToken? errorToken))
                {
                    Structure(rule, "an error rule", "have an 'error' member");
                    return null;
                }

                ExpressionSpec? message = ParseExpression(errorToken);
                return message is null || !conditionsValid ? null : new ErrorRuleSpec { Conditions = conditionSpecs, Documentation = documentation, Message = message, Position = position };
            case "tree":
                JArray? children = RequiredMember<JArray>(rule, "rules", "a tree rule", "an array");
                if (children is null)
                {
                    return null;
                }

                if (children.Count == 0)
                {
                    Structure(children, "a tree rule", "have at least one rule");
                }

                EquatableArray<RuleSpec> childRules = ParseRules(children);
                return conditionsValid ? new TreeRuleSpec { Conditions = conditionSpecs, Documentation = documentation, Rules = childRules, Position = position } : null;
            case null:
                return null;
            default:
                Structure(rule["type"]!, "the rule type '" + type + "'", "be one of endpoint, error, tree");
                return null;
        }
    }

    private ConditionSpec? ParseCondition(JToken token)
    {
        if (token is not JObject condition)
        {
            Structure(token, "a condition", "be an object but is " + Describe(token));
            return null;
        }

        if (!condition.ContainsKey("fn"))
        {
            Structure(condition, "a condition", "call a function ('fn' and 'argv')");
            return null;
        }

        string? assign = OptionalString(condition, "assign", "a condition");
        if (assign is not null && !IsIdentifier(assign))
        {
            Structure(condition["assign"]!, "the variable name '" + assign + "'", "be a letter or underscore followed by letters, digits or underscores");
            return null;
        }

        FunctionCallSpec? function = ParseFunctionCall(condition);
        return function is null ? null : new ConditionSpec { Function = function, Assign = assign, Position = PositionOf(condition) };
    }

    private FunctionCallSpec? ParseFunctionCall(JObject call)
    {
        string? function = RequiredString(call, "fn", "a function call");
        JArray? argumentArray = RequiredMember<JArray>(call, "argv", "a function call", "an array");
        if (function is null || argumentArray is null)
        {
            return null;
        }

        var arguments = new List<ExpressionSpec>();
        bool valid = true;
        foreach (JToken argument in argumentArray)
        {
            ExpressionSpec? expression = ParseExpression(argument);
            if (expression is null)
            {
                valid = false;
            }
            else
            {
                arguments.Add(expression);
            }
        }

        return valid ? new FunctionCallSpec { Function = function, Arguments = arguments.ToEquatableArray(), Position = PositionOf(call) } : null;
    }

    private ExpressionSpec? ParseExpression(JToken token)
    {
        SourcePosition position = PositionOf(token);
        switch (token.Type)
        {
            case JTokenType.String:
                TemplateSpec? template = ParseTemplateAt((string)token!, position);
                return template is null ? null : new StringLiteralSpec { Template = template, Position = position };
            case JTokenType.Boolean:
                return new BooleanLiteralSpec { Value = (bool)token, Position = position };
            case JTokenType.Integer:
                if (token is JValue { Value: long number } && number >= int.MinValue && number <= int.MaxValue)
                {
                    return new IntegerLiteralSpec { Value = (int)number, Position = position };
                }

                Structure(token, "the integer " + token.ToString(Formatting.None), "lie between -2147483648 and 2147483647");
                return null;
            case JTokenType.Array:
                var items = new List<ExpressionSpec>();
                foreach (JToken item in (JArray)token)
                {
                    ExpressionSpec? expression = ParseExpression(item);
                    if (expression is null)
                    {
                        return null;
                    }

                    items.Add(expression);
                }

                return new ArrayLiteralSpec { Items = items.ToEquatableArray(), Position = position };
            case JTokenType.Object:
                var value = (JObject)token;
                if (value.ContainsKey("fn"))
                {
                    return ParseFunctionCall(value);
                }

                if (value.ContainsKey("ref"))
                {
                    string? name = RequiredString(value, "ref", "a reference");
                    return name is null ? null : new ReferenceSpec { Name = name, Position = position };
                }

                Structure(token, "an object expression", "be a reference ('ref') or a function call ('fn')");
                return null;
            default:
                Structure(token, "an expression", "be a string, boolean, integer, array, reference or function call but is " + Describe(token));
                return null;
        }
    }

    private EndpointSpec? ParseEndpoint(JObject endpoint)
    {
        if (!endpoint.TryGetValue("url", out JToken? urlToken))
        {
            Structure(endpoint, "an endpoint", "have a 'url'");
            return null;
        }

        ExpressionSpec? url = ParseExpression(urlToken);
        bool valid = url is not null;

        var headers = new List<HeaderSpec>();
        if (endpoint.TryGetValue("headers", out JToken? headersToken))
        {
            if (headersToken is JObject headerObject)
            {
                foreach (JProperty header in headerObject.Properties())
                {
                    if (header.Value is not JArray valueArray)
                    {
                        Structure(header.Value, "the values of header '" + header.Name + "'", "be an array but are " + Describe(header.Value));
                        valid = false;
                        continue;
                    }

                    var values = new List<ExpressionSpec>();
                    foreach (JToken valueToken in valueArray)
                    {
                        ExpressionSpec? value = ParseExpression(valueToken);
                        if (value is null)
                        {
                            valid = false;
                        }
                        else
                        {
                            values.Add(value);
                        }
                    }

                    headers.Add(new HeaderSpec { Name = header.Name, Values = values.ToEquatableArray(), Position = PositionOf(header) });
                }
            }
            else
            {
                Structure(headersToken, "the 'headers' of an endpoint", "be an object but are " + Describe(headersToken));
                valid = false;
            }
        }

        var properties = new List<PropertySpec>();
        if (endpoint.TryGetValue("properties", out JToken? propertiesToken))
        {
            if (propertiesToken is JObject propertyObject)
            {
                foreach (JProperty property in propertyObject.Properties())
                {
                    PropertyValueSpec? value = ParsePropertyValue(property.Value);
                    if (value is null)
                    {
                        valid = false;
                    }
                    else
                    {
                        properties.Add(new PropertySpec { Name = property.Name, Value = value });
                    }
                }
            }
            else
            {
                Structure(propertiesToken, "the 'properties' of an endpoint", "be an object but are " + Describe(propertiesToken));
                valid = false;
            }
        }

        return valid ? new EndpointSpec { Url = url!, Headers = headers.ToEquatableArray(), Properties = properties.ToEquatableArray(), Position = PositionOf(endpoint) } : null;
    }

    private PropertyValueSpec? ParsePropertyValue(JToken token)
    {
        SourcePosition position = PositionOf(token);
        switch (token.Type)
        {
            case JTokenType.String:
                TemplateSpec? template = ParseTemplateAt((string)token!, position);
                return template is null ? null : new StringPropertyValueSpec { Template = template, Position = position };
            case JTokenType.Boolean:
                return new BooleanPropertyValueSpec { Value = (bool)token, Position = position };
            case JTokenType.Integer when token is JValue { Value: long number }:
                return new IntegerPropertyValueSpec { Value = number, Position = position };
            case JTokenType.Array:
                var items = new List<PropertyValueSpec>();
                foreach (JToken item in (JArray)token)
                {
                    PropertyValueSpec? value = ParsePropertyValue(item);
                    if (value is null)
                    {
                        return null;
                    }

                    items.Add(value);
                }

                return new ArrayPropertyValueSpec { Items = items.ToEquatableArray(), Position = position };
            case JTokenType.Object:
                var members = new List<PropertySpec>();
                foreach (JProperty member in ((JObject)token).Properties())
                {
                    PropertyValueSpec? value = ParsePropertyValue(member.Value);
                    if (value is null)
                    {
                        return null;
                    }

                    members.Add(new PropertySpec { Name = member.Name, Value = value });
                }

                return new ObjectPropertyValueSpec { Members = members.ToEquatableArray(), Position = position };
            default:
                Structure(token, "an endpoint property value", "be a string, boolean, integer, array or object but is " + Describe(token));
                return null;
        }
    }

    private TemplateSpec? ParseTemplateAt(string text, SourcePosition position)
    {
        TemplateSpec? template = ParseTemplate(text, out string? error);
        if (template is null)
        {
            Report(DiagnosticDescriptors.InvalidRuleTemplate, position, text, error ?? "it cannot be read");
        }

        return template;
    }

    private string? RequiredString(JObject owner, string member, string context)
    {
        if (!owner.TryGetValue(member, out JToken? token))
        {
            Structure(owner, "the '" + member + "' member of " + context, "be present");
            return null;
        }

        if (token.Type != JTokenType.String)
        {
            Structure(token, "the '" + member + "' member of " + context, "be a string but is " + Describe(token));
            return null;
        }

        return (string)token!;
    }

    private string? OptionalString(JObject owner, string member, string context)
    {
        if (!owner.TryGetValue(member, out JToken? token))
        {
            return null;
        }

        if (token.Type != JTokenType.String)
        {
            Structure(token, "the '" + member + "' member of " + context, "be a string but is " + Describe(token));
            return null;
        }

        return (string)token!;
    }

    private bool? OptionalBoolean(JObject owner, string member, string context)
    {
        if (!owner.TryGetValue(member, out JToken? token))
        {
            return null;
        }

        if (token.Type != JTokenType.Boolean)
        {
            Structure(token, "the '" + member + "' member of " + context, "be a boolean but is " + Describe(token));
            return null;
        }

        return (bool)token;
    }

    private T? RequiredMember<T>(JObject owner, string member, string context, string expected)
        where T : JToken
    {
        if (!owner.TryGetValue(member, out JToken? token))
        {
            Structure(owner, "the '" + member + "' member of " + context, "be present");
            return null;
        }

        if (token is not T typed)
        {
            Structure(token, "the '" + member + "' member of " + context, "be " + expected + " but is " + Describe(token));
            return null;
        }

        return typed;
    }

    /// <summary>Reports SOCG201: "In the endpoint rule set, <paramref name="subject"/> must <paramref name="requirement"/>".</summary>
    private void Structure(JToken token, string subject, string requirement) =>
        Report(DiagnosticDescriptors.EndpointRuleSetInvalidStructure, PositionOf(token), subject, requirement);

    private void Report(DiagnosticDescriptor descriptor, SourcePosition position, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, position.ToLocation(_filePath), arguments));

    // Newtonsoft appends ", line N, position M." to its messages; the diagnostic carries the position itself.
    private static string StripPosition(string message)
    {
        int index = message.IndexOf(" Path '", System.StringComparison.Ordinal);
        if (index < 0)
        {
            index = message.IndexOf(", line ", System.StringComparison.Ordinal);
        }

        return index < 0 ? message : message.Substring(0, index).TrimEnd(',', '.') + ".";
    }
}

/// <summary>The result of parsing a rule set: the spec (null when unusable) and the syntax diagnostics.</summary>
internal sealed record EndpointRuleSetParseResult
{
    public EndpointRuleSetParseResult(EndpointRuleSetSpec? spec, EquatableArray<DiagnosticInfo> diagnostics)
    {
        Spec = spec;
        Diagnostics = diagnostics;
    }

    public EndpointRuleSetSpec? Spec { get; }

    public EquatableArray<DiagnosticInfo> Diagnostics { get; }
}

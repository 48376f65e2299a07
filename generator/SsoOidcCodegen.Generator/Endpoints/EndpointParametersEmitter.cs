namespace SsoOidcCodegen.Generator.Endpoints;

using System.Collections.Generic;
using System.Linq;
using System.Text;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// Writes <c>{Prefix}EndpointParameters</c>: one settable property per rule-set parameter (<c>string?</c>,
/// <c>bool?</c> or <c>string[]?</c>, initialised to the rule set's default) and a static table that records each
/// parameter's rule-set name, type and built-in.
/// </summary>
internal static class EndpointParametersEmitter
{
    private const string Runtime = "global::SsoOidcCodegen.Runtime.Endpoints.";

    public static string Emit(BoundRuleSet ruleSet, EndpointEmitOptions options) =>
        Emitting.TemplateRenderer.Render("EndpointParameters", new
        {
            options.Header,
            options.Namespace,
            options.Prefix,
            options.Accessibility,
            ClassName = options.ParametersClassName,
            options.ResolverClassName,
            DefinitionsProperty = EndpointParameterNames.DefinitionsProperty,
            HasParameters = ruleSet.Parameters.Count > 0,
            Parameters = ruleSet.Parameters.Select(View).ToList(),
        });

    private static ParameterView View(BoundParameter parameter) => new(
        NameLiteral: CSharpSyntax.StringLiteral(parameter.Name),
        PropertyName: parameter.PropertyName,
        PropertyLiteral: CSharpSyntax.StringLiteral(parameter.PropertyName),
        Kind: parameter.Kind.ToString(),
        BuiltInLiteral: parameter.BuiltIn is null ? "null" : CSharpSyntax.StringLiteral(parameter.BuiltIn),
        Required: parameter.Required,
        Summary: string.IsNullOrWhiteSpace(parameter.Documentation)
            ? "The rule-set parameter <c>" + CSharpSyntax.XmlText(parameter.Name) + "</c>."
            : CSharpSyntax.XmlText(parameter.Documentation!),
        Remarks: Remarks(parameter),
        Type: parameter.Kind switch
        {
            EndpointParameterKind.Boolean => "bool?",
            EndpointParameterKind.StringArray => "string[]?",
            _ => "string?",
        },
        Default: parameter.Default is null ? null : DefaultLiteral(parameter.Default));

    /// <summary>The C# literal of a parameter's default value.</summary>
    public static string DefaultLiteral(ParameterDefaultSpec value)
    {
        if (value.BooleanValue is bool boolean)
        {
            return CSharpSyntax.BooleanLiteral(boolean);
        }

        if (value.StringArrayValue is EquatableArray<string> strings)
        {
            var items = new List<string>();
            foreach (string item in strings)
            {
                items.Add(CSharpSyntax.StringLiteral(item));
            }

            return items.Count == 0 ? "new string[0]" : "new string[] { " + string.Join(", ", items) + " }";
        }

        return CSharpSyntax.StringLiteral(value.StringValue ?? string.Empty);
    }

    private static string Remarks(BoundParameter parameter)
    {
        var remarks = new StringBuilder("Rule-set parameter <c>" + CSharpSyntax.XmlText(parameter.Name) + "</c>");
        if (parameter.BuiltIn is not null)
        {
            remarks.Append(", supplied by the built-in <c>" + CSharpSyntax.XmlText(parameter.BuiltIn) + "</c>");
        }

        remarks.Append('.');
        if (parameter.Default is not null)
        {
            remarks.Append(" Defaults to <c>" + CSharpSyntax.XmlText(DefaultLiteral(parameter.Default)) + "</c> when unset.");
        }
        else if (parameter.Required)
        {
            remarks.Append(" Required: resolution fails when it is unset.");
        }

        if (parameter.Deprecated)
        {
            remarks.Append(" Deprecated" + (parameter.DeprecatedMessage is null ? "." : ": " + CSharpSyntax.XmlText(parameter.DeprecatedMessage)));
        }

        return remarks.ToString();
    }

    /// <summary>A parameter as the template shows it: literals ready for C#, its kind's name, its doc text.</summary>
    private sealed record ParameterView(
        string NameLiteral,
        string PropertyName,
        string PropertyLiteral,
        string Kind,
        string BuiltInLiteral,
        bool Required,
        string Summary,
        string Remarks,
        string Type,
        string? Default);
}

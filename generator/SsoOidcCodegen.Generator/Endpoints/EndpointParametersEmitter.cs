namespace SsoOidcCodegen.Generator.Endpoints;

using System.Collections.Generic;
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

    public static string Emit(BoundRuleSet ruleSet, EndpointEmitOptions options)
    {
        var writer = new CSharpWriter();
        foreach (string line in options.Header.Split('\n'))
        {
            writer.Line(line);
        }

        writer.Line();
        writer.Line("namespace " + options.Namespace + ";");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// The inputs of the " + options.Prefix + " endpoint rules. Set them (most come from client configuration through");
        writer.Line("/// the built-ins recorded in <see cref=\"" + EndpointParameterNames.DefinitionsProperty + "\"/>), then call <see cref=\"" + options.ResolverClassName + ".Resolve\"/>.");
        writer.Line("/// </summary>");
        writer.Line("/// <remarks>Equal when every parameter is equal (arrays item by item): a client caches endpoints by parameter set.</remarks>");
        writer.Line(options.Accessibility + " sealed partial class " + options.ParametersClassName + " : global::System.IEquatable<" + options.ParametersClassName + ">");
        writer.Open();

        writer.Line("/// <summary>Every parameter: its rule-set name, property, type, the SDK built-in that supplies it, and whether it is required.</summary>");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<" + Runtime + "EndpointParameterInfo> " + EndpointParameterNames.DefinitionsProperty + " { get; } = new " + Runtime + "EndpointParameterInfo[]");
        writer.Open();
        foreach (BoundParameter parameter in ruleSet.Parameters)
        {
            writer.Line(
                "new " + Runtime + "EndpointParameterInfo(name: " + CSharpSyntax.StringLiteral(parameter.Name)
                + ", propertyName: " + CSharpSyntax.StringLiteral(parameter.PropertyName)
                + ", type: " + Runtime + "EndpointParameterType." + parameter.Kind
                + ", builtIn: " + (parameter.BuiltIn is null ? "null" : CSharpSyntax.StringLiteral(parameter.BuiltIn))
                + ", isRequired: " + CSharpSyntax.BooleanLiteral(parameter.Required) + "),");
        }

        writer.Close(";");

        foreach (BoundParameter parameter in ruleSet.Parameters)
        {
            writer.Line();
            string summary = string.IsNullOrWhiteSpace(parameter.Documentation)
                ? "The rule-set parameter <c>" + CSharpSyntax.XmlText(parameter.Name) + "</c>."
                : CSharpSyntax.XmlText(parameter.Documentation!);
            writer.Line("/// <summary>" + summary + "</summary>");
            writer.Line("/// <remarks>" + Remarks(parameter) + "</remarks>");
            string type = parameter.Kind switch
            {
                EndpointParameterKind.Boolean => "bool?",
                EndpointParameterKind.StringArray => "string[]?",
                _ => "string?",
            };
            string initializer = parameter.Default is null ? string.Empty : " = " + DefaultLiteral(parameter.Default) + ";";
            writer.Line("public " + type + " " + parameter.PropertyName + " { get; set; }" + initializer);
        }

        EmitEquality(writer, ruleSet, options.ParametersClassName);
        writer.Close();
        return writer.ToString();
    }

    /// <summary>Value equality over every parameter, so that a parameter set can key a cache.</summary>
    private static void EmitEquality(CSharpWriter writer, BoundRuleSet ruleSet, string className)
    {
        writer.Line();
        writer.Line("/// <summary>Whether every parameter equals <paramref name=\"other\"/>'s (string arrays item by item).</summary>");
        writer.Line("public bool Equals(" + className + "? other)");
        writer.Open();
        var terms = new List<string> { "other is not null" };
        foreach (BoundParameter parameter in ruleSet.Parameters)
        {
            string name = parameter.PropertyName;
            terms.Add(parameter.Kind switch
            {
                EndpointParameterKind.StringArray => Runtime + "EndpointParameterValues.SequenceEqual(" + name + ", other." + name + ")",
                EndpointParameterKind.Boolean => name + " == other." + name,
                _ => "string.Equals(" + name + ", other." + name + ", global::System.StringComparison.Ordinal)",
            });
        }

        for (int i = 0; i < terms.Count; i++)
        {
            writer.Line((i == 0 ? "return " : "    && ") + terms[i] + (i == terms.Count - 1 ? ";" : string.Empty));
        }
        writer.Close();
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override bool Equals(object? obj) => Equals(obj as " + className + ");");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override int GetHashCode()");
        writer.Open();
        writer.Line("var hash = default(global::System.HashCode);");
        foreach (BoundParameter parameter in ruleSet.Parameters)
        {
            string name = parameter.PropertyName;
            writer.Line(parameter.Kind switch
            {
                EndpointParameterKind.StringArray => "hash.Add(" + Runtime + "EndpointParameterValues.SequenceHash(" + name + "));",
                EndpointParameterKind.Boolean => "hash.Add(" + name + ");",
                _ => "hash.Add(" + name + ", global::System.StringComparer.Ordinal);",
            });
        }

        writer.Line("return hash.ToHashCode();");
        writer.Close();
    }

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
}

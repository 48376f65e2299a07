namespace SsoOidcCodegen.Generator.Endpoints;

using System.Collections.Generic;
using System;
using SsoOidcCodegen.Generator.Diagnostics;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// The C# property name of each rule-set parameter on the generated parameters class (the rule-set name in
/// PascalCase), checked for clashes with each other and with the class's own members.
/// </summary>
internal static class EndpointParameterNames
{
    /// <summary>The static table of parameter descriptions on the parameters class.</summary>
    public const string DefinitionsProperty = "Definitions";

    // Members every class inherits from object: a property with one of these names would hide it (a warning).
    private static readonly HashSet<string> InheritedMembers = new(StringComparer.Ordinal)
    {
        "Equals", "Finalize", "GetHashCode", "GetType", "MemberwiseClone", "ReferenceEquals", "ToString",
    };

    /// <summary>
    /// Property names in parameter order (one per parameter, also for a name that cannot be used, so the list
    /// lines up with the parameters) and a diagnostic for each name that cannot be used.
    /// </summary>
    public static EquatableArray<string> Assign(
        EndpointRuleSetSpec spec,
        EndpointEmitOptions options,
        string filePath,
        List<DiagnosticInfo> diagnostics)
    {
        var names = new List<string>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (EndpointParameterSpec parameter in spec.Parameters)
        {
            string property = CSharpSyntax.ToPascalCase(parameter.Name);
            string? problem = null;
            if (!CSharpSyntax.IsIdentifier(property))
            {
                problem = "'" + property + "' is not a usable C# property name";
            }
            else if (property == options.ParametersClassName || property == DefinitionsProperty || InheritedMembers.Contains(property))
            {
                problem = "the property name '" + property + "' is taken by the parameters class itself";
            }
            else if (owners.TryGetValue(property, out string? owner))
            {
                problem = "the property name '" + property + "' is already used by parameter '" + owner + "'";
            }

            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEndpointParameter, parameter.Position.ToLocation(filePath), parameter.Name, problem));
                names.Add(property);
                continue;
            }

            owners.Add(property, parameter.Name);
            names.Add(property);
        }

        return names.ToEquatableArray();
    }
}

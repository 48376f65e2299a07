namespace SsoOidcCodegen.Runtime.Endpoints;

/// <summary>
/// Describes one parameter of a compiled endpoint rule set: its rule-set name, the property that holds it on the
/// generated parameters class, its type, and the SDK built-in (for example <c>AWS::Region</c>) that supplies it.
/// </summary>
public sealed class EndpointParameterInfo
{
    /// <summary>Creates the description.</summary>
    /// <param name="name">The parameter's name in the rule set.</param>
    /// <param name="propertyName">The property on the generated parameters class.</param>
    /// <param name="type">The parameter's type.</param>
    /// <param name="builtIn">The built-in that supplies the value, or null.</param>
    /// <param name="isRequired">Whether resolution fails when the value is missing and there is no default.</param>
    public EndpointParameterInfo(string name, string propertyName, EndpointParameterType type, string? builtIn, bool isRequired)
    {
        Name = name;
        PropertyName = propertyName;
        Type = type;
        BuiltIn = builtIn;
        IsRequired = isRequired;
    }

    /// <summary>The parameter's name in the rule set, for example <c>UseFIPS</c>.</summary>
    public string Name { get; }

    /// <summary>The property on the generated parameters class that holds the value.</summary>
    public string PropertyName { get; }

    /// <summary>The parameter's type.</summary>
    public EndpointParameterType Type { get; }

    /// <summary>The SDK built-in that supplies the value (for example <c>AWS::Region</c>, <c>SDK::Endpoint</c>), or null.</summary>
    public string? BuiltIn { get; }

    /// <summary>Whether the rule set requires the parameter.</summary>
    public bool IsRequired { get; }

    /// <summary>The rule-set name.</summary>
    public override string ToString() => Name;
}

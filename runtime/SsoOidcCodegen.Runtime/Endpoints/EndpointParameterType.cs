namespace SsoOidcCodegen.Runtime.Endpoints;

/// <summary>The types an endpoint rule-set parameter can have.</summary>
public enum EndpointParameterType
{
    /// <summary>A string (<c>string?</c> on the parameters class).</summary>
    String,

    /// <summary>A boolean (<c>bool?</c> on the parameters class).</summary>
    Boolean,

    /// <summary>A list of strings (<c>string[]?</c> on the parameters class).</summary>
    StringArray,
}

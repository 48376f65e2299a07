namespace SsoOidcCodegen.Generator.Model;

/// <summary>
/// Where one endpoint rule-set parameter of an operation comes from: a constant of the operation
/// (<c>staticContextParams</c>), a member of its input (<c>contextParam</c>), or a JMESPath expression over the
/// input (<c>operationContextParams</c>). A cacheable value like every spec (see <see cref="ServiceSpec"/>).
/// </summary>
/// <param name="Parameter">The rule-set parameter's name.</param>
/// <param name="Kind">Where the value comes from.</param>
/// <param name="Text">The string constant, the member's model name, or the JMESPath expression.</param>
/// <param name="Boolean">The boolean constant.</param>
/// <param name="Strings">The string-array constant.</param>
internal sealed record EndpointBindingSpec(
    string Parameter,
    EndpointBindingKind Kind,
    string? Text = null,
    bool Boolean = false,
    EquatableArray<string> Strings = default);

/// <summary>The sources of an operation's endpoint parameter.</summary>
internal enum EndpointBindingKind
{
    /// <summary><c>staticContextParams</c> with a boolean value.</summary>
    StaticBoolean,

    /// <summary><c>staticContextParams</c> with a string value.</summary>
    StaticString,

    /// <summary><c>staticContextParams</c> with a string-array value.</summary>
    StaticStrings,

    /// <summary><c>contextParam</c> on a member of the input.</summary>
    Member,

    /// <summary><c>operationContextParams</c>: a JMESPath expression over the input.</summary>
    Path,
}

namespace SsoOidcCodegen.Generator.Model;

/// <summary>
/// Where one endpoint rule-set parameter of an operation comes from: a constant of the operation
/// (<c>staticContextParams</c>), a member of its input (<c>contextParam</c>), or a JMESPath expression over the
/// input (<c>operationContextParams</c>). A cacheable value like every spec (see <see cref="ServiceSpec"/>).
/// </summary>
internal sealed record EndpointBindingSpec
{
    /// <summary>The rule-set parameter's name.</summary>
    public required string Parameter { get; init; }

    /// <summary>Where the value comes from.</summary>
    public required EndpointBindingKind Kind { get; init; }

    /// <summary>The string constant, the member's model name, or the JMESPath expression.</summary>
    public string? Text { get; init; }

    /// <summary>The boolean constant.</summary>
    public bool Boolean { get; init; }

    /// <summary>The string-array constant.</summary>
    public EquatableArray<string> Strings { get; init; }
}

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

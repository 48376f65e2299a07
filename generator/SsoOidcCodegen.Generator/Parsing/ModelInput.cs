namespace SsoOidcCodegen.Generator.Parsing;

/// <summary>
/// One model file with its options and companion files, as text: the input of the parse step.
/// Equatable by value, so an unrelated edit leaves the parse cached.
/// </summary>
internal sealed record ModelInput
{
    public required string Path { get; init; }

    public required string Text { get; init; }

    public required ModelOptions Options { get; init; }

    public string? PaginatorsPath { get; init; }

    public string? PaginatorsText { get; init; }

    public string? EndpointRuleSetPath { get; init; }

    public string? EndpointRuleSetText { get; init; }

    public string? WaitersPath { get; init; }

    public string? WaitersText { get; init; }
}

/// <summary>The item metadata of an <c>AwsServiceModel</c> item.</summary>
/// <remarks>
/// <see cref="LeftOutSeverity"/> is how loudly an operation, paginator or waiter the generator leaves out is reported (default info).
/// <see cref="DefinedIn"/> is the project file that defines the item (MSBuild's <c>DefiningProjectFullPath</c>), where an
/// invalid option is reported; null when the build does not say.
/// </remarks>
internal sealed record ModelOptions
{
    public static readonly ModelOptions Default = new();

    public string? Namespace { get; init; }

    public string? ClientName { get; init; }

    public string? Visibility { get; init; }

    public string? LeftOutSeverity { get; init; }

    /// <summary>The operations to generate (the item's <c>Operations</c> metadata, names separated by semicolons, commas or spaces); null for all.</summary>
    public string? Operations { get; init; }

    public string? DefinedIn { get; init; }
}

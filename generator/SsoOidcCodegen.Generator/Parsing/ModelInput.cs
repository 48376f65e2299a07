namespace SsoOidcCodegen.Generator.Parsing;

/// <summary>
/// One model file with its options and companion files, as text: the input of the parse step.
/// Equatable by value, so an unrelated edit leaves the parse cached.
/// </summary>
internal sealed record ModelInput(
    string Path,
    string Text,
    ModelOptions Options,
    string? PaginatorsPath,
    string? PaginatorsText,
    string? EndpointRuleSetPath,
    string? EndpointRuleSetText,
    string? WaitersPath = null,
    string? WaitersText = null);

/// <summary>The item metadata of an <c>AwsServiceModel</c> item.</summary>
/// <remarks>
/// <see cref="LeftOutSeverity"/> is how loudly an operation, paginator or waiter the generator leaves out is reported (default info).
/// <see cref="DefinedIn"/> is the project file that defines the item (MSBuild's <c>DefiningProjectFullPath</c>), where an
/// invalid option is reported; null when the build does not say.
/// </remarks>
internal sealed record ModelOptions(string? Namespace, string? ClientName, string? Visibility, string? LeftOutSeverity = null, string? DefinedIn = null)
{
    public static readonly ModelOptions Default = new(null, null, null);
}

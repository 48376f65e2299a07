namespace SsoOidcCodegen.Generator.Diagnostics;

using System.Collections.Generic;
using Microsoft.CodeAnalysis;

/// <summary>
/// Every diagnostic the generator reports, with a stable id. New ids are added to
/// AnalyzerReleases.Unshipped.md; ids are never reused.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SsoOidcCodegen";

    public static readonly DiagnosticDescriptor InvalidJson = Create(
        "SOC001", "Service model is not valid JSON", "The service model is not valid JSON: {0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingElement = Create(
        "SOC002", "Service model lacks a required element", "The service model lacks '{0}': {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedProtocol = Create(
        "SOC003", "Unsupported protocol", "The protocol '{0}' is not supported; this generator speaks rest-json, json (awsJson 1.0/1.1), query (awsQuery), ec2 (ec2Query), rest-xml and smithy-rpc-v2-cbor", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownShape = Create(
        "SOC004", "Unknown shape reference", "'{1}' refers to shape '{0}', which the model does not define", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor WrongType = Create(
        "SOC005", "Element has the wrong type", "In the service model, '{0}' {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NameCollision = Create(
        "SOC006", "Generated names collide", "'{0}' would collide with {1}; it is generated as '{2}'", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor UnsupportedOperation = Create(
        "SOC007", "Operation left out", "Operation '{0}' is left out: {1}", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor ShapeCycle = Create(
        "SOC008", "Shape refers to itself", "Shape '{0}' refers to itself through '{1}', which no value can satisfy", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidPaginator = Create(
        "SOC009", "Paginator left out", "Paginator for '{0}' is left out: {1}", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor InvalidOption = Create(
        "SOC010", "Invalid generator option", "Item metadata '{0}' of the AwsServiceModel item '{1}' has the invalid value '{2}': {3}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor GeneratorFailure = Create(
        "SOC011", "The generator failed", "The generator failed on '{0}': {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedMember = Create(
        "SOC013", "Member feature not supported", "Member '{0}' uses {1}, which is not supported; it is ignored", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DuplicateModel = Create(
        "SOC014", "Two models generate the same types", "Model '{0}' generates into namespace '{1}' like another model; give it its own Namespace", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor WaiterLeftOut = Create(
        "SOC015", "Waiter left out", "Waiter '{0}' is left out: {1}", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor CompanionNotUsed = Create(
        "SOC016", "Companion file not used", "The {0} file '{1}' is not used: {2}", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ModelTooLarge = Create(
        "SOC040", "Service model is too large", "The service model has {0} characters; the generator reads models of up to {1} characters", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NestingTooDeep = Create(
        "SOC041", "Shapes nest too deeply", "Shape '{0}' nests lists, maps and structures more than {1} levels deep, which JSON readers refuse", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ValueReplaced = Create(
        "SOC042", "Model value out of range", "'{0}' {1}; {2} is used instead", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor TraitNotHonoured = Create(
        "SOC043", "Model trait not honoured", "{0}: '{1}' is not honoured: {2}", DiagnosticSeverity.Info);

    // SOCG200-SOCG299: the endpoint rule set (the companion endpoint-rule-set file).

    public static readonly DiagnosticDescriptor EndpointRuleSetInvalidJson = Create(
        "SOCG200", "Endpoint rule set is not valid JSON", "The endpoint rule set is not valid JSON: {0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor EndpointRuleSetInvalidStructure = Create(
        "SOCG201", "Endpoint rule set has an invalid structure", "In the endpoint rule set, {0} must {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownRuleFunction = Create(
        "SOCG202", "Unknown endpoint rule function", "Unknown rule function '{0}'; the supported functions are {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor WrongArgumentCount = Create(
        "SOCG203", "Wrong number of arguments", "'{0}' takes {1} but is given {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RuleTypeMismatch = Create(
        "SOCG204", "Type mismatch in endpoint rules", "{0} must be {1} but is {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownRuleReference = Create(
        "SOCG205", "Unknown parameter or variable", "'{0}' is neither a parameter nor a variable assigned earlier in this rule or an enclosing one", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateRuleName = Create(
        "SOCG206", "Duplicate name in endpoint rules", "'{0}' is already defined as a parameter or as a variable in scope; a condition cannot assign it again", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidRuleTemplate = Create(
        "SOCG207", "Invalid template string", "Invalid template string \"{0}\": {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidAttributePath = Create(
        "SOCG208", "Invalid getAttr path", "Invalid getAttr path '{0}': {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidEndpointParameter = Create(
        "SOCG209", "Invalid endpoint parameter", "Endpoint parameter '{0}': {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidEndpointTypeNames = Create(
        "SOCG210", "Invalid endpoint code generation options", "'{0}' is not a valid C# {1} for the endpoint types", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RuleFunctionNeedsNewerVersion = Create(
        "SOCG211", "Function needs a newer rules engine version", "'{0}' needs rules engine version {1} but the rule set declares version {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnreachableRule = Create(
        "SOCG212", "Unreachable endpoint rule", "This rule is never evaluated: an earlier rule at the same level has no conditions that can fail", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ImplicitIsSetGuard = Create(
        "SOCG213", "Optional value guarded implicitly", "'{0}' may be unset where '{1}' needs a value; the condition is read as if isSet({0}) came first, so it fails when '{0}' is unset", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor EndpointCompilerFailure = Create(
        "SOCG299", "Endpoint rule compiler failed", "The endpoint rule compiler failed unexpectedly: {0}", DiagnosticSeverity.Error);

    private static readonly Dictionary<string, DiagnosticDescriptor> ByIdTable = new()
    {
        [InvalidJson.Id] = InvalidJson,
        [MissingElement.Id] = MissingElement,
        [UnsupportedProtocol.Id] = UnsupportedProtocol,
        [UnknownShape.Id] = UnknownShape,
        [WrongType.Id] = WrongType,
        [NameCollision.Id] = NameCollision,
        [UnsupportedOperation.Id] = UnsupportedOperation,
        [ShapeCycle.Id] = ShapeCycle,
        [InvalidPaginator.Id] = InvalidPaginator,
        [InvalidOption.Id] = InvalidOption,
        [GeneratorFailure.Id] = GeneratorFailure,
        [UnsupportedMember.Id] = UnsupportedMember,
        [DuplicateModel.Id] = DuplicateModel,
        [WaiterLeftOut.Id] = WaiterLeftOut,
        [CompanionNotUsed.Id] = CompanionNotUsed,
        [ModelTooLarge.Id] = ModelTooLarge,
        [NestingTooDeep.Id] = NestingTooDeep,
        [ValueReplaced.Id] = ValueReplaced,
        [TraitNotHonoured.Id] = TraitNotHonoured,
        [EndpointRuleSetInvalidJson.Id] = EndpointRuleSetInvalidJson,
        [EndpointRuleSetInvalidStructure.Id] = EndpointRuleSetInvalidStructure,
        [UnknownRuleFunction.Id] = UnknownRuleFunction,
        [WrongArgumentCount.Id] = WrongArgumentCount,
        [RuleTypeMismatch.Id] = RuleTypeMismatch,
        [UnknownRuleReference.Id] = UnknownRuleReference,
        [DuplicateRuleName.Id] = DuplicateRuleName,
        [InvalidRuleTemplate.Id] = InvalidRuleTemplate,
        [InvalidAttributePath.Id] = InvalidAttributePath,
        [InvalidEndpointParameter.Id] = InvalidEndpointParameter,
        [InvalidEndpointTypeNames.Id] = InvalidEndpointTypeNames,
        [RuleFunctionNeedsNewerVersion.Id] = RuleFunctionNeedsNewerVersion,
        [UnreachableRule.Id] = UnreachableRule,
        [ImplicitIsSetGuard.Id] = ImplicitIsSetGuard,
        [EndpointCompilerFailure.Id] = EndpointCompilerFailure,
    };

    public static IReadOnlyCollection<DiagnosticDescriptor> All => ByIdTable.Values;

    public static DiagnosticDescriptor ById(string id) => ByIdTable[id];

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true);
}

namespace SsoOidcCodegen.Generator.Endpoints;

using System.Globalization;

/// <summary>
/// Every diagnostic the endpoint rule-set compiler reports, with a stable id (the SOCG2xx range is reserved for
/// endpoint rules). The generator maps these to Roslyn descriptors; the ids must not change once shipped.
/// </summary>
internal static class EndpointDiagnosticDescriptors
{
    /// <summary>The file is not well-formed JSON.</summary>
    public static readonly EndpointDiagnosticDescriptor InvalidJson =
        new("SOCG200", "Endpoint rule set is not valid JSON", "The endpoint rule set is not valid JSON: {0}");

    /// <summary>A JSON value does not have the shape the rule-set language requires.</summary>
    public static readonly EndpointDiagnosticDescriptor InvalidStructure =
        new("SOCG201", "Endpoint rule set has an invalid structure", "{0}");

    /// <summary>A function that neither the standard library nor the AWS library defines.</summary>
    public static readonly EndpointDiagnosticDescriptor UnknownFunction =
        new("SOCG202", "Unknown endpoint rule function", "Unknown rule function '{0}'; the supported functions are {1}");

    /// <summary>A function is given the wrong number of arguments.</summary>
    public static readonly EndpointDiagnosticDescriptor WrongArgumentCount =
        new("SOCG203", "Wrong number of arguments", "'{0}' takes {1} but is given {2}");

    /// <summary>A value has the wrong type where it is used.</summary>
    public static readonly EndpointDiagnosticDescriptor TypeMismatch =
        new("SOCG204", "Type mismatch in endpoint rules", "{0}");

    /// <summary>A reference to a name that is neither a parameter nor a variable in scope.</summary>
    public static readonly EndpointDiagnosticDescriptor UnknownReference =
        new("SOCG205", "Unknown parameter or variable", "'{0}' is neither a parameter nor a variable assigned earlier in this rule or an enclosing one");

    /// <summary>A parameter or variable name that is already taken.</summary>
    public static readonly EndpointDiagnosticDescriptor DuplicateName =
        new("SOCG206", "Duplicate name in endpoint rules", "'{0}' is already defined{1}");

    /// <summary>A malformed template string.</summary>
    public static readonly EndpointDiagnosticDescriptor InvalidTemplate =
        new("SOCG207", "Invalid template string", "Invalid template string \"{0}\": {1}");

    /// <summary>A getAttr path that is malformed or names an attribute the value does not have.</summary>
    public static readonly EndpointDiagnosticDescriptor InvalidAttributePath =
        new("SOCG208", "Invalid getAttr path", "Invalid getAttr path '{0}': {1}");

    /// <summary>A parameter definition that cannot be used (type, default, name).</summary>
    public static readonly EndpointDiagnosticDescriptor InvalidParameter =
        new("SOCG209", "Invalid endpoint parameter", "Parameter '{0}': {1}");

    /// <summary>The namespace or type-name prefix given to the compiler is not a valid C# name.</summary>
    public static readonly EndpointDiagnosticDescriptor InvalidGenerationOptions =
        new("SOCG210", "Invalid endpoint code generation options", "{0}");

    /// <summary>A function that the declared rules engine version does not include.</summary>
    public static readonly EndpointDiagnosticDescriptor FunctionNeedsNewerVersion =
        new("SOCG211", "Function needs a newer rules engine version", "'{0}' needs rules engine version {1} but the rule set declares version {2}");

    /// <summary>A rule that can never be selected because an earlier rule always matches.</summary>
    public static readonly EndpointDiagnosticDescriptor UnreachableRule =
        new("SOCG212", "Unreachable endpoint rule", "This rule is never evaluated: an earlier rule at the same level has no conditions that can fail", EndpointDiagnosticSeverity.Warning);

    /// <summary>The compiler failed unexpectedly; the message carries the exception.</summary>
    public static readonly EndpointDiagnosticDescriptor InternalError =
        new("SOCG299", "Endpoint rule compiler failed", "The endpoint rule compiler failed unexpectedly: {0}");
}

/// <summary>A diagnostic's id, title, message format and severity.</summary>
internal sealed class EndpointDiagnosticDescriptor
{
    public EndpointDiagnosticDescriptor(string id, string title, string messageFormat, EndpointDiagnosticSeverity severity = EndpointDiagnosticSeverity.Error)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Severity = severity;
    }

    public string Id { get; }

    public string Title { get; }

    public string MessageFormat { get; }

    public EndpointDiagnosticSeverity Severity { get; }

    public EndpointDiagnostic Create(string filePath, SourcePosition position, params object?[] arguments) => new(
        Id,
        Severity,
        string.Format(CultureInfo.InvariantCulture, MessageFormat, arguments),
        filePath,
        position.Line,
        position.Column);
}

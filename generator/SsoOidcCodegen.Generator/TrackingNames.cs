namespace SsoOidcCodegen.Generator;

/// <summary>The names of the pipeline's tracked steps; the caching tests refer to these.</summary>
internal static class TrackingNames
{
    /// <summary>Additional files that are service models, with their options.</summary>
    public const string ModelFiles = nameof(ModelFiles);

    /// <summary>Companion files (paginators, endpoint rule sets) keyed by the model they belong to.</summary>
    public const string CompanionFiles = nameof(CompanionFiles);

    /// <summary>Each model's text, options and companions, as one equatable input.</summary>
    public const string ModelInputs = nameof(ModelInputs);

    /// <summary>Each model's text without its documentation, and the documentation taken out.</summary>
    public const string SplitModels = nameof(SplitModels);

    /// <summary>The parse result of each model's text without its documentation.</summary>
    public const string StructureParseResults = nameof(StructureParseResults);

    /// <summary>The parse result of each model: its spec with documentation placeholders, its diagnostics located in the original text, and the documentation.</summary>
    public const string ParseResults = nameof(ParseResults);

    /// <summary>The spec of each model that parsed without errors, with documentation placeholders.</summary>
    public const string Specs = nameof(Specs);

    /// <summary>The documentation of each model that parsed without errors.</summary>
    public const string Documentation = nameof(Documentation);

    /// <summary>The diagnostics of each model.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>One item per model type file (structure, union, exception, enum) of each spec, with documentation placeholders.</summary>
    public const string ModelTypeFiles = nameof(ModelTypeFiles);

    /// <summary>Each model type file with the documentation it shows: what is rendered.</summary>
    public const string DocumentedModelTypeFiles = nameof(DocumentedModelTypeFiles);

    /// <summary>Each spec without its shapes' documentation, with placeholders for the rest.</summary>
    public const string ServiceStructures = nameof(ServiceStructures);

    /// <summary>Each spec without its shapes' documentation, with the documentation it shows (the service's, the operations', the event streams').</summary>
    public const string DocumentedServiceStructures = nameof(DocumentedServiceStructures);

    /// <summary>Each spec without its shapes' documentation, the rest written in: the input of the service's other files.</summary>
    public const string ServiceFiles = nameof(ServiceFiles);

    /// <summary>Each spec without what only the client's surface shows: the input of the files of what goes over the wire.</summary>
    public const string WireFiles = nameof(WireFiles);

    /// <summary>Each model's wire plan: its files, the serializer and operation classes not yet rendered.</summary>
    public const string WirePlans = nameof(WirePlans);

    /// <summary>Each serializer and operation class of every wire plan, rendered.</summary>
    public const string WireClasses = nameof(WireClasses);

    /// <summary>Each model's surface plan: its files, each a template and view model not yet rendered.</summary>
    public const string SurfacePlans = nameof(SurfacePlans);

    /// <summary>Each file of every surface plan, rendered.</summary>
    public const string SurfaceRenders = nameof(SurfaceRenders);
}

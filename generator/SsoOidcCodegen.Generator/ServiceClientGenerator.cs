namespace SsoOidcCodegen.Generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SsoOidcCodegen.Generator.Diagnostics;
using SsoOidcCodegen.Generator.Emitting;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Parsing;

/// <summary>
/// Generates a typed client for every AWS service model handed to the compiler as an additional
/// file with <c>SsoOidcCodegenRole=ServiceModel</c> (the <c>AwsServiceModel</c> MSBuild item).
/// </summary>
/// <remarks>
/// The pipeline starts from <see cref="IncrementalGeneratorInitializationContext.AdditionalTextsProvider"/>
/// only and never touches the compilation, so editing C# code never re-runs it. Sources are registered
/// from the spec alone and diagnostics through a second output, so a diagnostic change never
/// regenerates code.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class ServiceClientGenerator : IIncrementalGenerator
{
    private const string RoleMetadata = "build_metadata.AdditionalFiles.SsoOidcCodegenRole";
    private const string ModelMetadata = "build_metadata.AdditionalFiles.SsoOidcCodegenModel";
    private static readonly System.Text.Encoding Utf8NoBom = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Additional files with their role and options, read from item metadata before any text is loaded.
        IncrementalValuesProvider<TaggedFile> tagged = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => TaggedFile.From(pair.Left, pair.Right.GetOptions(pair.Left)))
            .Where(static file => file.Role is not null);

        // Models: each service model's path and options (its text is read in the next step).
        IncrementalValuesProvider<TaggedFile> models = tagged
            .Where(static file => file.Role == "ServiceModel")
            .WithTrackingName(TrackingNames.ModelFiles);

        // Companions: paginators, waiters and endpoint rule sets, as text, keyed by the model they serve.
        IncrementalValueProvider<ImmutableArray<CompanionFile>> companions = tagged
            .Where(static file => file.Role is "Paginators" or "Waiters" or "EndpointRuleSet")
            .Select(static (file, cancellationToken) => new CompanionFile(file.Role!, file.ModelPath ?? string.Empty, file.Path, file.File.GetText(cancellationToken)?.ToString()))
            .WithTrackingName(TrackingNames.CompanionFiles)
            .Collect();

        // Inputs: each model's text with its own companions, an equatable value.
        IncrementalValuesProvider<ModelInput> inputs = models
            .Combine(companions)
            .Select(static (pair, cancellationToken) => CreateInput(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ModelInputs);

        // Unused companions: one whose model is not an AwsServiceModel item, or a second one of a role the model already has.
        IncrementalValueProvider<ImmutableArray<string>> modelPaths = models
            .Select(static (file, _) => file.Path)
            .Collect();
        context.RegisterSourceOutput(companions.Combine(modelPaths), static (production, pair) => ReportUnusedCompanions(production, pair.Left, pair.Right));

        // Split: each model's text without its documentation, and the documentation, so that an edit of documentation
        // alone leaves the parse's input equal (DocumentationSplitter).
        IncrementalValuesProvider<SplitModel> split = inputs
            .Select(static (input, cancellationToken) => DocumentationSplitter.Split(input, cancellationToken))
            .WithTrackingName(TrackingNames.SplitModels);

        // Parse: the text without documentation to spec and located diagnostics; never throws for bad input. Taken from
        // the cache while only documentation changes.
        IncrementalValuesProvider<ParseResult> structures = split
            .Select(static (model, _) => model.Structure)
            .Select(static (structure, cancellationToken) => ServiceModelParser.Parse(structure.ToInput(), cancellationToken))
            .WithTrackingName(TrackingNames.StructureParseResults);

        // Parse results: each model's parse with its diagnostics located in the original text and the documentation its
        // placeholders stand for (both collections hold one item per model, in the same order, the second made from the
        // first). The documentation is written over the placeholders part by part below, each where it is shown.
        IncrementalValuesProvider<ParseResult> parsed = split.Collect()
            .Combine(structures.Collect())
            .SelectMany(static (pair, cancellationToken) => Locate(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ParseResults);

        // Diagnostics: reported on their own, so they never cause code to be regenerated.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (production, items) =>
        {
            foreach (DiagnosticInfo item in items)
            {
                production.ReportDiagnostic(item.ToDiagnostic());
            }
        });

        // Specs: the models that parsed cleanly, turned into sources; with placeholders for documentation, so that an
        // edit of documentation leaves them equal. The documentation of each model, apart.
        IncrementalValuesProvider<ParseResult> usable = parsed.Where(static result => result.Spec is not null);
        IncrementalValuesProvider<ServiceSpec> specs = usable
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.Specs);
        IncrementalValueProvider<ImmutableArray<(string Path, DocumentationTable Documentation)>> documentation = usable
            .Select(static (result, _) => (result.Spec!.ModelPath, result.Documentation))
            .WithTrackingName(TrackingNames.Documentation)
            .Collect();

        // Model types: one item per structure, union, exception and enum file, then each with the documentation it shows,
        // so that an edit of one shape (its documentation, say) renders that shape's file alone; the others come from the
        // cache.
        IncrementalValuesProvider<Documented<ModelTypeFile>> modelTypes = specs
            .SelectMany(static (spec, _) => ServiceEmitter.ModelTypeFiles(spec))
            .WithTrackingName(TrackingNames.ModelTypeFiles)
            .Combine(documentation)
            .Select(static (pair, _) => Documented.Of(pair.Left, DocumentationOf(pair.Right, pair.Left.Context.ModelPath), ServiceEmitter.WithDocumentation))
            .WithTrackingName(TrackingNames.DocumentedModelTypeFiles);
        context.RegisterSourceOutput(modelTypes, static (production, file) => EmitModelType(production, file));

        // The service's other files, from the spec without the shapes' documentation (which only the model types
        // show), so a documentation edit of a shape leaves this value equal and these files cached; then with the
        // documentation they show (the service's, the operations', the event streams'). First the client's surface (the
        // client, its interface, paginators, waiters, base exception and DI extensions): a plan of its files, each a
        // template and view model, then each file rendered as an item of its own, so an edit that leaves a file's view
        // model equal (a member added to a shape, for the client and its interface) does not render it again...
        IncrementalValuesProvider<ServiceSpec> serviceFiles = specs
            .Select(static (spec, _) => ServiceEmitter.WithoutShapeDocumentation(spec))
            .WithTrackingName(TrackingNames.ServiceStructures)
            .Combine(documentation)
            .Select(static (pair, _) => Documented.Of(pair.Left, DocumentationOf(pair.Right, pair.Left.ModelPath), static (spec, resolver) => resolver.Service(spec)))
            .WithTrackingName(TrackingNames.DocumentedServiceStructures)
            .Select(static (documented, _) => documented.Documentation.IsEmpty ? documented.Value : documented.Resolver.Service(documented.Value))
            .WithTrackingName(TrackingNames.ServiceFiles);
        RegisterPlannedOutput(context, serviceFiles, ServiceEmitter.PlanSurfaceFiles, TrackingNames.SurfacePlans, TrackingNames.SurfaceRenders);

        // ...then what goes over the wire (serializers, operations, errors, endpoints), from the spec without what only
        // the surface shows (the service's and operations' documentation, the endpoint prefix and signing name), so an
        // edit of those renders the surface's few files alone.
        IncrementalValuesProvider<ServiceSpec> wireFiles = serviceFiles
            .Select(static (spec, _) => ServiceEmitter.ForWireFiles(spec))
            .WithTrackingName(TrackingNames.WireFiles);

        // Their plan: every file, the serializers and operations as view models not yet rendered. Each class is then
        // rendered as an item of its own, so Roslyn renders again only those whose view model an edit changed (adding a
        // member to a shape: its serializer and the operations that carry it), and the files are put together from the
        // plan and the renders.
        RegisterPlannedOutput(context, wireFiles, ServiceEmitter.PlanWireFiles, TrackingNames.WirePlans, TrackingNames.WireClasses);

        // Namespaces: two models that generate into one namespace would define the same types twice.
        IncrementalValueProvider<ImmutableArray<(string Identity, string Namespace, string Path)>> namespaces = specs
            .Select(static (spec, _) => (spec.ModelIdentity, spec.Namespace, spec.ModelPath))
            .Collect();
        context.RegisterSourceOutput(namespaces, static (production, items) =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach ((string identity, string ns, string path) in items)
            {
                if (!seen.Add(ns))
                {
                    production.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateModel, ModelFileStart(path), identity, ns).ToDiagnostic());
                }
            }
        });
    }

    private static ImmutableArray<ParseResult> Locate(ImmutableArray<SplitModel> models, ImmutableArray<ParseResult> structures, CancellationToken cancellationToken)
    {
        ImmutableArray<ParseResult>.Builder results = ImmutableArray.CreateBuilder<ParseResult>(models.Length);
        for (int i = 0; i < models.Length; i++)
        {
            results.Add(DocumentationSplitter.Locate(structures[i], models[i], cancellationToken));
        }

        return results.MoveToImmutable();
    }

    // The documentation of the model at `path` (each model's is collected once, for every item to find its own in).
    private static DocumentationTable DocumentationOf(ImmutableArray<(string Path, DocumentationTable Documentation)> models, string path)
    {
        foreach ((string modelPath, DocumentationTable table) in models)
        {
            if (string.Equals(modelPath, path, StringComparison.Ordinal))
            {
                return table;
            }
        }

        return DocumentationTable.Empty;
    }

    /// <summary>
    /// Registers an output made from a plan of files: the plan of each spec, then each of its classes rendered as an item
    /// of its own (taken from the cache while its view model is equal), then the files put together.
    /// </summary>
    private static void RegisterPlannedOutput(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<ServiceSpec> specs,
        Func<ServiceSpec, CancellationToken, FilePlan> plan,
        string plansName,
        string rendersName)
    {
        IncrementalValuesProvider<PlannedOutput> plans = specs
            .Select((spec, cancellationToken) => PlannedOutput.Make(spec, plan, cancellationToken))
            .WithTrackingName(plansName);
        IncrementalValuesProvider<RenderedClass> renders = plans
            .SelectMany(static (output, _) => output.Plan?.Classes ?? default)
            .Select(static (render, cancellationToken) => RenderedClass.Of(render, cancellationToken))
            .WithTrackingName(rendersName);
        context.RegisterSourceOutput(plans.Collect().Combine(renders.Collect()), static (production, pair) => EmitPlanned(production, pair.Left, pair.Right));
    }

    private static void EmitPlanned(SourceProductionContext production, ImmutableArray<PlannedOutput> outputs, ImmutableArray<RenderedClass> classes)
    {
        // The classes come in the plans' order: each plan's, in turn.
        int next = 0;
        foreach (PlannedOutput output in outputs)
        {
            int count = output.Plan?.Classes.Count ?? 0;
            int first = next;
            next += count;
            string? failure = output.Failure;
            for (int i = first; i < first + count; i++)
            {
                failure ??= classes[i].Failure;
            }

            if (failure is not null || output.Plan is null)
            {
                production.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, ModelFileStart(output.ModelPath), output.ModelIdentity, failure ?? "no plan").ToDiagnostic());
                continue;
            }

            try
            {
                var texts = new string[count];
                for (int i = 0; i < count; i++)
                {
                    texts[i] = classes[first + i].Text!;
                }

                foreach (GeneratedSource source in output.Plan.Render(texts))
                {
                    production.AddSource(source.HintName, SourceText.From(source.Text, Utf8NoBom));
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                production.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, ModelFileStart(output.ModelPath), output.ModelIdentity, exception.GetType().Name + ": " + exception.Message).ToDiagnostic());
            }
        }
    }

    private static void EmitModelType(SourceProductionContext production, Documented<ModelTypeFile> documented)
    {
        ModelTypeFile file = documented.Value;
        try
        {
            GeneratedSource source = ServiceEmitter.RenderModelType(ServiceEmitter.WithDocumentation(documented));
            production.AddSource(source.HintName, SourceText.From(source.Text, Utf8NoBom));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            production.ReportDiagnostic(DiagnosticInfo.Create(
                DiagnosticDescriptors.GeneratorFailure,
                ModelFileStart(file.Context.ModelPath),
                file.Context.ModelIdentity,
                file.Shape.TypeName + ": " + exception.GetType().Name + ": " + exception.Message).ToDiagnostic());
        }
    }

    /// <summary>The first character of a model file: where a diagnostic about the whole model points.</summary>
    private static LocationInfo? ModelFileStart(string path) => path.Length == 0 ? null : LocationInfo.At(path, 1, 1);

    private static ModelInput CreateInput(TaggedFile model, ImmutableArray<CompanionFile> companions, CancellationToken cancellationToken)
    {
        string text = model.File.GetText(cancellationToken)?.ToString() ?? string.Empty;
        CompanionFile? paginators = FirstCompanion(companions, model.Path, "Paginators");
        CompanionFile? waiters = FirstCompanion(companions, model.Path, "Waiters");
        CompanionFile? ruleSet = FirstCompanion(companions, model.Path, "EndpointRuleSet");
        return new ModelInput
        {
            Path = model.Path,
            Text = text,
            Options = model.Options,
            PaginatorsPath = paginators?.Path,
            PaginatorsText = paginators?.Text,
            EndpointRuleSetPath = ruleSet?.Path,
            EndpointRuleSetText = ruleSet?.Text,
            WaitersPath = waiters?.Path,
            WaitersText = waiters?.Text,
        };
    }

    /// <summary>The model's companion of a role: the first one in item order (the metadata, then the file beside the model, then botocore's name).</summary>
    private static CompanionFile? FirstCompanion(ImmutableArray<CompanionFile> companions, string modelPath, string role)
    {
        foreach (CompanionFile companion in companions)
        {
            if (companion.Role == role && PathsEqual(companion.ModelPath, modelPath))
            {
                return companion;
            }
        }

        return null;
    }

    private static void ReportUnusedCompanions(SourceProductionContext production, ImmutableArray<CompanionFile> companions, ImmutableArray<string> modelPaths)
    {
        foreach (CompanionFile companion in companions)
        {
            string what = companion.Role switch { "Paginators" => "paginators", "Waiters" => "waiters", _ => "endpoint rule set" };
            string? reason = null;
            bool hasModel = false;
            foreach (string modelPath in modelPaths)
            {
                hasModel |= PathsEqual(modelPath, companion.ModelPath);
            }

            if (!hasModel)
            {
                reason = $"no AwsServiceModel item is '{companion.ModelPath}'";
            }
            else if (FirstCompanion(companions, companion.ModelPath, companion.Role) is { } used && !PathsEqual(used.Path, companion.Path))
            {
                reason = $"the model already uses '{used.Path}'";
            }

            if (reason is not null)
            {
                // At the unused file itself (as a whole): that is the file to remove or rename.
                production.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.CompanionNotUsed, LocationInfo.File(companion.Path), what, companion.Path, reason).ToDiagnostic());
            }
        }
    }

    private static bool PathsEqual(string left, string right) =>
        string.Equals(Path.GetFullPath(left), Path.GetFullPath(right), StringComparison.OrdinalIgnoreCase);

    /// <summary>An additional file with the generator's item metadata.</summary>
    private sealed record TaggedFile(AdditionalText File, string Path, string? Role, string? ModelPath, ModelOptions Options)
    {
        public static TaggedFile From(AdditionalText file, AnalyzerConfigOptions options)
        {
            options.TryGetValue(RoleMetadata, out string? role);
            options.TryGetValue(ModelMetadata, out string? modelPath);
            options.TryGetValue("build_metadata.AdditionalFiles.Namespace", out string? ns);
            options.TryGetValue("build_metadata.AdditionalFiles.ClientName", out string? clientName);
            options.TryGetValue("build_metadata.AdditionalFiles.Visibility", out string? visibility);
            options.TryGetValue("build_metadata.AdditionalFiles.LeftOutSeverity", out string? leftOutSeverity);
            options.TryGetValue("build_metadata.AdditionalFiles.SsoOidcCodegenDefinedIn", out string? definedIn);
            options.TryGetValue("build_metadata.AdditionalFiles.Operations", out string? operations);
            return new TaggedFile(
                file,
                file.Path,
                string.IsNullOrEmpty(role) ? null : role,
                string.IsNullOrEmpty(modelPath) ? null : modelPath,
                new ModelOptions { Namespace = Empty(ns), ClientName = Empty(clientName), Visibility = Empty(visibility), LeftOutSeverity = Empty(leftOutSeverity), DefinedIn = Empty(definedIn), Operations = Empty(operations) });
        }

        private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>
    /// A model's plan of files (the wire's or the surface's), or why there is none. Equal only to itself: a new plan is
    /// made only when its spec changed, and each of its classes is compared with the last run's on its own.
    /// </summary>
    private sealed class PlannedOutput
    {
        private PlannedOutput(string modelPath, string modelIdentity, FilePlan? plan, string? failure)
        {
            ModelPath = modelPath;
            ModelIdentity = modelIdentity;
            Plan = plan;
            Failure = failure;
        }

        public string ModelPath { get; }

        public string ModelIdentity { get; }

        public FilePlan? Plan { get; }

        public string? Failure { get; }

        public static PlannedOutput Make(ServiceSpec spec, Func<ServiceSpec, CancellationToken, FilePlan> plan, CancellationToken cancellationToken)
        {
            try
            {
                return new PlannedOutput(spec.ModelPath, spec.ModelIdentity, plan(spec, cancellationToken), null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The last guard: nothing the model holds may escape as an exception (CS8785 tells the user nothing).
                return new PlannedOutput(spec.ModelPath, spec.ModelIdentity, null, exception.GetType().Name + ": " + exception.Message);
            }
        }
    }

    /// <summary>A wire class rendered (its whole file's text), or why it could not be.</summary>
    private sealed record RenderedClass(string? Text, string? Failure)
    {
        public static RenderedClass Of(ClassRender render, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new RenderedClass(render.Render(), null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return new RenderedClass(null, render.ClassName + ": " + exception.GetType().Name + ": " + exception.Message);
            }
        }
    }

    /// <summary>A paginators, waiters or endpoint rule set file, as text.</summary>
    private sealed record CompanionFile(string Role, string ModelPath, string Path, string? Text);
}

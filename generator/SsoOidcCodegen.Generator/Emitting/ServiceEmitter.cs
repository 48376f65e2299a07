namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <summary>
/// Turns a <see cref="ServiceSpec"/> into C# files: decides every name, doc line and statement in
/// view models, then renders one template per artifact. It never sees JSON.
/// </summary>
internal sealed partial class ServiceEmitter
{
    private readonly ServiceSpec spec;
    private readonly WireProtocol protocol;
    private readonly Dictionary<string, ShapeSpec> shapesByType = new(StringComparer.Ordinal);
    private readonly JsonFragments json;
    private readonly string header;
    private readonly string visibility;
    private Dictionary<string, string>? tryMethodNames;

    private ServiceEmitter(ServiceSpec spec)
    {
        this.spec = spec;
        protocol = WireProtocols.For(spec.Protocol);
        foreach (ShapeSpec shape in spec.Shapes)
        {
            shapesByType[shape.TypeName] = shape;
        }

        json = new JsonFragments(CollectionsClass, ModelNamespace);
        visibility = spec.IsPublic ? "public" : "internal";
        header = GeneratedFileHeader.For(spec.ServiceId, spec.ModelIdentity, spec.ApiVersion)
            + (HasDeprecated(spec) ? "\n#pragma warning disable CS0612, CS0618 // Deprecated members are still generated and sent." : string.Empty);
    }

    private string ModelNamespace => spec.Namespace + ".Model";

    /// <summary>Whether anything generated is <c>[Obsolete]</c>: only then do the files need the deprecation pragma.</summary>
    private static bool HasDeprecated(ServiceSpec spec) =>
        spec.Operations.Any(o => o.IsDeprecated) || spec.Shapes.Any(s => s.IsDeprecated || s.Members.Any(m => m.IsDeprecated));

    /// <summary>A model type as the files outside the model namespace write it (they import no namespace a shape could shadow).</summary>
    private string ModelType(string typeName) => CSharpTypes.Model(typeName, ModelNamespace);

    private string InternalNamespace => spec.Namespace + ".Internal";

    private string CollectionsClass => spec.ServiceName + protocol.Codec + "Collections";

    private string ErrorsClass => spec.ServiceName + "Errors";

    private string BaseException => spec.ServiceName + "Exception";

    /// <summary>Every source file of the service, in a stable order.</summary>
    public static IReadOnlyList<GeneratedSource> Emit(ServiceSpec spec, CancellationToken cancellationToken) =>
        Emit(spec, withModelTypes: true, cancellationToken);

    /// <summary>
    /// Every source file of the service except the model types' (<see cref="ModelTypeFiles"/>, which the generator
    /// renders one pipeline item each), in a stable order.
    /// </summary>
    public static IReadOnlyList<GeneratedSource> EmitServiceFiles(ServiceSpec spec, CancellationToken cancellationToken) =>
        Emit(spec, withModelTypes: false, cancellationToken);

    private static IReadOnlyList<GeneratedSource> Emit(ServiceSpec spec, bool withModelTypes, CancellationToken cancellationToken)
    {
        var emitter = new ServiceEmitter(spec);

        // Operations and the error table first: they record which serializer methods they call.
        var operations = new List<GeneratedSource>();
        foreach (OperationSpec operation in spec.Operations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            operations.Add(emitter.Source(emitter.InternalNamespace, OperationClass(operation), emitter.RenderOperation(operation)));
        }

        GeneratedSource errors = emitter.Source(emitter.InternalNamespace, emitter.ErrorsClass, emitter.RenderErrors());
        List<GeneratedSource> eventStreams = emitter.RenderEventStreams();
        var sources = new List<GeneratedSource>();
        EquatableArray<ModelTypeFile> modelTypes = withModelTypes ? ModelTypeFiles(spec) : default;
        for (int i = 0; i < spec.Shapes.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ShapeSpec shape = spec.Shapes[i];
            if (withModelTypes)
            {
                sources.Add(RenderModelType(modelTypes[i]));
            }

            if (shape.Kind is ShapeKind.StringEnum or ShapeKind.IntEnum)
            {
                continue;
            }

            // A shape no operation writes, reads or validates has no serializer.
            SerializerPlan plan = emitter.Plan(shape);
            if (!plan.IsEmpty)
            {
                sources.Add(emitter.Source(emitter.InternalNamespace, shape.TypeName + "Serializer", emitter.RenderSerializer(shape, plan)));
            }
        }

        if (spec.Shapes.Count == 0)
        {
            // The other files import the model namespace; a model without shapes must still declare it.
            sources.Add(emitter.Source(emitter.ModelNamespace, "Namespace", emitter.header + "\n\nnamespace " + emitter.ModelNamespace + "\n{\n}\n"));
        }

        sources.AddRange(operations);
        sources.AddRange(eventStreams);
        if (emitter.RenderCollections() is { } collections)
        {
            sources.Add(emitter.Source(emitter.InternalNamespace, emitter.CollectionsClass, collections));
        }

        sources.Add(errors);
        sources.Add(emitter.Source(spec.Namespace, emitter.BaseException, emitter.RenderServiceException()));
        sources.Add(emitter.Source(spec.Namespace, "I" + spec.ClientName, emitter.RenderClient("ClientInterface")));
        sources.Add(emitter.Source(spec.Namespace, spec.ClientName, emitter.RenderClient("Client")));
        sources.Add(emitter.Source(spec.Namespace, spec.ClientName + "ServiceCollectionExtensions", emitter.RenderServiceCollectionExtensions()));
        sources.AddRange(emitter.RenderPaginators());
        sources.AddRange(emitter.RenderWaiters());
        if (spec.EndpointRules is not null)
        {
            sources.AddRange(emitter.RenderEndpointResolver());
        }

        return sources;
    }

    /// <summary>The marshaller class of an operation, named after its (unique) method: <c>PingAsync</c> → <c>PingOperation</c>.</summary>
    private static string OperationClass(OperationSpec operation) =>
        (operation.MethodName.EndsWith("Async", StringComparison.Ordinal) ? operation.MethodName.Substring(0, operation.MethodName.Length - 5) : operation.MethodName) + "Operation";

    /// <summary>A generated file, named after its type.</summary>
    private GeneratedSource Source(string ns, string typeName, string text) =>
        new(spec.ModelIdentity + "." + ns + "." + typeName + ".g.cs", EndingInOneNewLine(text));

    /// <summary>The text ending in exactly one new line; a render that already does (almost all) is not copied.</summary>
    private static string EndingInOneNewLine(string text)
    {
        int end = EndWithoutNewLines(text);
        return end == text.Length - 1 ? text : text.Substring(0, end) + "\n";
    }

    /// <summary>The length of the text without the new lines it ends in (what <c>TrimEnd('\n')</c> would keep, uncopied).</summary>
    private static int EndWithoutNewLines(string text)
    {
        int end = text.Length;
        while (end > 0 && text[end - 1] == '\n')
        {
            end--;
        }

        return end;
    }

    /// <summary>The lines of a summary (escaped doc text) for the <c>doc</c> library func: the model's documentation, or the fallback.</summary>
    private static EquatableArray<string> DocLines(string? html, string fallback) => Documentation.Summary(html, fallback).ToEquatableArray();

    private static string Doc(string? html, string fallback, int indent)
    {
        string pad = new(' ', indent);
        return string.Join("\n", Documentation.Summary(html, fallback).Select(line => pad + "/// " + line));
    }

    private static string? Obsolete(bool deprecated, string? message) =>
        !deprecated ? null : message is null ? "[global::System.Obsolete]" : "[global::System.Obsolete(" + CSharpNames.StringLiteral(message) + ")]";

    private string RenderServiceCollectionExtensions() => TemplateRenderer.Render("ServiceCollectionExtensions", new
    {
        Header = header,
        spec.Namespace,
        Visibility = visibility,
        spec.ClientName,
    });

    private string RenderServiceException() => TemplateRenderer.Render("ServiceException", new
    {
        Header = header,
        Namespace = spec.Namespace,
        Visibility = visibility,
        TypeName = BaseException,
        ServiceId = Documentation.Escape(spec.ServiceId),
    });
}

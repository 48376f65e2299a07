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

    /// <summary>The last segment of the model types' namespace, inside the service's.</summary>
    internal const string ModelNamespaceName = "Model";

    /// <summary>The last segment of the wire code's namespace (serializers, operations, the error table), inside the service's.</summary>
    internal const string InternalNamespaceName = "Internal";

    /// <summary>The last segment of the endpoint resolver's namespace, inside the service's.</summary>
    internal const string EndpointsNamespaceName = "Endpoints";

    /// <summary>The namespaces generated inside the service's: no type of the service's namespace may take one of these names.</summary>
    internal static readonly IReadOnlyList<string> SubNamespaceNames = [ModelNamespaceName, InternalNamespaceName, EndpointsNamespaceName];

    private string ModelNamespace => spec.Namespace + "." + ModelNamespaceName;

    /// <summary>Whether anything generated is <c>[Obsolete]</c>: only then do the files need the deprecation pragma.</summary>
    private static bool HasDeprecated(ServiceSpec spec) =>
        spec.Operations.Any(o => o.IsDeprecated) || spec.Shapes.Any(s => s.IsDeprecated || s.Members.Any(m => m.IsDeprecated));

    /// <summary>A model type as the files outside the model namespace write it (they import no namespace a shape could shadow).</summary>
    private string ModelType(string typeName) => CSharpTypes.Model(typeName, ModelNamespace);

    private string InternalNamespace => spec.Namespace + "." + InternalNamespaceName;

    private string CollectionsClass => spec.ServiceName + protocol.Codec + "Collections";

    private string ErrorsClass => spec.ServiceName + "Errors";

    private string BaseException => spec.ServiceName + "Exception";

    /// <summary>Every source file of the service, in a stable order.</summary>
    public static IReadOnlyList<GeneratedSource> Emit(ServiceSpec spec, CancellationToken cancellationToken) =>
        Emit(spec, Parts.ModelTypes | Parts.Wire | Parts.Surface, cancellationToken);

    /// <summary>
    /// Every source file of the service except the model types' (<see cref="ModelTypeFiles"/>, which the generator
    /// renders one pipeline item each), in a stable order: <see cref="EmitWireFiles"/>'s and <see cref="EmitSurfaceFiles"/>'s
    /// (the endpoint resolver's files last).
    /// </summary>
    public static IReadOnlyList<GeneratedSource> EmitServiceFiles(ServiceSpec spec, CancellationToken cancellationToken) =>
        Emit(spec, Parts.Wire | Parts.Surface, cancellationToken);

    /// <summary>
    /// The files of what goes over the wire: serializers, operations, event streams, collections, the error table and
    /// the endpoint resolver (the <c>Internal</c>, <c>Endpoints</c> and model namespaces). They read no documentation of
    /// the service or its operations, nor its endpoint prefix or signing name, so the generator renders them from
    /// <see cref="ForWireFiles"/>'s spec, which an edit of those leaves equal.
    /// </summary>
    public static IReadOnlyList<GeneratedSource> EmitWireFiles(ServiceSpec spec, CancellationToken cancellationToken) =>
        Emit(spec, Parts.Wire, cancellationToken);

    /// <summary>The files of the client's surface, in the service's namespace: its base exception, the client and its interface, their paginators and waiters, the DI extensions.</summary>
    public static IReadOnlyList<GeneratedSource> EmitSurfaceFiles(ServiceSpec spec, CancellationToken cancellationToken) =>
        Emit(spec, Parts.Surface, cancellationToken);

    /// <summary>
    /// The spec as the wire files (<see cref="EmitWireFiles"/>) need it: without what only the client's surface shows (the
    /// service's and operations' documentation, the endpoint prefix and signing name), so an edit of those leaves this
    /// value, and so those files, unchanged. A test renders the wire files of every model both ways and compares them.
    /// </summary>
    public static ServiceSpec ForWireFiles(ServiceSpec spec) => spec with
    {
        Documentation = null,
        EndpointPrefix = string.Empty,
        SigningName = string.Empty,
        Operations = new EquatableArray<OperationSpec>(spec.Operations.Select(operation => operation.Documentation is null ? operation : operation with { Documentation = null })),
    };

    [Flags]
    private enum Parts
    {
        ModelTypes = 1,
        Wire = 2,
        Surface = 4,
    }

    private static IReadOnlyList<GeneratedSource> Emit(ServiceSpec spec, Parts parts, CancellationToken cancellationToken)
    {
        var emitter = new ServiceEmitter(spec);
        var sources = new List<GeneratedSource>();
        if ((parts & Parts.Wire) != 0)
        {
            FilePlan plan = emitter.PlanWire((parts & Parts.ModelTypes) != 0, cancellationToken);
            sources.AddRange(plan.Render(plan.Classes.Select(c => c.Render()).ToList()));
        }

        if ((parts & Parts.Surface) != 0)
        {
            emitter.EmitSurface(sources);
        }

        if ((parts & Parts.Wire) != 0 && spec.EndpointRules is not null)
        {
            sources.AddRange(emitter.RenderEndpointResolver());
        }

        return sources;
    }

    /// <summary>
    /// The wire files (<see cref="EmitWireFiles"/>) with their serializer and operation classes not yet rendered, and
    /// every hint name made unique after the model types' names: the generator renders each class as a pipeline item
    /// of its own, so an edit renders only the classes whose view models it changed.
    /// </summary>
    public static FilePlan PlanWireFiles(ServiceSpec spec, CancellationToken cancellationToken)
    {
        var emitter = new ServiceEmitter(spec);
        FilePlan plan = emitter.PlanWire(withModelTypes: false, cancellationToken);
        var files = new List<PlannedFile>(plan.Files);
        if (spec.EndpointRules is not null)
        {
            files.AddRange(emitter.RenderEndpointResolver().Select(PlannedFile.Complete));
        }

        // Hint names are made unique within each output, after the model types' names. The surface's (types of the
        // service's namespace, and the client's and its interface's Paginators and Waiters parts) cannot meet the wire's
        // (types of its Internal, Endpoints and Model namespaces, none named Paginators or Waiters).
        var hintNames = new HintNames();
        ReserveModelTypeHintNames(spec, hintNames);
        for (int i = 0; i < files.Count; i++)
        {
            files[i] = files[i] with { HintName = hintNames.Add(files[i].HintName) };
        }

        return plan with { Files = new EquatableArray<PlannedFile>(files.ToArray()) };
    }

    private FilePlan PlanWire(bool withModelTypes, CancellationToken cancellationToken)
    {
        // Operations and the error table first: building their view models records which serializer methods they call.
        var operations = new List<ClassRender>();
        foreach (OperationSpec operation in spec.Operations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            operations.Add(OperationRender(operation));
        }

        ClassRender errors = ErrorsRender();
        List<GeneratedSource> eventStreams = RenderEventStreams();
        EquatableArray<ModelTypeFile> modelTypes = withModelTypes ? ModelTypeFiles(spec) : default;
        var files = new List<PlannedFile>();
        var serializers = new List<ClassRender>();
        for (int i = 0; i < spec.Shapes.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ShapeSpec shape = spec.Shapes[i];
            if (withModelTypes)
            {
                files.Add(PlannedFile.Complete(RenderModelType(modelTypes[i])));
            }

            if (shape.Kind is ShapeKind.StringEnum or ShapeKind.IntEnum)
            {
                continue;
            }

            // A shape no operation writes, reads or validates has no serializer.
            SerializerPlan plan = Plan(shape);
            if (!plan.IsEmpty)
            {
                serializers.Add(SerializerRender(shape, plan));
            }
        }

        if (spec.Shapes.Count == 0)
        {
            // The other files import the model namespace; a model without shapes must still declare it.
            files.Add(PlannedFile.Complete(Source(ModelNamespace, "Namespace", header + "\n\nnamespace " + ModelNamespace + "\n{\n}\n")));
        }

        var classes = new List<ClassRender>();
        AddGrouped(files, classes, SerializersFile, serializers);
        AddGrouped(files, classes, OperationsFile, operations);
        files.AddRange(eventStreams.Select(PlannedFile.Complete));
        if (CollectionsRender() is { } collections)
        {
            AddWhole(files, classes, InternalNamespace, collections);
        }

        AddWhole(files, classes, InternalNamespace, errors);
        return new FilePlan(
            new EquatableArray<PlannedFile>(files.ToArray()),
            new EquatableArray<ClassRender>(classes.ToArray()),
            header + "\n\nnamespace " + InternalNamespace + ";\n\n");
    }

    private void EmitSurface(List<GeneratedSource> sources)
    {
        foreach ((string hintName, ClassRender render) in PlanSurface())
        {
            sources.Add(new GeneratedSource(hintName, EndingInOneNewLine(render.Render())));
        }
    }

    /// <summary>
    /// The files of the client's surface (<see cref="EmitSurfaceFiles"/>), each a template and its view model not yet
    /// rendered, with every hint name made unique after the model types' names: the generator renders each as a
    /// pipeline item of its own, so an edit that leaves a file's view model equal (a member added to a shape, for the
    /// client) does not render it again.
    /// </summary>
    public static FilePlan PlanSurfaceFiles(ServiceSpec spec, CancellationToken cancellationToken)
    {
        var emitter = new ServiceEmitter(spec);
        var hintNames = new HintNames();
        ReserveModelTypeHintNames(spec, hintNames);
        var files = new List<PlannedFile>();
        var classes = new List<ClassRender>();
        foreach ((string hintName, ClassRender render) in emitter.PlanSurface())
        {
            cancellationToken.ThrowIfCancellationRequested();
            files.Add(new PlannedFile(hintNames.Add(hintName), string.Empty, classes.Count, 1, Whole: true));
            classes.Add(render);
        }

        return new FilePlan(new EquatableArray<PlannedFile>(files.ToArray()), new EquatableArray<ClassRender>(classes.ToArray()), string.Empty);
    }

    private IEnumerable<(string HintName, ClassRender Render)> PlanSurface()
    {
        yield return (HintName(spec.Namespace, BaseException), ServiceExceptionRender());
        yield return (HintName(spec.Namespace, "I" + spec.ClientName), ClientRender("ClientInterface", "I" + spec.ClientName));
        yield return (HintName(spec.Namespace, spec.ClientName), ClientRender("Client", spec.ClientName));
        yield return (HintName(spec.Namespace, spec.ClientName + "ServiceCollectionExtensions"), ServiceCollectionExtensionsRender());
        foreach ((string hintName, ClassRender render) in PaginatorRenders().Concat(WaiterRenders()))
        {
            yield return (hintName, render);
        }
    }

    /// <summary>The marshaller class of an operation, named after its (unique) method: <c>PingAsync</c> → <c>PingOperation</c>.</summary>
    private static string OperationClass(OperationSpec operation) =>
        (operation.MethodName.EndsWith("Async", StringComparison.Ordinal) ? operation.MethodName.Substring(0, operation.MethodName.Length - 5) : operation.MethodName) + "Operation";

    /// <summary>
    /// The most classes one file of serializers or operations holds. Roslyn checks each hint name a generator adds
    /// against every name added before it, on every run, cached outputs included, so a generator run costs the square
    /// of its file count (ec2's 6,337 files: 44% of a documentation edit); each class is still rendered as a pipeline
    /// item of its own (<see cref="PlanWireFiles"/>), so writing them a few dozen to a file loses no incrementality.
    /// </summary>
    internal const int ClassesPerWireFile = 32;

    /// <summary>The name, inside the internal namespace, of the files of serializers (numbered from 1).</summary>
    internal const string SerializersFile = "Serializers";

    /// <summary>The name, inside the internal namespace, of the files of operations (numbered from 1).</summary>
    internal const string OperationsFile = "Operations";

    /// <summary>A file that is one class's render as it is (the error table, the collections' codecs), named after the class.</summary>
    private void AddWhole(List<PlannedFile> files, List<ClassRender> classes, string ns, ClassRender render)
    {
        files.Add(new PlannedFile(HintName(ns, render.ClassName), string.Empty, classes.Count, 1, Whole: true));
        classes.Add(render);
    }

    /// <summary>
    /// Internal classes written <see cref="ClassesPerWireFile"/> to a file in the order given:
    /// <c>&lt;model&gt;.&lt;namespace&gt;.Internal.Serializers.1.g.cs</c>, whose first lines say which classes it holds.
    /// </summary>
    private void AddGrouped(List<PlannedFile> files, List<ClassRender> classes, string fileName, List<ClassRender> grouped)
    {
        int count = (grouped.Count + ClassesPerWireFile - 1) / ClassesPerWireFile;
        for (int file = 0; file < count; file++)
        {
            int first = file * ClassesPerWireFile;
            int end = Math.Min(first + ClassesPerWireFile, grouped.Count);
            var start = new System.Text.StringBuilder(header.Length + 200);
            start.Append(header).Append('\n')
                .Append("// ").Append(fileName).Append(' ').Append(file + 1).Append(" of ").Append(count).Append(": ")
                .Append(grouped[first].ClassName);
            if (end - first > 1)
            {
                start.Append(" to ").Append(grouped[end - 1].ClassName);
            }

            start.Append(" (").Append(end - first).Append(end - first == 1 ? " class" : " classes").Append(").\n\nnamespace ").Append(InternalNamespace).Append(";\n");
            string hintName = spec.ModelIdentity + "." + InternalNamespace + "." + fileName + "." + (file + 1).ToString(CultureInfo.InvariantCulture) + ".g.cs";
            files.Add(new PlannedFile(hintName, start.ToString(), classes.Count, end - first));
            classes.AddRange(grouped.Skip(first).Take(end - first));
        }
    }

    /// <summary>A generated file, named after its type.</summary>
    private GeneratedSource Source(string ns, string typeName, string text) =>
        new(HintName(ns, typeName), EndingInOneNewLine(text));

    /// <summary>The hint name of a generated file, named after its type.</summary>
    private string HintName(string ns, string typeName) => spec.ModelIdentity + "." + ns + "." + typeName + ".g.cs";

    /// <summary>The text ending in exactly one new line; a render that already does (almost all) is not copied.</summary>
    internal static string EndingInOneNewLine(string text)
    {
        int end = EndWithoutNewLines(text);
        return end == text.Length - 1 ? text : text.Substring(0, end) + "\n";
    }

    /// <summary>The length of the text without the new lines it ends in (what <c>TrimEnd('\n')</c> would keep, uncopied).</summary>
    internal static int EndWithoutNewLines(string text)
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

    private ClassRender ServiceCollectionExtensionsRender() => new(spec.ClientName + "ServiceCollectionExtensions", "ServiceCollectionExtensions", new
    {
        Header = header,
        spec.Namespace,
        Visibility = visibility,
        spec.ClientName,
    }, withoutBlankLineBeforeEnd: false);

    private ClassRender ServiceExceptionRender() => new(BaseException, "ServiceException", new
    {
        Header = header,
        Namespace = spec.Namespace,
        Visibility = visibility,
        TypeName = BaseException,
        ServiceId = Documentation.Escape(spec.ServiceId),
    }, withoutBlankLineBeforeEnd: false);
}

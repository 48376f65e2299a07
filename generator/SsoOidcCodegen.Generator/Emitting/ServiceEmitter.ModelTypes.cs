namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;
using SsoOidcCodegen.Generator.Parsing;

/// <content>
/// The model types (structures, unions, exceptions, enums): one <see cref="ModelTypeFile"/> per file, an
/// equatable value holding everything its file shows, so that the generator renders each as its own
/// pipeline item and an edit of one shape (its documentation, say) renders that shape's file alone.
/// Shape and member documentation appear only here; the service's other files are emitted from
/// <see cref="WithoutShapeDocumentation"/>.
/// </content>
internal sealed partial class ServiceEmitter
{
    /// <summary>One file per structure, union, exception and enum of the model, in the model's order, with its final hint name.</summary>
    public static EquatableArray<ModelTypeFile> ModelTypeFiles(ServiceSpec spec)
    {
        var emitter = new ServiceEmitter(spec);
        var context = new ModelTypeContext
        {
            ModelPath = spec.ModelPath,
            ModelIdentity = spec.ModelIdentity,
            Header = emitter.header,
            ModelNamespace = emitter.ModelNamespace,
            Visibility = emitter.visibility,
            ServiceId = spec.ServiceId,
            BaseException = "global::" + spec.Namespace + "." + emitter.BaseException,
        };
        Dictionary<string, string> operationDocs = OperationDocs(spec);
        var hintNames = new HintNames();
        var files = new ModelTypeFile[spec.Shapes.Count];
        for (int i = 0; i < files.Length; i++)
        {
            ShapeSpec shape = spec.Shapes[i];
            files[i] = new ModelTypeFile
            {
                HintName = hintNames.Add(emitter.Source(emitter.ModelNamespace, shape.TypeName, string.Empty).HintName),
                Context = context,
                Shape = shape,
                DefaultDoc = operationDocs.TryGetValue(shape.TypeName, out string? doc) ? doc : $"The {shape.Name} structure of the {spec.ServiceId} model.",
                HasCopyMethod = IdempotencyTokens(shape).Any(),
                EventStreamMembers = new EquatableArray<MemberViewModel>(emitter.EventStreamMemberViews(shape)),
            };
        }

        return new EquatableArray<ModelTypeFile>(files);
    }

    /// <summary>The file with the documentation its placeholders stand for written in.</summary>
    public static ModelTypeFile WithDocumentation(Documented<ModelTypeFile> documented) =>
        documented.Documentation.IsEmpty ? documented.Value : WithDocumentation(documented.Value, documented.Resolver);

    /// <summary>
    /// The file with the resolver's text written over its placeholders (the shape's, its members' and its event stream's
    /// documentation, and so the event-stream member's summary); the file itself when it has none.
    /// </summary>
    public static ModelTypeFile WithDocumentation(ModelTypeFile file, DocumentationResolver resolver)
    {
        ShapeSpec shape = resolver.Shape(file.Shape);
        if (ReferenceEquals(shape, file.Shape))
        {
            return file;
        }

        EquatableArray<MemberViewModel> streamMembers = file.EventStreamMembers;
        if (shape.EventStream is { } member && !ReferenceEquals(member, file.Shape.EventStream))
        {
            streamMembers = new EquatableArray<MemberViewModel>(streamMembers.Select(view => view.Name == member.PropertyName
                ? view with { DocLines = DocLines(member.Documentation, EventStreamSummary(member)) }
                : view));
        }

        return file with { Shape = shape, EventStreamMembers = streamMembers };
    }

    /// <summary>The hint names <see cref="ModelTypeFiles"/> gives, reserved in <paramref name="hintNames"/> before the service's other files take theirs.</summary>
    public static void ReserveModelTypeHintNames(ServiceSpec spec, HintNames hintNames)
    {
        var emitter = new ServiceEmitter(spec);
        foreach (ShapeSpec shape in spec.Shapes)
        {
            hintNames.Add(emitter.Source(emitter.ModelNamespace, shape.TypeName, string.Empty).HintName);
        }
    }

    /// <summary>
    /// The spec as the service's other files need it: the shapes' and members' documentation removed (only the model
    /// types show it), so an edit of a shape's documentation leaves this value, and so those files, unchanged.
    /// </summary>
    public static ServiceSpec WithoutShapeDocumentation(ServiceSpec spec) => spec with
    {
        Shapes = new EquatableArray<ShapeSpec>(spec.Shapes.Select(shape => shape with
        {
            Documentation = null,
            Members = new EquatableArray<MemberSpec>(shape.Members.Select(member => member.Documentation is null ? member : member with { Documentation = null })),
            EventStream = shape.EventStream is { Documentation: not null } stream ? stream with { Documentation = null } : shape.EventStream,
        })),
    };

    /// <summary>The C# file of one model type.</summary>
    public static GeneratedSource RenderModelType(ModelTypeFile file)
    {
        string text = file.Shape.Kind switch
        {
            ShapeKind.StringEnum or ShapeKind.IntEnum => RenderEnum(file),
            ShapeKind.Exception => RenderException(file),
            _ => RenderStructure(file),
        };
        return new GeneratedSource(file.HintName, EndingInOneNewLine(text));
    }

    private static string RenderStructure(ModelTypeFile file)
    {
        ShapeSpec shape = file.Shape;
        return TemplateRenderer.Render("Structure", new
        {
            file.Context.Header,
            Namespace = file.Context.ModelNamespace,
            file.Context.Visibility,
            shape.TypeName,
            DocLines = DocLines(shape.Documentation, file.DefaultDoc),
            Obsolete = Obsolete(shape.IsDeprecated, shape.DeprecatedMessage),
            Members = shape.Members.Select(MemberView).Concat(file.EventStreamMembers).ToList(),
            CopyMethod = file.HasCopyMethod ? CSharpNames.CopyForIdempotencyTokens : null,
        });
    }

    // The default summary of each operation's input and output type, made once per model (a lookup per shape, not a
    // walk of every operation): the first operation that uses a type names it, its input before its output.
    private static Dictionary<string, string> OperationDocs(ServiceSpec spec)
    {
        var docs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (OperationSpec operation in spec.Operations)
        {
            if (operation.RequestType is { } request && !docs.ContainsKey(request))
            {
                docs[request] = $"The input of {operation.Name}.";
            }

            if (operation.ResponseType is { } response && !docs.ContainsKey(response))
            {
                docs[response] = $"The output of {operation.Name}.";
            }
        }

        return docs;
    }

    private static MemberViewModel MemberView(MemberSpec member) => new(
        member.PropertyName,
        CSharpTypes.Property(member.Type),
        DocLines(member.Documentation, $"The <c>{Documentation.Escape(member.Name)}</c> member."),
        Remarks(member),
        Obsolete(member.IsDeprecated, member.DeprecatedMessage),
        member.IsSensitive);

    private static string RenderException(ModelTypeFile file)
    {
        ShapeSpec shape = file.Shape;
        return TemplateRenderer.Render("Exception", new
        {
            file.Context.Header,
            Namespace = file.Context.ModelNamespace,
            file.Context.Visibility,
            shape.TypeName,
            file.Context.BaseException,
            CodeLiteral = CSharpNames.StringLiteral(shape.Name),
            Status = CSharpTypes.HttpStatusCode(shape.Error!.HttpStatusCode),
            Retryable = shape.Error.IsRetryable,
            Throttling = shape.Error.IsThrottling ? "true" : "false",
            DocLines = DocLines(shape.Documentation, $"The {shape.Name} error of the {file.Context.ServiceId} model."),
            Obsolete = Obsolete(shape.IsDeprecated, shape.DeprecatedMessage),
            Members = shape.Members.Where(m => m.PropertyName != "Message").Select(MemberView).ToList(),
        });
    }

    private static string RenderEnum(ModelTypeFile file)
    {
        ShapeSpec shape = file.Shape;
        bool isString = shape.Kind == ShapeKind.StringEnum;
        var values = shape.EnumValues.Select(v => new
        {
            Name = v.MemberName,
            Literal = isString ? CSharpNames.StringLiteral(v.WireValue) : v.IntValue.ToString(CultureInfo.InvariantCulture),
            Escaped = Documentation.Escape(v.WireValue),
        }).ToList();
        return TemplateRenderer.Render(isString ? "StringEnum" : "IntEnum", new
        {
            file.Context.Header,
            Namespace = file.Context.ModelNamespace,
            file.Context.Visibility,
            shape.TypeName,
            DocLines = DocLines(shape.Documentation, $"The values of {shape.Name}."),
            Obsolete = Obsolete(shape.IsDeprecated, shape.DeprecatedMessage),
            Values = values,
            KnownArray = values.Count == 0 ? $"global::System.Array.Empty<{shape.TypeName}>()" : "new[] { " + string.Join(", ", values.Select(v => v.Name)) + " }",
            KnownBySet = values.Count > SwitchedKnownValuesLimit,
        });
    }

    /// <summary>
    /// The most values a string enum's <c>IsKnown</c> tests with a <c>switch</c>; a larger enum builds an ordinal set of its
    /// <c>KnownValues</c> on first use. The compiler's cost for a switch over string literals grows faster than its cases
    /// (ec2's InstanceType, 1,405 values: 1.1–1.4 s of compiling an app that generates it, 0.4 s with the set; 50 switches
    /// of 28 cases add under 0.1 s), and <c>IsKnown</c> is no hot path.
    /// </summary>
    internal const int SwitchedKnownValuesLimit = 64;

    /// <summary>The remarks of a member's property (required, sensitive, where it travels), or null when it has none.</summary>
    private static string? Remarks(MemberSpec member)
    {
        var notes = new List<string>();
        if (member.IsRequired)
        {
            notes.Add("Required.");
        }

        if (member.IsSensitive)
        {
            notes.Add("Sensitive: <see cref=\"object.ToString\"/> prints it as <c>*** redacted ***</c>.");
        }

        if (member.Location != MemberLocation.Body)
        {
            notes.Add($"Sent in the {LocationText(member.Location)} <c>{Documentation.Escape(member.LocationName ?? member.Name)}</c>.");
        }

        return notes.Count == 0 ? null : string.Join(" ", notes);
    }

    private static string LocationText(MemberLocation location) => location switch
    {
        MemberLocation.Uri => "URI label",
        MemberLocation.QueryString => "query parameter",
        MemberLocation.Header => "header",
        MemberLocation.Headers => "headers with the prefix",
        _ => "HTTP status code",
    };
}

/// <summary>What every model type file of one service shares: the model it comes from, its header, namespace, visibility and the service's names.</summary>
internal sealed record ModelTypeContext
{
    /// <summary>The model file, where a failure to render is reported.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The model's identity (file name without extension), named in a failure.</summary>
    public required string ModelIdentity { get; init; }

    /// <summary>The file header every generated file starts with.</summary>
    public required string Header { get; init; }

    /// <summary>The namespace of the model types.</summary>
    public required string ModelNamespace { get; init; }

    /// <summary><c>public</c> or <c>internal</c>.</summary>
    public required string Visibility { get; init; }

    /// <summary>The service's id, named in default summaries.</summary>
    public required string ServiceId { get; init; }

    /// <summary>The service's exception base class, <c>global::</c>-qualified.</summary>
    public required string BaseException { get; init; }
}

/// <summary>
/// One model type's file, as a pipeline value: its hint name, the shape, and what the file shows of the rest of the
/// model (the default summary naming the operation it is the input or output of, whether it has the idempotency
/// copy, its event-stream member). Equal values render equal text.
/// </summary>
internal sealed record ModelTypeFile
{
    /// <summary>The file's final hint name (unique among the service's files, ignoring case).</summary>
    public required string HintName { get; init; }

    /// <summary>What the service's model type files share.</summary>
    public required ModelTypeContext Context { get; init; }

    /// <summary>The structure, union, exception or enum.</summary>
    public required ShapeSpec Shape { get; init; }

    /// <summary>The summary when the model documents nothing: the operation whose input or output it is, else its name.</summary>
    public required string DefaultDoc { get; init; }

    /// <summary>Whether the type has the shallow copy the marshaller fills idempotency tokens on.</summary>
    public required bool HasCopyMethod { get; init; }

    /// <summary>The event-stream member of an operation's input or output, as the template prints members.</summary>
    public required EquatableArray<MemberViewModel> EventStreamMembers { get; init; }
}

/// <summary>
/// A member as the structure and exception templates show it: its summary's lines (escaped doc text), its remarks
/// (doc text, or null) and its <c>Obsolete</c> attribute (or null).
/// </summary>
internal sealed record MemberViewModel(string Name, string Type, EquatableArray<string> DocLines, string? Remarks, string? Obsolete, bool Sensitive);

namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Scriban;
using Scriban.Runtime;
using Scriban.Runtime.Accessors;

/// <summary>
/// Renders the embedded Scriban templates (one per artifact kind). Each template is parsed once; the renders on a
/// thread share that thread's <see cref="TemplateContext"/>, with no loop or text-length limit and no builtin functions,
/// each with globals and an output of its own; view-model members keep their C# names.
/// </summary>
internal static class TemplateRenderer
{
    private const string ResourcePrefix = "SsoOidcCodegen.Templates.";
    private const string ResourceSuffix = ".sbn";

    // The largest output buffer, in characters, a thread keeps between renders (512 KiB of memory): most files are far
    // smaller; a large model's client or serializers are not worth keeping a buffer of their size on every thread.
    private const int MaxKeptOutput = 1 << 18;

    private static readonly Dictionary<string, Template> Parsed = Load();

    // A view model's public properties by type, read once per type (Scriban's Import reads them for every render).
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ModelProperties = new();

    /// <summary>
    /// The functions the library templates (<c>Templates/_*.sbn</c>) define, evaluated once and shared, read-only, by
    /// every render: a fragment several templates write (a JSON value, a doc comment) is one <c>func</c> there.
    /// </summary>
    private static readonly ScriptObject Library = LoadLibrary();

    // The context the renders on this thread share (null while one renders, or after one failed). It has our library
    // functions instead of Scriban's builtins: a default context builds Scriban's whole builtin library, hundreds of
    // functions.
    [ThreadStatic]
    private static TemplateContext? reusableContext;

    // The output buffer the renders on this thread share (null while one renders, after one failed, or after one grew it
    // past MaxKeptOutput).
    [ThreadStatic]
    private static StringBuilderOutput? reusableOutput;

    /// <summary>The template names, one per embedded <c>Templates/*.sbn</c> file, in ordinal order.</summary>
    public static IReadOnlyList<string> Names { get; } = Parsed.Keys.OrderBy(name => name, StringComparer.Ordinal).ToArray();

    /// <summary>Renders a template with a view model; output has <c>\n</c> line endings.</summary>
    public static string Render(string name, object model)
    {
        Template template = Parsed[name];
        var globals = new ScriptObject();
        foreach (PropertyInfo property in ModelProperties.GetOrAdd(model.GetType(), ReadableProperties))
        {
            globals.SetValue(property.Name, property.GetValue(model), readOnly: true);
        }

        // One context and output buffer per thread, reused by every render on it: a context is costly to build (its
        // stacks, caches and accessor tables were 60% of a small model's emit allocations), and a new buffer grows to each
        // file's length. Each render gets its own globals and an emptied buffer; a render that fails leaves both to be
        // made afresh, and a buffer grown past MaxKeptOutput characters (a large model's client) is not kept.
        TemplateContext context = reusableContext ?? NewContext(Library);
        StringBuilderOutput output = reusableOutput ?? new StringBuilderOutput();
        reusableContext = null;
        reusableOutput = null;
        context.PushGlobal(globals);
        context.PushOutput(output);
        string text = template.Render(context);
        context.PopOutput();
        context.PopGlobal();
        reusableContext = context;
        if (output.Builder.Capacity <= MaxKeptOutput)
        {
            output.Builder.Clear();
            reusableOutput = output;
        }

        return text.Replace("\r\n", "\n");
    }

    // Public instance properties without parameters (an indexer cannot be a template variable).
    private static PropertyInfo[] ReadableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();

    private static TemplateContext NewContext(ScriptObject builtins) =>
        new RenderContext(builtins)
        {
            LoopLimit = 0,
            RecursiveLimit = 0,

            // Scriban cuts a value longer than 1 MiB to "..." by default; a large model's hole may be longer.
            LimitToString = 0,
            MemberRenamer = member => member.Name,
            StrictVariables = true,
            NewLine = "\n",

            // Scriban otherwise cuts a render off, silently, at LimitToString (1,048,576 characters): ec2's client is longer.
            OutputLimit = 0,
        };

    private static ScriptObject LoadLibrary()
    {
        var library = new ScriptObject();
        foreach (KeyValuePair<string, Template> entry in Parsed.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (entry.Key.StartsWith("_", StringComparison.Ordinal))
            {
                TemplateContext context = NewContext(new ScriptObject());
                context.PushGlobal(library);
                entry.Value.Evaluate(context);
            }
        }

        library.IsReadOnly = true;
        return library;
    }

    /// <summary>
    /// A context whose member accessors (how a template reads a view-model record's properties) are made once per type
    /// for every render: Scriban makes them per context, and a render has a context of its own. An accessor holds only
    /// what it read of the type, the same for every context here (same member filter and renamer), and is only read.
    /// </summary>
    private sealed class RenderContext : TemplateContext
    {
        private static readonly ConcurrentDictionary<Type, IObjectAccessor> Accessors = new();

        public RenderContext(ScriptObject builtins)
            : base(builtins)
        {
        }

        protected override IObjectAccessor? GetMemberAccessorImpl(object target)
        {
            Type type = target.GetType();
            if (Accessors.TryGetValue(type, out IObjectAccessor? accessor))
            {
                return accessor;
            }

            accessor = base.GetMemberAccessorImpl(target);
            return accessor is TypedObjectAccessor ? Accessors.GetOrAdd(type, accessor) : accessor;
        }
    }

    /// <summary>The parse errors of a template (empty when it parsed cleanly); checked by a test.</summary>
    public static IReadOnlyList<string> ParseErrors(string name)
    {
        var errors = new List<string>();
        foreach (Scriban.Parsing.LogMessage message in Parsed[name].Messages)
        {
            errors.Add(message.ToString());
        }

        return errors;
    }

    private static Dictionary<string, Template> Load()
    {
        var result = new Dictionary<string, Template>(StringComparer.Ordinal);
        Assembly assembly = typeof(TemplateRenderer).Assembly;
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            string name = resource.Substring(ResourcePrefix.Length, resource.Length - ResourcePrefix.Length - ResourceSuffix.Length);
            using Stream stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException("Missing embedded template " + resource);
            using var reader = new StreamReader(stream);
            string text = reader.ReadToEnd().Replace("\r\n", "\n");
            Template template = Template.Parse(text, name + ".sbn");
            if (template.HasErrors)
            {
                throw new InvalidOperationException($"Template {name}.sbn does not parse: {string.Join("; ", template.Messages)}");
            }

            result[name] = template;
        }

        return result;
    }
}

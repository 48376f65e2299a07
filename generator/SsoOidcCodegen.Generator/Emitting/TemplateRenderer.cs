namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using Scriban;
using Scriban.Runtime;

/// <summary>
/// Renders the embedded Scriban templates (one per artifact kind). Each template is parsed once;
/// every render gets a fresh <see cref="TemplateContext"/> with no loop or text-length limit and no builtin
/// functions, and view-model members keep their C# names.
/// </summary>
internal static class TemplateRenderer
{
    /// <summary>The template names, one per artifact kind.</summary>
    public static readonly IReadOnlyList<string> Names = new[]
    {
        "Structure", "Exception", "ServiceException", "StringEnum", "IntEnum", "Serializer", "Collections",
        "Operation", "Errors", "ClientInterface", "Client", "ServiceCollectionExtensions", "Paginators", "Waiters", "XmlSerializer", "XmlCollections", "CborSerializer", "CborCollections",
        "EventStream", "EventStreamReader", "EventStreamWriter",
    };

    private static readonly Dictionary<string, Template> Parsed = Load();

    /// <summary>Renders a template with a view model; output has <c>\n</c> line endings.</summary>
    public static string Render(string name, object model)
    {
        Template template = Parsed[name];
        var globals = new ScriptObject();
        globals.Import(model, renamer: member => member.Name);
        // No builtin functions (the templates call none): a default context builds Scriban's whole builtin library,
        // hundreds of functions, for every render.
        var context = new TemplateContext(new ScriptObject())
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
        context.PushGlobal(globals);
        string text = template.Render(context);
        return text.Replace("\r\n", "\n");
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
        foreach (string name in Names)
        {
            string resource = "SsoOidcCodegen.Templates." + name + ".sbn";
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

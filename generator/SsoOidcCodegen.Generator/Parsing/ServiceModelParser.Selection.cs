namespace SsoOidcCodegen.Generator.Parsing;

using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

/// <content>The <c>Operations</c> option: a client of the operations it names, and of the shapes they reach.</content>
internal sealed partial class ServiceModelParser
{
    private static readonly char[] OperationSeparators = { ';', ',', ' ', '\t', '\r', '\n' };

    /// <summary>The operations of the model the <c>Operations</c> option left out: their paginators and waiters go with them, silently.</summary>
    private readonly HashSet<string> deselected = new(StringComparer.Ordinal);

    /// <summary>
    /// Keeps the operations the item's <c>Operations</c> metadata names (separated by semicolons, commas or spaces) and
    /// the shapes they reach through their input, output and errors, member by member, and every error shape of the
    /// model with what it reaches: a service answers with errors its operations do not list (throttling, validation),
    /// and each keeps its own exception type, as in the whole client. Every other operation and shape is removed before
    /// anything is read, so none is named, checked or emitted. A name the model does not have is SOC010 at the project
    /// file; then nothing is generated, as for any invalid option.
    /// </summary>
    private bool SelectOperations(JObject operations)
    {
        string? option = input.Options.Operations;
        if (option is null)
        {
            return true;
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        bool ok = true;
        foreach (string name in option.Split(OperationSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (operations[name] is null)
            {
                string example = operations.Properties().FirstOrDefault()?.Name is { } first ? ", such as " + first : string.Empty;
                ReportOption("Operations", name, "the model has no operation of that name (names are the model's, case-sensitive" + example + ")");
                ok = false;
            }

            wanted.Add(name);
        }

        if (!ok)
        {
            return false;
        }

        if (wanted.Count == 0)
        {
            ReportOption("Operations", option, "name at least one operation, or leave the metadata out for all of them");
            return false;
        }

        foreach (JProperty operation in operations.Properties().ToList())
        {
            if (!wanted.Contains(operation.Name))
            {
                deselected.Add(operation.Name);
                operation.Remove();
            }
        }

        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        foreach (JProperty operation in operations.Properties())
        {
            PushReferences(operation.Value, pending);
        }

        foreach (KeyValuePair<string, JObject> shape in shapeDefinitions)
        {
            if (IsTrue(shape.Value, "exception") || shape.Value["error"] is JObject)
            {
                pending.Push(shape.Key);
            }
        }

        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string name = pending.Pop();
            if (reached.Add(name) && shapeDefinitions.TryGetValue(name, out JObject? definition))
            {
                PushReferences(definition, pending);
            }
        }

        foreach (string name in shapeDefinitions.Keys.Where(n => !reached.Contains(n)).ToList())
        {
            shapeDefinitions.Remove(name);
        }

        return true;
    }

    /// <summary>Every shape <paramref name="token"/> refers to: each <c>{"shape": "Name"}</c> at any depth (members, list members, map keys and values, errors, inline shapes).</summary>
    private static void PushReferences(JToken token, Stack<string> pending)
    {
        if (token is not JContainer container)
        {
            return;
        }

        foreach (JObject reference in container.DescendantsAndSelf().OfType<JObject>())
        {
            if (reference["shape"] is JValue { Type: JTokenType.String } name)
            {
                pending.Push((string)name!);
            }
        }
    }
}

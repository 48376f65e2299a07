namespace SsoOidcCodegen.Generator.Parsing;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// Event streams: which operations can stream events (an output event stream over a protocol whose payloads this
/// generator reads, an input event stream over restJson), the input or output member that holds the stream, and the
/// events and exceptions of each stream.
/// </content>
internal sealed partial class ServiceModelParser
{
    /// <summary>Names a case class of an event stream may not take: its own class, the unknown case, the case's property, and object's members.</summary>
    private static readonly HashSet<string> ReservedEventCaseNames = new(StringComparer.Ordinal)
    {
        "UnknownEvent", "Value", "EventType", "ToString", "Equals", "GetHashCode", "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize",
    };

    /// <summary>The member of a shape that targets an event stream, or null.</summary>
    private (JProperty Member, string Target)? EventStreamMemberOf(string shapeName)
    {
        if (!shapeDefinitions.TryGetValue(shapeName, out JObject? shape) || shape["members"] is not JObject members)
        {
            return null;
        }

        foreach (JProperty member in members.Properties())
        {
            if (member.Value is JObject m && String(m, "shape") is { } target
                && shapeDefinitions.TryGetValue(target, out JObject? targetShape) && IsTrue(targetShape, "eventstream"))
            {
                return (member, target);
            }
        }

        return null;
    }

    /// <summary>
    /// Why an operation whose input or output streams events is left out, or null when the generator handles its
    /// streams: an output event stream over restJson, awsJson or restXml, an input event stream over restJson (every
    /// input event stream of the AWS models is restJson: Transcribe Streaming, Lex V2, Bedrock Runtime).
    /// </summary>
    private string? EventStreamLeftOutReason(string? inputShape, string? outputShape)
    {
        if (inputShape is not null && EventStreamMemberOf(inputShape) is { } input && !protocol.InputEventStreams)
        {
            return $"its input streams events ('{input.Target}') over the {protocol.Kind} protocol: input event streams are generated for restJson only (the RPC protocols' initial-request event and XML event payloads are not written)";
        }

        if (outputShape is not null && EventStreamMemberOf(outputShape) is { } output
            && !protocol.OutputEventStreams)
        {
            return $"it streams events ('{output.Target}') over the {protocol.Kind} protocol, whose event payloads this generator does not read";
        }

        return null;
    }

    /// <summary>The event-stream member of a top-level output or input, named so it clashes with no other member of the class.</summary>
    private EventStreamMemberSpec? ReadEventStreamMember(string shapeName, string typeName, List<MemberSpec> members, bool isInput = false)
    {
        if (EventStreamMemberOf(shapeName) is not { } found || !typeNames.TryGetValue(found.Target, out string? streamType))
        {
            return null;
        }

        var taken = new HashSet<string>(members.Select(m => m.PropertyName), StringComparer.Ordinal) { typeName };
        taken.UnionWith(ReservedMemberNames);
        string wanted = CSharpNames.ToPascalCase(found.Member.Name);
        string propertyName = wanted;
        for (int i = 2; taken.Contains(propertyName); i++)
        {
            propertyName = wanted + i.ToString(CultureInfo.InvariantCulture);
        }

        if (propertyName != wanted)
        {
            Report(Diagnostics.DiagnosticDescriptors.NameCollision, found.Member, shapeName + "." + found.Member.Name, "another member or the class's name '" + wanted + "'", propertyName);
        }

        return new EventStreamMemberSpec { Name = found.Member.Name, PropertyName = propertyName, EventStreamType = streamType, Documentation = String((JObject)found.Member.Value, "documentation"), IsInput = isInput };
    }

    /// <summary>The event streams that the kept operations' outputs and inputs hold, each once.</summary>
    private List<EventStreamSpec> ReadEventStreams(List<ShapeSpec> shapes)
    {
        var byTypeName = typeNames.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
        var result = new List<EventStreamSpec>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (ShapeSpec shape in shapes)
        {
            if (shape.EventStream is not { } member || !byTypeName.TryGetValue(member.EventStreamType, out string? streamShape))
            {
                continue;
            }

            // A stream one operation sends and another receives is one type with both a writer and a reader.
            if (positions.TryGetValue(member.EventStreamType, out int at))
            {
                result[at] = result[at] with { IsInput = result[at].IsInput || member.IsInput, IsOutput = result[at].IsOutput || !member.IsInput };
                continue;
            }

            positions[member.EventStreamType] = result.Count;
            result.Add(ReadEventStream(streamShape, member.EventStreamType) with { IsInput = member.IsInput, IsOutput = !member.IsInput });
        }

        return result;
    }

    private EventStreamSpec ReadEventStream(string name, string typeName)
    {
        JObject shape = shapeDefinitions[name];
        var events = new List<EventSpec>();
        var exceptions = new List<EventExceptionSpec>();
        var caseNames = new HashSet<string>(ReservedEventCaseNames, StringComparer.Ordinal) { typeName };
        foreach (JProperty member in (shape["members"] as JObject)?.Properties() ?? Enumerable.Empty<JProperty>())
        {
            if (member.Value is not JObject reference || String(reference, "shape") is not { } target
                || !shapeDefinitions.TryGetValue(target, out JObject? targetShape) || !typeNames.TryGetValue(target, out string? targetType)
                || (String(targetShape, "type") ?? "string") != "structure" || IsTrue(targetShape, "eventstream") || IsTrue(targetShape, "document"))
            {
                Report(Diagnostics.DiagnosticDescriptors.UnsupportedMember, member, "shapes." + name + ".members." + member.Name, "an event that is not a structure");
                continue;
            }

            if (IsTrue(targetShape, "exception") || targetShape["error"] is JObject)
            {
                exceptions.Add(new EventExceptionSpec { WireName = member.Name, ExceptionType = targetType });
                continue;
            }

            string wanted = CSharpNames.ToPascalCase(member.Name);
            string caseName = wanted;
            for (int i = 2; !caseNames.Add(caseName); i++)
            {
                caseName = wanted + i.ToString(CultureInfo.InvariantCulture);
            }

            string? payload = null;
            var headers = new List<string>();
            foreach (JProperty eventMember in (targetShape["members"] as JObject)?.Properties() ?? Enumerable.Empty<JProperty>())
            {
                if (eventMember.Value is JObject e && IsTrue(e, "eventpayload"))
                {
                    payload ??= eventMember.Name;
                }
                else if (eventMember.Value is JObject h && IsTrue(h, "eventheader"))
                {
                    headers.Add(eventMember.Name);
                }
            }

            events.Add(new EventSpec { WireName = member.Name, CaseName = caseName, StructureType = targetType, Documentation = String(reference, "documentation") ?? String(targetShape, "documentation"), PayloadMember = payload, HeaderMembers = headers.ToEquatableArray() });
        }

        return new EventStreamSpec { Name = name, TypeName = typeName, Documentation = String(shape, "documentation"), Events = events.ToEquatableArray(), Exceptions = exceptions.ToEquatableArray() };
    }
}

namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// Event streams: the event hierarchy of each stream (a model type), its message reader (payloads and headers
/// decoded per protocol: JSON for restJson and awsJson, XML for restXml), and the unmarshaller of an operation
/// whose output holds one, which hands the open body to an <c>AwsEventStream</c>; for an input event stream
/// (restJson), its message writer and the marshaller's hand-over of the caller's events to the request builder.
/// </content>
internal sealed partial class ServiceEmitter
{
    private const string EventStreamNamespace = "global::SsoOidcCodegen.Runtime.Protocols.EventStream";

    private static string EventReaderClass(EventStreamSpec stream) => stream.TypeName + "EventReader";

    private static string EventWriterClass(EventStreamSpec stream) => stream.TypeName + "EventWriter";

    /// <summary>The property type of an output's event-stream member (read as it arrives) or an input's (the caller's events).</summary>
    private string EventStreamPropertyType(EventStreamMemberSpec member) => member.IsInput
        ? $"global::System.Collections.Generic.IAsyncEnumerable<{ModelType(member.EventStreamType)}>"
        : $"{EventStreamNamespace}.AwsEventStream<{ModelType(member.EventStreamType)}>";

    /// <summary>The event-stream member of an output, as the structure template prints members.</summary>
    // The summary of an event-stream member the model does not document.
    private static string EventStreamSummary(EventStreamMemberSpec member) => $"The <c>{Documentation.Escape(member.Name)}</c> event stream.";

    private IEnumerable<MemberViewModel> EventStreamMemberViews(ShapeSpec shape)
    {
        if (shape.EventStream is not { } member)
        {
            yield break;
        }

        string remarks = member.IsInput
            ? "The events to send, enumerated once while the request is sent: each is written and signed as it is yielded (nothing is buffered), the end of the sequence ends the stream, and an exception it throws fails the call. The call is never retried."
            : "Read from the connection as it is enumerated (once, with <c>await foreach</c>); dispose the response or the stream when not reading it to its end.";
        yield return new MemberViewModel(
            member.PropertyName,
            EventStreamPropertyType(member) + "?",
            DocLines(member.Documentation, EventStreamSummary(member)),
            remarks,
            null,
            member.IsInput);
    }

    /// <summary>The event class and the reader of every event stream; rendered before the serializers, whose methods the readers call.</summary>
    private List<GeneratedSource> RenderEventStreams()
    {
        var sources = new List<GeneratedSource>();
        foreach (EventStreamSpec stream in spec.EventStreams)
        {
            sources.Add(Source(ModelNamespace, stream.TypeName, TemplateRenderer.Render("EventStream", new
            {
                Header = header,
                Namespace = ModelNamespace,
                Visibility = visibility,
                stream.TypeName,
                stream.IsInput,
                stream.IsOutput,
                DocLines = Documentation.Summary(stream.Documentation, $"An event of the {stream.Name} event stream."),
                Cases = stream.Events.Select(e => new EventCaseView(
                    e.CaseName,
                    ModelType(e.StructureType),
                    CSharpNames.StringLiteral(e.WireName),
                    Documentation.Summary(e.Documentation, $"The <c>{Documentation.Escape(e.WireName)}</c> event."))).ToList(),
            })));
            var events = new List<EventMessageView>();
            foreach (EventSpec e in stream.Events)
            {
                if (shapesByType.TryGetValue(e.StructureType, out ShapeSpec? structure))
                {
                    events.Add(EventMessage(stream, e, structure));
                }
            }

            // The writer and the reader of a stream share one view; only the reader's exceptions are the reader's own.
            var codec = new EventStreamCodecView(
                header,
                InternalNamespace,
                Documentation.Escape(stream.Name),
                ModelType(stream.TypeName),
                events,
                stream.IsOutput ? EventExceptions(stream) : new List<EventExceptionView>(),
                "global::" + spec.Namespace + "." + BaseException)
            {
                HasExceptions = stream.Exceptions.Count > 0,
            };
            if (stream.IsInput)
            {
                sources.Add(Source(InternalNamespace, EventWriterClass(stream), TemplateRenderer.Render("EventStreamWriter", codec with { ClassName = EventWriterClass(stream) })));
            }

            if (stream.IsOutput)
            {
                sources.Add(Source(InternalNamespace, EventReaderClass(stream), TemplateRenderer.Render("EventStreamReader", codec with { ClassName = EventReaderClass(stream) })));
            }
        }

        return sources;
    }

    /// <summary>
    /// The unmarshaller of an operation whose output streams events: the output's header and status-code members
    /// (REST protocols) now, the events later, as the caller enumerates them; the RPC protocols' <c>initial-response</c>
    /// event fills the output's other members when the enumeration reaches it.
    /// </summary>
    private OutputEventStreamViewModel EventStreamUnmarshal(ShapeSpec response)
    {
        EventStreamMemberSpec member = response.EventStream!;
        EventStreamSpec stream = spec.EventStreams.First(s => s.TypeName == member.EventStreamType);
        bool initialResponse = protocol.InitialResponseEvent && BodyMembers(response).Count > 0;
        return new OutputEventStreamViewModel(
            member.PropertyName,
            EventStreamPropertyType(member),
            "global::" + InternalNamespace + "." + EventReaderClass(stream),
            EventStreamNamespace + ".EventStreamPayload",
            initialResponse ? Call(response.TypeName, "ReadMembers") : string.Empty);
    }

    /// <summary>
    /// An event of a stream as its reader and writer see it: the reader decodes the payload (its <c>eventpayload</c>
    /// member, else the event structure's own document) and then its headers; the writer checks it (a required member
    /// missing names the event and the member), then writes its headers (<c>:message-type</c>, <c>:event-type</c>,
    /// <c>:content-type</c> and its <c>eventheader</c> members, typed) and its payload: the <c>eventpayload</c> member
    /// (bytes, text or a JSON document), else a JSON document of its other members.
    /// </summary>
    private EventMessageView EventMessage(EventStreamSpec stream, EventSpec e, ShapeSpec structure)
    {
        var headers = new List<EventHeaderView>();
        foreach (string headerName in e.HeaderMembers)
        {
            if (structure.Members.FirstOrDefault(m => m.Name == headerName) is { } member && EventHeaderKind(member.Type) is { } kind)
            {
                headers.Add(new EventHeaderView(CSharpNames.StringLiteral(headerName), member.PropertyName, Local(member), kind)
                {
                    EnumType = member.Type.Kind == TypeKind.StringEnum ? ModelType(member.Type.TypeName!) : null,
                });
            }
        }

        MemberSpec? payload = e.PayloadMember is null ? null : structure.Members.FirstOrDefault(m => m.Name == e.PayloadMember);
        var view = new EventMessageView(CSharpNames.StringLiteral(e.WireName), e.CaseName, Local(e), ModelType(structure.TypeName), headers)
        {
            Payload = payload is null ? null : EventPayload(payload),
        };
        if (stream.IsOutput)
        {
            bool document = payload is null && structure.Members.Any(m => !e.HeaderMembers.Contains(m.Name));
            view = view with
            {
                DocumentReader = document ? Call(structure.TypeName, SpeaksXml ? "Read" : "ReadMembers") : null,
                Xml = SpeaksXml,
            };
        }

        if (stream.IsInput)
        {
            view = view with
            {
                Validator = (structure.Usage & ShapeUsage.Validated) != 0 ? Call(structure.TypeName, "Validate") : null,
                StreamNameLiteral = CSharpNames.StringLiteral(stream.Name),
                DocumentMembers = payload is not null ? new List<SerializerMemberView>() : structure.Members
                    .Where(m => !e.HeaderMembers.Contains(m.Name))
                    .OrderBy(m => m.WireName, System.StringComparer.Ordinal)
                    .Select(m => new SerializerMemberView(m.PropertyName, Local(m), Utf8(m.WireName), json.Write(m.Type)))
                    .ToList(),
            };
        }

        return view;

        EventPayloadView EventPayload(MemberSpec member)
        {
            TypeRef type = member.Type;
            string kind = type.Kind switch
            {
                TypeKind.Blob when type.IsStreaming => "Stream",
                TypeKind.Structure or TypeKind.Document or TypeKind.Blob or TypeKind.String or TypeKind.StringEnum => type.Kind.ToString(),
                _ => "None",
            };
            return new EventPayloadView(member.PropertyName, Local(member), kind, CSharpNames.CommentText(member.Name))
            {
                Read = stream.IsOutput && (kind == "Document" || (kind == "Structure" && !SpeaksXml)) ? json.Read(type) : null,
                XmlReader = stream.IsOutput && kind == "Structure" && SpeaksXml ? Call(type.TypeName!, "Read") : null,
                Write = stream.IsInput && kind is "Structure" or "Document" ? json.Write(type) : null,
            };
        }
    }

    /// <summary>The modelled exceptions of a stream's <c>exception</c> messages; JSON ones read their other body members.</summary>
    private List<EventExceptionView> EventExceptions(EventStreamSpec stream)
    {
        var views = new List<EventExceptionView>();
        foreach (EventExceptionSpec exception in stream.Exceptions)
        {
            if (shapesByType.TryGetValue(exception.ExceptionType, out ShapeSpec? shape))
            {
                bool readsMembers = !SpeaksXml && shape.Members.Any(m => m.Location == MemberLocation.Body && m.PropertyName != "Message");
                views.Add(new EventExceptionView(CSharpNames.StringLiteral(exception.WireName), ModelType(shape.TypeName), readsMembers ? Call(shape.TypeName, "ReadMembers") : null));
            }
        }

        return views;
    }

    /// <summary>How an <c>eventheader</c> member travels as a typed header (its kind), or null for a type no header carries.</summary>
    private static string? EventHeaderKind(TypeRef type) => type.Kind switch
    {
        TypeKind.String or TypeKind.StringEnum or TypeKind.Boolean or TypeKind.Byte or TypeKind.Short or TypeKind.Integer or TypeKind.Long
            or TypeKind.Timestamp => type.Kind.ToString(),
        TypeKind.Blob when !type.IsStreaming => "Blob",
        _ => null,
    };

    /// <summary>
    /// The marshaller's part for an input event stream (the request's payload): the caller's events go to the builder,
    /// written by the stream's writer as they come; the stream is required (an operation streams nothing without it).
    /// </summary>
    private InputEventStreamViewModel? InputEventStreamBody(ShapeSpec request) =>
        request.EventStream is { IsInput: true } member && spec.EventStreams.FirstOrDefault(s => s.TypeName == member.EventStreamType && s.IsInput) is { } stream
            ? new InputEventStreamViewModel(member.PropertyName, CSharpNames.StringLiteral(member.Name + ": the event stream is required"), "global::" + InternalNamespace + "." + EventWriterClass(stream))
            : null;

    /// <summary>An input event stream: the request's stream member, the message when it is unset, the stream's writer class.</summary>
    private sealed record InputEventStreamViewModel(string Property, string MissingLiteral, string Writer);

    /// <summary>An output event stream: the response's stream member and type, the reader class, and the awsJson initial response's reader (or empty).</summary>
    private sealed record OutputEventStreamViewModel(string Property, string Type, string Reader, string PayloadClass, string InitialResponseRead);

    private static string Local(EventSpec e) => "case" + e.CaseName + "_";
}

/// <summary>An event stream's reader or writer class (<c>EventStreamReader.sbn</c>, <c>EventStreamWriter.sbn</c>).</summary>
/// <param name="Header">The file header.</param>
/// <param name="InternalNamespace">The namespace of the generated internals.</param>
/// <param name="StreamName">The stream's name, escaped for a doc comment.</param>
/// <param name="EventType">The stream's event class.</param>
/// <param name="Events">Its modelled events.</param>
/// <param name="Exceptions">The reader: its modelled exceptions.</param>
/// <param name="BaseException">The reader: the service's exception type, for an error no exception models.</param>
internal sealed record EventStreamCodecView(
    string Header,
    string InternalNamespace,
    string StreamName,
    string EventType,
    List<EventMessageView> Events,
    List<EventExceptionView> Exceptions,
    string BaseException)
{
    /// <summary>The class's name.</summary>
    public string ClassName { get; init; } = string.Empty;

    /// <summary>The reader: the stream models exceptions (an <c>exception</c> message is matched against them).</summary>
    public bool HasExceptions { get; init; }
}

/// <summary>A case of an event stream's class: one event.</summary>
/// <param name="Name">The nested class.</param>
/// <param name="ValueType">The event structure's type.</param>
/// <param name="WireLiteral">The <c>:event-type</c>, a C# string literal.</param>
/// <param name="DocLines">The summary's lines.</param>
internal sealed record EventCaseView(string Name, string ValueType, string WireLiteral, IReadOnlyList<string> DocLines);

/// <summary>An event as the stream's reader and writer handle its message.</summary>
/// <param name="WireLiteral">The <c>:event-type</c>, a C# string literal.</param>
/// <param name="CaseName">The case class nested in the stream's class.</param>
/// <param name="Local">The writer's pattern variable for the case.</param>
/// <param name="ValueType">The event structure's type.</param>
/// <param name="Headers">The <c>eventheader</c> members a typed header carries.</param>
internal sealed record EventMessageView(string WireLiteral, string CaseName, string Local, string ValueType, List<EventHeaderView> Headers)
{
    /// <summary>The <c>eventpayload</c> member, or null when the event's other members are the payload's document.</summary>
    public EventPayloadView? Payload { get; init; }

    /// <summary>The reader: the serializer method that reads the document of the event's members (null: no members to read).</summary>
    public string? DocumentReader { get; init; }

    /// <summary>The reader: documents are XML (else JSON).</summary>
    public bool Xml { get; init; }

    /// <summary>The writer: the serializer method that checks the event (null: nothing to check).</summary>
    public string? Validator { get; init; }

    /// <summary>The writer: the stream's name, a C# string literal (the validation context's operation).</summary>
    public string? StreamNameLiteral { get; init; }

    /// <summary>The writer: the members written as the payload's JSON document, in ordinal order of their wire names.</summary>
    public List<SerializerMemberView>? DocumentMembers { get; init; }
}

/// <summary>An <c>eventheader</c> member.</summary>
/// <param name="NameLiteral">The header's name, a C# string literal.</param>
/// <param name="PropertyName">The member's property.</param>
/// <param name="Local">The member's local.</param>
/// <param name="Kind">The member's kind (see <c>es_header_read</c>, <c>es_header_write</c>).</param>
internal sealed record EventHeaderView(string NameLiteral, string PropertyName, string Local, string Kind)
{
    /// <summary>A string enum's type.</summary>
    public string? EnumType { get; init; }
}

/// <summary>An event's <c>eventpayload</c> member.</summary>
/// <param name="PropertyName">The member's property.</param>
/// <param name="Local">The member's local.</param>
/// <param name="Kind"><c>Stream</c> (a streaming blob), <c>Blob</c>, <c>String</c>, <c>StringEnum</c>, <c>Structure</c>, <c>Document</c> or <c>None</c>.</param>
/// <param name="CommentName">The member's name as comment text.</param>
internal sealed record EventPayloadView(string PropertyName, string Local, string Kind, string CommentName)
{
    /// <summary>The reader: how a JSON payload is read.</summary>
    public WireValueView? Read { get; init; }

    /// <summary>The reader: the serializer method that reads an XML payload.</summary>
    public string? XmlReader { get; init; }

    /// <summary>The writer: how a JSON payload is written.</summary>
    public WireValueView? Write { get; init; }
}

/// <summary>A modelled exception of an event stream.</summary>
/// <param name="WireLiteral">The <c>:exception-type</c>, a C# string literal.</param>
/// <param name="Type">The exception's type.</param>
/// <param name="MembersReader">The serializer method that reads the JSON payload's members into it (null: not read).</param>
internal sealed record EventExceptionView(string WireLiteral, string Type, string? MembersReader);

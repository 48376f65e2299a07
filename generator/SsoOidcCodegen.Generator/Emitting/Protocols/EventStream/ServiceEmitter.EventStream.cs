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
            DocLines(member.Documentation, $"The <c>{Documentation.Escape(member.Name)}</c> event stream."),
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
                Doc = Doc(stream.Documentation, $"An event of the {stream.Name} event stream.", 0),
                Cases = stream.Events.Select(e => new
                {
                    Name = e.CaseName,
                    ValueType = ModelType(e.StructureType),
                    WireLiteral = CSharpNames.StringLiteral(e.WireName),
                    Doc = Doc(e.Documentation, $"The <c>{Documentation.Escape(e.WireName)}</c> event.", 4),
                }).ToList(),
            })));
            if (stream.IsInput)
            {
                sources.Add(Source(InternalNamespace, EventWriterClass(stream), TemplateRenderer.Render("EventStreamWriter", new
                {
                    Header = header,
                    InternalNamespace,
                    StreamName = Documentation.Escape(stream.Name),
                    ClassName = EventWriterClass(stream),
                    EventType = ModelType(stream.TypeName),
                    WriteEventBody = WriteEventBody(stream).Render(8),
                })));
            }

            if (!stream.IsOutput)
            {
                continue;
            }

            sources.Add(Source(InternalNamespace, EventReaderClass(stream), TemplateRenderer.Render("EventStreamReader", new
            {
                Header = header,
                InternalNamespace,
                StreamName = Documentation.Escape(stream.Name),
                ClassName = EventReaderClass(stream),
                EventType = ModelType(stream.TypeName),
                ReadEventBody = ReadEventBody(stream).Render(8),
                ReadErrorBody = ReadErrorBody(stream).Render(8),
            })));
        }

        return sources;
    }

    /// <summary>
    /// The unmarshaller of an operation whose output streams events: the output's header and status-code members
    /// (REST protocols) now, the events later, as the caller enumerates them; the RPC protocols' <c>initial-response</c>
    /// event fills the output's other members when the enumeration reaches it.
    /// </summary>
    private CodeBlock EventStreamUnmarshal(ShapeSpec response)
    {
        EventStreamMemberSpec member = response.EventStream!;
        EventStreamSpec stream = spec.EventStreams.First(s => s.TypeName == member.EventStreamType);
        var code = new CodeBlock();
        code.Line($"var result = new {ModelType(response.TypeName)}();");
        ResponseHttpMembers(code, response);

        string reader = "global::" + InternalNamespace + "." + EventReaderClass(stream);
        code.Line($"result.{member.PropertyName} = new {EventStreamPropertyType(member)}(");
        code.Line("    response,");
        code.Line($"    {reader}.ReadEvent,");
        bool initialResponse = spec.Protocol is ProtocolKind.AwsJson10 or ProtocolKind.AwsJson11 && BodyMembers(response).Count > 0;
        code.Line($"    message => {reader}.ReadError(message, response.StatusCode, response.RequestId){(initialResponse ? "," : ");")}");
        if (initialResponse)
        {
            code.Line("    message =>");
            code.Line("    {");
            code.Line($"        if ({EventStreamNamespace}.EventStreamPayload.TryReadJson(message, out global::System.Text.Json.Utf8JsonReader reader) && global::SsoOidcCodegen.Runtime.Protocols.JsonWire.StartObject(ref reader))");
            code.Line("        {");
            code.Line($"            {Call(response.TypeName, "ReadMembers")}(ref reader, result);");
            code.Line("        }");
            code.Line("    });");
        }

        code.Line("return result;");
        return code;
    }

    private CodeBlock ReadEventBody(EventStreamSpec stream)
    {
        var code = new CodeBlock();
        code.Open("switch (message.EventType)");
        foreach (EventSpec e in stream.Events)
        {
            if (!shapesByType.TryGetValue(e.StructureType, out ShapeSpec? structure))
            {
                continue;
            }

            code.Line($"case {CSharpNames.StringLiteral(e.WireName)}:");
            code.Open(string.Empty);
            code.Line($"var value = new {ModelType(structure.TypeName)}();");
            ReadEventPayload(code, e, structure);
            foreach (string headerName in e.HeaderMembers)
            {
                if (structure.Members.FirstOrDefault(m => m.Name == headerName) is { } header && HeaderValue(header.Type) is { } convert)
                {
                    code.Open($"if (message.Find({CSharpNames.StringLiteral(headerName)}) is {{ }} {Local(header)}Header)");
                    code.Line($"value.{header.PropertyName} = {string.Format(System.Globalization.CultureInfo.InvariantCulture, convert, Local(header) + "Header")};");
                    code.Close();
                }
            }

            code.Blank();
            code.Line($"return new {ModelType(stream.TypeName)}.{e.CaseName}(value);");
            code.Close();
        }

        code.Line("default:");
        code.Line($"    return new {ModelType(stream.TypeName)}.UnknownEvent(message.EventType ?? string.Empty, message);");
        code.Close();
        return code;
    }

    /// <summary>The payload of an event: its <c>eventpayload</c> member, or the event structure's own document.</summary>
    private void ReadEventPayload(CodeBlock code, EventSpec e, ShapeSpec structure)
    {
        MemberSpec? payload = e.PayloadMember is null ? null : structure.Members.FirstOrDefault(m => m.Name == e.PayloadMember);
        if (payload is not null)
        {
            TypeRef type = payload.Type;
            switch (type.Kind)
            {
                case TypeKind.Blob when type.IsStreaming:
                    code.Line($"value.{payload.PropertyName} = new global::System.IO.MemoryStream(message.Payload.ToArray(), writable: false);");
                    return;
                case TypeKind.Blob:
                    code.Line($"value.{payload.PropertyName} = message.Payload.ToArray();");
                    return;
                case TypeKind.String:
                    code.Line($"value.{payload.PropertyName} = global::System.Text.Encoding.UTF8.GetString(message.Payload.Span);");
                    return;
                case TypeKind.Structure when SpeaksXml:
                    code.Open("if (global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.TryReadRoot(message.Payload, out global::System.Xml.XmlReader reader))");
                    code.Open("using (reader)");
                    code.Line($"value.{payload.PropertyName} = {Call(type.TypeName!, "Read")}(reader);");
                    code.Close();
                    code.Close();
                    return;
                case TypeKind.Structure:
                case TypeKind.Document:
                    code.Open($"if ({EventStreamNamespace}.EventStreamPayload.TryReadJson(message, out global::System.Text.Json.Utf8JsonReader reader))");
                    code.Line($"value.{payload.PropertyName} = {json.ReadValue(type)};");
                    code.Close();
                    return;
                default:
                    code.Line($"// The payload member {CSharpNames.CommentText(payload.Name)} has a type an event payload cannot carry.");
                    return;
            }
        }

        if (!structure.Members.Any(m => !e.HeaderMembers.Contains(m.Name)))
        {
            return;
        }

        if (SpeaksXml)
        {
            // An XML event document is read whole; its header members are set after it.
            code.Open("if (global::SsoOidcCodegen.Runtime.Protocols.Xml.XmlWire.TryReadRoot(message.Payload, out global::System.Xml.XmlReader reader))");
            code.Open("using (reader)");
            code.Line($"value = {Call(structure.TypeName, "Read")}(reader);");
            code.Close();
            code.Close();
            return;
        }

        code.Open($"if ({EventStreamNamespace}.EventStreamPayload.TryReadJson(message, out global::System.Text.Json.Utf8JsonReader reader) && global::SsoOidcCodegen.Runtime.Protocols.JsonWire.StartObject(ref reader))");
        code.Line($"{Call(structure.TypeName, "ReadMembers")}(ref reader, value);");
        code.Close();
    }

    /// <summary>How an <c>eventheader</c> member reads its header value ({0} is the header), or null for a type no header carries.</summary>
    private string? HeaderValue(TypeRef type) => type.Kind switch
    {
        TypeKind.String => "{0}.StringValue",
        TypeKind.StringEnum => $"new {ModelType(type.TypeName!)}({{0}}.StringValue)",
        TypeKind.Boolean => "{0}.BooleanValue",
        TypeKind.Byte => "(sbyte){0}.IntegerValue",
        TypeKind.Short => "(short){0}.IntegerValue",
        TypeKind.Integer => "(int){0}.IntegerValue",
        TypeKind.Long => "{0}.IntegerValue",
        TypeKind.Blob when !type.IsStreaming => "{0}.BytesValue.ToArray()",
        TypeKind.Timestamp => "{0}.TimestampValue",
        _ => null,
    };

    private CodeBlock ReadErrorBody(EventStreamSpec stream)
    {
        var code = new CodeBlock();
        code.Line($"string? code = {EventStreamNamespace}.EventStreamPayload.ErrorCode(message);");
        code.Line($"string? text = {EventStreamNamespace}.EventStreamPayload.ErrorMessage(message);");
        if (stream.Exceptions.Count > 0)
        {
            code.Open("if (message.MessageType == \"exception\")");
            code.Open("switch (code)");
            foreach (EventExceptionSpec exception in stream.Exceptions)
            {
                if (!shapesByType.TryGetValue(exception.ExceptionType, out ShapeSpec? shape))
                {
                    continue;
                }

                string type = ModelType(shape.TypeName);
                code.Line($"case {CSharpNames.StringLiteral(exception.WireName)}:");
                code.Open(string.Empty);
                code.Line($"var exception = new {type}(text, {type}.Code, statusCode, requestId);");
                if (!SpeaksXml && shape.Members.Any(m => m.Location == MemberLocation.Body && m.PropertyName != "Message"))
                {
                    code.Open("try");
                    code.Open($"if ({EventStreamNamespace}.EventStreamPayload.TryReadJson(message, out global::System.Text.Json.Utf8JsonReader reader) && global::SsoOidcCodegen.Runtime.Protocols.JsonWire.StartObject(ref reader))");
                    code.Line($"{Call(shape.TypeName, "ReadMembers")}(ref reader, exception);");
                    code.Close();
                    code.Close();
                    ErrorMembersReadTolerantly(code);
                    code.Blank();
                }

                code.Line("return exception;");
                code.Close();
            }

            code.Close();
            code.Close();
            code.Blank();
        }

        code.Line($"return new global::{spec.Namespace}.{BaseException}(text, code, statusCode, requestId);");
        return code;
    }

    /// <summary>
    /// The marshaller's part for an input event stream (the request's payload): the caller's events go to the builder,
    /// written by the stream's writer as they come; the stream is required (an operation streams nothing without it).
    /// </summary>
    private void InputEventStreamBody(CodeBlock code, ShapeSpec request)
    {
        if (request.EventStream is not { IsInput: true } member || spec.EventStreams.FirstOrDefault(s => s.TypeName == member.EventStreamType && s.IsInput) is not { } stream)
        {
            return;
        }

        string writer = "global::" + InternalNamespace + "." + EventWriterClass(stream);
        code.Line($"builder.SetEventStreamBody(");
        code.Line($"    request.{member.PropertyName} ?? throw new global::SsoOidcCodegen.Runtime.AwsValidationException(builder.OperationName ?? string.Empty, new[] {{ {CSharpNames.StringLiteral(member.Name + ": the event stream is required")} }}),");
        code.Line($"    {writer}.WriteEvent);");
    }

    /// <summary>
    /// One case per modelled event: check it (a required member missing names the event and the member), then its
    /// headers (<c>:message-type</c>, <c>:event-type</c>, <c>:content-type</c> and its <c>eventheader</c> members, typed) and
    /// its payload: the <c>eventpayload</c> member (bytes, text or a JSON document), else a JSON document of its other members.
    /// </summary>
    private CodeBlock WriteEventBody(EventStreamSpec stream)
    {
        var code = new CodeBlock();
        code.Open("switch (value)");
        foreach (EventSpec e in stream.Events)
        {
            if (!shapesByType.TryGetValue(e.StructureType, out ShapeSpec? structure))
            {
                continue;
            }

            code.Line($"case {ModelType(stream.TypeName)}.{e.CaseName} {Local(e)}:");
            code.Open(string.Empty);
            code.Line($"var event_ = {Local(e)}.Value;");
            if ((structure.Usage & ShapeUsage.Validated) != 0)
            {
                code.Line($"var validation_ = new global::SsoOidcCodegen.Runtime.AwsValidationContext({CSharpNames.StringLiteral(stream.Name)});");
                code.Line($"{Call(structure.TypeName, "Validate")}(event_, validation_, {CSharpNames.StringLiteral(e.WireName)});");
                code.Line("validation_.ThrowIfInvalid();");
            }

            code.Line("var headers_ = new global::System.Collections.Generic.List<global::SsoOidcCodegen.Runtime.Protocols.EventStream.EventStreamHeader>");
            code.Line("{");
            code.Line($"    {EventStreamNamespace}.EventStreamHeader.String(\":message-type\", \"event\"),");
            code.Line($"    {EventStreamNamespace}.EventStreamHeader.String(\":event-type\", {CSharpNames.StringLiteral(e.WireName)}),");
            code.Line("};");
            foreach (string headerName in e.HeaderMembers)
            {
                if (structure.Members.FirstOrDefault(m => m.Name == headerName) is { } header && HeaderWriter(header.Type) is { } make)
                {
                    code.Open($"if (event_.{header.PropertyName} is {{ }} {Local(header)})");
                    code.Line($"headers_.Add({EventStreamNamespace}.EventStreamHeader.{string.Format(System.Globalization.CultureInfo.InvariantCulture, make, CSharpNames.StringLiteral(headerName), Local(header))});");
                    code.Close();
                }
            }

            WriteEventPayload(code, e, structure);
            code.Close();
        }

        code.Line($"case {ModelType(stream.TypeName)}.UnknownEvent unknown_:");
        code.Line("    return unknown_.Message;");
        code.Line("default:");
        code.Line($"    throw new global::System.ArgumentException(\"An event of another stream: \" + value?.GetType().Name, nameof(value));");
        code.Close();
        return code;
    }

    private static string Local(EventSpec e) => "case" + e.CaseName + "_";

    /// <summary>The payload of an input event and its <c>:content-type</c>, then the message.</summary>
    private void WriteEventPayload(CodeBlock code, EventSpec e, ShapeSpec structure)
    {
        const string Message = "return new " + EventStreamNamespace + ".EventStreamMessage(headers_, payload_);";
        MemberSpec? payload = e.PayloadMember is null ? null : structure.Members.FirstOrDefault(m => m.Name == e.PayloadMember);
        if (payload is not null)
        {
            TypeRef type = payload.Type;
            string local = Local(payload);
            switch (type.Kind)
            {
                case TypeKind.Blob when !type.IsStreaming:
                    code.Line($"headers_.Add({EventStreamNamespace}.EventStreamHeader.String(\":content-type\", \"application/octet-stream\"));");
                    code.Line($"global::System.ReadOnlyMemory<byte> payload_ = event_.{payload.PropertyName} ?? global::System.Array.Empty<byte>();");
                    code.Line(Message);
                    return;
                case TypeKind.String:
                case TypeKind.StringEnum:
                    code.Line($"headers_.Add({EventStreamNamespace}.EventStreamHeader.String(\":content-type\", \"text/plain\"));");
                    code.Line($"global::System.ReadOnlyMemory<byte> payload_ = event_.{payload.PropertyName} is {{ }} {local} ? global::System.Text.Encoding.UTF8.GetBytes({local}{(type.Kind == TypeKind.StringEnum ? ".Value" : string.Empty)}) : global::System.Array.Empty<byte>();");
                    code.Line(Message);
                    return;
                case TypeKind.Structure:
                case TypeKind.Document:
                    code.Line($"headers_.Add({EventStreamNamespace}.EventStreamHeader.String(\":content-type\", \"application/json\"));");
                    code.Line("var buffer_ = new global::System.Buffers.ArrayBufferWriter<byte>();");
                    code.Open("using (var writer = new global::System.Text.Json.Utf8JsonWriter(buffer_))");
                    code.Open($"if (event_.{payload.PropertyName} is {{ }} {local})");
                    json.WriteValue(code, type, local);
                    code.Close();
                    code.Open("else");
                    code.Line("writer.WriteStartObject();");
                    code.Line("writer.WriteEndObject();");
                    code.Close();
                    code.Close();
                    code.Blank();
                    code.Line("global::System.ReadOnlyMemory<byte> payload_ = buffer_.WrittenMemory;");
                    code.Line(Message);
                    return;
                default:
                    code.Line($"// The payload member {CSharpNames.CommentText(payload.Name)} has a type an event payload cannot carry.");
                    code.Line("global::System.ReadOnlyMemory<byte> payload_ = global::System.ReadOnlyMemory<byte>.Empty;");
                    code.Line(Message);
                    return;
            }
        }

        // No payload member: the members that are not headers, as one JSON document (the protocol's document type).
        code.Line($"headers_.Add({EventStreamNamespace}.EventStreamHeader.String(\":content-type\", \"application/json\"));");
        code.Line("var buffer_ = new global::System.Buffers.ArrayBufferWriter<byte>();");
        code.Open("using (var writer = new global::System.Text.Json.Utf8JsonWriter(buffer_))");
        code.Line("writer.WriteStartObject();");
        foreach (MemberSpec member in structure.Members.Where(m => !e.HeaderMembers.Contains(m.Name)).OrderBy(m => m.WireName, System.StringComparer.Ordinal))
        {
            string local = Local(member);
            code.Open($"if (event_.{member.PropertyName} is {{ }} {local})");
            code.Line($"writer.WritePropertyName({Utf8(member.WireName)});");
            json.WriteValue(code, member.Type, local);
            code.Close();
        }

        code.Line("writer.WriteEndObject();");
        code.Close();
        code.Blank();
        code.Line("global::System.ReadOnlyMemory<byte> payload_ = buffer_.WrittenMemory;");
        code.Line(Message);
    }

    /// <summary>How an <c>eventheader</c> member becomes a header ({0} the name literal, {1} the value), or null for a type no header carries.</summary>
    private static string? HeaderWriter(TypeRef type) => type.Kind switch
    {
        TypeKind.String => "String({0}, {1})",
        TypeKind.StringEnum => "String({0}, {1}.Value)",
        TypeKind.Boolean => "Boolean({0}, {1})",
        TypeKind.Byte => "Byte({0}, {1})",
        TypeKind.Short => "Short({0}, {1})",
        TypeKind.Integer => "Integer({0}, {1})",
        TypeKind.Long => "Long({0}, {1})",
        TypeKind.Blob when !type.IsStreaming => "ByteArray({0}, {1})",
        TypeKind.Timestamp => "Timestamp({0}, {1})",
        _ => null,
    };
}

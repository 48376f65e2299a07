namespace SsoOidcCodegen.Generator.Parsing;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Diagnostics;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>Operations, shapes, members and their types.</content>
internal sealed partial class ServiceModelParser
{
    /// <summary>
    /// The "min" form puts anonymous shapes inline; give each a name from where it is used
    /// (<c>CreateTokenRequest</c>, <c>ParentMember</c>) and register it like a named shape.
    /// </summary>
    private void NameInlineShapes(JObject operations)
    {
        var work = new Queue<KeyValuePair<string, JObject>>();
        foreach (JProperty operation in operations.Properties())
        {
            if (operation.Value is not JObject op)
            {
                continue;
            }

            foreach ((string key, string suffix) in new[] { ("input", "Request"), ("output", "Response") })
            {
                if (op[key] is JObject reference && reference["shape"] is null && reference.Count > 0)
                {
                    string name = RegisterInline(operation.Name + suffix, reference);
                    op[key] = new JObject(new JProperty("shape", name));
                    work.Enqueue(new KeyValuePair<string, JObject>(name, reference));
                }
            }
        }

        foreach (KeyValuePair<string, JObject> shape in new List<KeyValuePair<string, JObject>>(shapeDefinitions))
        {
            work.Enqueue(shape);
        }

        while (work.Count > 0)
        {
            KeyValuePair<string, JObject> shape = work.Dequeue();

            // Names are made only for the references that need one: nearly every reference of a model in normal form names its shape.
            if (shape.Value["members"] is JObject members)
            {
                foreach (JProperty member in members.Properties())
                {
                    if (Inline(member.Value as JObject) is { } reference)
                    {
                        NameInline(reference, shape.Key + CSharpNames.ToPascalCase(member.Name), work);
                    }
                }
            }

            if (Inline(shape.Value["member"] as JObject) is { } element)
            {
                NameInline(element, shape.Key + "Member", work);
            }

            if (Inline(shape.Value["key"] as JObject) is { } key)
            {
                NameInline(key, shape.Key + "Key", work);
            }

            if (Inline(shape.Value["value"] as JObject) is { } value)
            {
                NameInline(value, shape.Key + "Value", work);
            }
        }
    }

    // The reference when it has no "shape" (min form: the reference is the shape itself), else null.
    private static JObject? Inline(JObject? reference) => reference is not null && reference["shape"] is null ? reference : null;

    private void NameInline(JObject reference, string wanted, Queue<KeyValuePair<string, JObject>> work)
    {
        // A min-form reference without "shape" is the shape itself (an empty object is a string).
        var definition = new JObject();
        foreach (JProperty trait in reference.Properties())
        {
            if (trait.Name is not ("location" or "locationName" or "idempotencyToken" or "jsonvalue" or "hostLabel" or "documentation" or "deprecated" or "deprecatedMessage" or "queryName" or "xmlNamespace" or "contextParam"))
            {
                definition.Add(new JProperty(trait.Name, trait.Value));
            }
        }

        string name = RegisterInline(wanted, definition);
        inlineOrigins[definition] = Locate(reference);
        reference["shape"] = name;
        work.Enqueue(new KeyValuePair<string, JObject>(name, definition));
    }

    private string RegisterInline(string wanted, JObject definition)
    {
        string name = wanted;
        for (int i = 2; shapeDefinitions.ContainsKey(name); i++)
        {
            name = wanted + i.ToString(CultureInfo.InvariantCulture);
        }

        shapeDefinitions[name] = definition;
        return name;
    }

    private OperationSpec? ReadOperation(JProperty property, AuthKind defaultAuth, HashSet<string> methodNames, List<ShapeSpec> syntheticShapes)
    {
        string name = property.Name;
        if (property.Value is not JObject operation)
        {
            Report(DiagnosticDescriptors.WrongType, property.Value, "operations." + name, "must be a JSON object");
            return null;
        }

        string httpMethod = "POST";
        string requestUri = "/";
        if (operation["http"] is JObject http)
        {
            httpMethod = String(http, "method")?.ToUpperInvariant() ?? "POST";
            requestUri = String(http, "requestUri") ?? "/";
            if (!requestUri.StartsWith("/", StringComparison.Ordinal))
            {
                Report(DiagnosticDescriptors.WrongType, http["requestUri"]!, "operations." + name + ".http.requestUri", "must start with '/'");
                return null;
            }
        }
        else if (operation["http"] is not null)
        {
            Report(DiagnosticDescriptors.WrongType, operation["http"]!, "operations." + name + ".http", "must be a JSON object");
            return null;
        }

        string? inputShape = ReadShapeReference(operation, "input", "operations." + name + ".input");
        string? outputShape = ReadShapeReference(operation, "output", "operations." + name + ".output");
        if ((operation["input"] is not null && inputShape is null) || (operation["output"] is not null && outputShape is null))
        {
            return null;
        }

        foreach (string? shape in new[] { inputShape, outputShape })
        {
            // An enum has a generated type too, but only a structure can be a request or a response.
            if (shape is not null && (!typeNames.ContainsKey(shape) || (String(shapeDefinitions[shape], "type") ?? "string") != "structure" || IsTrue(shapeDefinitions[shape], "eventstream")))
            {
                Report(DiagnosticDescriptors.WrongType, operation, "operations." + name, $"uses '{shape}' as input or output, which is not a structure");
                return null;
            }

            if (shape is not null && (IsTrue(shapeDefinitions[shape], "exception") || shapeDefinitions[shape]["error"] is JObject))
            {
                Report(DiagnosticDescriptors.UnsupportedOperation, property, name, $"its input or output '{shape}' is an error shape");
                return null;
            }

        }

        if (EventStreamLeftOutReason(inputShape, outputShape) is { } eventStreamReason)
        {
            Report(DiagnosticDescriptors.UnsupportedOperation, property, name, eventStreamReason);
            return null;
        }

        var errors = new List<string>();
        if (operation["errors"] is JArray errorList)
        {
            foreach (JToken error in errorList)
            {
                string? errorShape = error is JObject e ? String(e, "shape") : null;
                if (errorShape is null)
                {
                    Report(DiagnosticDescriptors.WrongType, error, "operations." + name + ".errors", "entries must be objects with a 'shape'");
                }
                else if (!shapeDefinitions.ContainsKey(errorShape))
                {
                    Report(DiagnosticDescriptors.UnknownShape, error, errorShape, "operations." + name + ".errors");
                }
                else if ((String(shapeDefinitions[errorShape], "type") ?? "string") != "structure" || IsTrue(shapeDefinitions[errorShape], "eventstream"))
                {
                    // An error is a structure the service answers with; an event stream or a scalar cannot be one.
                    Report(DiagnosticDescriptors.WrongType, error, "operations." + name + ".errors", $"lists '{errorShape}', which is not a structure (an error must be one)");
                }
                else if (typeNames.ContainsKey(errorShape))
                {
                    errors.Add(errorShape);
                }
            }
        }

        AuthKind auth = defaultAuth;
        if (operation["auth"] is JArray authList && authList.Count > 0)
        {
            auth = AuthFromName(authList[0].Type == JTokenType.String ? (string?)authList[0] : null) ?? defaultAuth;
        }
        else if (String(operation, "authtype") is { } authType)
        {
            auth = authType switch
            {
                "none" => AuthKind.None,
                "bearer" => AuthKind.Bearer,
                _ => AuthKind.SigV4,
            };
        }

        string methodBase = CSharpNames.ToPascalCase(name);
        string methodName = methodBase + "Async";
        for (int i = 2; !methodNames.Add(methodName); i++)
        {
            methodName = methodBase + i.ToString(CultureInfo.InvariantCulture) + "Async";
        }

        string requestType = inputShape is not null ? typeNames[inputShape] : SyntheticShape(methodBase + "Request", syntheticShapes, operation);
        string responseType = outputShape is not null ? typeNames[outputShape] : SyntheticShape(methodBase + "Response", syntheticShapes, operation);
        string? hostPrefix = operation["endpoint"] is JObject endpoint ? String(endpoint, "hostPrefix") : null;
        if (hostPrefix is not null && !LabelsAreClosed(hostPrefix))
        {
            Report(DiagnosticDescriptors.WrongType, operation["endpoint"]!["hostPrefix"]!, "operations." + name + ".endpoint.hostPrefix", "has a '{' without its '}' (labels are written {Member})");
            return null;
        }

        string? requestCompression = ReadRequestCompression(operation, name);
        if (operation["endpointdiscovery"] is JObject discovery && IsTrue(discovery, "required"))
        {
            // Timestream's operations: the SDKs call DescribeEndpoints first; this client does not discover endpoints.
            Report(DiagnosticDescriptors.TraitNotHonoured, discovery, "Operation '" + name + "'", "endpointdiscovery", "the client does not discover endpoints, so calls go to the endpoint the rule set resolves, which the service may refuse");
        }


        // An unsigned SigV4 body (UNSIGNED-PAYLOAD over HTTPS): the runtime honours it per operation.
        bool unsignedPayload = String(operation, "authtype") == "v4-unsigned-body" || IsTrue(operation, "unsignedPayload");

        return new OperationSpec
        {
            Name = name,
            MethodName = methodName,
            HttpMethod = httpMethod,
            RequestUri = requestUri,
            HostPrefix = hostPrefix,
            RequestType = requestType,
            ResponseType = responseType,
            InputShape = inputShape,
            OutputShape = outputShape,
            Auth = auth,
            IsDeprecated = IsTrue(operation, "deprecated"),
            DeprecatedMessage = String(operation, "deprecatedMessage"),
            Documentation = String(operation, "documentation"),
            Errors = errors.ToEquatableArray(),
            RequestChecksumRequired = IsTrue(operation, "httpChecksumRequired")
                || (operation["httpChecksum"] is JObject checksum && IsTrue(checksum, "requestChecksumRequired")),
            RequestCompression = requestCompression,
            Xml = ReadOperationXml(operation),
            EndpointBindings = ReadEndpointBindings(operation, inputShape),
            UnsignedPayload = unsignedPayload,
            HttpChecksum = ReadHttpChecksum(operation),
        };
    }

    /// <summary>
    /// The <c>requestcompression</c> encoding the runtime compresses with (<c>gzip</c>), or null; a trait that lists
    /// only other encodings is reported (SOC043) at the trait, and the request goes out uncompressed.
    /// </summary>
    private string? ReadRequestCompression(JObject operation, string name)
    {
        if (operation["requestcompression"] is not JObject compression)
        {
            return null;
        }

        var encodings = compression["encodings"] is JArray list ? list.Where(e => e.Type == JTokenType.String).Select(e => (string)e!).ToList() : new List<string>();
        if (encodings.Contains("gzip"))
        {
            return "gzip";
        }

        Report(DiagnosticDescriptors.TraitNotHonoured, compression, "Operation '" + name + "'", "requestcompression", "the runtime compresses with gzip only, and the trait lists " + (encodings.Count == 0 ? "no encoding" : string.Join(", ", encodings)) + "; the request is sent uncompressed");
        return null;
    }

    /// <summary>The <c>httpChecksum</c> trait's members, response algorithms and required flag; null when the operation has none of them.</summary>
    private static HttpChecksumSpec? ReadHttpChecksum(JObject operation)
    {
        if (operation["httpChecksum"] is not JObject checksum)
        {
            return null;
        }

        string? responseAlgorithms = checksum["responseAlgorithms"] is JArray algorithms
            ? string.Join(",", algorithms.Where(a => a.Type == JTokenType.String).Select(a => (string)a!))
            : null;
        string? algorithmMember = String(checksum, "requestAlgorithmMember");
        string? validationMember = String(checksum, "requestValidationModeMember");
        bool required = IsTrue(checksum, "requestChecksumRequired");
        return algorithmMember is null && validationMember is null && !required ? null : new HttpChecksumSpec { RequestAlgorithmMember = algorithmMember, RequestValidationModeMember = validationMember, ResponseAlgorithms = responseAlgorithms, RequestChecksumRequired = required };
    }

    /// <summary>True when every <c>{</c> has its <c>}</c> and labels do not nest.</summary>
    private static bool LabelsAreClosed(string template)
    {
        bool open = false;
        foreach (char c in template)
        {
            if (c == '{')
            {
                if (open)
                {
                    return false;
                }

                open = true;
            }
            else if (c == '}')
            {
                open = false;
            }
        }

        return !open;
    }

    /// <summary>The request or response class of an operation that names none; a name collision is reported at the operation.</summary>
    private string SyntheticShape(string wanted, List<ShapeSpec> syntheticShapes, JToken operation)
    {
        string typeName = UniqueTypeName(wanted, wanted, operation);
        syntheticShapes.Add(new ShapeSpec
        {
            Name = typeName,
            TypeName = typeName,
            Kind = ShapeKind.Structure,
            Documentation = null,
            IsDeprecated = false,
            DeprecatedMessage = null,
            Usage = ShapeUsage.None,
            PayloadMember = null,
            Members = EquatableArray<MemberSpec>.Empty,
            EnumValues = EquatableArray<EnumValueSpec>.Empty,
            Error = null,
        });
        return typeName;
    }

    private string? ReadShapeReference(JObject owner, string key, string where)
    {
        JToken? token = owner[key];
        if (token is null)
        {
            return null;
        }

        if (token is not JObject reference || String(reference, "shape") is not { } shape)
        {
            Report(DiagnosticDescriptors.WrongType, token, where, "must be an object with a 'shape' name");
            return null;
        }

        if (!shapeDefinitions.ContainsKey(shape))
        {
            Report(DiagnosticDescriptors.UnknownShape, reference["shape"]!, shape, where);
            return null;
        }

        return shape;
    }

    private ShapeSpec? ReadShape(string name, JObject shape, bool isTopLevelInput, bool isTopLevelOutput)
    {
        if (shape["type"] is { } typeToken && typeToken.Type != JTokenType.String)
        {
            Report(DiagnosticDescriptors.WrongType, typeToken, "shapes." + name + ".type", "must be a string such as \"structure\" or \"string\"");
            return null;
        }

        string type = String(shape, "type") ?? "string";
        if (!KnownTypes.Contains(type))
        {
            Report(DiagnosticDescriptors.WrongType, shape["type"] ?? shape, "shapes." + name + ".type", $"is '{type}', which is not a C2J shape type");
            return null;
        }

        if (type is "list")
        {
            ResolveType(name, "shapes." + name, shape);
            return null;
        }

        if (type is "map")
        {
            ResolveType(name, "shapes." + name, shape);
            return null;
        }

        if (!typeNames.TryGetValue(name, out string? typeName) || IsTrue(shape, "eventstream"))
        {
            // An event stream is no class of its own: ReadEventStreams makes its event hierarchy.
            return null;
        }

        string? documentation = String(shape, "documentation");
        bool deprecated = IsTrue(shape, "deprecated");
        string? deprecatedMessage = String(shape, "deprecatedMessage");
        if (type is "string" or "integer" or "long")
        {
            return ReadEnum(name, typeName, shape, type == "string", documentation, deprecated, deprecatedMessage);
        }

        bool isException = IsTrue(shape, "exception") || shape["error"] is JObject;
        ShapeKind kind = isException ? ShapeKind.Exception : IsTrue(shape, "union") ? ShapeKind.Union : ShapeKind.Structure;
        ErrorInfo? error = null;
        if (isException)
        {
            JObject? errorTrait = shape["error"] as JObject;
            bool fault = IsTrue(shape, "fault");
            int fallbackStatus = fault ? 500 : 400;
            long? modelStatus = errorTrait is null ? null : Number(errorTrait, "httpStatusCode");
            int status = fallbackStatus;
            if (modelStatus is >= 100 and <= 599)
            {
                status = (int)modelStatus.Value;
            }
            else if (modelStatus is not null || errorTrait?["httpStatusCode"] is { Type: not JTokenType.Null })
            {
                Report(DiagnosticDescriptors.ValueReplaced, errorTrait!["httpStatusCode"]!, "shapes." + name + ".error.httpStatusCode",
                    "is not an HTTP status code (100 to 599)", fallbackStatus.ToString(CultureInfo.InvariantCulture));
            }

            string code = errorTrait is null ? name : String(errorTrait, "code") ?? name;
            bool retryable = shape["retryable"] is JObject;
            bool throttling = shape["retryable"] is JObject retry && IsTrue(retry, "throttling");
            error = new ErrorInfo { Code = code, HttpStatusCode = status, IsRetryable = retryable, IsThrottling = throttling };
        }

        var members = new List<MemberSpec>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (shape["required"] is JArray requiredList)
        {
            foreach (JToken item in requiredList)
            {
                if (item.Type == JTokenType.String)
                {
                    required.Add((string)item!);
                }
            }
        }

        if (shape["members"] is JObject memberObject)
        {
            var propertyNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (JProperty member in memberObject.Properties())
            {
                cancellationToken.ThrowIfCancellationRequested();
                MemberSpec? spec = ReadMember(name, typeName, member, required.Contains(member.Name), isException, isTopLevelInput || isTopLevelOutput, propertyNames);
                if (spec is not null && !isTopLevelInput && spec.Location is MemberLocation.Uri or MemberLocation.QueryString)
                {
                    // Labels and query parameters exist only in requests: in an output they are body members.
                    spec = spec with { Location = MemberLocation.Body };
                }

                if (spec is not null)
                {
                    members.Add(spec);
                }
            }
        }
        else if (shape["members"] is not null)
        {
            Report(DiagnosticDescriptors.WrongType, shape["members"]!, "shapes." + name + ".members", "must be a JSON object");
        }

        string? payload = String(shape, "payload");
        if (payload is not null && shape["members"] is JObject declared && declared[payload] is JObject payloadMember
            && String(payloadMember, "shape") is { } payloadShape && shapeDefinitions.TryGetValue(payloadShape, out JObject? payloadDefinition)
            && IsTrue(payloadDefinition, "eventstream"))
        {
            payload = null;
        }

        if (payload is not null && !members.Exists(m => m.Name == payload))
        {
            Report(DiagnosticDescriptors.UnknownShape, shape["payload"]!, payload, "shapes." + name + ".payload (no such member)");
            payload = null;
        }

        return new ShapeSpec
        {
            Name = name,
            TypeName = typeName,
            Kind = kind,
            Documentation = documentation,
            IsDeprecated = deprecated,
            DeprecatedMessage = deprecatedMessage,
            Usage = ShapeUsage.None,
            PayloadMember = protocol.BindsHttp ? payload : null,
            Members = members.ToEquatableArray(),
            EnumValues = EquatableArray<EnumValueSpec>.Empty,
            Error = error,
            Xml = ReadShapeXml(shape),
            EventStream = isTopLevelOutput ? ReadEventStreamMember(name, typeName, members) : isTopLevelInput && protocol.InputEventStreams ? ReadEventStreamMember(name, typeName, members, isInput: true) : null,
        };
    }

    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
    {
        "structure", "list", "map", "string", "boolean", "byte", "short", "integer", "long", "float", "double",
        "bigInteger", "bigDecimal", "timestamp", "blob", "character",
    };

    private ShapeSpec ReadEnum(string name, string typeName, JObject shape, bool isString, string? documentation, bool deprecated, string? deprecatedMessage)
    {
        var values = new List<EnumValueSpec>();
        // Names the generated struct (or object) already defines.
        var memberNames = new HashSet<string>(StringComparer.Ordinal)
        {
            typeName, "Value", "ToString", "Equals", "GetHashCode", "GetType", "KnownValues", "IsKnown", "MemberwiseClone", "ReferenceEquals", "Finalize",
            "value", "knownSet",
        };
        var wireValues = new HashSet<string>(StringComparer.Ordinal);
        foreach (JToken item in (JArray)shape["enum"]!)
        {
            string wire = item.Type is JTokenType.String or JTokenType.Integer ? item.ToString() : string.Empty;
            if (wire.Length == 0 && item.Type != JTokenType.String)
            {
                Report(DiagnosticDescriptors.WrongType, item, "shapes." + name + ".enum", "entries must be strings (or integers for integer enums)");
                continue;
            }

            long intValue = 0;
            if (!isString && !long.TryParse(wire, NumberStyles.Integer, CultureInfo.InvariantCulture, out intValue))
            {
                Report(DiagnosticDescriptors.WrongType, item, "shapes." + name + ".enum", $"has '{wire}', which is not an integer");
                continue;
            }

            if (!isString && intValue is > int.MaxValue or < int.MinValue)
            {
                Report(DiagnosticDescriptors.WrongType, item, "shapes." + name + ".enum", $"has '{wire}', which is outside the range of a 32-bit integer");
                continue;
            }

            // A value listed twice is one value (the official SDKs keep the first).
            if (!wireValues.Add(isString ? wire : intValue.ToString(CultureInfo.InvariantCulture)))
            {
                continue;
            }

            string memberBase = CSharpNames.ToEnumMemberName(wire);
            string memberName = memberBase;
            for (int i = 2; !memberNames.Add(memberName); i++)
            {
                memberName = memberBase + i.ToString(CultureInfo.InvariantCulture);
            }

            if (memberName != memberBase)
            {
                Report(DiagnosticDescriptors.NameCollision, item, name + "." + wire, "another value or member named '" + memberBase + "'", memberName);
            }

            values.Add(new EnumValueSpec { MemberName = memberName, WireValue = wire, IntValue = intValue });
        }

        return new ShapeSpec
        {
            Name = name,
            TypeName = typeName,
            Kind = isString ? ShapeKind.StringEnum : ShapeKind.IntEnum,
            Documentation = documentation,
            IsDeprecated = deprecated,
            DeprecatedMessage = deprecatedMessage,
            Usage = ShapeUsage.None,
            PayloadMember = null,
            Members = EquatableArray<MemberSpec>.Empty,
            EnumValues = values.ToEquatableArray(),
            Error = null,
        };
    }

    /// <summary>What a member's C# name would clash with in its generated class, or null when nothing.</summary>
    private static string? MemberNameClash(string propertyName, string typeName, bool isException) =>
        propertyName == typeName ? "the name of its class"
        : ReservedMemberNames.Contains(propertyName) ? "the member System.Object." + propertyName
        : isException && (ReservedExceptionMemberNames.Contains(propertyName) || propertyName == "Message") ? "the exception base class's member " + propertyName
        : null;

    private MemberSpec? ReadMember(string shapeName, string typeName, JProperty property, bool isRequired, bool isException, bool isTopLevel, HashSet<string> propertyNames)
    {
        // The member's path for a diagnostic, made only when one is reported (this runs for every member of the model).
        string Where() => "shapes." + shapeName + ".members." + property.Name;

        if (property.Value is not JObject member)
        {
            Report(DiagnosticDescriptors.WrongType, property.Value, Where(), "must be an object with a 'shape' name");
            return null;
        }

        if (String(member, "shape") is not { } target)
        {
            Report(DiagnosticDescriptors.WrongType, member, Where(), "must name its 'shape'");
            return null;
        }

        // An event stream is no body member: an output's becomes its EventStream (ReadEventStreamMember), an input's its EventStream too (the caller's events).
        if (shapeDefinitions.TryGetValue(target, out JObject? streamShape) && IsTrue(streamShape, "eventstream"))
        {
            return null;
        }

        TypeRef? type = typeRefs.TryGetValue(target, out TypeRef? resolved) ? resolved : ResolveType(target, Where(), member["shape"]!);
        if (type is null)
        {
            return null;
        }

        // Streaming and requiresLength may sit on the member (Smithy-converted models) or on the blob shape (botocore).
        if (type.Kind == TypeKind.Blob && !type.IsStreaming && IsTrue(member, "streaming"))
        {
            type = type with { IsStreaming = true, Signature = "Stream" };
        }

        if (type.IsStreaming && (IsTrue(member, "requiresLength") || (shapeDefinitions.TryGetValue(target, out JObject? blobShape) && IsTrue(blobShape, "requiresLength"))))
        {
            type = type with { RequiresLength = true };
        }

        if (String(member, "timestampFormat") is { } memberFormat && type.Kind == TypeKind.Timestamp)
        {
            type = type with { TimestampFormat = ParseTimestampFormat(memberFormat), Signature = "Timestamp" + ParseTimestampFormat(memberFormat) };
        }

        MemberLocation location = MemberLocation.Body;
        string? locationName = String(member, "locationName");
        if (protocol.BindsHttp && String(member, "location") is { } locationText)
        {
            switch (locationText)
            {
                case "uri": location = MemberLocation.Uri; break;
                case "querystring": location = MemberLocation.QueryString; break;
                case "header": location = MemberLocation.Header; break;
                case "headers": location = MemberLocation.Headers; break;
                case "statusCode": location = MemberLocation.StatusCode; break;
                default:
                    Report(DiagnosticDescriptors.UnsupportedMember, member["location"]!, Where(), $"the location '{locationText}'");
                    break;
            }
        }

        if (location == MemberLocation.StatusCode && type.Kind != TypeKind.Integer)
        {
            Report(DiagnosticDescriptors.UnsupportedMember, member["location"]!, Where(), "the statusCode location on a member that is not an integer");
            location = MemberLocation.Body;
        }
        else if (location == MemberLocation.Headers && !(type.Kind == TypeKind.Map && type.Value!.Kind == TypeKind.String))
        {
            Report(DiagnosticDescriptors.UnsupportedMember, member["location"]!, Where(), "the headers location on a member that is not a map of strings");
            location = MemberLocation.Body;
        }

        string propertyName = CSharpNames.ToPascalCase(property.Name);
        bool isMessage = isException && (property.Name is "message" or "Message");
        if (isMessage)
        {
            // Exception.Message is read-only: the message always comes from the error body.
            propertyName = "Message";
            location = MemberLocation.Body;
        }
        else if (MemberNameClash(propertyName, typeName, isException) is { } clash)
        {
            propertyName += "Value";
            Report(DiagnosticDescriptors.NameCollision, property, shapeName + "." + property.Name, clash, propertyName);
        }

        string unique = propertyName;
        for (int i = 2; !propertyNames.Add(unique); i++)
        {
            unique = propertyName + i.ToString(CultureInfo.InvariantCulture);
        }

        if (unique != propertyName)
        {
            Report(DiagnosticDescriptors.NameCollision, property, shapeName + "." + property.Name, "another member's C# name '" + propertyName + "'", unique);
        }

        JObject targetShape = shapeDefinitions[target];
        bool sensitive = type.IsSensitive || IsTrue(targetShape, "sensitive");
        string wireName = location == MemberLocation.Body && locationName is not null ? locationName : property.Name;
        return new MemberSpec
        {
            Name = property.Name,
            PropertyName = unique,
            WireName = wireName,
            Type = type,
            Location = isTopLevel || isException ? location : MemberLocation.Body,
            LocationName = locationName ?? property.Name,
            IsRequired = isRequired,
            IsSensitive = sensitive,
            IsIdempotencyToken = IsTrue(member, "idempotencyToken"),
            IsJsonValue = IsTrue(member, "jsonvalue"),
            IsDeprecated = IsTrue(member, "deprecated"),
            DeprecatedMessage = String(member, "deprecatedMessage"),
            Documentation = String(member, "documentation"),
            Constraints = new Constraints { Min = Number(targetShape, "min"), Max = Number(targetShape, "max") },
            Xml = ReadMemberXml(member),
        };
    }

    private static TimestampFormat ParseTimestampFormat(string? format) => format switch
    {
        "unixTimestamp" => TimestampFormat.EpochSeconds,
        "iso8601" => TimestampFormat.Iso8601,
        "rfc822" => TimestampFormat.Rfc822,
        _ => TimestampFormat.Default,
    };

    /// <summary>Resolves a shape name to the type of a value of that shape; null after a diagnostic.</summary>
    private TypeRef? ResolveType(string shapeName, string referrer, JToken at) =>
        typeRefs.TryGetValue(shapeName, out TypeRef? cached) ? cached : ResolveType(shapeName, referrer, at, new List<string>());

    private TypeRef? ResolveType(string shapeName, string referrer, JToken at, List<string> stack)
    {
        if (typeRefs.TryGetValue(shapeName, out TypeRef? cached))
        {
            return cached;
        }

        if (!shapeDefinitions.TryGetValue(shapeName, out JObject? shape))
        {
            if (reportedUnknown.Add(shapeName + "\0" + referrer))
            {
                Report(DiagnosticDescriptors.UnknownShape, at, shapeName, referrer);
            }

            return null;
        }

        if (stack.Count >= MaxNesting)
        {
            if (!reportedTooDeep)
            {
                reportedTooDeep = true;
                Report(DiagnosticDescriptors.NestingTooDeep, shape, stack[0], MaxNesting.ToString(CultureInfo.InvariantCulture));
            }

            typeRefs[shapeName] = null;
            return null;
        }

        if (stack.Contains(shapeName))
        {
            Report(DiagnosticDescriptors.ShapeCycle, shape, shapeName, string.Join(" → ", stack) + " → " + shapeName);
            typeRefs[shapeName] = null;
            return null;
        }

        string type = String(shape, "type") ?? "string";
        bool sensitive = IsTrue(shape, "sensitive");
        TypeRef? result;
        switch (type)
        {
            case "string":
            case "character":
                result = typeNames.TryGetValue(shapeName, out string? enumName)
                    ? Simple(TypeKind.StringEnum, enumName, sensitive, "Enum" + enumName)
                    : Simple(TypeKind.String, null, sensitive, "String");
                break;
            case "boolean": result = Simple(TypeKind.Boolean, null, sensitive, "Boolean"); break;
            case "byte": result = Simple(TypeKind.Byte, null, sensitive, "Byte"); break;
            case "short": result = Simple(TypeKind.Short, null, sensitive, "Short"); break;
            case "integer":
            case "long":
                result = typeNames.TryGetValue(shapeName, out string? intEnumName)
                    ? Simple(TypeKind.IntEnum, intEnumName, sensitive, "IntEnum" + intEnumName)
                    : Simple(type == "integer" ? TypeKind.Integer : TypeKind.Long, null, sensitive, type == "integer" ? "Integer" : "Long");
                break;
            case "float": result = Simple(TypeKind.Float, null, sensitive, "Float"); break;
            case "double": result = Simple(TypeKind.Double, null, sensitive, "Double"); break;
            case "bigInteger": result = Simple(TypeKind.BigInteger, null, sensitive, "BigInteger"); break;
            case "bigDecimal": result = Simple(TypeKind.BigDecimal, null, sensitive, "BigDecimal"); break;
            case "timestamp":
                TimestampFormat format = ParseTimestampFormat(String(shape, "timestampFormat"));
                result = new TypeRef { Kind = TypeKind.Timestamp, TimestampFormat = format, IsSensitive = sensitive, Signature = "Timestamp" + format };
                break;
            case "blob":
                bool streaming = IsTrue(shape, "streaming");
                result = new TypeRef { Kind = TypeKind.Blob, IsSensitive = sensitive, IsStreaming = streaming, Signature = streaming ? "Stream" : "Blob" };
                break;
            case "structure":
                if (IsTrue(shape, "document"))
                {
                    result = Simple(TypeKind.Document, null, sensitive, "Document");
                }
                else if (!IsTrue(shape, "eventstream") && typeNames.TryGetValue(shapeName, out string? structName))
                {
                    result = Simple(TypeKind.Structure, structName, sensitive, "Struct" + structName);
                }
                else
                {
                    Report(DiagnosticDescriptors.UnsupportedMember, at, referrer, "an event stream outside an operation's input or output");
                    result = null;
                }

                break;
            case "list":
                stack.Add(shapeName);
                result = ResolveElement(shape, "member", shapeName, stack, out TypeRef? element)
                    ? new TypeRef
                    {
                        Kind = TypeKind.List,
                        Element = element,
                        IsSensitive = sensitive || element!.IsSensitive,
                        IsSparse = IsTrue(shape, "sparse"),
                        Signature = (IsTrue(shape, "sparse") ? "SparseListOf" : "ListOf") + element!.Signature,
                        Xml = ReadCollectionXml(shape),
                    }
                    : null;
                stack.RemoveAt(stack.Count - 1);
                break;
            case "map":
                stack.Add(shapeName);
                TypeRef? value = null;
                result = ResolveElement(shape, "key", shapeName, stack, out TypeRef? key) && ResolveElement(shape, "value", shapeName, stack, out value)
                    ? key!.Kind is TypeKind.String or TypeKind.StringEnum
                        ? new TypeRef
                        {
                            Kind = TypeKind.Map,
                            Element = key,
                            Value = value,
                            IsSensitive = sensitive || value!.IsSensitive || key.IsSensitive,
                            IsSparse = IsTrue(shape, "sparse"),
                            Signature = (IsTrue(shape, "sparse") ? "SparseMapOf" : "MapOf") + value!.Signature,
                            Xml = ReadCollectionXml(shape),
                        }
                        : WrongMapKey(shape, shapeName)
                    : null;
                stack.RemoveAt(stack.Count - 1);
                break;
            default:
                // ReadShape reports the unknown type once, at the shape itself.
                result = null;
                break;
        }

        typeRefs[shapeName] = result;
        return result;
    }

    private TypeRef? WrongMapKey(JObject shape, string shapeName)
    {
        Report(DiagnosticDescriptors.WrongType, shape["key"] ?? shape, "shapes." + shapeName + ".key", "must be a string shape (JSON object keys are strings)");
        return null;
    }

    private bool ResolveElement(JObject shape, string key, string shapeName, List<string> stack, out TypeRef? element)
    {
        element = null;
        if (shape[key] is not JObject reference || String(reference, "shape") is not { } target)
        {
            Report(DiagnosticDescriptors.WrongType, shape[key] ?? shape, "shapes." + shapeName + "." + key, "must be an object with a 'shape' name");
            return false;
        }

        element = ResolveType(target, "shapes." + shapeName + "." + key, reference["shape"]!, stack);
        return element is not null;
    }

    private static TypeRef Simple(TypeKind kind, string? typeName, bool sensitive, string signature) =>
        new() { Kind = kind, TypeName = typeName, IsSensitive = sensitive, Signature = signature };

    /// <summary>
    /// Reports the deepest structure whose members nest lists, maps and structures past <see cref="MaxNesting"/>
    /// (a chain of structures has no bound in the model, but a JSON reader has one). Iterative: the depth of a
    /// chain of ten thousand structures must not overflow the stack. A reference back into the chain being
    /// measured (a recursive shape) counts as a leaf.
    /// </summary>
    private void CheckNesting(List<ShapeSpec> shapes)
    {
        var byType = new Dictionary<string, ShapeSpec>(StringComparer.Ordinal);
        foreach (ShapeSpec shape in shapes)
        {
            byType[shape.TypeName] = shape;
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        ShapeSpec? deepest = null;
        int deepestDepth = 0;
        foreach (ShapeSpec root in shapes)
        {
            if (depth.ContainsKey(root.TypeName) || root.Kind is ShapeKind.StringEnum or ShapeKind.IntEnum)
            {
                continue;
            }

            var work = new Stack<(ShapeSpec Shape, bool Expanded)>();
            work.Push((root, false));
            while (work.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                (ShapeSpec shape, bool expanded) = work.Pop();
                if (!expanded)
                {
                    if (depth.ContainsKey(shape.TypeName) || !onStack.Add(shape.TypeName))
                    {
                        continue;
                    }

                    work.Push((shape, true));
                    foreach (MemberSpec member in shape.Members)
                    {
                        string? child = InnermostStructure(member.Type, out _);
                        if (child is not null && !depth.ContainsKey(child) && !onStack.Contains(child) && byType.TryGetValue(child, out ShapeSpec? next))
                        {
                            work.Push((next, false));
                        }
                    }

                    continue;
                }

                int own = 1;
                foreach (MemberSpec member in shape.Members)
                {
                    string? child = InnermostStructure(member.Type, out int containers);
                    int below = child is not null && depth.TryGetValue(child, out int d) ? d : 0;
                    own = Math.Max(own, 1 + containers + below);
                }

                onStack.Remove(shape.TypeName);
                depth[shape.TypeName] = own;
                if (own > deepestDepth)
                {
                    deepestDepth = own;
                    deepest = shape;
                }
            }
        }

        if (deepest is not null && deepestDepth > MaxNesting && !reportedTooDeep)
        {
            reportedTooDeep = true;
            JToken at = shapeDefinitions.TryGetValue(deepest.Name, out JObject? definition) ? definition : new JObject();
            Report(DiagnosticDescriptors.NestingTooDeep, at, deepest.Name, MaxNesting.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The structure type at the bottom of a list/map type, and how many containers lead to it.</summary>
    private static string? InnermostStructure(TypeRef type, out int containers)
    {
        containers = 0;
        TypeRef current = type;
        while (current.Kind is TypeKind.List or TypeKind.Map)
        {
            containers++;
            current = current.Kind == TypeKind.List ? current.Element! : current.Value!;
        }

        return current.Kind == TypeKind.Structure ? current.TypeName : null;
    }
}

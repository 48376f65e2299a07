namespace SsoOidcCodegen.Generator.Parsing;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Diagnostics;
using SsoOidcCodegen.Generator.Emitting;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <summary>
/// Reads a C2J service model (botocore "normal" form or the JavaScript SDK's "min" form) into a
/// <see cref="ServiceSpec"/> and located diagnostics. It never writes C#, and it never throws for
/// bad input: every problem becomes a diagnostic pointing at the line in the model.
/// </summary>
internal sealed partial class ServiceModelParser
{
    /// <summary>
    /// The root namespaces of the generated files' <c>using</c> directives, which a type in the model namespace
    /// would shadow. No BCL or runtime type name is reserved: generated code writes those <c>global::</c>-qualified
    /// and model types by their full name, so a shape may be called <c>Task</c>, <c>Object</c>, <c>Range</c> or
    /// <c>File</c> and keeps the name the official SDKs give it.
    /// </summary>
    private static readonly HashSet<string> ReservedTypeNames = new(StringComparer.Ordinal) { "System", "SsoOidcCodegen" };

    private static readonly HashSet<string> ReservedMemberNames = new(StringComparer.Ordinal)
    {
        "ToString", "GetHashCode", "Equals", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
        CSharpNames.CopyForIdempotencyTokens,
    };

    private static readonly HashSet<string> ReservedExceptionMemberNames = new(StringComparer.Ordinal)
    {
        "Data", "Source", "HResult", "StackTrace", "InnerException", "HelpLink", "TargetSite", "ErrorCode",
        "StatusCode", "RequestId", "GetBaseException", "GetObjectData", "Code", "IsModeledRetryable", "IsModeledThrottling", "SerializeObjectState",
    };

    /// <summary>Four times the largest AWS model: a bigger file is not a service model.</summary>
    internal const int MaxModelLength = 20 * 1024 * 1024;

    /// <summary>Lists, maps and structures nest at most this deep (System.Text.Json's default reader depth).</summary>
    private const int MaxNesting = 64;

    private readonly ModelInput input;
    private readonly CancellationToken cancellationToken;
    private readonly List<DiagnosticInfo> diagnostics = new();
    private readonly Dictionary<string, JObject> shapeDefinitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> typeNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> usedTypeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeRef?> typeRefs = new(StringComparer.Ordinal);
    private readonly HashSet<string> reportedUnknown = new(StringComparer.Ordinal);
    private readonly List<string> leftOut = new();
    private readonly Dictionary<JObject, LocationInfo> inlineOrigins = new(ReferenceComparer.Instance);
    private bool reportedTooDeep;
    private (JToken Token, string What)? reading;
    private WireProtocol protocol = RestJsonProtocol.Descriptor;
    private DiagnosticSeverity? leftOutSeverity;

    private ServiceModelParser(ModelInput input, CancellationToken cancellationToken)
    {
        this.input = input;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>Parses one model. Exceptions other than cancellation become an SOC011 diagnostic.</summary>
    public static ParseResult Parse(ModelInput input, CancellationToken cancellationToken)
    {
        var parser = new ServiceModelParser(input, cancellationToken);
        try
        {
            ServiceSpec? spec = parser.Run();
            bool failed = parser.diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
            return new ParseResult(failed ? null : spec, parser.diagnostics.ToEquatableArray());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // At the shape or operation being read when it failed, else at the top of the file (never line 0).
            (JToken Token, string What)? at = parser.reading;
            LocationInfo location = at is { } element ? parser.Locate(element.Token) : At(input.Path, 1, 1);
            string where = at is { } read ? " (reading " + read.What + ")" : string.Empty;
            parser.diagnostics.Add(new DiagnosticInfo
            {
                Id = DiagnosticDescriptors.GeneratorFailure.Id,
                Location = location,
                Arguments = new EquatableArray<string>(new[] { Path.GetFileName(input.Path), exception.GetType().Name + ": " + exception.Message + where }),
            });
            return new ParseResult(null, parser.diagnostics.ToEquatableArray());
        }
    }

    /// <summary>
    /// Tests only: called with the model path and each element the parser starts to read, so that a test
    /// can make the last-resort guard run. Null outside those tests.
    /// </summary>
    internal static Action<string, string>? ElementHook { get; set; }

    /// <summary>Records the element being read, for the last-resort guard's location.</summary>
    private void Reading(JToken token, string what)
    {
        reading = (token, what);
        ElementHook?.Invoke(input.Path, what);
    }

    private ServiceSpec? Run()
    {
        if (input.Text.Length > MaxModelLength)
        {
            diagnostics.Add(new DiagnosticInfo
            {
                Id = DiagnosticDescriptors.ModelTooLarge.Id,
                Location = At(input.Path, 1, 1),
                Arguments = new EquatableArray<string>(new[] { input.Text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxModelLength.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            });
            return null;
        }

        ReadLeftOutSeverity();
        JToken? root = ReadJson(input.Text, input.Path);
        if (root is null)
        {
            return null;
        }

        if (root is not JObject model)
        {
            Report(DiagnosticDescriptors.WrongType, root, "(root)", "must be a JSON object with 'metadata', 'operations' and 'shapes'");
            return null;
        }

        if (model["metadata"] is not JObject metadata)
        {
            Report(DiagnosticDescriptors.MissingElement, model["metadata"] ?? model, "metadata", "a service model needs a 'metadata' object");
            return null;
        }

        if (!TryReadProtocol(metadata))
        {
            return null;
        }

        string? serviceId = String(metadata, "serviceId") ?? String(metadata, "serviceAbbreviation") ?? String(metadata, "serviceFullName");
        if (serviceId is null)
        {
            serviceId = Path.GetFileNameWithoutExtension(input.Path).Split('.')[0];
        }

        string endpointPrefix = String(metadata, "endpointPrefix") ?? serviceId.ToLowerInvariant().Replace(' ', '-');
        string signingName = String(metadata, "signingName") ?? endpointPrefix;
        string apiVersion = String(metadata, "apiVersion") ?? string.Empty;
        string? targetPrefix = String(metadata, "targetPrefix");
        if (protocol.TargetPrefixUse is { } targetPrefixUse && targetPrefix is null)
        {
            Report(DiagnosticDescriptors.MissingElement, metadata, "metadata.targetPrefix", targetPrefixUse);
            return null;
        }

        AuthKind defaultAuth = ReadDefaultAuth(metadata);

        if (!TryReadOptions(serviceId, out string ns, out string clientName, out string serviceName, out bool isPublic))
        {
            return null;
        }

        if (model["shapes"] is not JObject shapes)
        {
            Report(DiagnosticDescriptors.MissingElement, model["shapes"] ?? model, "shapes", "a service model needs a 'shapes' object");
            return null;
        }

        if (model["operations"] is not JObject operations)
        {
            Report(DiagnosticDescriptors.MissingElement, model["operations"] ?? model, "operations", "a service model needs an 'operations' object");
            return null;
        }

        foreach (JProperty shape in shapes.Properties())
        {
            if (shape.Value is JObject definition)
            {
                shapeDefinitions[shape.Name] = definition;
            }
            else
            {
                Report(DiagnosticDescriptors.WrongType, shape.Value, "shapes." + shape.Name, "must be a JSON object");
            }
        }

        if (!SelectOperations(operations))
        {
            return null;
        }

        NameInlineShapes(operations);
        foreach (string reserved in new[] { clientName, "I" + clientName, serviceName + "Exception", serviceName + "ClientOptions" })
        {
            usedTypeNames.Add(reserved);
        }

        AssignTypeNames();

        var operationSpecs = new List<OperationSpec>();
        var topLevelInputs = new HashSet<string>(StringComparer.Ordinal);
        var topLevelOutputs = new HashSet<string>(StringComparer.Ordinal);
        var syntheticShapes = new List<ShapeSpec>();
        var methodNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (JProperty operation in operations.Properties())
        {
            cancellationToken.ThrowIfCancellationRequested();
            Reading(operation, "operations." + operation.Name);
            OperationSpec? spec = ReadOperation(operation, defaultAuth, methodNames, syntheticShapes);
            if (spec is null)
            {
                continue;
            }

            operationSpecs.Add(spec);
            topLevelInputs.Add(spec.InputShape ?? "\0" + spec.RequestType);
            topLevelOutputs.Add(spec.OutputShape ?? "\0" + spec.ResponseType);
        }

        var shapeSpecs = new List<ShapeSpec>();
        foreach (KeyValuePair<string, JObject> shape in shapeDefinitions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Reading(shape.Value, "shapes." + shape.Key);
            ShapeSpec? spec = ReadShape(shape.Key, shape.Value, topLevelInputs.Contains(shape.Key), topLevelOutputs.Contains(shape.Key));
            if (spec is not null)
            {
                shapeSpecs.Add(spec);
            }
        }

        reading = null;
        shapeSpecs.AddRange(syntheticShapes);
        CheckNesting(shapeSpecs);
        List<EventStreamSpec> eventStreams = ReadEventStreams(shapeSpecs);
        shapeSpecs = WithUsage(
            shapeSpecs,
            operationSpecs,
            eventStreams.Where(s => s.IsOutput).SelectMany(s => s.Events.Select(e => e.StructureType)),
            eventStreams.Where(s => s.IsInput).SelectMany(s => s.Events.Select(e => e.StructureType)));
        EquatableArray<PaginatorSpec> paginators = ReadPaginators(operationSpecs, shapeSpecs);
        EquatableArray<WaiterSpec> waiters = ReadWaiters(operationSpecs, shapeSpecs);
        SsoOidcCodegen.Generator.Endpoints.BoundRuleSet? endpointRules = ReadEndpointRules(ns, serviceName, isPublic);

        return new ServiceSpec
        {
            ModelIdentity = ModelIdentity(input.Path),
            Namespace = ns,
            ClientName = clientName,
            ServiceName = serviceName,
            IsPublic = isPublic,
            Protocol = protocol.Kind,
            ApiVersion = apiVersion,
            ServiceId = serviceId,
            EndpointPrefix = endpointPrefix,
            SigningName = signingName,
            TargetPrefix = targetPrefix,
            Documentation = String(model, "documentation"),
            Operations = operationSpecs.ToEquatableArray(),
            Shapes = shapeSpecs.ToEquatableArray(),
            Paginators = paginators,
            EndpointRules = endpointRules,
            AwsQueryCompatible = metadata["awsQueryCompatible"] is JObject,
            Waiters = waiters,
            LeftOut = leftOut.ToEquatableArray(),
            ModelPath = input.Path,
            ClientContextParams = ReadClientContextParams(model),
            EventStreams = eventStreams.ToEquatableArray(),
        };
    }

    /// <summary>
    /// Parses and binds the endpoint rule set, once: the bound rule set (with the parameters' property names) goes
    /// into the spec for the emitter, and its problems become located diagnostics.
    /// </summary>
    private SsoOidcCodegen.Generator.Endpoints.BoundRuleSet? ReadEndpointRules(string ns, string serviceName, bool isPublic)
    {
        if (input.EndpointRuleSetText is null || input.EndpointRuleSetPath is null)
        {
            return null;
        }

        string path = input.EndpointRuleSetPath;
        var parsed = SsoOidcCodegen.Generator.Endpoints.EndpointRuleSetCompiler.Parse(input.EndpointRuleSetText, path, cancellationToken);
        bool failed = AddEndpointDiagnostics(parsed.Diagnostics);
        if (parsed.Spec is null || failed)
        {
            return null;
        }

        var bound = SsoOidcCodegen.Generator.Endpoints.EndpointRuleSetCompiler.Bind(parsed.Spec, path, ns + ".Endpoints", serviceName, isPublic, cancellationToken);
        return AddEndpointDiagnostics(bound.Diagnostics) ? null : bound.RuleSet;
    }

    private bool AddEndpointDiagnostics(EquatableArray<DiagnosticInfo> items)
    {
        bool failed = false;
        foreach (DiagnosticInfo item in items)
        {
            failed |= item.IsError;
            diagnostics.Add(item);
        }

        return failed;
    }

    /// <summary>The file name without directories and the <c>.json</c> / <c>.service-2.json</c> suffix.</summary>
    public static string ModelIdentity(string path)
    {
        string name = Path.GetFileName(path);
        foreach (string suffix in new[] { ".service-2.json", ".min.json", ".normal.json", ".json" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return name.Substring(0, name.Length - suffix.Length);
            }
        }

        return name;
    }

    private JToken? ReadJson(string text, string path)
    {
        try
        {
            using var stringReader = new StringReader(text);
            using var reader = new JsonTextReader(stringReader)
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = 256,
            };
            var settings = new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Load,
                CommentHandling = CommentHandling.Ignore,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
            };
            JToken root = JToken.ReadFrom(reader, settings);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException("Additional text after the end of the JSON value.", reader.Path, reader.LineNumber, reader.LinePosition, null);
                }
            }

            return root;
        }
        catch (JsonException exception)
        {
            int line = exception is JsonReaderException r ? r.LineNumber : 0;
            int column = exception is JsonReaderException r2 ? r2.LinePosition : 0;
            string message = exception.Message;
            int pathAt = message.IndexOf(" Path '", StringComparison.Ordinal);
            if (pathAt > 0)
            {
                message = message.Substring(0, pathAt);
            }

            diagnostics.Add(new DiagnosticInfo
            {
                Id = DiagnosticDescriptors.InvalidJson.Id,
                Location = At(path, line, column),
                Arguments = new EquatableArray<string>(new[] { message.TrimEnd('.') + (line > 0 ? string.Empty : " (the file is empty or ends too early)") }),
            });
            return null;
        }
    }

    private bool TryReadProtocol(JObject metadata)
    {
        var candidates = new List<(string Name, JToken At)>();
        if (metadata["protocols"] is JArray list)
        {
            foreach (JToken item in list)
            {
                if (item.Type == JTokenType.String)
                {
                    candidates.Add(((string)item!, item));
                }
            }
        }

        if (metadata["protocol"] is JValue { Type: JTokenType.String } single)
        {
            candidates.Add(((string)single!, single));
        }

        if (candidates.Count == 0)
        {
            Report(DiagnosticDescriptors.MissingElement, metadata["protocol"] ?? metadata, "metadata.protocol", "the model must name its wire protocol");
            return false;
        }

        // metadata.protocols is a priority list: the first protocol this generator speaks wins.
        foreach ((string name, JToken _) in candidates)
        {
            WireProtocol? spoken = WireProtocols.FromModel(name, String(metadata, "jsonVersion"));
            if (spoken is not null)
            {
                protocol = spoken;
                return true;
            }
        }

        Report(DiagnosticDescriptors.UnsupportedProtocol, candidates[candidates.Count - 1].At, candidates[candidates.Count - 1].Name);
        return false;
    }

    private AuthKind ReadDefaultAuth(JObject metadata)
    {
        if (metadata["auth"] is JArray auth)
        {
            foreach (JToken scheme in auth)
            {
                AuthKind? kind = AuthFromName(scheme.Type == JTokenType.String ? (string?)scheme : null);
                if (kind is not null)
                {
                    return kind.Value;
                }
            }
        }

        string? signatureVersion = String(metadata, "signatureVersion");
        AuthKind? named = AuthFromName(signatureVersion);
        if (signatureVersion is not null && named is null)
        {
            // SimpleDB's and Import/Export's v2: the runtime has no SigV2 signer, so the requests go out signed with SigV4.
            Report(DiagnosticDescriptors.TraitNotHonoured, metadata["signatureVersion"]!, "The service", "signatureVersion: " + signatureVersion, "the runtime signs with SigV4, bearer tokens or not at all, so requests are signed with SigV4");
        }

        return named ?? AuthKind.SigV4;
    }

    private static AuthKind? AuthFromName(string? name) => name switch
    {
        "aws.auth#sigv4" or "v4" or "s3v4" or "s3" => AuthKind.SigV4,
        "smithy.api#httpBearerAuth" or "bearer" => AuthKind.Bearer,
        "smithy.api#noAuth" or "none" => AuthKind.None,
        _ => null,
    };

    /// <summary>The namespaces generated inside the service's: a type of the service's namespace must not take one of these names.</summary>
    private static readonly HashSet<string> SubNamespaces = new(ServiceEmitter.SubNamespaceNames, StringComparer.Ordinal);

    private bool TryReadOptions(string serviceId, out string ns, out string clientName, out string serviceName, out bool isPublic)
    {
        ModelOptions options = input.Options;
        bool ok = true;
        serviceName = CSharpNames.ToEnumMemberName(serviceId);
        clientName = serviceName + "Client";
        if (!string.IsNullOrWhiteSpace(options.ClientName))
        {
            string name = options.ClientName!.Trim();
            if (!IsIdentifier(name))
            {
                ReportOption("ClientName", name, "it must be a C# identifier");
                ok = false;
            }
            else if (SubNamespaces.Contains(name) || SubNamespaces.Contains("I" + name))
            {
                // The client, or its interface I<name>, would be a type of the same name as a namespace beside it (CS0101).
                ReportOption("ClientName", name, "the client and its interface (I" + name + ") must not be named " + string.Join(", ", ServiceEmitter.SubNamespaceNames) + ": namespaces of those names are generated beside them");
                ok = false;
            }
            else
            {
                clientName = name;
                serviceName = name.EndsWith("Client", StringComparison.Ordinal) && name.Length > 6 ? name.Substring(0, name.Length - 6) : name;
            }
        }

        ns = "Aws." + serviceName;
        if (!string.IsNullOrWhiteSpace(options.Namespace))
        {
            string value = options.Namespace!.Trim();
            if (value.Split('.').All(IsIdentifier))
            {
                ns = value;
            }
            else
            {
                ReportOption("Namespace", value, "it must be a dotted C# namespace such as MyApp.SsoOidc");
                ok = false;
            }
        }

        isPublic = true;
        if (!string.IsNullOrWhiteSpace(options.Visibility))
        {
            string value = options.Visibility!.Trim();
            if (string.Equals(value, "internal", StringComparison.OrdinalIgnoreCase))
            {
                isPublic = false;
            }
            else if (!string.Equals(value, "public", StringComparison.OrdinalIgnoreCase))
            {
                ReportOption("Visibility", value, "use 'public' or 'internal'");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>
    /// Reports SOC010 at the project file that defines the item, the file the user edits to fix it (as a whole: the
    /// generator is not given the item's line and does not read project files); at the model file when the build
    /// does not name that project. The message names the item by its model path either way.
    /// </summary>
    private void ReportOption(string name, string value, string why) =>
        diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.InvalidOption,
            LocationInfo.File(input.Options.DefinedIn ?? input.Path),
            name,
            input.Path,
            value,
            why));

    private static bool IsIdentifier(string name) =>
        name.Length > 0
        && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || c == '_')
        && CSharpNames.EscapeKeyword(name) == name;

    /// <summary>A type name no other generated type has, and no root namespace of a <c>using</c> directive.</summary>
    private string UniqueTypeName(string wanted, string what, JToken at)
    {
        string name = wanted;
        if (ReservedTypeNames.Contains(name) || usedTypeNames.Contains(name))
        {
            string reason = ReservedTypeNames.Contains(name) ? "a namespace the generated code imports" : "another generated type";
            name = wanted + "Shape";
            for (int i = 2; usedTypeNames.Contains(name); i++)
            {
                name = wanted + "Shape" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            diagnostics.Add(new DiagnosticInfo
            {
                Id = DiagnosticDescriptors.NameCollision.Id,
                Location = Locate(at),
                Arguments = new EquatableArray<string>(new[] { what, reason, name }),
            });
        }

        usedTypeNames.Add(name);
        return name;
    }

    private void AssignTypeNames()
    {
        foreach (KeyValuePair<string, JObject> shape in shapeDefinitions)
        {
            string? type = String(shape.Value, "type") ?? "string";
            bool generated = type == "structure" && shape.Value["document"]?.Type != JTokenType.Boolean
                || (type == "string" && shape.Value["enum"] is JArray)
                || ((type == "integer" || type == "long") && shape.Value["enum"] is JArray);
            if (generated && !IsTrue(shape.Value, "document"))
            {
                typeNames[shape.Key] = UniqueTypeName(CSharpNames.ToPascalCase(shape.Key), shape.Key, shape.Value);
            }
        }
    }

    private static string? String(JObject obj, string name) =>
        obj[name] is JValue { Type: JTokenType.String } value ? (string?)value : null;

    private static bool IsTrue(JObject obj, string name) =>
        obj[name] is JValue { Type: JTokenType.Boolean } value && (bool)value;

    private static long? Number(JObject obj, string name) =>
        obj[name] is JValue { Type: JTokenType.Integer or JTokenType.Float } value ? (long)Math.Min((double)value, long.MaxValue) : null;

    private void Report(DiagnosticDescriptor descriptor, JToken at, params string[] arguments) =>
        Add(descriptor, Locate(at), arguments);

    /// <summary>
    /// Adds a diagnostic; one that says an operation, paginator or waiter is left out takes the
    /// model's <c>LeftOutSeverity</c> and is listed in the client's documentation.
    /// </summary>
    private void Add(DiagnosticDescriptor descriptor, LocationInfo location, string[] arguments)
    {
        DiagnosticSeverity? severity = null;
        if (descriptor == DiagnosticDescriptors.UnsupportedOperation || descriptor == DiagnosticDescriptors.InvalidPaginator || descriptor == DiagnosticDescriptors.WaiterLeftOut)
        {
            severity = leftOutSeverity;
            string kind = descriptor == DiagnosticDescriptors.UnsupportedOperation ? "operation" : descriptor == DiagnosticDescriptors.InvalidPaginator ? "paginator" : "waiter";
            leftOut.Add($"{kind} {arguments[0]}: {arguments[1]}");
        }

        diagnostics.Add(new DiagnosticInfo { Id = descriptor.Id, Location = location, Arguments = new EquatableArray<string>(arguments), Severity = severity });
    }

    /// <summary>Reads the <c>LeftOutSeverity</c> item metadata: info (the default), warning, error or hidden.</summary>
    private void ReadLeftOutSeverity()
    {
        string? value = input.Options.LeftOutSeverity?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        switch (value!.ToLowerInvariant())
        {
            case "info":
                leftOutSeverity = DiagnosticSeverity.Info;
                break;
            case "warning":
                leftOutSeverity = DiagnosticSeverity.Warning;
                break;
            case "error":
                leftOutSeverity = DiagnosticSeverity.Error;
                break;
            case "hidden":
                leftOutSeverity = DiagnosticSeverity.Hidden;
                break;
            default:
                ReportOption("LeftOutSeverity", value, "use info, warning, error or hidden");
                break;
        }
    }

    private LocationInfo Locate(JToken token)
    {
        IJsonLineInfo info = token is JProperty property ? property : token.Parent is JProperty parent ? parent : token;
        if (info.HasLineInfo())
        {
            return At(input.Path, info.LineNumber, info.LinePosition);
        }

        // A min-form inline shape is a copy without line info: use the nearest located ancestor, or where it was written inline.
        for (JToken? at = token; at is not null; at = at.Parent)
        {
            if (((IJsonLineInfo)at).HasLineInfo())
            {
                return At(input.Path, ((IJsonLineInfo)at).LineNumber, ((IJsonLineInfo)at).LinePosition);
            }

            if (at.Parent is null && at is JObject root && inlineOrigins.TryGetValue(root, out LocationInfo? origin))
            {
                return origin;
            }
        }

        return new LocationInfo(input.Path, 0, 0, 0, 0);
    }

    /// <summary>Compares JSON objects by reference (a copied inline shape is equal by value to its source).</summary>
    private sealed class ReferenceComparer : IEqualityComparer<JObject>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(JObject? x, JObject? y) => ReferenceEquals(x, y);

        public int GetHashCode(JObject obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    private static LocationInfo At(string path, int line, int column) => LocationInfo.At(path, line, column);
}

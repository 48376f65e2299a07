namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Collections.Generic;
using System.Formats.Cbor;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.Emit;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Parsing;
using SsoOidcCodegen.Tests.Conformance;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Every operation of every real AWS model in the reference data (<c>AWS_MODELS_DIR</c> and
/// <c>AWS_NEXT_MODELS_DIR</c>), called through its generated client with every input member set to a
/// synthetic value: the client must put a request on the wire (no exception before the handler), that
/// request must be well formed for the protocol (a JSON, XML, CBOR or form body that parses, the query
/// protocols' <c>Action</c> and <c>Version</c>, no unfilled <c>{label}</c> in the path), and every string
/// value set anywhere in the input (nested structures, lists and map keys and values included) must
/// appear somewhere in the request: path, host, query, a header or the body. A member the client
/// silently drops is a finding. The values are unique lowercase markers, so each one is found only where
/// its own member put it.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CorpusRequestTests
{
    private const int MaxDepth = 4;

    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach ((string variable, string fallback) in new[] { ("AWS_MODELS_DIR", "aws/models"), ("AWS_NEXT_MODELS_DIR", "aws/next/models") })
        {
            string? directory = ReferenceData.TryGet(variable, fallback);
            if (directory is null)
            {
                data.Add($"({variable} missing)");
                continue;
            }

            foreach (string file in Directory.GetFiles(directory, "*.json", SearchOption.AllDirectories)
                         .Where(IsServiceModel)
                         .OrderBy(f => f, StringComparer.Ordinal))
            {
                data.Add(variable + ":" + Path.GetRelativePath(directory, file).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Every_operation_sends_a_well_formed_request_that_carries_every_value_set(string model)
    {
        int colon = model.IndexOf(':', StringComparison.Ordinal);
        Assert.True(colon > 0, $"The reference data directory is missing: {model}");
        string variable = model[..colon];
        string directory = ReferenceData.Require(variable, variable == "AWS_MODELS_DIR" ? "aws/models" : "aws/next/models");
        string path = Path.Combine(directory, model[(colon + 1)..]);

        SuiteBuild build = Build(path);
        Assert.True(build.Failure is null, build.Failure);
        ServiceSpec spec = build.Spec!;
        var problems = new List<string>();
        int called = 0;
        foreach (OperationSpec operation in spec.Operations)
        {
            var client = new SuiteClient(build, operation.Name);
            var values = new Synthesizer(spec);
            object request;
            try
            {
                request = operation.InputShape is null
                    ? Activator.CreateInstance(client.Values.ModelType(operation.RequestType))!
                    : client.Values.NewStructure(operation.RequestType, values.Structure(operation.RequestType, 0), operation.Name);
            }
            catch (Exception exception)
            {
                problems.Add($"{operation.Name}: the test could not build the request: {exception.Message}");
                continue;
            }

            CapturedRequest captured;
            try
            {
                captured = await client.CaptureAsync(request, new Uri("https://example.com"), validate: false);
            }
            catch (Exception exception)
            {
                problems.Add($"{operation.Name}: no request was sent: {exception.GetType().Name}: {exception.Message}");
                continue;
            }

            called++;
            CheckRequest(spec, operation, captured, values.Markers, problems);
        }

        Assert.True(problems.Count == 0, $"{Path.GetFileName(path)}: {problems.Count} problem(s) in {spec.Operations.Count} operations ({called} sent):\n" + string.Join("\n", problems.Take(40)));
        Assert.Equal(spec.Operations.Count, called);
    }

    private static bool IsServiceModel(string file)
    {
        string name = Path.GetFileName(file);
        return !name.Contains(".paginators", StringComparison.Ordinal)
            && !name.Contains(".waiters", StringComparison.Ordinal)
            && !name.Contains(".endpoint-rule-set", StringComparison.Ordinal);
    }

    private static void CheckRequest(ServiceSpec spec, OperationSpec operation, CapturedRequest request, IReadOnlyList<string> markers, List<string> problems)
    {
        string where = operation.Name;
        string decodedPath = Uri.UnescapeDataString(request.Uri.AbsolutePath);
        if (decodedPath.Contains('{', StringComparison.Ordinal) || decodedPath.Contains('}', StringComparison.Ordinal))
        {
            problems.Add($"{where}: the path has an unfilled label: {request.Uri.AbsolutePath}");
        }

        if (!string.Equals(request.Method, operation.HttpMethod, StringComparison.OrdinalIgnoreCase)
            && spec.Protocol is ProtocolKind.RestJson or ProtocolKind.RestXml)
        {
            problems.Add($"{where}: sent {request.Method}, the model says {operation.HttpMethod}");
        }

        byte[] body = request.Body ?? Array.Empty<byte>();
        request.Headers.TryGetValue("Content-Type", out string? contentType);
        var haystack = new StringBuilder();
        haystack.Append(request.Uri.Host).Append('\n').Append(decodedPath).Append('\n').Append(Uri.UnescapeDataString(request.Uri.Query.Replace('+', ' '))).Append('\n');
        foreach (KeyValuePair<string, string> header in request.Headers)
        {
            haystack.Append(Uri.UnescapeDataString(header.Key)).Append(": ").Append(header.Value).Append('\n');
            if (TryBase64Text(header.Value) is { } decoded)
            {
                haystack.Append(decoded).Append('\n');
            }
        }

        try
        {
            switch (spec.Protocol)
            {
                case ProtocolKind.AwsJson10:
                case ProtocolKind.AwsJson11:
                    using (JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body))
                    {
                    }

                    string target = spec.TargetPrefix + "." + operation.Name;
                    if (!request.Headers.TryGetValue("X-Amz-Target", out string? sentTarget) || sentTarget != target)
                    {
                        problems.Add($"{where}: X-Amz-Target is '{sentTarget}', expected '{target}'");
                    }

                    break;
                case ProtocolKind.RestJson when body.Length > 0 && contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true:
                    using (JsonDocument.Parse(body))
                    {
                    }

                    break;
                case ProtocolKind.RestXml when body.Length > 0 && (contentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true || body[0] == (byte)'<'):
                    XDocument.Parse(Encoding.UTF8.GetString(body));
                    break;
                case ProtocolKind.AwsQuery:
                case ProtocolKind.Ec2Query:
                    Dictionary<string, string> form = Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries)
                        .Select(pair => pair.Split('=', 2))
                        .ToDictionary(pair => Uri.UnescapeDataString(pair[0].Replace('+', ' ')), pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : string.Empty, StringComparer.Ordinal);
                    if (!form.TryGetValue("Action", out string? action) || action != operation.Name)
                    {
                        problems.Add($"{where}: Action is '{action}'");
                    }

                    if (!form.TryGetValue("Version", out string? version) || version != spec.ApiVersion)
                    {
                        problems.Add($"{where}: Version is '{version}', the model's is '{spec.ApiVersion}'");
                    }

                    foreach (KeyValuePair<string, string> pair in form)
                    {
                        haystack.Append(pair.Key).Append('=').Append(pair.Value).Append('\n');
                    }

                    break;
                case ProtocolKind.RpcV2Cbor when body.Length > 0:
                    var reader = new CborReader(body, CborConformanceMode.Lax);
                    reader.SkipValue();
                    if (reader.BytesRemaining != 0)
                    {
                        problems.Add($"{where}: {reader.BytesRemaining} bytes after the CBOR body");
                    }

                    break;
            }
        }
        catch (Exception exception) when (exception is JsonException or System.Xml.XmlException or CborContentException or InvalidOperationException or FormatException)
        {
            problems.Add($"{where}: the body does not parse ({contentType}): {exception.Message}");
        }

        haystack.Append(Encoding.Latin1.GetString(body));
        string text = haystack.ToString();
        List<string> missing = markers.Where(marker => !text.Contains(marker, StringComparison.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{where}: {missing.Count} of {markers.Count} values set never reached the request: " + string.Join(", ", missing.Take(8)));
        }
    }

    private static string? TryBase64Text(string value)
    {
        if (value.Length < 4 || value.Length % 4 != 0)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static SuiteBuild Build(string path)
    {
        string text = File.ReadAllText(path);
        ParseResult parsed = ServiceModelParser.Parse(new ModelInput(path, text, new ModelOptions(null, SuiteCompiler.ClientName, null), null, null, null, null), CancellationToken.None);
        if (parsed.Spec is null)
        {
            return SuiteBuild.Failed("The model does not parse:\n" + string.Join("\n", parsed.Diagnostics.Select(d => d.ToDiagnostic().ToString())));
        }

        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile(path, text, ClientName: SuiteCompiler.ClientName) });
        if (run.CompileDiagnostics.Count > 0)
        {
            return SuiteBuild.Failed("The generated client does not compile:\n" + GeneratorRun.Describe(run.CompileDiagnostics));
        }

        using var image = new MemoryStream();
        EmitResult result = run.Compilation.Emit(image);
        if (!result.Success)
        {
            return SuiteBuild.Failed("Emit failed:\n" + GeneratorRun.Describe(result.Diagnostics));
        }

        image.Position = 0;
        Assembly assembly = new AssemblyLoadContext("corpus " + Path.GetFileName(path), isCollectible: true).LoadFromStream(image);
        return SuiteBuild.Built(parsed.Spec, assembly);
    }

    /// <summary>
    /// Synthetic input values in the suites' JSON conventions (what <see cref="ModelValues"/> reads): every
    /// member set, one element per list and one entry per map, a union with its first member, nesting cut
    /// at <see cref="MaxDepth"/>. Each free-form string is a unique marker recorded in <see cref="Markers"/>.
    /// </summary>
    private sealed class Synthesizer(ServiceSpec spec)
    {
        private readonly Dictionary<string, ShapeSpec> shapes = spec.Shapes.ToDictionary(s => s.TypeName, StringComparer.Ordinal);
        private readonly List<string> markers = new();
        private int untracked;

        public IReadOnlyList<string> Markers => markers;

        public JsonElement Structure(string typeName, int depth) =>
            JsonSerializer.SerializeToElement(StructureNode(shapes[typeName], depth));

        private JsonObject StructureNode(ShapeSpec shape, int depth)
        {
            var result = new JsonObject();
            foreach (MemberSpec member in shape.Members)
            {
                if (member.Type.Kind == TypeKind.Structure && depth >= MaxDepth)
                {
                    continue;
                }

                result[member.Name] = Value(member.Type, depth + 1, member.IsJsonValue, track: true);
                if (shape.Kind == ShapeKind.Union)
                {
                    break;
                }
            }

            return result;
        }

        private JsonNode? Value(TypeRef type, int depth, bool jsonValue, bool track)
        {
            switch (type.Kind)
            {
                case TypeKind.String when jsonValue:
                    return JsonValue.Create("{\"k\":\"" + NewMarker(track: false) + "\"}");
                case TypeKind.String:
                    return JsonValue.Create(NewMarker(track));
                case TypeKind.StringEnum:
                    ShapeSpec stringEnum = shapes[type.TypeName!];
                    return JsonValue.Create(stringEnum.EnumValues.Count > 0 ? stringEnum.EnumValues[0].WireValue : NewMarker(track));
                case TypeKind.IntEnum:
                    ShapeSpec intEnum = shapes[type.TypeName!];
                    return JsonValue.Create(intEnum.EnumValues.Count > 0 ? (int)intEnum.EnumValues[0].IntValue : 1);
                case TypeKind.Boolean:
                    return JsonValue.Create(true);
                case TypeKind.Byte:
                case TypeKind.Short:
                case TypeKind.Integer:
                case TypeKind.Long:
                case TypeKind.BigInteger:
                    return JsonValue.Create(7);
                case TypeKind.Float:
                case TypeKind.Double:
                case TypeKind.BigDecimal:
                    return JsonValue.Create(1.5);
                case TypeKind.Timestamp:
                    return JsonValue.Create(1700000000);
                case TypeKind.Blob:
                    return JsonValue.Create("blob " + NewMarker(track: false));
                case TypeKind.Document:
                    return new JsonObject { ["doc"] = NewMarker(track: false) };
                case TypeKind.Structure:
                    return StructureNode(shapes[type.TypeName!], depth);
                case TypeKind.List:
                    if (type.Element!.Kind == TypeKind.Structure && depth >= MaxDepth)
                    {
                        return new JsonArray();
                    }

                    return new JsonArray(Value(type.Element!, depth + 1, false, track));
                case TypeKind.Map:
                    if (type.Value!.Kind == TypeKind.Structure && depth >= MaxDepth)
                    {
                        return new JsonObject();
                    }

                    return new JsonObject { [NewMarker(track)] = Value(type.Value!, depth + 1, false, track) };
                default:
                    throw new InvalidDataException("No synthetic value for " + type.Kind);
            }
        }

        private string NewMarker(bool track)
        {
            if (!track)
            {
                untracked++;
                return "un" + untracked.ToString(CultureInfo.InvariantCulture) + "q";
            }

            string marker = "mk" + (markers.Count + 1).ToString(CultureInfo.InvariantCulture) + "q";
            markers.Add(marker);
            return marker;
        }
    }
}

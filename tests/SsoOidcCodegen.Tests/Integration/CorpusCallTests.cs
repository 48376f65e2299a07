namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Collections.Generic;
using System.Formats.Cbor;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
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
/// <c>AWS_NEXT_MODELS_DIR</c>), called through its generated client with synthetic values.
/// Requests: every input member set; the client must put a request on the wire (no exception before the
/// handler), well formed for the protocol (a JSON, XML, CBOR or form body that parses, the query protocols'
/// <c>Action</c> and <c>Version</c>, awsJson's <c>X-Amz-Target</c>, no unfilled <c>{label}</c> in the path),
/// and every string value set anywhere in the input (nested structures, lists, map keys and values) must
/// appear in the request: path, host, query, a header or the body. A member the client silently drops is
/// a finding; the values are unique lowercase markers, so each is found only where its own member put it.
/// Responses (JSON and XML protocols): a full output written on the wire must come back as the same values.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CorpusCallTests
{
    private const int MaxDepth = 4;

    public static TheoryData<string> Models() => new(ModelKeys());

    /// <summary>The models of <see cref="Models"/> whose client speaks a JSON protocol (the generator's choice among <c>metadata.protocols</c>).</summary>
    public static TheoryData<string> JsonModels() => ModelsSpeaking(ProtocolKind.AwsJson10, ProtocolKind.AwsJson11, ProtocolKind.RestJson);

    /// <summary>The models of <see cref="Models"/> whose client speaks an XML protocol (awsQuery, ec2Query, restXml).</summary>
    public static TheoryData<string> XmlModels() => ModelsSpeaking(ProtocolKind.AwsQuery, ProtocolKind.Ec2Query, ProtocolKind.RestXml);

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Every_operation_sends_a_well_formed_request_that_carries_every_value_set(string model)
    {
        string path = ModelPath(model);

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
                request = FullRequest(client, spec, operation, values);
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

    /// <summary>
    /// The other direction for the JSON protocols (awsJson 1.0/1.1, restJson): every operation's output,
    /// every member set to a synthetic value, is written on the wire the way the protocol carries it
    /// (body members under their JSON names, <c>location: header</c> members as headers, prefix-header
    /// maps, the status code member as the status, a payload member as the whole body), with a writer
    /// of the test's own, and the response object the client returns must hold exactly those values.
    /// </summary>
    [Theory]
    [MemberData(nameof(JsonModels))]
    public async Task Every_json_operation_reads_every_value_of_a_full_response(string model)
    {
        string path = ModelPath(model);
        ServiceSpec? parsed = ServiceModelParser.Parse(new ModelInput { Path = path, Text = File.ReadAllText(path), Options = new ModelOptions { ClientName = SuiteCompiler.ClientName } }, CancellationToken.None).Spec;
        Assert.NotNull(parsed);
        Assert.True(parsed.Protocol is ProtocolKind.AwsJson10 or ProtocolKind.AwsJson11 or ProtocolKind.RestJson, $"{parsed.Protocol} is not a JSON protocol");
        SuiteBuild build = Build(path);
        Assert.True(build.Failure is null, build.Failure);
        ServiceSpec spec = build.Spec!;
        var writer = new JsonWireWriter(spec);
        var problems = new List<string>();
        int read = 0;
        foreach (OperationSpec operation in spec.Operations.Where(o => o.OutputShape is not null))
        {
            var values = new Synthesizer(spec);
            JsonElement expected = values.Output(operation.ResponseType);
            using HttpResponseMessage response = writer.Response(values.Shape(operation.ResponseType), expected);
            read += await ReadsFullResponseAsync(build, spec, operation, values, expected, response, problems) ? 1 : 0;
        }

        Assert.True(problems.Count == 0, $"{Path.GetFileName(path)}: {problems.Count} problem(s), {read} responses read:\n" + string.Join("\n", problems.Take(40)));
    }

    /// <summary>The model file a theory row names: <c>VARIABLE:relative/path.json</c> under that reference-data directory.</summary>
    private static string ModelPath(string model)
    {
        int colon = model.IndexOf(':', StringComparison.Ordinal);
        Assert.True(colon > 0, $"The reference data directory is missing: {model}");
        string variable = model[..colon];
        string directory = ReferenceData.Require(variable, variable == "AWS_MODELS_DIR" ? "aws/models" : "aws/next/models");
        return Path.Combine(directory, model[(colon + 1)..]);
    }

    /// <summary>The operation's request with every member set from <paramref name="values"/> (an empty one when it has no input), event streams left unset.</summary>
    private static object FullRequest(SuiteClient client, ServiceSpec spec, OperationSpec operation, Synthesizer values)
    {
        object request = operation.InputShape is null
            ? Activator.CreateInstance(client.Values.ModelType(operation.RequestType))!
            : client.Values.NewStructure(operation.RequestType, values.Structure(operation.RequestType, 0), operation.Name);
        SetNoEvents(spec, operation, request);
        return request;
    }

    /// <summary>
    /// Calls the operation with a full request, answers it with <paramref name="response"/>, and adds to
    /// <paramref name="problems"/> every way the response object differs from <paramref name="expected"/>; false when the
    /// client read no response object at all.
    /// </summary>
    private static async Task<bool> ReadsFullResponseAsync(SuiteBuild build, ServiceSpec spec, OperationSpec operation, Synthesizer values, JsonElement expected, HttpResponseMessage response, List<string> problems)
    {
        var client = new SuiteClient(build, operation.Name);
        object request = FullRequest(client, spec, operation, new Synthesizer(spec));
        (object? result, Exception? error) = (null, null);
        try
        {
            (result, error) = await client.ReplyAsync(request, response);
        }
        catch (Exception exception)
        {
            error = exception;
        }

        if (result is null)
        {
            problems.Add($"{operation.Name}: the response was not read: {error?.GetType().Name}: {error?.Message}");
            return false;
        }

        expected = CheckWholeHeaderMaps(values.Shape(operation.ResponseType), expected, result, operation.Name, problems);
        problems.AddRange(client.Values.Compare(operation.ResponseType, expected, result, operation.Name));
        return true;
    }

    /// <summary>
    /// The other direction for the XML protocols (awsQuery, ec2Query, restXml): every operation's output, every
    /// member set to a synthetic value, is written on the wire as the protocol carries it, by a writer that reads
    /// the XML traits from the model JSON (<see cref="XmlWireWriter"/>), and the response object the client
    /// returns must hold exactly those values.
    /// </summary>
    [Theory]
    [MemberData(nameof(XmlModels))]
    public async Task Every_xml_operation_reads_every_value_of_a_full_response(string model)
    {
        string path = ModelPath(model);
        SuiteBuild build = Build(path);
        Assert.True(build.Failure is null, build.Failure);
        ServiceSpec spec = build.Spec!;
        string protocol = spec.Protocol switch
        {
            ProtocolKind.AwsQuery => "query",
            ProtocolKind.Ec2Query => "ec2",
            ProtocolKind.RestXml => "rest-xml",
            _ => throw new InvalidOperationException($"{spec.Protocol} is not an XML protocol"),
        };
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        var writer = new XmlWireWriter(document.RootElement, protocol);
        var problems = new List<string>();
        int read = 0;
        foreach (OperationSpec operation in spec.Operations.Where(o => o.OutputShape is not null && spec.Shapes.First(s => s.TypeName == o.ResponseType).EventStream is null))
        {
            var values = new Synthesizer(spec);
            JsonElement expected = writer.Representable(operation.Name, WithoutChecksumHeaders(values.Shape(operation.ResponseType), values.Output(operation.ResponseType)));
            using HttpResponseMessage response = writer.Response(operation.Name, expected);
            read += await ReadsFullResponseAsync(build, spec, operation, values, expected, response, problems) ? 1 : 0;
        }

        Assert.True(problems.Count == 0, $"{Path.GetFileName(path)}: {problems.Count} problem(s), {read} responses read:\n" + string.Join("\n", problems.Take(40)));
        Assert.True(read > 0, $"{Path.GetFileName(path)}: no operation has an output to read");
    }

    /// <summary>
    /// Every error an XML-protocol model lists, answered as the protocol sends errors (awsQuery's <c>ErrorResponse</c>,
    /// ec2Query's <c>Response/Errors</c>, restXml's root <c>Error</c>) with its code and modelled status, to an
    /// operation that lists it, throws its own generated exception carrying that code and message.
    /// </summary>
    [Theory]
    [MemberData(nameof(XmlModels))]
    public async Task Every_xml_error_code_throws_its_modelled_exception(string model)
    {
        string path = ModelPath(model);
        SuiteBuild build = Build(path);
        Assert.True(build.Failure is null, build.Failure);
        ServiceSpec spec = build.Spec!;
        var problems = new List<string>();
        int thrown = 0;
        foreach (ShapeSpec error in spec.Shapes.Where(s => s.Kind == ShapeKind.Exception && s.Error is not null))
        {
            OperationSpec? operation = spec.Operations.FirstOrDefault(o => o.Errors.Contains(error.Name) || o.Errors.Contains(error.TypeName));
            if (operation is null)
            {
                continue;
            }

            var client = new SuiteClient(build, operation.Name);
            string code = error.Error!.Code;
            string message = "message of " + code;
            string body = spec.Protocol switch
            {
                ProtocolKind.AwsQuery => $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>",
                ProtocolKind.Ec2Query => $"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>r-1</RequestID></Response>",
                _ => $"<Error><Code>{code}</Code><Message>{message}</Message><RequestId>r-1</RequestId></Error>",
            };
            using var response = new HttpResponseMessage((System.Net.HttpStatusCode)error.Error.HttpStatusCode) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
            object request = FullRequest(client, spec, operation, new Synthesizer(spec));
            (object? result, Exception? exception) = (null, null);
            try
            {
                (result, exception) = await client.ReplyAsync(request, response);
            }
            catch (Exception caught)
            {
                exception = caught;
            }

            if (exception is not SsoOidcCodegen.Runtime.AwsServiceException service || exception.GetType().Name != error.TypeName)
            {
                problems.Add($"{operation.Name}/{code}: expected {error.TypeName}, got {(exception is null ? "a result" : exception.GetType().Name + ": " + exception.Message)}");
                continue;
            }

            thrown++;
            if (service.ErrorCode != code || !service.Message.Contains(message, StringComparison.Ordinal))
            {
                problems.Add($"{operation.Name}/{code}: {error.TypeName} carries code '{service.ErrorCode}' and message '{service.Message}'");
            }
        }

        Assert.True(problems.Count == 0, $"{Path.GetFileName(path)}: {problems.Count} problem(s), {thrown} errors thrown as modelled:\n" + string.Join("\n", problems.Take(40)));
        Assert.True(thrown > 0 || !spec.Operations.Any(o => o.Errors.Count > 0), $"{Path.GetFileName(path)}: its operations list errors, and none was thrown");
    }

    /// <summary>
    /// A response checksum header (S3's <c>x-amz-checksum-*</c>) is the body's checksum, which the client verifies when
    /// it reads a streamed body: a synthetic value there is a damaged body, so the full output leaves those members out.
    /// </summary>
    private static JsonElement WithoutChecksumHeaders(ShapeSpec output, JsonElement values)
    {
        JsonObject remaining = JsonObject.Create(values)!.DeepClone().AsObject();
        foreach (MemberSpec member in output.Members.Where(m => m.Location == MemberLocation.Header
                     && (m.LocationName ?? m.Name).StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase)))
        {
            remaining.Remove(member.Name);
        }

        return JsonSerializer.SerializeToElement(remaining);
    }

    /// <summary>
    /// A <c>headers</c> map with an empty prefix collects every response header (as botocore's does), so the
    /// transport's own <c>Content-Type</c> and <c>Content-Length</c> are in it too: each value written must be
    /// there; the member is then taken out of the exact comparison.
    /// </summary>
    private static JsonElement CheckWholeHeaderMaps(ShapeSpec output, JsonElement expected, object result, string where, List<string> problems)
    {
        JsonObject remaining = JsonObject.Create(expected)!.DeepClone().AsObject();
        foreach (MemberSpec member in output.Members.Where(m => m.Location == MemberLocation.Headers && string.IsNullOrEmpty(m.LocationName)))
        {
            if (!expected.TryGetProperty(member.Name, out JsonElement written))
            {
                continue;
            }

            PropertyInfo property = result.GetType().GetProperty(member.PropertyName)!;
            var map = property.GetValue(result) as System.Collections.IDictionary;
            foreach (JsonProperty entry in written.EnumerateObject())
            {
                if (map is null || !map.Contains(entry.Name) || map[entry.Name]?.ToString() != entry.Value.ToString())
                {
                    problems.Add($"{where}.{member.Name}: the header {entry.Name} written is not in the map read");
                }
            }

            property.SetValue(result, null);
            remaining.Remove(member.Name);
        }

        return JsonSerializer.SerializeToElement(remaining);
    }

    /// <summary>The models of <see cref="Models"/> whose client speaks one of <paramref name="protocols"/> (a row naming a missing directory stays, to fail).</summary>
    private static TheoryData<string> ModelsSpeaking(params ProtocolKind[] protocols)
    {
        var data = new TheoryData<string>();
        foreach (string model in ModelKeys())
        {
            int colon = model.IndexOf(':', StringComparison.Ordinal);
            string? directory = colon > 0 ? ReferenceData.TryGet(model[..colon], model[..colon] == "AWS_MODELS_DIR" ? "aws/models" : "aws/next/models") : null;
            if (directory is null)
            {
                data.Add(model);
                continue;
            }

            string path = Path.Combine(directory, model[(colon + 1)..]);
            ServiceSpec? spec = ServiceModelParser.Parse(new ModelInput { Path = path, Text = File.ReadAllText(path), Options = ModelOptions.Default }, CancellationToken.None).Spec;
            if (spec is not null && protocols.Contains(spec.Protocol))
            {
                data.Add(model);
            }
        }

        return data;
    }

    /// <summary>Every service model in the two model directories, as <c>VARIABLE:relative/path</c> (or a row naming a missing variable).</summary>
    private static List<string> ModelKeys()
    {
        var keys = new List<string>();
        foreach ((string variable, string fallback) in new[] { ("AWS_MODELS_DIR", "aws/models"), ("AWS_NEXT_MODELS_DIR", "aws/next/models") })
        {
            string? directory = ReferenceData.TryGet(variable, fallback);
            if (directory is null)
            {
                keys.Add($"({variable} missing)");
                continue;
            }

            keys.AddRange(Directory.GetFiles(directory, "*.json", SearchOption.AllDirectories)
                .Where(IsServiceModel)
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(file => variable + ":" + Path.GetRelativePath(directory, file).Replace('\\', '/')));
        }

        return keys;
    }

    /// <summary>
    /// An input event stream (the caller's events) is no member the synthesizer fills: the request sends none here
    /// (EventStreams/ tests the events themselves), so the rest of the request is what is checked.
    /// </summary>
    private static void SetNoEvents(ServiceSpec spec, OperationSpec operation, object request)
    {
        if (spec.Shapes.First(s => s.TypeName == operation.RequestType).EventStream is { IsInput: true } stream)
        {
            PropertyInfo events = request.GetType().GetProperty(stream.PropertyName)!;
            events.SetValue(request, typeof(CorpusCallTests).GetMethod(nameof(NoEvents), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(events.PropertyType.GetGenericArguments()[0]).Invoke(null, null));
        }
    }

#pragma warning disable CS1998 // An empty sequence awaits nothing.
    private static async IAsyncEnumerable<T> NoEvents<T>()
    {
        yield break;
    }
#pragma warning restore CS1998

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
                case ProtocolKind.RestJson when body.Length > 0 && contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true && !CarriesCallersBytes(spec, operation):
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

    /// <summary>
    /// A blob or string payload is the caller's bytes sent as they are, and a member the model binds to
    /// <c>Content-Type</c> names their type (CloudSearch Domain's <c>UploadDocuments</c>: <c>application/json</c>
    /// over whatever the caller uploads), so such a body need not parse as JSON.
    /// </summary>
    private static bool CarriesCallersBytes(ServiceSpec spec, OperationSpec operation)
    {
        ShapeSpec input = spec.Shapes.First(s => s.TypeName == operation.RequestType);
        return input.PayloadMember is { } payload
            && input.Members.FirstOrDefault(m => m.Name == payload) is { Type.Kind: TypeKind.Blob or TypeKind.String };
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
        ParseResult parsed = ServiceModelParser.Parse(new ModelInput { Path = path, Text = text, Options = new ModelOptions { ClientName = SuiteCompiler.ClientName } }, CancellationToken.None);
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
        Assembly assembly = TestAssemblies.Load("corpus " + Path.GetFileName(path), image);
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

        public ShapeSpec Shape(string typeName) => shapes[typeName];

        /// <summary>
        /// A full output: every member set, except what a response cannot carry as written here (a list of
        /// timestamps in a header); the status-code member holds 200, the status the response is sent with.
        /// </summary>
        public JsonElement Output(string typeName)
        {
            ShapeSpec shape = shapes[typeName];
            JsonObject output = StructureNode(shape, 0);
            foreach (MemberSpec member in shape.Members)
            {
                if (member.Location == MemberLocation.StatusCode)
                {
                    output[member.Name] = 200;
                }
                else if (member.Location == MemberLocation.Header && member.Type.Kind == TypeKind.List && member.Type.Element!.Kind == TypeKind.Timestamp)
                {
                    output.Remove(member.Name);
                }
            }

            return JsonSerializer.SerializeToElement(output);
        }

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

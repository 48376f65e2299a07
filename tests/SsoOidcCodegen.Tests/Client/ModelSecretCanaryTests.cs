namespace SsoOidcCodegen.Tests.Client;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Logging;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Retry;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Parsing;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Every model in <c>AWS_MODELS_DIR</c> and <c>AWS_NEXT_MODELS_DIR</c>, generated and compiled in one
/// batch: for every structure and error with a sensitive member (the member or its target marked
/// <c>sensitive</c>, a list or map of sensitive values, a sensitive map key; and structures that hold
/// such structures), a unique canary in each sensitive value, and no canary in <c>ToString()</c> (for
/// errors: in <c>Message</c> and <c>Exception.ToString()</c>). Which members are sensitive is read from
/// the model JSON here, not from the generator's spec; the spec only names the generated properties.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ModelSecretCanaryTests
{
    private readonly ITestOutputHelper output;

    public ModelSecretCanaryTests(ITestOutputHelper output) => this.output = output;

    private static readonly Lazy<Batch?> Compiled = new(CompileAll, LazyThreadSafetyMode.ExecutionAndPublication);

    [Fact]
    public void A_canary_in_every_sensitive_member_of_every_model_never_reaches_ToString_or_an_error_message()
    {
        Batch batch = Require();
        var leaks = new List<string>();
        var lines = new List<string>();
        int total = 0;
        foreach ((string path, string json, ServiceSpec spec) in batch.Models)
        {
            var checker = new ModelChecker(json, spec, batch.Assembly);
            checker.Run(leaks);
            total += checker.Covered;
            lines.Add($"{Path.GetFileName(path)}: {checker.Covered} sensitive members in {checker.Shapes} structures and errors ({checker.Values} canaries; {checker.Undetectable} booleans or timestamps set but not detectable as text)");
        }

        string summary = $"{batch.Models.Count} models, {total} sensitive members covered:\n" + string.Join("\n", lines);
        output.WriteLine(summary);
        Assert.True(total > 0, summary);
        Assert.True(leaks.Count == 0, $"{leaks.Count} canaries leaked:\n" + string.Join("\n", leaks.Take(20)) + "\n" + summary);
    }

    /// <summary>One client per protocol family, from the batch: the model file's name starts with the key.</summary>
    public static TheoryData<string, string> FamilyClients() => new()
    {
        { "rest-json", "sso-2019-06-10" },
        { "json", "secretsmanager-2017-10-17" },
        { "query", "sts-2011-06-15" },
        { "ec2", "ec2-2016-11-15" },
        { "rest-xml", "s3-2006-03-01" },
        { "smithy-rpc-v2-cbor", "arc-region-switch-2022-07-26" },
    };

    [Theory]
    [MemberData(nameof(FamilyClients))]
    public async Task Canaries_in_credentials_tokens_and_sensitive_members_never_reach_the_Trace_log_or_any_text_of_a_protocol_familys_client(string family, string model)
    {
        Batch batch = Require();
        int index = batch.Models.FindIndex(m => Path.GetFileName(m.Path).StartsWith(model, StringComparison.Ordinal));
        Assert.SkipWhen(index < 0, $"{model} is not in AWS_MODELS_DIR or AWS_NEXT_MODELS_DIR");
        (_, string json, ServiceSpec spec) = batch.Models[index];
        var checker = new ModelChecker(json, spec, batch.Assembly);
        var logger = new TraceLogger();
        var texts = new List<string>();
        int answered = 0;
        var handler = new ScriptedHandler((request, _) =>
        {
            Interlocked.Increment(ref answered);
            return Task.FromResult(Answer(family, request));
        });
        Type clientType = batch.Assembly.GetTypes().Single(t => t.Namespace == spec.Namespace && t.IsClass && !t.IsAbstract && typeof(IDisposable).IsAssignableFrom(t) && t.GetConstructor(new[] { typeof(AwsClientOptions) }) is not null);
        using var client = (IDisposable)Activator.CreateInstance(clientType, new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            Region = "us-east-1",
            HttpClient = new HttpClient(handler),
            Logger = logger,
            ValidateRequests = false,
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", SecretKey, SessionToken),
            BearerToken = _ => ValueTask.FromResult(BearerToken),
            Retry = new RetryOptions { MaxAttempts = 2, Backoff = _ => TimeSpan.Zero },
        })!;

        // The operations whose input holds something sensitive, then others, up to six; each answered three ways in turn.
        var operations = spec.Operations.OrderByDescending(o => o.InputShape is { } input && checker.HoldsSensitive(input)).ThenBy(o => o.Name, StringComparer.Ordinal).Take(6).ToList();
        int calls = 0;
        foreach (OperationSpec operation in operations)
        {
            MethodInfo? method = clientType.GetMethods().FirstOrDefault(m => m.Name == operation.MethodName && m.GetParameters().Length == 2 && m.GetParameters()[1].ParameterType == typeof(CancellationToken));
            if (method is null)
            {
                continue;
            }

            for (int answer = 0; answer < 3; answer++)
            {
                object request = checker.NewRequest(method.GetParameters()[0].ParameterType, operation.InputShape);
                texts.Add(request.ToString()!);
                calls++;
                try
                {
                    Task task = (Task)method.Invoke(client, new[] { request, CancellationToken.None })!;
                    await task;
                    texts.Add(task.GetType().GetProperty("Result")?.GetValue(task)?.ToString() ?? string.Empty);
                }
                catch (Exception error) when (error is AwsServiceException or AwsTransportException or AwsValidationException or AwsCredentialsException or AwsTimeoutException or ArgumentException)
                {
                    texts.Add(error.Message);
                    texts.Add(error.ToString());
                }
            }
        }

        texts.AddRange(logger.Lines);
        string[] canaries = checker.Canaries.Concat(new[] { SecretKey, SessionToken, BearerToken }).ToArray();
        output.WriteLine($"{family} ({model}): {calls} calls of {operations.Count} operations, {answered} answered, {checker.Canaries.Count} member canaries, {logger.Lines.Count} log lines");
        Assert.True(answered > 0, "no call reached the service");
        Assert.NotEmpty(logger.Lines);
        // The canaries did travel: some request carried a credential, token or member canary.
        Assert.Contains(handler.Requests, r => canaries.Any(c => r.BodyText.Contains(c, StringComparison.Ordinal) || r.Uri.ToString().Contains(c, StringComparison.Ordinal) || r.Headers.Values.Any(v => v.Contains(c, StringComparison.Ordinal))));
        var leaks = texts.SelectMany(text => canaries.Where(c => text.Contains(c, StringComparison.Ordinal)).Select(c => $"{c} in: {(text.Length > 300 ? text[..300] + "..." : text)}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(10)));
    }

    private const string SecretKey = "CNRYsecretaccesskey";
    private const string SessionToken = "CNRYsessiontoken";
    private const string BearerToken = "CNRYbearertoken";

    /// <summary>Success, an error that repeats the request (secrets included) beside its message, or a proxy page that does.</summary>
    private static HttpResponseMessage Answer(string family, SeenRequest request)
    {
        int turn = request.Headers.TryGetValue("amz-sdk-invocation-id", out string? id) ? Math.Abs(id.GetHashCode(StringComparison.Ordinal)) % 3 : 0;
        string echo = request.BodyText + " " + string.Join(" ", request.Headers.Values);
        string escaped = System.Security.SecurityElement.Escape(echo) ?? string.Empty;
        (HttpStatusCode status, byte[] body, string type) = (turn, family) switch
        {
            (0, "smithy-rpc-v2-cbor") => (HttpStatusCode.OK, new byte[] { 0xA0 }, "application/cbor"),
            (0, "rest-xml" or "query" or "ec2") => (HttpStatusCode.OK, Encoding.UTF8.GetBytes("<Response/>"), "text/xml"),
            (0, _) => (HttpStatusCode.OK, Encoding.UTF8.GetBytes("{}"), "application/json"),
            (1, "smithy-rpc-v2-cbor") => (HttpStatusCode.BadRequest, CborError(echo), "application/cbor"),
            (1, "ec2") => (HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes($"<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>bad</Message><Detail>{escaped}</Detail></Error></Errors></Response>"), "text/xml"),
            (1, "rest-xml" or "query") => (HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes($"<ErrorResponse><Error><Code>InvalidParameterValue</Code><Message>bad</Message><Detail>{escaped}</Detail></Error></ErrorResponse>"), "text/xml"),
            (1, _) => (HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes("{\"__type\":\"ValidationException\",\"message\":\"bad\",\"detail\":" + JsonSerializer.Serialize(echo) + "}"), "application/json"),
            _ => (HttpStatusCode.BadGateway, Encoding.UTF8.GetBytes("<html><body>Upstream failed for " + echo + "</body></html>"), "text/html"),
        };
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        if (family == "smithy-rpc-v2-cbor")
        {
            response.Headers.TryAddWithoutValidation("smithy-protocol", "rpc-v2-cbor");
        }

        return response;
    }

    private static byte[] CborError(string echo)
    {
        var writer = new System.Formats.Cbor.CborWriter();
        writer.WriteStartMap(3);
        writer.WriteTextString("__type");
        writer.WriteTextString("ValidationException");
        writer.WriteTextString("message");
        writer.WriteTextString("bad");
        writer.WriteTextString("detail");
        writer.WriteTextString(echo);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>A logger at Trace that keeps the formatted line, every structured state value, scopes and exceptions.</summary>
    private sealed class TraceLogger : ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> Lines => lines.ToArray();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue("scope: " + state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (KeyValuePair<string, object?> value in values)
                {
                    line.Append(" | ").Append(value.Key).Append('=').Append(value.Value);
                }
            }

            lines.Enqueue(line.Append(exception is null ? string.Empty : " | " + exception).ToString());
        }
    }

    private static Batch Require()
    {
        Batch? batch = Compiled.Value;
        Assert.SkipWhen(batch is null, "AWS_MODELS_DIR and AWS_NEXT_MODELS_DIR are missing");
        return batch!;
    }

    /// <summary>Every model, generated and compiled in one batch, each in its own namespace, and loaded.</summary>
    private static Batch? CompileAll()
    {
        var models = new List<string>();
        if (ReferenceData.TryGet("AWS_MODELS_DIR", "aws/models") is { } reference)
        {
            models.AddRange(Directory.GetFiles(reference, "*.json", SearchOption.AllDirectories).Where(f => !f.Contains(".paginators", StringComparison.Ordinal) && !f.Contains(".waiters", StringComparison.Ordinal)));
        }

        if (ReferenceData.TryGet("AWS_NEXT_MODELS_DIR", "aws/next/models") is { } next)
        {
            models.AddRange(Directory.GetFiles(next, "*.json").Where(f => !f.Contains(".paginators", StringComparison.Ordinal) && !f.Contains(".waiters", StringComparison.Ordinal)));
        }

        if (models.Count == 0)
        {
            return null;
        }

        models.Sort(StringComparer.Ordinal);
        var files = models.SelectMany((path, i) => ModelFile.FromDisk(path, ns: Namespace(i))).ToList();
        GeneratorRun run = GeneratorHarness.Run(files);
        using var image = new MemoryStream();
        var emitted = run.Compilation.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("The models do not compile:\n" + GeneratorRun.Describe(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        Assembly assembly = TestAssemblies.Load("canary-models", new MemoryStream(image.ToArray()));
        var parsed = new List<(string, string, ServiceSpec)>();
        for (int i = 0; i < models.Count; i++)
        {
            string json = File.ReadAllText(models[i]);
            ServiceSpec spec = ServiceModelParser.Parse(new ModelInput { Path = models[i], Text = json, Options = new ModelOptions { Namespace = Namespace(i) } }, CancellationToken.None).Spec
                ?? throw new InvalidOperationException(models[i] + " does not parse");
            parsed.Add((models[i], json, spec));
        }

        return new Batch(parsed, assembly);
    }

    private static string Namespace(int index) => "Canary.M" + index.ToString(CultureInfo.InvariantCulture);

    private sealed record Batch(List<(string Path, string Json, ServiceSpec Spec)> Models, Assembly Assembly);

    /// <summary>Builds canary-filled instances of one model's structures and errors and checks their text.</summary>
    private sealed class ModelChecker
    {
        private readonly JsonElement shapes;
        private readonly ServiceSpec spec;
        private readonly Assembly assembly;
        private readonly Dictionary<string, ShapeSpec> specs;
        private readonly List<string> canaries = new();
        private readonly JsonDocument document;
        private int next;

        public ModelChecker(string json, ServiceSpec spec, Assembly assembly)
        {
            document = JsonDocument.Parse(json);
            shapes = document.RootElement.GetProperty("shapes");
            this.spec = spec;
            this.assembly = assembly;
            specs = spec.Shapes.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        }

        public int Covered { get; private set; }

        /// <summary>Every canary put into a request by <see cref="NewRequest"/>.</summary>
        public List<string> Canaries { get; } = new();

        /// <summary>True when the shape holds something sensitive anywhere below it.</summary>
        public bool HoldsSensitive(string shapeName) =>
            shapes.TryGetProperty(shapeName, out JsonElement shape) && shape.TryGetProperty("members", out JsonElement members)
            && members.EnumerateObject().Any(m => HasSensitive(m.Value, new HashSet<string>()));

        /// <summary>A request with a canary in every sensitive value (and nothing else set).</summary>
        public object NewRequest(Type type, string? shapeName)
        {
            object request = Activator.CreateInstance(type)!;
            if (shapeName is not null)
            {
                canaries.Clear();
                Fill(request, shapeName, sensitive: false, depth: 0);
                Canaries.AddRange(canaries);

                // Required strings (URI labels such as S3's Bucket) get a plain value, so the call reaches the wire.
                foreach (MemberSpec member in specs.TryGetValue(shapeName, out ShapeSpec? shapeSpec) ? shapeSpec.Members.ToArray() : Array.Empty<MemberSpec>())
                {
                    if (member.IsRequired && type.GetProperty(member.PropertyName) is { PropertyType: var propertyType } property && propertyType == typeof(string) && property.GetValue(request) is null)
                    {
                        property.SetValue(request, "required" + member.PropertyName.ToLowerInvariant());
                    }
                }
            }

            return request;
        }

        public int Shapes { get; private set; }

        public int Values { get; private set; }

        public int Undetectable { get; private set; }

        public void Run(List<string> leaks)
        {
            foreach (JsonProperty shape in shapes.EnumerateObject())
            {
                if (Type(shape.Value) != "structure" || !shape.Value.TryGetProperty("members", out JsonElement members))
                {
                    continue;
                }

                int direct = members.EnumerateObject().Count(m => IsSensitive(m.Value, new HashSet<string>()));
                if (!members.EnumerateObject().Any(m => HasSensitive(m.Value, new HashSet<string>())) || !specs.TryGetValue(shape.Name, out ShapeSpec? shapeSpec))
                {
                    continue;
                }

                Type? type = assembly.GetType(spec.Namespace + ".Model." + shapeSpec.TypeName);
                if (type is null)
                {
                    continue;   // left out with its operation (SOC007): nothing prints it
                }

                canaries.Clear();
                object instance = shapeSpec.Kind == ShapeKind.Exception
                    ? type.GetConstructors().Where(c => c.GetParameters().Length == 1 && c.GetParameters()[0].ParameterType == typeof(string)).Select(c => c.Invoke(new object?[] { "m" })).First()
                    : Activator.CreateInstance(type)!;
                Fill(instance, shape.Name, sensitive: false, depth: 0);
                Shapes++;
                Covered += direct;
                Values += canaries.Count;
                var texts = new List<string> { instance.ToString()! };
                if (instance is Exception exception)
                {
                    texts.Add(exception.Message);
                }

                foreach (string canary in canaries)
                {
                    foreach (string text in texts.Where(t => t.Contains(canary, StringComparison.Ordinal)))
                    {
                        leaks.Add($"{spec.Namespace} {shape.Name}: canary {canary} in: {(text.Length > 300 ? text[..300] + "..." : text)}");
                    }
                }
            }
        }

        /// <summary>Sets the members of a structure: all of them when it is sensitive, else those holding something sensitive.</summary>
        private void Fill(object instance, string shapeName, bool sensitive, int depth)
        {
            JsonElement shape = shapes.GetProperty(shapeName);
            if (!shape.TryGetProperty("members", out JsonElement members) || !specs.TryGetValue(shapeName, out ShapeSpec? shapeSpec) || depth > 6)
            {
                return;
            }

            foreach (JsonProperty member in members.EnumerateObject())
            {
                bool memberSensitive = sensitive || IsSensitive(member.Value, new HashSet<string>());
                if (!memberSensitive && !HasSensitive(member.Value, new HashSet<string>()))
                {
                    continue;
                }

                MemberSpec? memberSpec = shapeSpec.Members.FirstOrDefault(m => m.Name == member.Name);
                PropertyInfo? property = memberSpec is null ? null : instance.GetType().GetProperty(memberSpec.PropertyName, BindingFlags.Public | BindingFlags.Instance);
                if (property is null || !property.CanWrite)
                {
                    continue;
                }

                object? value = Value(member.Value, property.PropertyType, memberSensitive, depth + 1);
                if (value is not null)
                {
                    property.SetValue(instance, value);
                }
            }
        }

        /// <summary>A value of <paramref name="type"/> for the shape a reference targets, canaries in every sensitive leaf.</summary>
        private object? Value(JsonElement reference, Type type, bool sensitive, int depth)
        {
            if (!reference.TryGetProperty("shape", out JsonElement named) || named.GetString() is not { } target || !shapes.TryGetProperty(target, out JsonElement shape))
            {
                return null;    // an inline (min-form) shape: the generator names it itself
            }

            sensitive |= Flag(reference) || Flag(shape);
            type = Nullable.GetUnderlyingType(type) ?? type;
            switch (Type(shape))
            {
                case "structure":
                    if (depth > 6 || type.IsAbstract || type.GetConstructor(System.Type.EmptyTypes) is null)
                    {
                        return null;
                    }

                    object nested = Activator.CreateInstance(type)!;
                    Fill(nested, target, sensitive, depth);
                    return nested;
                case "list":
                    Type? element = ElementType(type, typeof(IEnumerable<>));
                    if (element is null)
                    {
                        return null;
                    }

                    var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                    object? item = Value(shape.GetProperty("member"), element, sensitive, depth + 1);
                    if (item is not null)
                    {
                        list.Add(item);
                    }

                    return type.IsAssignableFrom(list.GetType()) ? list : null;
                case "map":
                    Type[]? pair = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))?.GetGenericArguments()
                        ?? type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))?.GetGenericArguments();
                    if (pair is null)
                    {
                        return null;
                    }

                    var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(pair))!;
                    object? key = Value(shape.GetProperty("key"), pair[0], sensitive, depth + 1);
                    object? value = Value(shape.GetProperty("value"), pair[1], sensitive, depth + 1);
                    // A value type's null (a value the filler cannot make) is no entry a Dictionary takes.
                    if (key is not null && (value is not null || !pair[1].IsValueType || Nullable.GetUnderlyingType(pair[1]) is not null))
                    {
                        map[key] = value;
                    }

                    return type.IsAssignableFrom(map.GetType()) ? map : null;
                default:
                    return Leaf(type, sensitive);
            }
        }

        private object? Leaf(Type type, bool sensitive)
        {
            int n = ++next;
            string text = "CNRY" + n.ToString(CultureInfo.InvariantCulture) + "Q";
            long number = 904_000_000 + (n * 7_919L);
            object? value = type switch
            {
                _ when type == typeof(string) => text,
                _ when type == typeof(int) => (int)number,
                _ when type == typeof(long) => number * 1_000,
                _ when type == typeof(short) => (short)(20_000 + (n % 9_000)),
                _ when type == typeof(byte) => null,
                _ when type == typeof(double) => number + 0.25,
                _ when type == typeof(float) => (float)(n + 0.25),
                _ when type == typeof(decimal) => number + 0.25m,
                _ when type == typeof(bool) => true,
                _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2087, 3, 4, 5, 6, 7, TimeSpan.Zero),
                _ when type == typeof(DateTime) => new DateTime(2087, 3, 4, 5, 6, 7, DateTimeKind.Utc),
                _ when type == typeof(byte[]) => Encoding.UTF8.GetBytes(text),
                _ when type == typeof(ReadOnlyMemory<byte>) => new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(text)),
                _ when type == typeof(MemoryStream) || type == typeof(Stream) => new MemoryStream(Encoding.UTF8.GetBytes(text)),
                _ when type == typeof(JsonElement) => JsonSerializer.SerializeToElement(text),
                _ => type.GetConstructor(new[] { typeof(string) }) is { } fromString ? fromString.Invoke(new object[] { text }) : null,
            };
            if (value is null || !sensitive)
            {
                return value;
            }

            if (value is bool or DateTimeOffset or DateTime)
            {
                Undetectable++;
            }
            else if (value is byte[] or ReadOnlyMemory<byte> or MemoryStream)
            {
                canaries.Add(text);
                canaries.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
            }
            else if (value is IConvertible && value is not string)
            {
                canaries.Add(Convert.ToString(value, CultureInfo.InvariantCulture)!);
            }
            else
            {
                canaries.Add(text);    // a string, or an open enum made from one
            }

            return value;
        }

        private static Type? ElementType(Type type, Type generic) =>
            type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic)?.GetGenericArguments()[0];

        /// <summary>A reference whose value is sensitive: the member, its target, or the elements, keys or values of its list or map.</summary>
        private bool IsSensitive(JsonElement reference, HashSet<string> seen)
        {
            if (Flag(reference))
            {
                return true;
            }

            if (!reference.TryGetProperty("shape", out JsonElement named) || named.GetString() is not { } target || !shapes.TryGetProperty(target, out JsonElement shape) || !seen.Add(target))
            {
                return false;
            }

            return Flag(shape) || Type(shape) switch
            {
                "list" => IsSensitive(shape.GetProperty("member"), seen),
                "map" => IsSensitive(shape.GetProperty("key"), seen) || IsSensitive(shape.GetProperty("value"), seen),
                _ => false,
            };
        }

        /// <summary>A reference that holds something sensitive anywhere below it (structures included).</summary>
        private bool HasSensitive(JsonElement reference, HashSet<string> seen)
        {
            if (IsSensitive(reference, new HashSet<string>()))
            {
                return true;
            }

            if (!reference.TryGetProperty("shape", out JsonElement named) || named.GetString() is not { } target || !shapes.TryGetProperty(target, out JsonElement shape) || !seen.Add(target))
            {
                return false;
            }

            return Type(shape) switch
            {
                "list" => HasSensitive(shape.GetProperty("member"), seen),
                "map" => HasSensitive(shape.GetProperty("key"), seen) || HasSensitive(shape.GetProperty("value"), seen),
                "structure" => shape.TryGetProperty("members", out JsonElement members) && members.EnumerateObject().Any(m => HasSensitive(m.Value, seen)),
                _ => false,
            };
        }

        private static bool Flag(JsonElement element) =>
            element.TryGetProperty("sensitive", out JsonElement flag) && flag.ValueKind == JsonValueKind.True;

        private static string? Type(JsonElement shape) =>
            shape.TryGetProperty("type", out JsonElement type) ? type.GetString() : null;
    }
}

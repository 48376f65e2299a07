namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SsoOidcCodegen.Generator.Endpoints;
using SsoOidcCodegen.Runtime.Endpoints;
using SsoOidcCodegen.Tests.Infrastructure;

/// <summary>
/// A rule set compiled the way a consumer's build compiles it: the generator's sources go through Roslyn (nullable
/// on, every warning an error, documentation checked) against the runtime, and the assembly is loaded into its own
/// load context. Each rule-set file is compiled once per test run.
/// </summary>
internal sealed class CompiledEndpointResolver
{
    private static readonly ConcurrentDictionary<string, Lazy<CompiledEndpointResolver>> Cache = new(StringComparer.Ordinal);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private readonly Type? _parametersType;
    private readonly MethodInfo? _resolve;
    private readonly Dictionary<string, EndpointParameterInfo> _parametersByName = new(StringComparer.Ordinal);

    private CompiledEndpointResolver(string ruleSetJson, string ruleSetPath, string @namespace, string prefix)
    {
        Namespace = @namespace;
        Prefix = prefix;
        Generation = EndpointRuleSetCompiler.Compile(ruleSetJson, ruleSetPath, @namespace, prefix, isPublic: true, CancellationToken.None);
        if (Generation.HasErrors)
        {
            CompilerDiagnostics = ImmutableArray<Diagnostic>.Empty;
            return;
        }

        CSharpCompilation compilation = CreateCompilation(prefix, Generation);
        CompilerDiagnostics = compilation.GetDiagnostics();
        if (CompilerDiagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error))
        {
            return;
        }

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            CompilerDiagnostics = CompilerDiagnostics.AddRange(emitted.Diagnostics);
            return;
        }

        image.Position = 0;
        Assembly assembly = TestAssemblies.Load("endpoints-" + prefix, image);
        _parametersType = assembly.GetType(@namespace + "." + prefix + "EndpointParameters", throwOnError: true)!;
        Type resolverType = assembly.GetType(@namespace + "." + prefix + "EndpointResolver", throwOnError: true)!;
        _resolve = resolverType.GetMethod("Resolve", BindingFlags.Public | BindingFlags.Static)!;
        var definitions = (IReadOnlyList<EndpointParameterInfo>)_parametersType.GetProperty("Definitions", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        foreach (EndpointParameterInfo definition in definitions)
        {
            _parametersByName.Add(definition.Name, definition);
        }
    }

    public string Namespace { get; }

    public string Prefix { get; }

    /// <summary>What the endpoint compiler produced: sources and its own diagnostics.</summary>
    public EndpointCompilation Generation { get; }

    /// <summary>Everything Roslyn reported for the generated sources, hidden diagnostics included.</summary>
    public ImmutableArray<Diagnostic> CompilerDiagnostics { get; }

    public bool IsLoaded => _resolve is not null;

    /// <summary>The compiled resolver for a rule-set file (compiled on first use).</summary>
    public static CompiledEndpointResolver For(string ruleSetPath, string serviceName) =>
        Cache.GetOrAdd(
            "file:" + Path.GetFullPath(ruleSetPath),
            _ => new Lazy<CompiledEndpointResolver>(() => Create(File.ReadAllText(ruleSetPath), Path.GetFullPath(ruleSetPath), serviceName))).Value;

    /// <summary>The compiled resolver for rule-set text (compiled on first use per name).</summary>
    public static CompiledEndpointResolver ForText(string name, string ruleSetJson) =>
        Cache.GetOrAdd("text:" + name, _ => new Lazy<CompiledEndpointResolver>(() => Create(ruleSetJson, name + ".json", name))).Value;

    private static CompiledEndpointResolver Create(string ruleSetJson, string path, string serviceName) =>
        new(ruleSetJson, path, "SsoOidcCodegen.EndpointTests." + TypePrefix(serviceName), TypePrefix(serviceName));

    /// <summary>The type-name prefix for a service id: <c>bedrock-runtime</c> → <c>BedrockRuntime</c>.</summary>
    public static string TypePrefix(string serviceName) =>
        string.Concat(serviceName.Split('-', '.', '_').Where(part => part.Length > 0).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    /// <summary>Everything that went wrong compiling the rule set, one per line (empty when nothing did).</summary>
    public string DescribeProblems()
    {
        var text = new StringBuilder();
        foreach (SsoOidcCodegen.Generator.Model.DiagnosticInfo diagnostic in Generation.Diagnostics)
        {
            text.AppendLine(diagnostic.ToDiagnostic().ToString());
        }

        foreach (Diagnostic diagnostic in CompilerDiagnostics)
        {
            text.AppendLine(diagnostic.ToString());
        }

        return text.ToString();
    }

    /// <summary>Resolves an endpoint from parameters written as a JSON object, for example <c>{"Region":"us-east-1"}</c>.</summary>
    /// <exception cref="EndpointResolutionException">The rules reject the parameters.</exception>
    public AwsEndpoint Resolve(string parametersJson)
    {
        using JsonDocument document = JsonDocument.Parse(parametersJson);
        return Resolve(document.RootElement.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.Clone(), StringComparer.Ordinal));
    }

    /// <summary>Resolves an endpoint; the parameters are the test file's JSON values keyed by rule-set name.</summary>
    /// <exception cref="EndpointResolutionException">The rules reject the parameters.</exception>
    public AwsEndpoint Resolve(IReadOnlyDictionary<string, JsonElement> parameters)
    {
        if (_resolve is null || _parametersType is null)
        {
            throw new InvalidOperationException("The rule set did not compile:" + Environment.NewLine + DescribeProblems());
        }

        object instance = Activator.CreateInstance(_parametersType)!;
        foreach ((string name, JsonElement value) in parameters)
        {
            if (!_parametersByName.TryGetValue(name, out EndpointParameterInfo? definition))
            {
                throw new InvalidOperationException($"The test sets '{name}', which is not a parameter of the rule set.");
            }

            PropertyInfo property = _parametersType.GetProperty(definition.PropertyName)!;
            property.SetValue(instance, ToPropertyValue(definition, value));
        }

        try
        {
            return (AwsEndpoint)_resolve.Invoke(null, [instance])!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    private static object? ToPropertyValue(EndpointParameterInfo definition, JsonElement value) => (definition.Type, value.ValueKind) switch
    {
        (_, JsonValueKind.Null) => null,
        (EndpointParameterType.String, JsonValueKind.String) => value.GetString(),
        (EndpointParameterType.Boolean, JsonValueKind.True or JsonValueKind.False) => value.GetBoolean(),
        (EndpointParameterType.StringArray, JsonValueKind.Array) => value.EnumerateArray().Select(item => item.GetString()!).ToArray(),
        _ => throw new InvalidOperationException($"The test gives parameter '{definition.Name}' ({definition.Type}) the value {value.GetRawText()}."),
    };

    private static CSharpCompilation CreateCompilation(string prefix, EndpointCompilation generation)
    {
        // C# 10 is the oldest language the generated endpoint code supports (file-scoped namespaces).
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp10, DocumentationMode.Diagnose);
        IEnumerable<SyntaxTree> trees = generation.Sources.Select(source =>
            CSharpSyntaxTree.ParseText(source.Text, parseOptions, path: source.HintName, encoding: Encoding.UTF8));
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            generalDiagnosticOption: ReportDiagnostic.Error,
            warningLevel: 9999,
            deterministic: true);
        return CSharpCompilation.Create("EndpointRules." + prefix, trees, References.Value, options);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        foreach (string path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            paths.TryAdd(Path.GetFileName(path), path);
        }

        string runtime = typeof(AwsEndpoint).Assembly.Location;
        paths[Path.GetFileName(runtime)] = runtime;
        return paths.Values.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToImmutableArray();
    }
}

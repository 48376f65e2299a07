namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using SsoOidcCodegen.Tests.Infrastructure;

/// <summary>
/// A real AWS model from <c>AWS_NEXT_MODELS_DIR</c>, generated into a client the way a consumer's build
/// does (with the paginators and waiters beside it) and compiled together with a scenario file from
/// <c>Integration/Scenarios</c>. The scenarios are typed C# against the generated client, as a user
/// writes it; they are compiled at test time because the model is read at test time. One build per
/// service and test run.
/// </summary>
public sealed class GeneratedServiceClient
{
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> Builds = new(StringComparer.Ordinal);

    private readonly string modelFile;
    private readonly string ns;
    private readonly string clientName;
    private readonly string scenarioFile;
    private readonly string variable;
    private readonly string defaultDirectory;

    /// <param name="modelFile">The model's file name (path) in the models directory.</param>
    /// <param name="ns">The generated client's namespace (the scenario file uses it).</param>
    /// <param name="clientName">The generated client's class name.</param>
    /// <param name="scenarioFile">The scenario file in <c>Integration/Scenarios</c>.</param>
    /// <param name="variable">The variable that names the models directory (<c>AWS_NEXT_MODELS_DIR</c>, or <c>AWS_MODELS_DIR</c> for the corpus).</param>
    /// <param name="defaultDirectory">The directory's default under <c>../shared</c>.</param>
    public GeneratedServiceClient(string modelFile, string ns, string clientName, string scenarioFile, string variable = "AWS_NEXT_MODELS_DIR", string defaultDirectory = "aws/next/models")
    {
        this.modelFile = modelFile;
        this.ns = ns;
        this.clientName = clientName;
        this.scenarioFile = scenarioFile;
        this.variable = variable;
        this.defaultDirectory = defaultDirectory;
    }

    /// <summary>
    /// Runs the scenario method named like the calling test (a public static method of the scenario
    /// file's only class) with the arguments. Skips, naming the variable, when the models are absent.
    /// </summary>
    public async Task RunAsync(object[] arguments, [CallerMemberName] string scenario = "")
    {
        string models = ReferenceData.Require(variable, defaultDirectory);
        string path = Path.Combine(models, modelFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{variable} ('{models}') has no {modelFile}.", path);
        }

        Assembly assembly = Builds.GetOrAdd(path + "|" + scenarioFile, _ => new Lazy<Assembly>(() => Build(path), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        Type scenarios = assembly.GetTypes().Single(t => t.Name == Path.GetFileNameWithoutExtension(scenarioFile));
        MethodInfo method = scenarios.GetMethod(scenario, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{scenarioFile} has no public static method {scenario}.");
        Task task;
        try
        {
            task = (Task)method.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }

        await task;
    }

    private Assembly Build(string modelPath)
    {
        GeneratorRun run = GeneratorHarness.Run(ModelFile.FromDisk(modelPath, ns, clientName));
        List<Diagnostic> generatorErrors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (generatorErrors.Count > 0)
        {
            throw new InvalidOperationException($"{modelFile} does not generate:\n{GeneratorRun.Describe(generatorErrors)}");
        }

        string scenarioPath = Path.Combine("Integration", "Scenarios", scenarioFile);
        SourceText scenarioText = SourceText.From(ReadScenario(), Encoding.UTF8);
        Compilation compilation = run.Compilation
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(scenarioText, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), scenarioPath))
            .AddReferences(
                MetadataReference.CreateFromFile(typeof(Xunit.Assert).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(GeneratedServiceClient).Assembly.Location));
        List<Diagnostic> problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{modelFile} with {scenarioFile} does not compile:\n{GeneratorRun.Describe(problems)}");
        }

        // An embedded PDB with the scenario's text, so a failing assertion names its line in the scenario file.
        using var image = new MemoryStream();
        EmitResult result = compilation.Emit(
            image,
            options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded),
            embeddedTexts: new[] { EmbeddedText.FromSource(scenarioPath, scenarioText) });
        if (!result.Success)
        {
            throw new InvalidOperationException($"{modelFile}: emit failed:\n{GeneratorRun.Describe(result.Diagnostics)}");
        }

        image.Position = 0;
        return TestAssemblies.Load("real use " + modelFile, image);
    }

    private string ReadScenario()
    {
        using Stream stream = typeof(GeneratedServiceClient).Assembly.GetManifestResourceStream("Scenarios/" + scenarioFile)
            ?? throw new InvalidOperationException($"The test assembly does not embed Scenarios/{scenarioFile}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

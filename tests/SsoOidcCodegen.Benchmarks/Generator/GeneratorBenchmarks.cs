namespace SsoOidcCodegen.Benchmarks.Generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Emitting;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Parsing;

/// <summary>
/// The generator on one model: cold (a new driver), warm (the model edited, same driver), cached
/// (an unrelated C# edit, same driver), and the floor: a Newtonsoft parse of the same model (and
/// paginators) plus writing as many characters, in as many strings, as the generator emits.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private ImmutableArray<AdditionalText> files;
    private ImmutableArray<AdditionalText> editedFiles;
    private ImmutableArray<AdditionalText> shapeEditedFiles;
    private ImmutableArray<AdditionalText> structureEditedFiles;
    private ImmutableArray<AdditionalText> memberAddedFiles;
    private GeneratorDriver memberAddDriver = null!;
    private bool memberAdded;
    private GeneratorDriver structureEditDriver = null!;
    private bool structureEdited;
    private GeneratorDriver shapeEditDriver = null!;
    private bool shapeEdited;
    private CSharpCompilation[] compilations = null!;
    private GeneratorDriver warmDriver = null!;
    private GeneratorDriver cachedDriver = null!;
    private bool edited;
    private int revision;
    private string modelText = null!;
    private string? paginatorsText;
    private ImmutableArray<int> outputLengths;
    private ModelInput input = null!;
    private ServiceSpec spec = null!;

    /// <summary>The model of this case (see <see cref="GeneratorModels"/>).</summary>
    [ParamsSource(nameof(ModelNames))]
    public string Model { get; set; } = GeneratorModels.SsoOidc;

    /// <summary>The values of <see cref="Model"/>.</summary>
    public static IEnumerable<string> ModelNames => GeneratorModels.Names;

    /// <summary>Reads the model, makes its edited twin, runs the generator once to learn its output size, and primes the drivers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        GeneratorModel model = GeneratorModels.Get(Model);
        modelText = File.ReadAllText(model.Path);
        paginatorsText = model.PaginatorsPath is { } paginators ? File.ReadAllText(paginators) : null;
        files = GeneratorHost.Files(model, modelText);
        editedFiles = GeneratorHost.Files(model, EditDocumentation(modelText));
        shapeEditedFiles = GeneratorHost.Files(model, EditShapeDocumentation(modelText));
        structureEditedFiles = GeneratorHost.Files(model, EditEndpointPrefix(modelText));
        memberAddedFiles = GeneratorHost.Files(model, AddMember(modelText));
        compilations = new[] { GeneratorHost.CreateCompilation(0), GeneratorHost.CreateCompilation(1) };

        GeneratorDriver first = GeneratorHost.CreateDriver(files).RunGenerators(compilations[0]);
        outputLengths = GeneratorHost.Measure(first).Lengths;
        OutputCharacters = GeneratorHost.Measure(first).Characters;
        GeneratorDriver second = GeneratorHost.CreateDriver(editedFiles).RunGenerators(compilations[0]);
        if (GeneratorHost.Measure(second).Characters == OutputCharacters)
        {
            throw new InvalidOperationException($"{Model}: the edit did not change the generated code, so 'warm' would measure a cached run.");
        }

        input = new ModelInput { Path = model.Path, Text = modelText, Options = ModelOptions.Default, PaginatorsPath = model.PaginatorsPath, PaginatorsText = paginatorsText };
        spec = ServiceModelParser.Parse(input, System.Threading.CancellationToken.None).Spec
            ?? throw new InvalidOperationException($"{Model}: the model did not parse.");
        warmDriver = first;
        edited = false;
        shapeEditDriver = GeneratorHost.CreateDriver(files).RunGenerators(compilations[0]);
        structureEditDriver = GeneratorHost.CreateDriver(files).RunGenerators(compilations[0]);
        structureEdited = false;
        if (GeneratorHost.Measure(GeneratorHost.CreateDriver(structureEditedFiles).RunGenerators(compilations[0])).Characters == OutputCharacters)
        {
            throw new InvalidOperationException($"{Model}: the endpoint prefix edit did not change the generated code, so 'warm-structural' would measure a cached run.");
        }
        memberAddDriver = GeneratorHost.CreateDriver(files).RunGenerators(compilations[0]);
        memberAdded = false;
        if (GeneratorHost.Measure(GeneratorHost.CreateDriver(memberAddedFiles).RunGenerators(compilations[0])).Characters == OutputCharacters)
        {
            throw new InvalidOperationException($"{Model}: the added member did not change the generated code, so 'warm-add-member' would measure a cached run.");
        }

        shapeEdited = false;
        cachedDriver = GeneratorHost.CreateDriver(files).RunGenerators(compilations[0]);
        revision = 0;
    }

    /// <summary>Characters the generator emits for this model.</summary>
    public long OutputCharacters { get; private set; }

    /// <summary>A new driver: parse, emit and parse the output as the compiler's first build does.</summary>
    [Benchmark]
    public int Cold() => GeneratorHost.CreateDriver(files).RunGenerators(compilations[0]).GetRunResult().GeneratedTrees.Length;

    /// <summary>
    /// The same driver after the model was edited: an operation's documentation changes, so every file but the model
    /// types (structures, enums, exceptions, which do not show it) is emitted again.
    /// </summary>
    [Benchmark]
    public int Warm() => Toggle(ref warmDriver, ref edited, editedFiles);

    /// <summary>
    /// The same driver after an edit that is not of documentation (back and forth): the service's endpoint prefix changes,
    /// so the model is parsed again; since stop 28 only the client's surface files are emitted again (the wire's files
    /// do not show the prefix), until then every file but the model types.
    /// </summary>
    [Benchmark]
    public int WarmStructural() => Toggle(ref structureEditDriver, ref structureEdited, structureEditedFiles);

    /// <summary>
    /// The same driver after a member was added to a structure (back and forth): the model is parsed again, that shape's
    /// file and every file but the other model types are emitted again (the surface's and the wire's). What
    /// <see cref="WarmStructural"/> measured until stop 28.
    /// </summary>
    [Benchmark]
    public int WarmAddMember() => Toggle(ref memberAddDriver, ref memberAdded, memberAddedFiles);

    /// <summary>
    /// The same driver after one shape's documentation was edited (back and forth): the model is parsed again, but
    /// only that shape's file is rendered; the service's other files and the other model types come from the cache.
    /// </summary>
    [Benchmark]
    public int EditShapeDoc() => Toggle(ref shapeEditDriver, ref shapeEdited, shapeEditedFiles);

    // Swaps the model file for its edited twin (or back) in the driver and runs it: each run sees an edit.
    private int Toggle(ref GeneratorDriver driver, ref bool isEdited, ImmutableArray<AdditionalText> editedTwin)
    {
        ImmutableArray<AdditionalText> from = isEdited ? editedTwin : files;
        ImmutableArray<AdditionalText> to = isEdited ? files : editedTwin;
        isEdited = !isEdited;
        driver = driver.ReplaceAdditionalText(from[0], to[0]).RunGenerators(compilations[0]);
        return driver.GetRunResult().GeneratedTrees.Length;
    }

    /// <summary>The same driver after an unrelated C# edit: every step must come from the cache.</summary>
    [Benchmark]
    public int Cached()
    {
        revision ^= 1;
        cachedDriver = cachedDriver.RunGenerators(compilations[revision]);
        return cachedDriver.GetRunResult().GeneratedTrees.Length;
    }

    /// <summary>The generator's own parse step alone: model text to spec (part of <see cref="Cold"/>).</summary>
    [Benchmark]
    public object? Parse() => ServiceModelParser.Parse(input, System.Threading.CancellationToken.None).Spec;

    /// <summary>The split of the model's text from its documentation alone (part of every run that reads a new text); for profiles.</summary>
    public object Split() => DocumentationSplitter.Split(input, System.Threading.CancellationToken.None);

    /// <summary>The generator's own emit step alone: spec to C# text (part of <see cref="Cold"/>).</summary>
    [Benchmark]
    public int Emit() => ServiceEmitter.Emit(spec, System.Threading.CancellationToken.None).Count;

    /// <summary>The floor: Newtonsoft reads the model (and paginators) into a JToken with line info, then the output's characters are written.</summary>
    [Benchmark]
    public long Floor()
    {
        long checksum = (long)Parse(modelText).Type;
        if (paginatorsText is not null)
        {
            checksum += (long)Parse(paginatorsText).Type;
        }

        foreach (int length in outputLengths)
        {
            checksum += WriteCharacters(length).Length;
        }

        return checksum;
    }

    private static JToken Parse(string text)
    {
        using var stringReader = new StringReader(text);
        using var reader = new JsonTextReader(stringReader) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double, MaxDepth = 256 };
        return JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, CommentHandling = CommentHandling.Ignore, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
    }

    private const string Line = "        public string? ExampleMemberName { get; set; } // a line of generated code, 100 characters wide\n";

    private static string WriteCharacters(int count)
    {
        var builder = new StringBuilder();
        while (builder.Length + Line.Length <= count)
        {
            builder.Append(Line);
        }

        builder.Append(Line, 0, count - builder.Length);
        return builder.ToString();
    }

    // Changes the first documentation string inside "shapes": one structure's, enum's or exception's file changes.
    private static string EditShapeDocumentation(string text)
    {
        const string Marker = "\"documentation\":";
        int shapes = text.IndexOf("\"shapes\"", StringComparison.Ordinal);
        int at = shapes < 0 ? -1 : text.IndexOf(Marker, shapes, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("The model has no shape documentation to edit.");
        }

        int quote = text.IndexOf('"', at + Marker.Length);
        return text.Substring(0, quote + 1) + "Edited for the shape-edit benchmark. " + text.Substring(quote + 1);
    }

    // Changes the service's endpoint prefix (every protocol's generated endpoint and signing code shows it; no model type
    // does).
    private static string EditEndpointPrefix(string text)
    {
        const string Marker = "\"endpointPrefix\":";
        int at = text.IndexOf(Marker, StringComparison.Ordinal);
        int quote = at < 0 ? -1 : text.IndexOf('"', at + Marker.Length);
        if (quote < 0)
        {
            throw new InvalidOperationException("The model has no endpoint prefix to edit.");
        }

        return text.Substring(0, quote + 1) + "edited" + text.Substring(quote + 1);
    }

    // Adds a string member to the first shape with members (a structure, union or exception): its model type, its
    // serializer where it has one, and the spec of the service's files change.
    private static string AddMember(string text)
    {
        string stringShape = ((JObject)JObject.Parse(text)["shapes"]!).Properties().First(p => (string?)p.Value["type"] == "string").Name;
        int shapes = text.IndexOf("\"shapes\"", StringComparison.Ordinal);
        System.Text.RegularExpressions.Match members = shapes < 0 ? System.Text.RegularExpressions.Match.Empty
            : new System.Text.RegularExpressions.Regex("\"members\"\\s*:\\s*\\{").Match(text, shapes);
        if (!members.Success)
        {
            throw new InvalidOperationException("The model has no shape with members to add one to.");
        }

        int open = members.Index + members.Length;
        bool empty = text.AsSpan(open).TrimStart() is ['}', ..];
        return text.Substring(0, open) + "\"BenchmarkAddedMember\":{\"shape\":\"" + stringShape + "\"}" + (empty ? string.Empty : ",") + text.Substring(open);
    }

    // Changes the first documentation string (an operation's): the client's files and the spec change, so every file
    // but the model types is emitted again.
    private static string EditDocumentation(string text)
    {
        const string Marker = "\"documentation\":";
        int at = text.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("The model has no documentation string to edit.");
        }

        int quote = text.IndexOf('"', at + Marker.Length);
        return text.Substring(0, quote + 1) + "Edited for the warm benchmark. " + text.Substring(quote + 1);
    }
}

namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json;
using SsoOidcCodegen.Generator.Emitting;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A string enum's <c>KnownValues</c> and <c>IsKnown</c> behave alike whether <c>IsKnown</c> is a switch (up to
/// <see cref="ServiceEmitter.SwitchedKnownValuesLimit"/> values) or a set built on first use (more): over enums on either
/// side of the limit, with values a switch and a set could treat differently (case, escapes, non-ASCII, the empty
/// string), the generated code compiles and knows exactly the model's values.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class OpenEnumTests
{
    private const int Limit = ServiceEmitter.SwitchedKnownValuesLimit;

    private static readonly (string Name, int Count)[] Enums = [("One", 1), ("AtLimit", Limit), ("OverLimit", Limit + 1), ("Large", 1500)];

    private static readonly Lazy<(Assembly Assembly, IReadOnlyDictionary<string, string> Sources)> Generated = new(Generate);

    /// <summary>Enum name and its number of values: at, below and above the limit, and one as large as ec2's InstanceType.</summary>
    public static TheoryData<string, int> Sizes()
    {
        var data = new TheoryData<string, int>();
        foreach ((string name, int count) in Enums)
        {
            data.Add(name, count);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Is_known_holds_for_each_model_value_and_no_other(string name, int count)
    {
        (Assembly assembly, IReadOnlyDictionary<string, string> sources) = Generated.Value;
        Type type = assembly.GetType("Enums.Model." + name) ?? throw new InvalidOperationException(name + " was not generated");
        string source = sources.Single(s => s.Key.EndsWith(".Model." + name + ".g.cs", StringComparison.Ordinal)).Value;
        Assert.Equal(count > Limit, source.Contains("HashSet<string>", StringComparison.Ordinal));
        Assert.Equal(count <= Limit, source.Contains("Value switch", StringComparison.Ordinal));

        List<string> values = Values(count);
        var known = ((IEnumerable)type.GetProperty("KnownValues")!.GetValue(null)!).Cast<object>().Select(v => v.ToString()!).ToList();
        Assert.Equal(values, known);

        // First use from many threads at once: every caller sees the whole set.
        Parallel.ForEach(values, value => Assert.True(IsKnown(type, value), value));
        foreach (string value in values)
        {
            Assert.True(IsKnown(type, value), value);
            Assert.False(IsKnown(type, value + "x"), value + "x");
            Assert.False(IsKnown(type, "x" + value), "x" + value);
            if (!string.Equals(value.ToUpperInvariant(), value, StringComparison.Ordinal) && !values.Contains(value.ToUpperInvariant()))
            {
                Assert.False(IsKnown(type, value.ToUpperInvariant()), value.ToUpperInvariant());
            }
        }

        bool emptyKnown = values.Contains(string.Empty);
        Assert.Equal(emptyKnown, IsKnown(type, string.Empty));
        Assert.Equal(emptyKnown, (bool)type.GetProperty("IsKnown")!.GetValue(Activator.CreateInstance(type))!);
    }

    // The values of an enum of that size: the first few are the awkward ones.
    private static List<string> Values(int count)
    {
        string[] awkward = ["a1.medium", "A1.MEDIUM", "with \"quotes\"", "back\\slash", "ünïcödé", "tab\there", string.Empty, "value", "knownSet"];
        return awkward.Concat(Enumerable.Range(0, count).Select(i => "type-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".xlarge")).Take(count).ToList();
    }

    private static bool IsKnown(Type type, string value) =>
        (bool)type.GetProperty("IsKnown")!.GetValue(Activator.CreateInstance(type, value))!;

    private static (Assembly, IReadOnlyDictionary<string, string>) Generate()
    {
        var shapes = new Dictionary<string, object>
        {
            ["Request"] = new { type = "structure", members = Enums.ToDictionary(e => e.Name, e => (object)new { shape = e.Name }) },
        };
        foreach ((string name, int count) in Enums)
        {
            shapes[name] = new { type = "string", @enum = Values(count) };
        }

        string model = JsonConvert.SerializeObject(new
        {
            version = "2.0",
            metadata = new { apiVersion = "2020-01-01", endpointPrefix = "enums", protocol = "json", jsonVersion = "1.0", targetPrefix = "Enums", serviceId = "Enums", signatureVersion = "v4" },
            operations = new { Put = new { name = "Put", http = new { method = "POST", requestUri = "/" }, input = new { shape = "Request" } } },
            shapes,
        });
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/enums.json", model, Namespace: "Enums") });
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        using var image = new MemoryStream();
        var emitted = run.Compilation.Emit(image);
        Assert.True(emitted.Success, GeneratorRun.Describe(emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)));
        Assembly assembly = TestAssemblies.Load("open-enums", new MemoryStream(image.ToArray()));
        return (assembly, run.Sources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()));
    }
}

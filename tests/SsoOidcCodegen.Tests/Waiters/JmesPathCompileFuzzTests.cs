namespace SsoOidcCodegen.Tests.Waiters;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using SsoOidcCodegen.Generator.JmesPath;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Parsing;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The class of input, not the samples: seeded random JMESPath expressions over the Widgets shapes
/// (paths, indexes, projections, filters, functions, literals, comparisons, <c>&amp;&amp;</c>/<c>||</c>/<c>!</c>,
/// nested to depth three). Every one either is rejected by the compiler with a message, or compiles
/// to C# that builds with zero warnings and runs without throwing on full, empty and missing values.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class JmesPathCompileFuzzTests
{
    private static readonly string[] Values =
    {
        "Widget.Status", "Widget.Name", "Widget.Parts", "Widget.Parts[].State", "Widget.Parts[*].Size", "Widget.Parts[0].State",
        "Widget.Parts[-1].Size", "Widget.Parts[?Size > `1`].State", "Widget.Parts[?State == 'A']", "Widget.Parts[?!(State == 'A') || Size < `2`].Size",
        "length(Widget.Parts)", "length(Widget.Name)", "length(Widget.Parts[].State)", "contains(Widget.Parts[].State, 'A')", "contains(Widget.Name, 'n')",
        "`1`", "`2.5`", "'A'", "`\"READY\"`", "`true`", "`false`", "`null`", "Widget", "Widget.Parts[0]", "Widget | Name", "Widget.Parts[].Size | [0]",
        "Widget.[Status, Name]", "[Widget.Name, Widget.Status]", "Widget.Parts[*].[State, State][]", "Widget.Parts[*].[Size]", "Widget.Name.[@, @]",
        "length(Widget.[Name, Status])", "contains(Widget.Parts[*].[State][], 'A')", "Widget.Parts[*].[Size, Size][] | [0]", "Widget.[Parts, Name]",
    };

    [Fact]
    public void Random_expressions_compile_to_code_that_builds_and_runs()
    {
        ParseResult parsed = ServiceModelParser.Parse(new ModelInput { Path = "/fuzz/widgets-2024-01-01.json", Text = WidgetsService.Model, Options = new ModelOptions { Namespace = "Test.Fuzz" } }, TestContext.Current.CancellationToken);
        Assert.NotNull(parsed.Spec);
        var compiler = new JmesPathCompiler(parsed.Spec!.Shapes.ToDictionary(s => s.TypeName));
        var random = new Random(20261130);
        var compiled = new List<(string Expression, string Code)>();
        int rejected = 0;
        for (int i = 0; i < 300; i++)
        {
            string expression = Expression(random, 3);
            try
            {
                compiled.Add((expression, compiler.Compile(expression, "output", "DescribeWidgetOutput").Code));
            }
            catch (JmesPathException)
            {
                rejected++;
            }
        }

        Assert.True(compiled.Count > 150, $"only {compiled.Count} of 300 compiled ({rejected} rejected)");
        var source = new StringBuilder("namespace Fuzz;\nusing Test.Fuzz.Model;\npublic static class Expressions\n{\n");
        source.Append("    public static readonly System.Func<DescribeWidgetOutput?, object?>[] All =\n    {\n");
        foreach ((string expression, string code) in compiled)
        {
            source.Append("        // ").Append(expression.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
            source.Append("        static output => (object?)(").Append(code).Append("),\n");
        }

        source.Append("    };\n\n    public static DescribeWidgetOutput?[] Samples => new DescribeWidgetOutput?[]\n    {\n");
        source.Append("        null,\n        new DescribeWidgetOutput(),\n        new DescribeWidgetOutput { Widget = new Widget() },\n");
        source.Append("        new DescribeWidgetOutput { Widget = new Widget { Status = \"READY\", Name = \"n\", Parts = new() { new Part { State = \"A\", Size = 3 }, new Part(), new Part { State = \"B\", Size = 1 } } } },\n");
        source.Append("        new DescribeWidgetOutput { Widget = new Widget { Name = \"\", Parts = new() } },\n    };\n}\n");

        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/fuzz/widgets-2024-01-01.json", WidgetsService.Model, Namespace: "Test.Fuzz") }, source.ToString());
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        using var image = new MemoryStream();
        EmitResult emitted = run.Compilation.Emit(image, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emitted.Success, GeneratorRun.Describe(emitted.Diagnostics));
        image.Position = 0;
        Type expressions = TestAssemblies.Load("fuzz", image).GetType("Fuzz.Expressions", throwOnError: true)!;
        var all = (Func<object?, object?>[])((Array)expressions.GetField("All")!.GetValue(null)!).Cast<Delegate>().Select(d => (Func<object?, object?>)(o => d.DynamicInvoke(o))).ToArray();
        var samples = (Array)expressions.GetProperty("Samples")!.GetValue(null)!;
        for (int i = 0; i < all.Length; i++)
        {
            foreach (object? sample in samples)
            {
                Exception? failure = Record.Exception(() => all[i](sample));
                Assert.True(failure is null, $"'{compiled[i].Expression}' threw {failure?.InnerException ?? failure}");
            }
        }
    }

    private static string Expression(Random random, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
        {
            return Values[random.Next(Values.Length)];
        }

        string left = Expression(random, depth - 1);
        string right = Expression(random, depth - 1);
        return random.Next(8) switch
        {
            0 => $"{left} == {right}",
            1 => $"{left} != {right}",
            2 => $"{left} < {right}",
            3 => $"{left} >= {right}",
            4 => $"({left}) && ({right})",
            5 => $"({left}) || ({right})",
            6 => $"!({left})",
            _ => $"({left}) == ({right})",
        };
    }
}

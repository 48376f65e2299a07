namespace SsoOidcCodegen.Tests.Waiters;

using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Companion files: the package's MSBuild targets find paginators, waiters and endpoint rule sets
/// beside a model and in botocore's layout (<c>service-2.json</c> with <c>paginators-1.json</c>,
/// <c>waiters-2.json</c> and <c>endpoint-rule-set-1.json</c> in its folder); the generator uses the
/// first of each role and reports a companion it does not use (SOC016). The other item metadata the targets pass on
/// (<c>Operations</c>) is checked here too.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class CompanionFileTests
{
    private static readonly string Targets = Path.Combine(ReferenceData.RepoRoot, "runtime", "SsoOidcCodegen.Runtime", "buildTransitive", "SsoOidcCodegen.targets");

    [Fact]
    public async Task A_model_in_botocores_layout_brings_its_paginators_waiters_and_endpoint_rule_set()
    {
        using var folder = new Auth.TemporaryDirectory();
        string version = Path.Combine(folder.Path, "models", "widgets", "2024-01-01");
        Directory.CreateDirectory(version);
        foreach (string name in new[] { "service-2.json", "paginators-1.json", "waiters-2.json", "endpoint-rule-set-1.json", "examples-1.json" })
        {
            File.WriteAllText(Path.Combine(version, name), "{}");
        }

        (string Path, string Role, string Model)[] files = await AdditionalFilesAsync(folder.Path, "models/widgets/2024-01-01/service-2.json", metadata: string.Empty);

        string model = Path.Combine(version, "service-2.json");
        Assert.Contains((model, "ServiceModel", model), files);
        Assert.Contains((Path.Combine(version, "paginators-1.json"), "Paginators", model), files);
        Assert.Contains((Path.Combine(version, "waiters-2.json"), "Waiters", model), files);
        Assert.Contains((Path.Combine(version, "endpoint-rule-set-1.json"), "EndpointRuleSet", model), files);
        Assert.Equal(4, files.Length);
    }

    [Fact]
    public async Task Companions_named_after_the_model_and_in_metadata_come_in_order_metadata_first()
    {
        using var folder = new Auth.TemporaryDirectory();
        string models = Path.Combine(folder.Path, "models");
        Directory.CreateDirectory(models);
        foreach (string name in new[] { "things-2024-01-01.json", "things-2024-01-01.paginators.json", "things-2024-01-01.waiters.json", "things-2024-01-01.waiters-2.json", "custom-waiters.json", "paginators-1.json" })
        {
            File.WriteAllText(Path.Combine(models, name), "{}");
        }

        (string Path, string Role, string Model)[] files = await AdditionalFilesAsync(folder.Path, "models/things-2024-01-01.json", metadata: "Waiters=\"models/custom-waiters.json\"");

        string[] waiters = files.Where(f => f.Role == "Waiters").Select(f => System.IO.Path.GetFileName(f.Path)).ToArray();
        Assert.Equal(new[] { "custom-waiters.json", "things-2024-01-01.waiters.json", "things-2024-01-01.waiters-2.json" }, waiters);
        Assert.Equal(new[] { "things-2024-01-01.paginators.json" }, files.Where(f => f.Role == "Paginators").Select(f => System.IO.Path.GetFileName(f.Path)).ToArray());
    }

    [Fact]
    public void The_generator_uses_the_first_companion_of_a_role_and_reports_the_others_and_orphans()
    {
        const string model = "/companions/widgets/2024-01-01/service-2.json";
        GeneratorRun run = GeneratorHarness.Run(new[]
        {
            new ModelFile(model, WidgetsService.Model, Namespace: "Test.Companions"),
            new ModelFile("/companions/widgets/2024-01-01/waiters-2.json", WidgetsService.Waiters, "Waiters", ModelPath: model),
            new ModelFile("/companions/widgets/2024-01-01/old.waiters.json", "{ \"version\": 2, \"waiters\": {} }", "Waiters", ModelPath: model),
            new ModelFile("/companions/other/paginators-1.json", "{ \"pagination\": {} }", "Paginators", ModelPath: "/companions/other/service-2.json"),
        });

        var unused = run.GeneratorDiagnostics.Where(d => d.Id == "SOC016").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, unused.Count);
        Assert.Contains(unused, m => m.Contains("old.waiters.json", StringComparison.Ordinal) && m.Contains("already uses '/companions/widgets/2024-01-01/waiters-2.json'", StringComparison.Ordinal));
        Assert.Contains(unused, m => m.Contains("/companions/other/paginators-1.json", StringComparison.Ordinal) && m.Contains("no AwsServiceModel item", StringComparison.Ordinal));
        Assert.Contains(run.Sources, s => s.SourceText.ToString().Contains("WaitUntilWidgetReadyAsync(", StringComparison.Ordinal));
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
    }

    [Fact]
    public async Task The_Operations_metadata_reaches_the_generator_comma_separated()
    {
        // Item metadata reaches the generator as an .editorconfig line, and Roslyn reads a ';' there as the start of a
        // comment: "A;B" would arrive as "A". The targets hand it over with commas.
        using var folder = new Auth.TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(folder.Path, "models"));
        File.WriteAllText(Path.Combine(folder.Path, "models", "things-2024-01-01.json"), "{}");

        JsonElement[] items = await AdditionalFileItemsAsync(folder.Path, "models/things-2024-01-01.json", metadata: "Operations=\"GetThing;PutThing, DeleteThing\"");

        JsonElement model = Assert.Single(items);
        Assert.Equal("GetThing,PutThing, DeleteThing", model.GetProperty("Operations").GetString());
    }

    /// <summary>Evaluates the package's targets on a project with one AwsServiceModel item and returns the additional files they add.</summary>
    private static async Task<(string Path, string Role, string Model)[]> AdditionalFilesAsync(string directory, string modelItem, string metadata) =>
        (await AdditionalFileItemsAsync(directory, modelItem, metadata))
            .Select(item => (
                item.GetProperty("FullPath").GetString()!,
                item.GetProperty("SsoOidcCodegenRole").GetString()!,
                item.GetProperty("SsoOidcCodegenModel").GetString()!))
            .ToArray();

    /// <summary>The additional files the package's targets add to a project with one AwsServiceModel item, with all their metadata.</summary>
    private static async Task<JsonElement[]> AdditionalFileItemsAsync(string directory, string modelItem, string metadata)
    {
        string project = Path.Combine(directory, "Consumer.proj");
        File.WriteAllText(project, $"""
            <Project>
              <ItemGroup>
                <AwsServiceModel Include="{modelItem}" {metadata} />
              </ItemGroup>
              <Import Project="{Targets}" />
              <Target Name="Build" />
            </Project>
            """);
        var start = new ProcessStartInfo("dotnet", $"msbuild \"{project}\" -nologo -t:SsoOidcCodegenAddServiceModels -getItem:AdditionalFiles")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await output + await error);
        using JsonDocument document = JsonDocument.Parse(await output);
        return document.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray().Select(item => item.Clone()).ToArray();
    }
}

namespace SsoOidcCodegen.Tests.Generator;

using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// No dead generated code: for our model, every model in <c>AWS_MODELS_DIR</c> and every model of a spoken protocol
/// in <c>AWS_NEXT_MODELS_DIR</c>, every method and field of the generated internal classes (serializers, codecs,
/// operations, error table) is reachable from what a user can call (<see cref="GeneratedCodeReachability"/>),
/// and no generated file has a using directive the compiler finds unnecessary (CS8019, reported when documentation
/// comments are parsed, as in a project that writes a documentation file).
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class GeneratedCodeReachabilityTests
{
    public static TheoryData<string> ReferenceModels() => CompileOutputTests.ReferenceModels();

    public static TheoryData<string> NextModels() => CompileOutputTests.NextModels();

    [Fact]
    public void Our_model_generates_no_unreachable_member()
    {
        AssertNothingDead(ModelFile.FromDisk(Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.json")));
    }

    [Theory]
    [MemberData(nameof(ReferenceModels))]
    public void Reference_model_generates_no_unreachable_member(string relativePath)
    {
        AssertNothingDead(ModelFile.FromDisk(Path.Combine(ReferenceData.Models, relativePath)));
    }

    [Theory]
    [MemberData(nameof(NextModels))]
    public void Next_model_generates_no_unreachable_member(string fileName)
    {
        AssertNothingDead(ModelFile.FromDisk(Path.Combine(ReferenceData.Require("AWS_NEXT_MODELS_DIR", "aws/next/models"), fileName)));
    }

    [Theory]
    [MemberData(nameof(UsageAnalysisTests.Protocols), MemberType = typeof(UsageAnalysisTests))]
    public void The_synthetic_usage_model_generates_no_unreachable_member(string protocol)
    {
        AssertNothingDead(new[] { new ModelFile($"/models/usage-{protocol}.json", UsageModels.Synthetic(protocol).ToString()) });
    }

    [Fact]
    public void The_unnecessary_using_check_can_fail()
    {
        const string code = """
            namespace Demo
            {
                using System.IO;
                using System.Text;

                /// <summary>Uses <see cref="StringBuilder"/> in a comment only.</summary>
                public static class Client
                {
                    public static int Call() => 1;
                }
            }
            """;
        var options = Microsoft.CodeAnalysis.CSharp.CSharpParseOptions.Default.WithDocumentationMode(DocumentationMode.Diagnose);
        Compilation compilation = GeneratorHarness.CreateCompilation("Usings", Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(code, options, cancellationToken: TestContext.Current.CancellationToken));
        Diagnostic unnecessary = Assert.Single(compilation.GetDiagnostics(TestContext.Current.CancellationToken), d => d.Id == "CS8019");
        Assert.Equal("using System.IO;", unnecessary.Location.SourceTree!.GetText(TestContext.Current.CancellationToken).ToString(unnecessary.Location.SourceSpan));
    }

    [Fact]
    public void The_using_table_lists_every_public_type_of_each_runtime_namespace_and_none_declares_extension_methods()
    {
        System.Reflection.Assembly runtime = typeof(SsoOidcCodegen.Runtime.AwsClient).Assembly;
        foreach ((string ns, string[] listed) in SsoOidcCodegen.Generator.Emitting.UsingDirectives.TypesByNamespace.Where(p => p.Key.StartsWith("SsoOidcCodegen.Runtime", System.StringComparison.Ordinal)))
        {
            System.Type[] types = runtime.GetExportedTypes().Where(t => t.Namespace == ns && !t.IsNested).ToArray();
            Assert.NotEmpty(types);
            Assert.Equal(ns + ": " + string.Join(" ", types.Select(t => t.Name.Split('`')[0]).Distinct().OrderBy(n => n, System.StringComparer.Ordinal)), ns + ": " + string.Join(" ", listed.OrderBy(n => n, System.StringComparer.Ordinal)));
            Assert.DoesNotContain(types, t => t.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false));
        }
    }

    [Fact]
    public void The_walk_finds_a_dead_pair_of_methods_that_call_each_other()
    {
        // The check itself can fail: two internal methods that only call each other are reported, a called one is not.
        const string code = """
            namespace Demo.Internal
            {
                internal static class Codec
                {
                    public static int Used() => 1;
                    public static int Read(int depth) => depth == 0 ? 0 : ReadMembers(depth - 1);
                    public static int ReadMembers(int depth) => Read(depth);
                    public static readonly int Table = 3;
                }
            }

            namespace Demo
            {
                public static class Client
                {
                    public static int Call() => Internal.Codec.Used();
                }
            }
            """;
        Compilation compilation = GeneratorHarness.CreateCompilation("Dead", Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(code, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(new[] { "Codec.Read", "Codec.ReadMembers", "Codec.Table" }, GeneratedCodeReachability.UnreachedInternalMembers(compilation));
    }

    private static void AssertNothingDead(IReadOnlyList<ModelFile> files)
    {
        GeneratorRun run = GeneratorHarness.RunWithDocumentation(files);
        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        IReadOnlyList<string> dead = GeneratedCodeReachability.UnreachedInternalMembers(run.Compilation);
        Assert.True(dead.Count == 0, $"{dead.Count} unreachable generated members: " + string.Join(", ", dead.Take(40)));
        AssertNoUnnecessaryUsing(run);
    }

    /// <summary>CS8019 is a hidden diagnostic: the compiler reports it, with documentation comments parsed, for every using nothing binds to.</summary>
    private static void AssertNoUnnecessaryUsing(GeneratorRun run)
    {
        List<Diagnostic> unnecessary = run.Compilation.GetDiagnostics().Where(d => d.Id == "CS8019").ToList();
        Assert.True(unnecessary.Count == 0, $"{unnecessary.Count} unnecessary usings: " + string.Join("; ", unnecessary.Take(20).Select(d => Path.GetFileName(d.Location.SourceTree?.FilePath) + ": " + d.Location.SourceTree?.GetText().ToString(d.Location.SourceSpan))));
    }
}

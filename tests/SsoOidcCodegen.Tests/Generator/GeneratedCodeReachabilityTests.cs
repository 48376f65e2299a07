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
        GeneratorRun run = UsageModels.Compile(protocol, UsageModels.Synthetic(protocol));
        Assert.Empty(GeneratedCodeReachability.UnreachedInternalMembers(run.Compilation));
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
    }
}

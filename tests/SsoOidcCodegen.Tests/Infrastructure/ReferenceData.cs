namespace SsoOidcCodegen.Tests.Infrastructure;

using System;
using System.IO;
using Xunit;

/// <summary>
/// Finds the repository and the reference data in <c>../shared</c>. Each data set is named by an
/// environment variable whose default points into <c>../shared</c>; when the directory is absent
/// the test reports itself as skipped and names the variable (CI always sets it).
/// </summary>
public static class ReferenceData
{
    /// <summary>The repository root: the directory that holds <c>SsoOidcCodegen.sln</c>.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>AWS_PROTOCOL_TESTS_DIR</c>, default <c>../shared/aws/protocol-tests</c>.</summary>
    public static string ProtocolTests => Require("AWS_PROTOCOL_TESTS_DIR", "aws/protocol-tests");

    /// <summary><c>AWS_MODELS_DIR</c>, default <c>../shared/aws/models</c>.</summary>
    public static string Models => Require("AWS_MODELS_DIR", "aws/models");

    /// <summary><c>AWS_WAITERS_DIR</c>, default <c>../shared/aws/next/waiters</c>: the waiters of the corpus models.</summary>
    public static string Waiters => Require("AWS_WAITERS_DIR", "aws/next/waiters");

    /// <summary><c>AWS_ENDPOINT_TESTS_DIR</c>, default <c>../shared/aws/endpoints</c>.</summary>
    public static string EndpointTests => Require("AWS_ENDPOINT_TESTS_DIR", "aws/endpoints");

    /// <summary><c>AWS_SIGV4_TESTS_DIR</c>, default <c>../shared/aws/sigv4-testsuite</c>.</summary>
    public static string SigV4Tests => Require("AWS_SIGV4_TESTS_DIR", "aws/sigv4-testsuite");

    /// <summary><c>AWS_WIRE_REFERENCE</c>, default <c>../shared/aws/awssdk-ssooidc-wire.md</c>.</summary>
    public static string WireReference
    {
        get
        {
            string path = Resolve("AWS_WIRE_REFERENCE", "aws/awssdk-ssooidc-wire.md");
            if (!File.Exists(path))
            {
                Assert.Skip($"Reference file '{path}' is missing: set AWS_WIRE_REFERENCE.");
            }

            return path;
        }
    }

    /// <summary>
    /// The directory named by <paramref name="variable"/> (or its default under ../shared),
    /// or null when it does not exist. Use in member data, where skipping is not possible.
    /// </summary>
    public static string? TryGet(string variable, string defaultUnderShared)
    {
        string path = Resolve(variable, defaultUnderShared);
        return Directory.Exists(path) ? path : null;
    }

    /// <summary>The directory, or skips the running test with a message naming the variable.</summary>
    public static string Require(string variable, string defaultUnderShared)
    {
        string path = Resolve(variable, defaultUnderShared);
        if (!Directory.Exists(path))
        {
            Assert.Skip($"Reference data directory '{path}' is missing: set {variable}.");
        }

        return path;
    }

    private static string Resolve(string variable, string defaultUnderShared)
    {
        string? value = Environment.GetEnvironmentVariable(variable);
        return !string.IsNullOrEmpty(value)
            ? Path.GetFullPath(value)
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", defaultUnderShared));
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SsoOidcCodegen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SsoOidcCodegen.sln above '{AppContext.BaseDirectory}'.");
    }
}

namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Every service model botocore ships (each API version of each service, with its paginators, waiters and endpoint rule
/// set) generates a client that compiles with zero errors and zero warnings, as <see cref="CompileOutputTests"/> asks of
/// the reference models: the models the generator was never tuned to. Read from <c>BOTOCORE_DATA_DIR</c>, botocore's
/// <c>data</c> folder as pip installs it (<c>&lt;service&gt;/&lt;version&gt;/service-2.json.gz</c>, gzip-compressed, or
/// <c>.json</c> as in botocore's repository); <c>.ci/run</c> sets it when python3 has botocore.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class BotocoreModelTests
{
    private const string Variable = "BOTOCORE_DATA_DIR";
    private const string NotSet = "(BOTOCORE_DATA_DIR not set)";

    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        string? root = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(root))
        {
            data.Add(NotSet);
            return data;
        }

        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{Variable} names '{root}', which is not a folder.");
        }

        foreach (string version in Directory.GetDirectories(root).SelectMany(Directory.GetDirectories).OrderBy(d => d, StringComparer.Ordinal))
        {
            if (Find(version, "service-2") is not null)
            {
                data.Add(Path.GetRelativePath(root, version).Replace('\\', '/'));
            }
        }

        if (data.Count == 0)
        {
            throw new InvalidOperationException($"{Variable} ('{root}') holds no <service>/<version>/service-2.json: is it botocore's data folder?");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Botocore_model_compiles_without_diagnostics(string serviceAndVersion)
    {
        if (serviceAndVersion == NotSet)
        {
            Assert.Skip($"{Variable} is not set: point it at botocore's data folder to compile every botocore model.");
        }

        string folder = Path.Combine(Environment.GetEnvironmentVariable(Variable)!, serviceAndVersion);
        string name = serviceAndVersion.Replace('/', '-');
        string modelPath = "/botocore/" + name + ".json";
        var files = new List<ModelFile> { new(modelPath, Read(Find(folder, "service-2")!)) };
        foreach ((string stem, string role) in new[] { ("paginators-1", "Paginators"), ("waiters-2", "Waiters"), ("endpoint-rule-set-1", "EndpointRuleSet") })
        {
            if (Find(folder, stem) is { } companion)
            {
                files.Add(new ModelFile("/botocore/" + name + "." + role + ".json", Read(companion), role, ModelPath: modelPath));
            }
        }

        CompileOutputTests.AssertCompiles(files);
    }

    // The file of that name in the folder, plain or gzip-compressed; null when there is neither.
    private static string? Find(string folder, string stem) =>
        new[] { Path.Combine(folder, stem + ".json"), Path.Combine(folder, stem + ".json.gz") }.FirstOrDefault(File.Exists);

    private static string Read(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllText(path);
        }

        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}

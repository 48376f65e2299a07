namespace SsoOidcCodegen.Tests.Conformance;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using SsoOidcCodegen.Tests.Infrastructure;

/// <summary>Whether a suite file checks requests (<c>input/</c>) or responses (<c>output/</c>).</summary>
public enum SuiteDirection
{
    Input,
    Output,
}

/// <summary>
/// botocore's protocol conformance suites under <c>AWS_PROTOCOL_TESTS_DIR</c> (rest-json, json) and
/// <c>AWS_NEXT_PROTOCOL_TESTS_DIR</c> (query, ec2, rest-xml, smithy-rpc-v2-cbor): every file in
/// <c>input/</c> and <c>output/</c> named after a protocol this project speaks. Each file is a list
/// of suites; each suite embeds a model (metadata and shapes) and cases whose <c>given</c> is the
/// operation under test.
/// </summary>
public static class ProtocolSuites
{
    /// <summary>The suite files named after a protocol this project speaks (awsJson 1.0 is <c>json_1_0.json</c>).</summary>
    public static readonly IReadOnlyList<string> SupportedFiles = new[] { "rest-json.json", "json.json", "json_1_0.json" };

    /// <summary>The suite files of the protocols added later, read from <c>AWS_NEXT_PROTOCOL_TESTS_DIR</c>.</summary>
    public static readonly IReadOnlyList<string> NextFiles = new[] { "query.json", "ec2.json", "rest-xml.json", "smithy-rpc-v2-cbor.json" };

    /// <summary>
    /// Our own suites in botocore's older hand-written format (cases without ids), for what botocore's
    /// suites do not cover: protocol priority, awsQueryCompatible error codes, S3's 200 error answers.
    /// </summary>
    public static readonly IReadOnlyList<string> HandWrittenFiles = new[] { "hand-written.json" };

    /// <summary>Each suite directory: its variable (null: in the repository), its default, and the files read from it.</summary>
    private static readonly (string? Variable, string Default, IReadOnlyList<string> Files)[] Roots =
    {
        ("AWS_PROTOCOL_TESTS_DIR", "aws/protocol-tests", SupportedFiles),
        ("AWS_NEXT_PROTOCOL_TESTS_DIR", "aws/next/protocol-tests", NextFiles),
        (null, "tests/SsoOidcCodegen.Tests/Conformance/Suites", HandWrittenFiles),
    };
    private static readonly Lazy<IReadOnlyList<SuiteFile>> Files = new(Load);
    private static readonly Lazy<Dictionary<string, ProtocolCase>> ByKey = new(() => Files.Value
        .SelectMany(f => f.Suites)
        .SelectMany(s => s.Cases)
        .ToDictionary(c => c.Key, StringComparer.Ordinal));

    /// <summary>The row shown when the suites are missing; the test skips and names the variables.</summary>
    public const string MissingRow = "(AWS_PROTOCOL_TESTS_DIR and AWS_NEXT_PROTOCOL_TESTS_DIR missing)";

    /// <summary>Every suite file found, in a stable order.</summary>
    public static IReadOnlyList<SuiteFile> All => Files.Value;

    /// <summary>The case keys of one direction, one theory row each.</summary>
    public static IReadOnlyList<string> Keys(SuiteDirection direction)
    {
        var keys = Files.Value.Where(f => f.Direction == direction).SelectMany(f => f.Suites).SelectMany(s => s.Cases).Select(c => c.Key).ToList();
        return keys.Count == 0 ? new[] { MissingRow } : keys;
    }

    /// <summary>The case with this key (the directory must exist; tests call <see cref="ReferenceData.ProtocolTests"/> first).</summary>
    public static ProtocolCase Case(string key) =>
        ByKey.Value.TryGetValue(key, out ProtocolCase? found) ? found : throw new KeyNotFoundException($"No protocol test case '{key}'.");

    private static IReadOnlyList<SuiteFile> Load()
    {
        var files = new List<SuiteFile>();
        foreach ((string? variable, string defaultPath, IReadOnlyList<string> names) in Roots)
        {
            string? root = variable is null ? Path.Combine(ReferenceData.RepoRoot, defaultPath) : ReferenceData.TryGet(variable, defaultPath);
            if (root is null)
            {
                continue;
            }

            foreach (SuiteDirection direction in new[] { SuiteDirection.Input, SuiteDirection.Output })
            {
                string folder = Path.Combine(root, direction == SuiteDirection.Input ? "input" : "output");
                foreach (string name in names)
                {
                    string path = Path.Combine(folder, name);
                    if (File.Exists(path))
                    {
                        files.Add(SuiteFile.Read(path, direction));
                    }
                }
            }
        }

        return files;
    }
}

/// <summary>One suite file: a list of suites, each compiled into its own namespace.</summary>
public sealed class SuiteFile
{
    private SuiteFile(string label, SuiteDirection direction, string protocolName)
    {
        Label = label;
        Direction = direction;
        ProtocolName = protocolName;
    }

    /// <summary><c>input/rest-json.json</c>: the first part of every case key.</summary>
    public string Label { get; }

    /// <summary>Requests or responses.</summary>
    public SuiteDirection Direction { get; }

    /// <summary>The file name without <c>.json</c> (<c>rest-json</c>, <c>json</c>, <c>json_1_0</c>).</summary>
    public string ProtocolName { get; }

    /// <summary>The suites, in file order.</summary>
    public IReadOnlyList<ProtocolSuite> Suites { get; private set; } = Array.Empty<ProtocolSuite>();

    internal static SuiteFile Read(string path, SuiteDirection direction)
    {
        string protocolName = Path.GetFileNameWithoutExtension(path);
        var file = new SuiteFile((direction == SuiteDirection.Input ? "input/" : "output/") + Path.GetFileName(path), direction, protocolName);
        JsonArray suites = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        var list = new List<ProtocolSuite>();
        for (int i = 0; i < suites.Count; i++)
        {
            list.Add(new ProtocolSuite(file, i, suites[i]!.AsObject()));
        }

        file.Suites = list;
        return file;
    }
}

/// <summary>One suite: a model (metadata, shapes, the operations its cases give) and its cases.</summary>
public sealed class ProtocolSuite
{
    internal ProtocolSuite(SuiteFile file, int index, JsonObject suite)
    {
        File = file;
        Index = index;
        Description = suite["description"]?.GetValue<string>() ?? $"suite {index}";
        FirstProtocol = suite["metadata"]?["protocols"] is JsonArray protocols && protocols.Count > 0
            ? protocols[0]!.GetValue<string>()
            : suite["metadata"]?["protocol"]?.GetValue<string>() ?? string.Empty;
        string direction = file.Direction == SuiteDirection.Input ? "Input" : "Output";
        string protocol = string.Concat(file.ProtocolName.Split('-', '_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p.Substring(1)));
        string suiteName = "Suite" + index.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        Namespace = $"Conformance.{direction}{protocol}.{suiteName}";
        ModelPath = $"/protocol-tests/{direction.ToLowerInvariant()}/{file.ProtocolName}/{suiteName.ToLowerInvariant()}.json";

        // The model: the suite's metadata and shapes, and one operation per distinct 'given'.
        var operations = new JsonObject();
        var cases = new List<ProtocolCase>();
        int caseIndex = 0;
        foreach (JsonNode? item in suite["cases"]!.AsArray())
        {
            JsonObject data = item!.AsObject();
            JsonObject given = data["given"]!.AsObject();
            string name = given["name"]!.GetValue<string>();
            if (operations[name] is JsonNode seen)
            {
                if (!JsonNode.DeepEquals(seen, given))
                {
                    throw new InvalidDataException($"{file.Label}: suite '{Description}' gives two different operations named {name}.");
                }
            }
            else
            {
                operations[name] = given.DeepClone();
            }

            cases.Add(new ProtocolCase(this, data, caseIndex++));
        }

        var model = new JsonObject
        {
            ["metadata"] = suite["metadata"]!.DeepClone(),
            ["operations"] = operations,
            ["shapes"] = suite["shapes"]!.DeepClone(),
        };
        ModelJson = model.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Cases = cases;
    }

    /// <summary>The file the suite is in.</summary>
    public SuiteFile File { get; }

    /// <summary>The suite's position in its file.</summary>
    public int Index { get; }

    /// <summary>The first protocol the suite's model lists (the one its client speaks when the generator speaks it).</summary>
    public string FirstProtocol { get; }

    /// <summary>The suite's description (several suites may share one).</summary>
    public string Description { get; }

    /// <summary>The namespace its client is generated into (one per suite, so suites can share a compilation).</summary>
    public string Namespace { get; }

    /// <summary>The path the model is handed to the generator under.</summary>
    public string ModelPath { get; }

    /// <summary>The service model built from the suite.</summary>
    public string ModelJson { get; }

    /// <summary>The cases, in file order.</summary>
    public IReadOnlyList<ProtocolCase> Cases { get; }
}

/// <summary>One case: its key, the operation it gives and what it expects.</summary>
public sealed class ProtocolCase
{
    internal ProtocolCase(ProtocolSuite suite, JsonObject data, int index)
    {
        Suite = suite;
        Data = JsonDocument.Parse(data.ToJsonString()).RootElement.Clone();

        // botocore's older hand-written suites have cases without an id: they are keyed by their index.
        Id = Data.TryGetProperty("id", out JsonElement id) && id.GetString() is { Length: > 0 } text
            ? text
            : "case" + index.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        OperationName = Data.GetProperty("given").GetProperty("name").GetString()!;
        Key = $"{suite.File.Label}:{suite.Description}:{Id}";
    }

    /// <summary><c>&lt;file&gt;:&lt;suite description&gt;:&lt;case id&gt;</c>, the theory row.</summary>
    public string Key { get; }

    /// <summary>The suite the case belongs to.</summary>
    public ProtocolSuite Suite { get; }

    /// <summary>The case id, or <c>caseNN</c> (its index in the suite) for a case without one.</summary>
    public string Id { get; }

    /// <summary>The name of the operation the case gives.</summary>
    public string OperationName { get; }

    /// <summary>The case as the file has it (params, serialized, response, result, error...).</summary>
    public JsonElement Data { get; }
}

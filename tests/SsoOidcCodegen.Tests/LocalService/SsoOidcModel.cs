namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit.Sdk;

/// <summary>
/// The newest SSO OIDC model from the reference data (<c>AWS_MODELS_DIR</c>), read at run time so
/// the local service is checked against the model rather than against values copied from it.
/// </summary>
public sealed partial class SsoOidcModel
{
    private const string NewestModel = "sso-oidc/history/sso-oidc-2019-06-10.2025-09-23.json";

    private readonly JsonElement _root;

    private SsoOidcModel(JsonElement root) => _root = root;

    /// <summary>Loads the model, or skips the running test when the reference data is absent.</summary>
    public static SsoOidcModel Load()
    {
        string path = Path.Combine(ReferenceData.Models, NewestModel);
        if (!File.Exists(path))
        {
            Xunit.Assert.Skip($"Model '{path}' is missing: set AWS_MODELS_DIR.");
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new SsoOidcModel(document.RootElement.Clone());
    }

    public int ErrorStatus(string exceptionName) =>
        Shape(exceptionName).GetProperty("error").GetProperty("httpStatusCode").GetInt32();

    /// <summary>The OAuth code the documentation of the shape's <c>error</c> member names: "the value will be <c>x</c>".</summary>
    public string ErrorCode(string exceptionName)
    {
        JsonElement error = Shape(exceptionName).GetProperty("members").GetProperty("error");
        string documentation = error.TryGetProperty("documentation", out JsonElement text) ? text.GetString() ?? string.Empty : string.Empty;
        Match match = ErrorCodePattern().Match(documentation);
        return match.Success ? match.Groups[1].Value : throw new XunitException($"{exceptionName} documents no error code.");
    }

    public string[] OperationErrors(string operation) =>
        [.. Operation(operation).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("shape").GetString()!)];

    /// <summary>The output structure's members in model order.</summary>
    public string[] OutputMembers(string operation)
    {
        string output = Operation(operation).GetProperty("output").GetProperty("shape").GetString()!;
        return [.. Shape(output).GetProperty("members").EnumerateObject().Select(m => m.Name)];
    }

    private JsonElement Operation(string name) => _root.GetProperty("operations").GetProperty(name);

    private JsonElement Shape(string name) => _root.GetProperty("shapes").GetProperty(name);

    [GeneratedRegex(@"value will be <code>([a-z_]+)</code>", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorCodePattern();
}

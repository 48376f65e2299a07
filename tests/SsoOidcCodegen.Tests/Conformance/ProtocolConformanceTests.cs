namespace SsoOidcCodegen.Tests.Conformance;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The rows of the protocol conformance theories, and the cases that are skipped. botocore's own
/// <c>botocore-ignore-list.json</c> is a reference, not a licence: a case may be listed here only
/// with its reason, when it needs a feature this client does not have. Today every case runs.
/// </summary>
internal static class ProtocolSkips
{
    /// <summary>Case key to the reason it is skipped.</summary>
    public static readonly IReadOnlyDictionary<string, string> Cases = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The case for the row: skips when the suites are missing or the case is listed above.</summary>
    public static ProtocolCase Resolve(string key)
    {
        if (key == ProtocolSuites.MissingRow)
        {
            ReferenceData.Require("AWS_PROTOCOL_TESTS_DIR", "aws/protocol-tests");
            ReferenceData.Require("AWS_NEXT_PROTOCOL_TESTS_DIR", "aws/next/protocol-tests");
        }

        if (Cases.TryGetValue(key, out string? reason))
        {
            Assert.Skip(reason);
        }

        return ProtocolSuites.Case(key);
    }

    public static TheoryData<string> Rows(SuiteDirection direction)
    {
        var rows = new TheoryData<string>();
        foreach (string key in ProtocolSuites.Keys(direction))
        {
            rows.Add(new TheoryDataRow<string>(key) { TestDisplayName = key });
        }

        return rows;
    }

    public static SuiteClient Client(ProtocolCase @case)
    {
        SuiteBuild build = SuiteCompiler.For(@case.Suite);
        Assert.True(build.Failure is null, build.Failure);
        return new SuiteClient(build, @case.OperationName);
    }
}

/// <summary>
/// Input suites: the case's <c>params</c> are set on the request object, the call goes through the
/// generated client, and the request the HTTP handler receives must match <c>serialized</c>.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ProtocolRequestTests
{
    public static TheoryData<string> Cases() => ProtocolSkips.Rows(SuiteDirection.Input);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_is_serialized_as_the_suite_expects(string key)
    {
        ProtocolCase @case = ProtocolSkips.Resolve(key);
        SuiteClient client = ProtocolSkips.Client(@case);
        object request = client.Values.NewStructure(client.Operation.RequestType, @case.Data.GetProperty("params"), "params");
        JsonElement serialized = @case.Data.GetProperty("serialized");

        CapturedRequest sent = await client.CaptureAsync(request, WireComparison.ServiceUrl(serialized), validate: true);

        List<string> problems = WireComparison.Compare(serialized, sent);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

/// <summary>
/// Output suites: the HTTP handler answers with the case's <c>response</c>, and what the generated
/// client returns must match <c>result</c>, or what it throws must be the modelled error with the
/// case's <c>errorCode</c>, <c>errorMessage</c> and <c>error</c> members.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ProtocolResponseTests
{
    public static TheoryData<string> Cases() => ProtocolSkips.Rows(SuiteDirection.Output);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Response_is_read_as_the_suite_expects(string key)
    {
        ProtocolCase @case = ProtocolSkips.Resolve(key);
        SuiteClient client = ProtocolSkips.Client(@case);
        JsonElement data = @case.Data;
        object request = client.Values.NewStructure(
            client.Operation.RequestType,
            data.TryGetProperty("params", out JsonElement parameters) ? parameters : JsonDocument.Parse("{}").RootElement,
            "params");
        using HttpResponseMessage response = WireComparison.Response(data.GetProperty("response"), WireComparison.HasBinaryBodies(@case.Suite));

        (object? result, Exception? error) = await client.ReplyAsync(request, response);

        if (data.TryGetProperty("errorCode", out JsonElement errorCode))
        {
            AssertError(client, data, errorCode.GetString()!, result, error);
        }
        else
        {
            Assert.True(error is null, $"expected a result, got {error?.GetType().Name}: {error?.Message}");
            List<string> problems = client.Values.Compare(client.Operation.ResponseType, data.GetProperty("result"), result!, "result");
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }

    private static void AssertError(SuiteClient client, JsonElement data, string code, object? result, Exception? error)
    {
        Assert.True(error is not null, $"expected the error {code}, got a result: {result}");
        ShapeSpec? shape = client.Values.ErrorShape(code);
        Assert.True(shape is not null, $"the suite's model has no error with the code {code}");
        var problems = new List<string>();
        if (error.GetType().Name != shape.TypeName)
        {
            problems.Add($"exception type: expected {shape.TypeName}, got {error.GetType().Name}.");
        }

        var serviceError = (AwsServiceException)error;
        if (serviceError.ErrorCode != code)
        {
            problems.Add($"error code: expected {code}, got {serviceError.ErrorCode}.");
        }

        if (data.TryGetProperty("errorMessage", out JsonElement message) && message.GetString() != error.Message)
        {
            problems.Add($"error message: expected \"{message.GetString()}\", got \"{error.Message}\".");
        }

        if (problems.Count == 0 && data.TryGetProperty("error", out JsonElement members))
        {
            problems.AddRange(client.Values.Compare(shape.TypeName, members, error, "error"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

namespace SsoOidcCodegen.Tests.Integration;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SsoOidcCodegen.Tests.Auth;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The service-side check the real-use tests rely on accepts every signed request of the AWS SigV4 test
/// suite (<c>AWS_SIGV4_TESTS_DIR</c>, the <c>.sreq</c> files) and rejects each of them once a signed part
/// is changed, so a passing real-use test means a signature a service would accept.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SigV4CheckTests
{
    private const string Variable = "AWS_SIGV4_TESTS_DIR";
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static IEnumerable<TheoryDataRow<string>> SignedRequests()
    {
        string? root = ReferenceData.TryGet(Variable, "aws/sigv4-testsuite");
        if (root is null)
        {
            yield return new TheoryDataRow<string>("(suite missing)") { Skip = $"The SigV4 test suite directory is missing: set {Variable}." };
            yield break;
        }

        foreach (string file in Directory.GetFiles(root, "*.sreq", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return new TheoryDataRow<string>(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }
    }

    [Theory]
    [MemberData(nameof(SignedRequests))]
    public void A_suite_request_passes_and_fails_once_its_body_a_signed_header_or_the_secret_changes(string file)
    {
        ReceivedRequest request = Load(file);
        Check(request, SigV4TestSuiteTests.SecretAccessKey);

        Assert.ThrowsAny<Exception>(() => Check(request with { Body = [.. request.Body, (byte)'!'] }, SigV4TestSuiteTests.SecretAccessKey));
        Assert.ThrowsAny<Exception>(() => Check(request, SigV4TestSuiteTests.SecretAccessKey + "x"));
        var hostChanged = request.Headers.Select(h => string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase) ? new KeyValuePair<string, string>(h.Key, "other." + h.Value) : h).ToList();
        Assert.ThrowsAny<Exception>(() => Check(request with { Headers = hostChanged }, SigV4TestSuiteTests.SecretAccessKey));
    }

    private static void Check(ReceivedRequest request, string secret) =>
        SigV4Check.AssertValid(request, SigV4TestSuiteTests.AccessKeyId, secret, "us-east-1", "service", now: SuiteTime);

    private static ReceivedRequest Load(string file)
    {
        string path = Path.Combine(ReferenceData.Require(Variable, "aws/sigv4-testsuite"), file);
        RawHttpRequest raw = RawHttpRequest.Parse(File.ReadAllText(path, Encoding.UTF8));
        // As a server reads a header line: the value without the whitespace around it. The Authorization is the
        // case's .authz (the .sreq of get-vanilla-with-session-token carries another, garbled signature).
        string authorization = File.ReadAllText(Path.ChangeExtension(path, ".authz"), Encoding.UTF8).Trim();
        List<KeyValuePair<string, string>> headers = raw.Headers
            .Select(h => new KeyValuePair<string, string>(h.Key, string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase) ? authorization : h.Value.Trim(' ', '\t')))
            .ToList();
        return new ReceivedRequest(raw.Method, raw.Target, headers, raw.Body);
    }
}

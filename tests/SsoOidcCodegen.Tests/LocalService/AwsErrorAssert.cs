namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Linq;
using System.Text.Json;
using Xunit;

/// <summary>Checks that a response is an SSO OIDC error exactly as AWS shapes it.</summary>
public static class AwsErrorAssert
{
    public const string ServiceNamespace = "http://internal.amazon.com/coral/com.amazonaws.ssooidc/";

    /// <summary>
    /// Status, <c>x-amzn-ErrorType: &lt;name&gt;:&lt;namespace&gt;</c>, <c>Content-Type: application/json</c>,
    /// a GUID request id, and a body that is exactly <c>{"error":..., "error_description":...}</c>.
    /// </summary>
    public static void IsError(WireResponse response, int status, string exceptionName, string errorCode, string errorNamespace = ServiceNamespace)
    {
        Assert.True(status == response.StatusCode, $"Expected HTTP {status} {exceptionName}, got {response}");
        Assert.Equal(exceptionName + ":" + errorNamespace, response.ErrorType);
        Assert.Equal("application/json", response.ContentType);
        Assert.True(Guid.TryParse(response.RequestId, out _), $"x-amzn-RequestId '{response.RequestId}' is not a GUID.");

        JsonElement body = response.Json;
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Equal(["error", "error_description"], body.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(errorCode, body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error_description").GetString()));
    }
}

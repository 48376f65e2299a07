namespace SsoOidcCodegen.Tests.Pipeline;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;
using SsoOidcCodegen.Tests.Integration;
using Xunit;

/// <summary>
/// Lambda recursion detection: inside a function (<c>AWS_LAMBDA_FUNCTION_NAME</c>) every request carries the
/// invocation's <c>_X_AMZN_TRACE_ID</c> in <c>X-Amzn-Trace-Id</c>, percent-encoded outside printable ASCII;
/// outside Lambda it never does. The requests are read byte for byte by a server on a real socket.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class RecursionDetectionTests
{
    private const string TokenJson = "{\"accessToken\":\"at\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}";
    private const string TraceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    [Fact]
    public async Task Inside_Lambda_each_call_sends_the_trace_id_of_its_own_invocation()
    {
        var environment = new Dictionary<string, string?> { ["AWS_LAMBDA_FUNCTION_NAME"] = "my-function", ["_X_AMZN_TRACE_ID"] = TraceId };
        using var server = new ScriptedAwsServer();
        server.Enqueue(200, TokenJson, "application/json");
        server.Enqueue(200, TokenJson, "application/json");
        using SsoOidcClient client = Client(server, environment);

        await client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken);
        environment["_X_AMZN_TRACE_ID"] = "Root=1-00000000-000000000000000000000002";
        await client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken);

        Assert.Equal(new[] { TraceId, "Root=1-00000000-000000000000000000000002" }, server.Requests.Select(r => r.Header("X-Amzn-Trace-Id")).ToArray());
    }

    [Theory]
    [InlineData(null, TraceId)]
    [InlineData("", TraceId)]
    [InlineData("my-function", null)]
    [InlineData("my-function", "")]
    public async Task Without_a_function_name_or_a_trace_id_no_header_is_sent(string? functionName, string? traceId)
    {
        var environment = new Dictionary<string, string?> { ["AWS_LAMBDA_FUNCTION_NAME"] = functionName, ["_X_AMZN_TRACE_ID"] = traceId };
        using var server = new ScriptedAwsServer();
        server.Enqueue(200, TokenJson, "application/json");
        using SsoOidcClient client = Client(server, environment);

        await client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken);

        Assert.Null(Assert.Single(server.Requests).Header("X-Amzn-Trace-Id"));
    }

    [Fact]
    public async Task Characters_outside_printable_ascii_are_percent_encoded_so_the_variable_cannot_add_a_header()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = "f",
            ["_X_AMZN_TRACE_ID"] = "Root=1\r\nX-Injected: yes\u0000 é 😀 \ud800\u007f",
        };
        using var server = new ScriptedAwsServer();
        server.Enqueue(200, TokenJson, "application/json");
        using SsoOidcClient client = Client(server, environment);

        await client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken);

        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("Root=1%0D%0AX-Injected: yes%00 %C3%A9 %F0%9F%98%80 %EF%BF%BD%7F", request.Header("X-Amzn-Trace-Id"));
        Assert.Null(request.Header("X-Injected"));
    }

    private static CreateTokenRequest TokenRequest() => new()
    {
        ClientId = "client",
        ClientSecret = "secret",
        GrantType = "urn:ietf:params:oauth:grant-type:device_code",
        DeviceCode = "device",
    };

    private static SsoOidcClient Client(ScriptedAwsServer server, Dictionary<string, string?> environment) => new(new AwsClientOptions
    {
        Region = "us-east-1",
        ServiceUrl = server.Url,
        EnvironmentVariables = name => environment.TryGetValue(name, out string? value) ? value : null,
    });
}

namespace SsoOidcCodegen.Tests.Client;

using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>An operation the model marks <c>smithy.api#httpBearerAuth</c> sends the configured bearer token.</summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class BearerAuthTests
{
    private const string Model = """
        {
          "version": "2.0",
          "metadata": { "apiVersion": "2024-01-01", "endpointPrefix": "tokens", "protocol": "rest-json", "serviceId": "Tokens", "signatureVersion": "bearer", "auth": ["smithy.api#httpBearerAuth"] },
          "operations": {
            "Whoami": { "name": "Whoami", "http": { "method": "GET", "requestUri": "/whoami" }, "output": { "shape": "WhoamiResponse" } }
          },
          "shapes": {
            "WhoamiResponse": { "type": "structure", "members": { "name": { "shape": "Name" } } },
            "Name": { "type": "string" }
          }
        }
        """;

    [Fact]
    public async Task Bearer_operations_send_the_token_from_the_options_and_fail_clearly_without_one()
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/tokens.json", Model, Namespace: "Bearer.Tokens") });
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        using var stream = new System.IO.MemoryStream();
        Assert.True(run.Compilation.Emit(stream, cancellationToken: TestContext.Current.CancellationToken).Success);
        Assembly assembly = TestAssemblies.Load("bearer", new System.IO.MemoryStream(stream.ToArray()));
        Type clientType = assembly.GetType("Bearer.Tokens.TokensClient")!;
        Type requestType = assembly.GetType("Bearer.Tokens.Model.WhoamiRequest")!;

        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.OK, "{\"name\":\"me\"}"));
        var options = new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            HttpClient = new HttpClient(handler),
            BearerToken = _ => ValueTask.FromResult("token-123"),
        };
        object client = Activator.CreateInstance(clientType, options)!;
        MethodInfo whoami = clientType.GetMethod("WhoamiAsync")!;
        await (Task)whoami.Invoke(client, new[] { Activator.CreateInstance(requestType)!, CancellationToken.None })!;
        Assert.Equal("Bearer token-123", Assert.Single(handler.Requests).Headers["Authorization"]);

        options.BearerToken = null;
        object unconfigured = Activator.CreateInstance(clientType, options)!;
        var error = await Assert.ThrowsAsync<SsoOidcCodegen.Runtime.Auth.AwsCredentialsException>(
            () => (Task)whoami.Invoke(unconfigured, new[] { Activator.CreateInstance(requestType)!, CancellationToken.None })!);
        Assert.Contains("BearerToken", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }
}

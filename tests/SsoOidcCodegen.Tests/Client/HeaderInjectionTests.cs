namespace SsoOidcCodegen.Tests.Client;

using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Http;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A CR, LF or NUL in anything that becomes a header (a header-bound member, a prefix-header key, a
/// bearer token, a session token) would end the header and add others: the call fails with a typed
/// error naming what held it, the value is never quoted, and nothing is sent.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class HeaderInjectionTests
{
    private const string Model = """
        {
          "version": "2.0",
          "metadata": { "apiVersion": "2024-01-01", "endpointPrefix": "things", "protocol": "rest-json", "serviceId": "Things", "signatureVersion": "bearer", "auth": ["smithy.api#httpBearerAuth"] },
          "operations": {
            "PutThing": { "name": "PutThing", "http": { "method": "PUT", "requestUri": "/things" }, "input": { "shape": "PutThingRequest" } }
          },
          "shapes": {
            "PutThingRequest": { "type": "structure", "members": {
              "sessionTag": { "shape": "Text", "location": "header", "locationName": "x-amz-session-tag" },
              "labels": { "shape": "Texts", "location": "header", "locationName": "x-amz-labels" },
              "metadata": { "shape": "Metadata", "location": "headers", "locationName": "x-meta-" }
            } },
            "Text": { "type": "string" },
            "Texts": { "type": "list", "member": { "shape": "Text" } },
            "Metadata": { "type": "map", "key": { "shape": "Text" }, "value": { "shape": "Text" } }
          }
        }
        """;

    private static readonly Lazy<Assembly> Things = new(() =>
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/things.json", Model, Namespace: "Injection.Things") });
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        using var stream = new MemoryStream();
        Assert.True(run.Compilation.Emit(stream).Success);
        return TestAssemblies.Load("header-injection", new MemoryStream(stream.ToArray()));
    });

    public static TheoryData<string> Breaks() => new() { "\r\n", "\n", "\r", "\0" };

    [Theory]
    [MemberData(nameof(Breaks))]
    public void The_request_builder_refuses_a_header_name_or_value_with_a_line_break_naming_the_member(string lineBreak)
    {
        var builder = new AwsRequestBuilder { OperationName = "PutThing" };

        var value = Assert.Throws<AwsValidationException>(() => builder.AddHeader("x-amz-session-tag", "secret-value" + lineBreak + "Injected: yes", "sessionTag"));
        var name = Assert.Throws<AwsValidationException>(() => builder.AddHeader("x-meta-a" + lineBreak + "b", "v", "metadata"));

        Assert.Equal("PutThing", value.Operation);
        Assert.StartsWith("sessionTag: ", Assert.Single(value.Problems), StringComparison.Ordinal);
        Assert.StartsWith("metadata: ", Assert.Single(name.Problems), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", value.ToString(), StringComparison.Ordinal);
        Assert.Empty(builder.Headers);
    }

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task A_header_bound_member_list_element_or_prefix_key_with_a_line_break_is_refused_and_nothing_is_sent(string lineBreak)
    {
        string bad = "ok" + lineBreak + "Injected: yes";
        var cases = new (string Member, Action<object> Set)[]
        {
            ("sessionTag", r => Set(r, "SessionTag", bad)),
            ("labels", r => Set(r, "Labels", new List<string> { "a", bad })),
            ("metadata", r => Set(r, "Metadata", new Dictionary<string, string> { ["k"] = bad })),
            ("metadata", r => Set(r, "Metadata", new Dictionary<string, string> { [bad] = "v" })),
        };
        foreach ((string member, Action<object> set) in cases)
        {
            var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.OK, "{}"));
            (object client, MethodInfo put, object request) = Client(handler, "token");
            set(request);

            var error = await Assert.ThrowsAsync<AwsValidationException>(() => Invoke(put, client, request));

            Assert.Contains(error.Problems, p => p.StartsWith(member + ": ", StringComparison.Ordinal));
            Assert.DoesNotContain("Injected", error.ToString(), StringComparison.Ordinal);
            Assert.Empty(handler.Requests);
        }
    }

    [Fact]
    public async Task Clean_header_members_are_sent_as_headers()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.OK, "{}"));
        (object client, MethodInfo put, object request) = Client(handler, "token");
        Set(request, "SessionTag", "tag");
        Set(request, "Metadata", new Dictionary<string, string> { ["k"] = "v" });

        await Invoke(put, client, request);

        SeenRequest sent = Assert.Single(handler.Requests);
        Assert.Equal("tag", sent.Headers["x-amz-session-tag"]);
        Assert.Equal("v", sent.Headers["x-meta-k"]);
        Assert.Equal("2024-01-01", sent.Headers["x-amz-api-version"]);
    }

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task A_bearer_token_with_a_line_break_is_a_credentials_error_and_nothing_is_sent(string lineBreak)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.OK, "{}"));
        (object client, MethodInfo put, object request) = Client(handler, "token-secret" + lineBreak + "X-Injected: 1");

        var error = await Assert.ThrowsAsync<AwsCredentialsException>(() => Invoke(put, client, request));

        Assert.Contains("bearer token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token-secret", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task A_session_token_with_a_line_break_is_a_credentials_error_and_nothing_is_sent(string lineBreak)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.OK, "{}"));
        using var client = new SsoOidcClient(new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            Region = "us-east-1",
            HttpClient = new HttpClient(handler),
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "secret", "session-secret" + lineBreak + "X-Injected: 1"),
        });

        var error = await Assert.ThrowsAsync<AwsCredentialsException>(() => client.CreateTokenWithIAMAsync(new CreateTokenWithIAMRequest { ClientId = "c", GrantType = "authorization_code", Code = "x" }, TestContext.Current.CancellationToken));

        Assert.Contains("session token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("session-secret", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void A_user_agent_suffix_with_a_line_break_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() => new SsoOidcClient(new AwsClientOptions { Region = "us-east-1", UserAgentSuffix = "app/1\r\nX-Injected: 1" }));
        Assert.Equal("UserAgentSuffix", error.ParamName);
    }

    private static (object Client, MethodInfo Put, object Request) Client(ScriptedHandler handler, string bearerToken)
    {
        Assembly assembly = Things.Value;
        Type clientType = assembly.GetType("Injection.Things.ThingsClient")!;
        object client = Activator.CreateInstance(clientType, new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            HttpClient = new HttpClient(handler),
            BearerToken = _ => ValueTask.FromResult(bearerToken),
        })!;
        return (client, clientType.GetMethod("PutThingAsync")!, Activator.CreateInstance(assembly.GetType("Injection.Things.Model.PutThingRequest")!)!);
    }

    private static void Set(object request, string property, object value) => request.GetType().GetProperty(property)!.SetValue(request, value);

    private static async Task Invoke(MethodInfo method, object client, object request)
    {
        Task task;
        try
        {
            task = (Task)method.Invoke(client, new[] { request, CancellationToken.None })!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }

        await task;
    }
}

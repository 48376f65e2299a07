namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A synthetic model whose rule set reads a parameter from every source: a built-in (<c>AWS::Region</c>), a client
/// context parameter (<c>Mode</c>, from <see cref="AwsClientOptions.ClientContextParameters"/>), a static context parameter
/// (<c>Flag</c>), a request member (<c>contextParam</c> <c>Name</c>) and a JMESPath over the request
/// (<c>operationContextParams</c> <c>Names</c> = <c>Items[*].Id</c>). The rules put each value into the URL, a header
/// and the sigv4 auth scheme, so the request the generated client sends shows where every value went; the client
/// resolves per call and caches per parameter set.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class EndpointParameterBindingTests
{
    private const string Model = """
        {
          "version": "2.0",
          "metadata": { "apiVersion": "2020-01-01", "endpointPrefix": "bind", "protocol": "rest-json", "serviceId": "Bind",
                        "signatureVersion": "v4", "signingName": "bindsvc", "uid": "bind-2020-01-01" },
          "clientContextParams": { "Mode": { "type": "string", "documentation": "A mode." } },
          "operations": {
            "GetThing": {
              "name": "GetThing", "http": { "method": "POST", "requestUri": "/things" },
              "input": { "shape": "GetThingInput" }, "output": { "shape": "Empty" },
              "staticContextParams": { "Flag": { "value": true } },
              "operationContextParams": { "Names": { "path": "Items[*].Id" } }
            },
            "ListThings": {
              "name": "ListThings", "http": { "method": "GET", "requestUri": "/things" },
              "input": { "shape": "ListThingsInput" }, "output": { "shape": "Empty" }
            }
          },
          "shapes": {
            "GetThingInput": { "type": "structure", "members": {
              "Name": { "shape": "String", "contextParam": { "name": "Name" } },
              "Items": { "shape": "ItemList" } } },
            "ListThingsInput": { "type": "structure", "members": { "Name": { "shape": "String", "location": "querystring", "locationName": "name" } } },
            "ItemList": { "type": "list", "member": { "shape": "Item" } },
            "Item": { "type": "structure", "members": { "Id": { "shape": "String" } } },
            "Empty": { "type": "structure", "members": {} },
            "String": { "type": "string" }
          }
        }
        """;

    private const string RuleSet = """
        {
          "version": "1.0",
          "parameters": {
            "Region": { "type": "String", "builtIn": "AWS::Region", "required": false },
            "Mode": { "type": "String", "required": false },
            "Flag": { "type": "Boolean", "required": true, "default": false },
            "Name": { "type": "String", "required": false },
            "Names": { "type": "stringArray", "required": false }
          },
          "rules": [
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "isSet", "argv": [ { "ref": "Name" } ] },
                { "fn": "stringEquals", "argv": [ { "ref": "Name" }, "express" ] }
              ],
              "endpoint": { "url": "https://express.example.com", "properties": { "authSchemes": [ { "name": "sigv4-s3express", "signingName": "s3express", "signingRegion": "us-east-1" } ] } }
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "isSet", "argv": [ { "ref": "Region" } ] },
                { "fn": "isSet", "argv": [ { "ref": "Mode" } ] },
                { "fn": "isSet", "argv": [ { "ref": "Name" } ] },
                { "fn": "booleanEquals", "argv": [ { "ref": "Flag" }, true ] },
                { "fn": "isSet", "argv": [ { "ref": "Names" } ] },
                { "fn": "getAttr", "argv": [ { "ref": "Names" }, "[0]" ], "assign": "first" }
              ],
              "endpoint": {
                "url": "https://{Name}.{first}.{Region}.example.com/{Mode}",
                "headers": { "x-bound": [ "{Mode}", "{Name}" ] },
                "properties": { "authSchemes": [ { "name": "sigv4", "signingName": "svc-{Mode}", "signingRegion": "{Region}-signed", "disableDoubleEncoding": true } ] }
              }
            },
            {
              "type": "endpoint",
              "conditions": [ { "fn": "isSet", "argv": [ { "ref": "Region" } ] } ],
              "endpoint": { "url": "https://plain.{Region}.example.com" }
            },
            { "type": "error", "conditions": [], "error": "No region" }
          ]
        }
        """;

    private static readonly Lazy<Assembly> Client = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    [Fact]
    public async Task Every_kind_of_parameter_reaches_the_rules_and_the_endpoint_drives_host_headers_and_signing()
    {
        var capture = new CapturingHandler();
        using AwsClient client = NewClient(capture, mode: "m1");

        await CallAsync(client, "GetThing", ("Name", "alpha"), ("Items", new[] { "one", "two" }));

        HttpRequestMessage sent = capture.Requests.Single();
        Assert.Equal("https://alpha.one.eu-west-1.example.com/m1/things", sent.RequestUri!.GetLeftPart(UriPartial.Path));
        Assert.Equal("m1,alpha", string.Join(",", sent.Headers.GetValues("x-bound")));
        Assert.Contains("/eu-west-1-signed/svc-m1/aws4_request,", Authorization(sent), StringComparison.Ordinal);
        Assert.Contains("x-bound", SignedHeaders(sent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operation_without_bindings_falls_to_the_next_rule_and_signs_with_the_model_name_and_client_region()
    {
        var capture = new CapturingHandler();
        using AwsClient client = NewClient(capture, mode: "m1");

        await CallAsync(client, "ListThings", ("Name", "alpha"));

        HttpRequestMessage sent = capture.Requests.Single();
        Assert.Equal("plain.eu-west-1.example.com", sent.RequestUri!.Host);
        Assert.Contains("/eu-west-1/bindsvc/aws4_request,", Authorization(sent), StringComparison.Ordinal);
        Assert.False(sent.Headers.Contains("x-bound"));
    }

    [Fact]
    public async Task Without_the_client_context_parameter_the_rule_that_needs_it_does_not_match()
    {
        var capture = new CapturingHandler();
        using AwsClient client = NewClient(capture, mode: null);

        await CallAsync(client, "GetThing", ("Name", "alpha"), ("Items", new[] { "one" }));

        Assert.Equal("plain.eu-west-1.example.com", capture.Requests.Single().RequestUri!.Host);
    }

    [Fact]
    public async Task Each_call_resolves_with_its_own_request_and_equal_parameter_sets_share_one_resolution()
    {
        var capture = new CapturingHandler();
        using AwsClient client = NewClient(capture, mode: "m1");

        await CallAsync(client, "GetThing", ("Name", "alpha"), ("Items", new[] { "one" }));
        await CallAsync(client, "GetThing", ("Name", "beta"), ("Items", new[] { "one" }));
        await CallAsync(client, "GetThing", ("Name", "alpha"), ("Items", new[] { "one" }));
        await CallAsync(client, "GetThing", ("Name", "alpha"), ("Items", new[] { "two" }));

        Assert.Equal(
            ["alpha.one.eu-west-1.example.com", "beta.one.eu-west-1.example.com", "alpha.one.eu-west-1.example.com", "alpha.two.eu-west-1.example.com"],
            capture.Requests.Select(r => r.RequestUri!.Host));
        Assert.Equal(3L, Resolutions(client));
    }

    [Fact]
    public async Task An_endpoint_that_asks_only_for_an_unsupported_auth_scheme_is_refused_before_sending()
    {
        var capture = new CapturingHandler();
        using AwsClient client = NewClient(capture, mode: "m1");

        Exception? thrown = await CallAsync(client, "GetThing", ("Name", "express"), ("Items", new[] { "one" }));

        AwsAuthSchemeNotSupportedException refused = Assert.IsType<AwsAuthSchemeNotSupportedException>(thrown);
        Assert.Equal("sigv4-s3express", refused.Scheme);
        Assert.Empty(capture.Requests);
    }

    private static string Authorization(HttpRequestMessage sent) =>
        sent.Headers.NonValidated.TryGetValues("Authorization", out HeaderStringValues values) ? values.ToString() : string.Empty;

    private static string SignedHeaders(HttpRequestMessage sent)
    {
        string authorization = Authorization(sent);
        int start = authorization.IndexOf("SignedHeaders=", StringComparison.Ordinal);
        return start < 0 ? string.Empty : authorization[start..authorization.IndexOf(',', start)];
    }

    private static long Resolutions(AwsClient client)
    {
        // The cache is the generated client's private field; its count of rule runs is public.
        object cache = client.GetType().GetField("endpointCache", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(client)!;
        return (long)cache.GetType().GetProperty("Resolutions")!.GetValue(cache)!;
    }

    private static AwsClient NewClient(CapturingHandler handler, string? mode)
    {
        var options = new AwsClientOptions
        {
            Region = "eu-west-1",
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "secret"),
            HttpClient = new HttpClient(handler),
            Retry = new SsoOidcCodegen.Runtime.Retry.RetryOptions { MaxAttempts = 1 },
        };
        if (mode is not null)
        {
            options.ClientContextParameters["Mode"] = mode;
        }

        Type type = Client.Value.GetTypes().Single(t => t.Name == "BindClient");
        return (AwsClient)Activator.CreateInstance(type, options)!;
    }

    private static async Task<Exception?> CallAsync(AwsClient client, string operation, params (string Name, object Value)[] members)
    {
        MethodInfo method = client.GetType().GetMethod(operation + "Async")!;
        Type requestType = method.GetParameters()[0].ParameterType;
        object request = Activator.CreateInstance(requestType)!;
        foreach ((string name, object value) in members)
        {
            PropertyInfo property = requestType.GetProperty(name)!;
            if (value is string[] ids)
            {
                Type itemType = property.PropertyType.GetGenericArguments()[0];
                var list = (System.Collections.IList)Activator.CreateInstance(property.PropertyType)!;
                foreach (string id in ids)
                {
                    object item = Activator.CreateInstance(itemType)!;
                    itemType.GetProperty("Id")!.SetValue(item, id);
                    list.Add(item);
                }

                property.SetValue(request, list);
            }
            else
            {
                property.SetValue(request, value);
            }
        }

        try
        {
            await (Task)method.Invoke(client, [request, CancellationToken.None])!;
            return null;
        }
        catch (Exception exception)
        {
            Exception actual = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
            return actual is CapturedRequestException ? null : actual;
        }
    }

    private static Assembly Build()
    {
        var files = new List<ModelFile>
        {
            new("/synthetic/bind-2020-01-01.json", Model, Namespace: "Bind", ClientName: "BindClient"),
            new("/synthetic/bind-2020-01-01.endpoint-rule-set.json", RuleSet, "EndpointRuleSet", ModelPath: "/synthetic/bind-2020-01-01.json"),
        };
        GeneratorRun run = GeneratorHarness.Run(files);
        List<Diagnostic> problems = run.GeneratorDiagnostics.Concat(run.Compilation.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, GeneratorRun.Describe(problems));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = run.Compilation.Emit(image);
        Assert.True(result.Success, GeneratorRun.Describe(result.Diagnostics));
        image.Position = 0;
        return TestAssemblies.Load("endpoint binding", image);
    }

    /// <summary>Keeps every request and ends each call with <see cref="CapturedRequestException"/>: nothing goes to a network.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            throw new CapturedRequestException();
        }
    }

    private sealed class CapturedRequestException : Exception
    {
        public CapturedRequestException()
            : base("The request was captured.")
        {
        }
    }
}

namespace SsoOidcCodegen.Tests.Client;

using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A member bound to a label of the operation's <c>hostPrefix</c> (<c>hostLabel</c>: Neptune Analytics'
/// <c>{graphIdentifier}.</c>, S3 Control's <c>{AccountId}.</c>) becomes part of the host name. Like botocore, the
/// client takes only letters, digits, <c>-</c> and <c>.</c> there: a <c>/</c>, <c>@</c>, <c>:</c>, <c>#</c> or
/// <c>?</c> would end the host and send the signed request to a host the caller never named. Such a value is a typed
/// error naming the member (never quoting the value) and nothing is sent.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class HostLabelTests
{
    private static readonly Lazy<Assembly> Json = new(() => Compile("json"));

    private static readonly Lazy<Assembly> RestJson = new(() => Compile("rest-json"));

    public static TheoryData<string> Protocols() => new() { "json", "rest-json" };

    public static TheoryData<string, string> ProtocolsAndBadLabels()
    {
        var data = new TheoryData<string, string>();
        foreach (string protocol in new[] { "json", "rest-json" })
        {
            foreach (string label in new[] { "evil.example/x", "user@evil.example", "evil.example:443", "evil.example#", "evil.example?q", "a b", "a\\b", "caf\u00e9", string.Empty })
            {
                data.Add(protocol, label);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_host_label_of_letters_digits_hyphens_and_dots_goes_before_the_endpoints_host(string protocol)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.OK, "{}"));
        (object client, MethodInfo get, object request) = Client(protocol, handler);
        request.GetType().GetProperty("GraphId")!.SetValue(request, "g-123.Blue");

        await Invoke(get, client, request);

        SeenRequest sent = Assert.Single(handler.Requests);
        Assert.Equal("g-123.blue.data.graphs.example.com", sent.Uri.Host);
    }

    [Theory]
    [MemberData(nameof(ProtocolsAndBadLabels))]
    public async Task A_host_label_that_would_end_the_host_is_a_validation_error_and_nothing_is_sent(string protocol, string label)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.OK, "{}"));
        (object client, MethodInfo get, object request) = Client(protocol, handler);
        request.GetType().GetProperty("GraphId")!.SetValue(request, label);

        var error = await Assert.ThrowsAsync<AwsValidationException>(() => Invoke(get, client, request));

        Assert.Equal("GetStatus", error.Operation);
        Assert.StartsWith("graphId: ", Assert.Single(error.Problems), StringComparison.Ordinal);
        if (label.Length > 0)
        {
            Assert.DoesNotContain(label, error.ToString(), StringComparison.Ordinal);
        }

        Assert.Empty(handler.Requests);
    }

    private static string Model(string protocol) => $$"""
        {
          "version": "2.0",
          "metadata": { "apiVersion": "2024-01-01", "endpointPrefix": "graphs", "protocol": "{{protocol}}", "jsonVersion": "1.1", "targetPrefix": "Graphs_20240101", "serviceId": "Graphs", "signatureVersion": "v4" },
          "operations": {
            "GetStatus": {
              "name": "GetStatus",
              "http": { "method": "POST", "requestUri": "/status" },
              "endpoint": { "hostPrefix": "{graphId}.data." },
              "input": { "shape": "GetStatusRequest" }
            }
          },
          "shapes": {
            "GetStatusRequest": { "type": "structure", "required": ["graphId"], "members": {
              "graphId": { "shape": "Text", "hostLabel": true }
            } },
            "Text": { "type": "string" }
          }
        }
        """;

    private static Assembly Compile(string protocol)
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/graphs-" + protocol + ".json", Model(protocol), Namespace: "HostLabels.Graphs") });
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
        using var stream = new MemoryStream();
        Assert.True(run.Compilation.Emit(stream).Success);
        return TestAssemblies.Load("host-labels-" + protocol, new MemoryStream(stream.ToArray()));
    }

    private static (object Client, MethodInfo Get, object Request) Client(string protocol, ScriptedHandler handler)
    {
        Assembly assembly = protocol == "json" ? Json.Value : RestJson.Value;
        Type clientType = assembly.GetType("HostLabels.Graphs.GraphsClient")!;
        object client = Activator.CreateInstance(clientType, new AwsClientOptions
        {
            ServiceUrl = new Uri("https://graphs.example.com"),
            Region = "us-east-1",
            HttpClient = new HttpClient(handler),
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "secret"),
        })!;
        return (client, clientType.GetMethod("GetStatusAsync")!, Activator.CreateInstance(assembly.GetType("HostLabels.Graphs.Model.GetStatusRequest")!)!);
    }

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

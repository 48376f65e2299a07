namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The DynamoDB model of <c>AWS_MODELS_DIR/corpus</c> generated with its rule set from <c>AWS_ENDPOINT_TESTS_DIR</c>: a table
/// ARN in a request reaches the rules through <c>contextParam</c> (GetItem's <c>TableName</c> → <c>ResourceArn</c>) and through
/// <c>operationContextParams</c> (BatchGetItem's <c>keys(RequestItems)</c>, TransactGetItems' <c>TransactItems[*].Get.TableName</c>
/// → <c>ResourceArnList</c>), and the request goes to that account's endpoint, as the rule set's own test cases state
/// (<c>ResourceArn</c>/<c>ResourceArnList</c> in us-east-1 with <c>AccountIdEndpointMode</c> <c>preferred</c>, the default →
/// <c>https://&lt;account&gt;.ddb.us-east-1.amazonaws.com</c>; <c>disabled</c> → <c>https://dynamodb.us-east-1.amazonaws.com</c>).
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class DynamoDbEndpointBindingTests
{
    private static readonly Lazy<Assembly?> Client = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    [Fact]
    public async Task A_table_arn_in_a_contextParam_member_selects_that_accounts_endpoint()
    {
        Assert.Equal("222222222222.ddb.us-east-1.amazonaws.com", await HostAsync("GetItem", r => Set(r, "TableName", "arn:aws:dynamodb:us-east-1:222222222222:table/orders")));
    }

    [Fact]
    public async Task A_plain_table_name_keeps_the_regional_endpoint()
    {
        Assert.Equal("dynamodb.us-east-1.amazonaws.com", await HostAsync("GetItem", r => Set(r, "TableName", "orders")));
    }

    [Fact]
    public async Task Keys_of_the_request_items_map_reach_ResourceArnList()
    {
        Assert.Equal("333333333333.ddb.us-east-1.amazonaws.com", await HostAsync("BatchGetItem", r =>
        {
            PropertyInfo items = r.GetType().GetProperty("RequestItems")!;
            var map = (IDictionary)Activator.CreateInstance(items.PropertyType)!;
            map.Add("arn:aws:dynamodb:us-east-1:333333333333:table/orders", Activator.CreateInstance(items.PropertyType.GetGenericArguments()[1])!);
            items.SetValue(r, map);
        }));
    }

    [Fact]
    public async Task A_projection_over_the_request_reaches_ResourceArnList()
    {
        Assert.Equal("444444444444.ddb.us-east-1.amazonaws.com", await HostAsync("TransactGetItems", r =>
        {
            PropertyInfo items = r.GetType().GetProperty("TransactItems")!;
            var list = (IList)Activator.CreateInstance(items.PropertyType)!;
            Type itemType = items.PropertyType.GetGenericArguments()[0];
            object item = Activator.CreateInstance(itemType)!;
            PropertyInfo get = itemType.GetProperty("Get")!;
            object inner = Activator.CreateInstance(get.PropertyType)!;
            Set(inner, "TableName", "arn:aws:dynamodb:us-east-1:444444444444:table/orders");
            get.SetValue(item, inner);
            list.Add(item);
            items.SetValue(r, list);
        }));
    }

    [Fact]
    public async Task AccountIdEndpointMode_disabled_keeps_the_regional_endpoint_for_a_table_arn()
    {
        Assert.Equal("dynamodb.us-east-1.amazonaws.com", await HostAsync("GetItem", r => Set(r, "TableName", "arn:aws:dynamodb:us-east-1:222222222222:table/orders"), mode: "disabled"));
    }

    private static void Set(object target, string name, object value) => target.GetType().GetProperty(name)!.SetValue(target, value);

    private static async Task<string> HostAsync(string operation, Action<object> fill, string? mode = null)
    {
        Assembly assembly = Client.Value ?? throw new InvalidOperationException("unreachable");
        Type clientType = assembly.GetTypes().Single(t => t.Name == "DynamoDbClient");
        var handler = new CapturingHandler();
        var options = new AwsClientOptions
        {
            Region = "us-east-1",
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "secret"),
            HttpClient = new HttpClient(handler),
            ValidateRequests = false,
            AccountIdEndpointMode = mode,
            Retry = new SsoOidcCodegen.Runtime.Retry.RetryOptions { MaxAttempts = 1 },
        };
        using var client = (AwsClient)Activator.CreateInstance(clientType, options)!;
        MethodInfo method = clientType.GetMethod(operation + "Async")!;
        object request = Activator.CreateInstance(method.GetParameters()[0].ParameterType)!;
        fill(request);
        try
        {
            await (Task)method.Invoke(client, [request, CancellationToken.None])!;
        }
        catch (Exception exception) when ((exception is TargetInvocationException { InnerException: { } inner } ? inner : exception) is CapturedRequestException)
        {
        }

        return handler.Request!.RequestUri!.Host;
    }

    private static Assembly? Build()
    {
        string model = Path.Combine(ReferenceData.Models, "corpus", "dynamodb-2012-08-10.json");
        string ruleSet = Path.Combine(ReferenceData.EndpointTests, "dynamodb.endpoint-rule-set-1.json");
        var files = new List<ModelFile>
        {
            new(model, File.ReadAllText(model), Namespace: "Ddb", ClientName: "DynamoDbClient"),
            new(ruleSet, File.ReadAllText(ruleSet), "EndpointRuleSet", ModelPath: model),
        };
        GeneratorRun run = GeneratorHarness.Run(files);
        List<Diagnostic> problems = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Concat(run.Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)).ToList();
        Assert.True(problems.Count == 0, GeneratorRun.Describe(problems));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = run.Compilation.Emit(image);
        Assert.True(result.Success, GeneratorRun.Describe(result.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext("dynamodb endpoints", isCollectible: true).LoadFromStream(image);
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request ??= request;
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

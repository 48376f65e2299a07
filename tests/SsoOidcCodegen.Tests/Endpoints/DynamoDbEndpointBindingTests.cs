namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
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
/// <c>operationContextParams</c> (BatchGetItem's <c>keys(RequestItems)</c>, TransactGetItems' <c>TransactItems[*].Get.TableName</c>,
/// TransactWriteItems' multi-select <c>TransactItems[*].[ConditionCheck.TableName, Put.TableName, ...][]</c> → <c>ResourceArnList</c>), and the request goes to that account's endpoint, as the rule set's own test cases state
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
    public async Task A_multi_select_over_the_request_reaches_ResourceArnList_without_the_unset_items()
    {
        // TransactItems[*].[ConditionCheck.TableName, Put.TableName, Delete.TableName, Update.TableName][]: only Update is set,
        // so the list the rules read holds the Update's table alone (a null ahead of it would have been the first element).
        Assert.Equal("555555555555.ddb.us-east-1.amazonaws.com", await HostAsync("TransactWriteItems", r =>
        {
            PropertyInfo items = r.GetType().GetProperty("TransactItems")!;
            var list = (IList)Activator.CreateInstance(items.PropertyType)!;
            Type itemType = items.PropertyType.GetGenericArguments()[0];
            object item = Activator.CreateInstance(itemType)!;
            PropertyInfo update = itemType.GetProperty("Update")!;
            object inner = Activator.CreateInstance(update.PropertyType)!;
            Set(inner, "TableName", "arn:aws:dynamodb:us-east-1:555555555555:table/orders");
            update.SetValue(item, inner);
            list.Add(item);
            items.SetValue(r, list);
        }));
    }

    [Fact]
    public async Task AccountIdEndpointMode_disabled_keeps_the_regional_endpoint_for_a_table_arn()
    {
        Assert.Equal("dynamodb.us-east-1.amazonaws.com", await HostAsync("GetItem", r => Set(r, "TableName", "arn:aws:dynamodb:us-east-1:222222222222:table/orders"), mode: "disabled"));
    }

    [Fact]
    public async Task The_credentials_account_id_selects_that_accounts_endpoint_for_an_operation_without_parameters_of_its_own()
    {
        // The rule set's own case: AccountId 111111111111, preferred, us-east-1 → https://111111111111.ddb.us-east-1.amazonaws.com.
        Assert.Equal("111111111111.ddb.us-east-1.amazonaws.com", await HostAsync("ListTables", _ => { }, accountId: "111111111111"));
    }

    [Fact]
    public async Task The_credentials_account_id_selects_that_accounts_endpoint_for_a_plain_table_name()
    {
        Assert.Equal("111111111111.ddb.us-east-1.amazonaws.com", await HostAsync("GetItem", r => Set(r, "TableName", "orders"), accountId: "111111111111"));
    }

    [Fact]
    public async Task A_table_arn_in_the_request_wins_over_the_credentials_account_id()
    {
        Assert.Equal("222222222222.ddb.us-east-1.amazonaws.com", await HostAsync("GetItem", r => Set(r, "TableName", "arn:aws:dynamodb:us-east-1:222222222222:table/orders"), accountId: "111111111111"));
    }

    [Fact]
    public async Task One_client_whose_credentials_change_account_follows_each_calls_account()
    {
        // The client keeps its endpoint once resolved; an endpoint chosen for one account must not serve another.
        var credentials = new SwitchingCredentials(new AwsCredentials("AKIDEXAMPLE", "secret"));
        var handler = new CapturingHandler();
        using AwsClient client = NewClient(handler, mode: null, credentials);

        await CallAsync(client, "ListTables", _ => { });
        credentials.Current = new AwsCredentials("AKIDEXAMPLE", "secret", accountId: "777777777777");
        await CallAsync(client, "ListTables", _ => { });
        credentials.Current = new AwsCredentials("AKIDEXAMPLE", "secret", accountId: "999999999999");
        await CallAsync(client, "ListTables", _ => { });
        credentials.Current = new AwsCredentials("AKIDEXAMPLE", "secret");
        await CallAsync(client, "ListTables", _ => { });

        Assert.Equal(
            ["dynamodb.us-east-1.amazonaws.com", "777777777777.ddb.us-east-1.amazonaws.com", "999999999999.ddb.us-east-1.amazonaws.com", "dynamodb.us-east-1.amazonaws.com"],
            handler.Requests.Select(r => r.RequestUri!.Host));
    }

    [Fact]
    public async Task AccountIdEndpointMode_disabled_ignores_the_credentials_account_id()
    {
        Assert.Equal("dynamodb.us-east-1.amazonaws.com", await HostAsync("ListTables", _ => { }, mode: "disabled", accountId: "111111111111"));
    }

    [Fact]
    public async Task AccountIdEndpointMode_required_without_an_account_id_is_the_rules_error_and_nothing_is_sent()
    {
        var exception = await Assert.ThrowsAsync<SsoOidcCodegen.Runtime.Endpoints.EndpointResolutionException>(() => HostAsync("ListTables", _ => { }, mode: "required"));
        Assert.Contains("AccountIdEndpointMode is required but no AccountID was provided", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_id_of_the_environment_credentials_reaches_the_rules()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
            ["AWS_ACCOUNT_ID"] = "888888888888",
        };
        var provider = new EnvironmentCredentialsProvider(name => environment.TryGetValue(name, out string? value) ? value : null);
        Assert.Equal("888888888888.ddb.us-east-1.amazonaws.com", await HostAsync("ListTables", _ => { }, credentials: provider));
    }

    [Theory]
    [InlineData("disabled", null, "dynamodb.us-east-1.amazonaws.com")]
    [InlineData("DISABLED", null, "dynamodb.us-east-1.amazonaws.com")]
    [InlineData(null, "disabled", "dynamodb.us-east-1.amazonaws.com")]
    [InlineData("preferred", "disabled", "111111111111.ddb.us-east-1.amazonaws.com")]
    [InlineData(null, null, "111111111111.ddb.us-east-1.amazonaws.com")]
    public async Task The_mode_comes_from_AWS_ACCOUNT_ID_ENDPOINT_MODE_else_the_profiles_account_id_endpoint_mode(string? variable, string? profileValue, string host)
    {
        using var home = new SsoOidcCodegen.Tests.Auth.TemporaryDirectory();
        string config = home.Write("config", profileValue is null ? "[default]\nregion = us-east-1\n" : $"[default]\naccount_id_endpoint_mode = {profileValue}\n");
        var environment = new Dictionary<string, string?> { ["AWS_CONFIG_FILE"] = config, ["AWS_ACCOUNT_ID_ENDPOINT_MODE"] = variable };
        var handler = new CapturingHandler();
        using AwsClient client = NewClient(handler, mode: null, new StaticCredentialsProvider("AKIDEXAMPLE", "secret", accountId: "111111111111"), environment);

        await CallAsync(client, "ListTables", _ => { });

        Assert.Equal(host, handler.Requests.Single().RequestUri!.Host);
    }

    [Fact]
    public async Task A_mode_that_is_not_one_of_the_three_is_an_error_naming_where_it_came_from()
    {
        var environment = new Dictionary<string, string?> { ["AWS_ACCOUNT_ID_ENDPOINT_MODE"] = "sometimes" };
        using AwsClient client = NewClient(new CapturingHandler(), mode: null, new StaticCredentialsProvider("AKIDEXAMPLE", "secret", accountId: "111111111111"), environment);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => CallAsync(client, "ListTables", _ => { }));

        Assert.Contains("AWS_ACCOUNT_ID_ENDPOINT_MODE is 'sometimes'", error.Message, StringComparison.Ordinal);
    }

    private static void Set(object target, string name, object value) => target.GetType().GetProperty(name)!.SetValue(target, value);

    private static async Task<string> HostAsync(string operation, Action<object> fill, string? mode = null, string? accountId = null, IAwsCredentialsProvider? credentials = null)
    {
        var handler = new CapturingHandler();
        using AwsClient client = NewClient(handler, mode, credentials ?? new StaticCredentialsProvider("AKIDEXAMPLE", "secret", accountId: accountId));
        await CallAsync(client, operation, fill);
        return handler.Requests.Single().RequestUri!.Host;
    }

    private static AwsClient NewClient(CapturingHandler handler, string? mode, IAwsCredentialsProvider credentials, Dictionary<string, string?>? environment = null)
    {
        Assembly assembly = Client.Value ?? throw new InvalidOperationException("unreachable");
        Type clientType = assembly.GetTypes().Single(t => t.Name == "DynamoDbClient");
        var options = new AwsClientOptions
        {
            Region = "us-east-1",
            Credentials = credentials,
            HttpClient = new HttpClient(handler),
            ValidateRequests = false,
            AccountIdEndpointMode = mode,
            Retry = new SsoOidcCodegen.Runtime.Retry.RetryOptions { MaxAttempts = 1 },
        };
        if (environment is not null)
        {
            // No variable of the machine running the tests reaches these clients: only the ones given.
            options.EnvironmentVariables = name => environment.TryGetValue(name, out string? value) ? value : null;
        }

        return (AwsClient)Activator.CreateInstance(clientType, options)!;
    }

    private static async Task CallAsync(AwsClient client, string operation, Action<object> fill)
    {
        MethodInfo method = client.GetType().GetMethod(operation + "Async")!;
        object request = Activator.CreateInstance(method.GetParameters()[0].ParameterType)!;
        fill(request);
        try
        {
            await (Task)method.Invoke(client, [request, CancellationToken.None])!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner and not CapturedRequestException)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
        }
        catch (Exception exception) when ((exception is TargetInvocationException { InnerException: { } inner } ? inner : exception) is CapturedRequestException)
        {
        }
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
        return TestAssemblies.Load("dynamodb endpoints", image);
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            throw new CapturedRequestException();
        }
    }

    private sealed class SwitchingCredentials(AwsCredentials initial) : IAwsCredentialsProvider
    {
        public AwsCredentials Current { get; set; } = initial;

        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => new(Current);
    }

    private sealed class CapturedRequestException : Exception
    {
        public CapturedRequestException()
            : base("The request was captured.")
        {
        }
    }
}

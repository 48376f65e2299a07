namespace SsoOidcCodegen.Tests.Paginators;

using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Tests.Client;
using SsoOidcCodegen.Tests.Waiters;
using Xunit;

/// <summary>
/// The generated paginators of <see cref="WidgetsService"/> against scripted pages: several input
/// and output tokens with <c>more_results</c>, a JMESPath output token
/// (<c>Description.Shards[-1].ShardId</c>), item enumeration, an unchanged request that enumerates
/// again from the start, and a repeated token that ends the enumeration.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class PaginatorBehaviourTests
{
    [Fact]
    public async Task Several_tokens_follow_each_page_and_more_results_false_ends_the_enumeration()
    {
        var handler = new ScriptedHandler(
            WidgetsService.Ok("{\"Widgets\":[{\"Name\":\"a\"},{\"Name\":\"b\"}],\"NextMarker\":\"m1\",\"NextSubMarker\":\"s1\",\"IsTruncated\":true}"),
            WidgetsService.Ok("{\"Widgets\":[{\"Name\":\"c\"}],\"NextMarker\":\"m2\",\"NextSubMarker\":\"s2\",\"IsTruncated\":false}"),
            WidgetsService.Ok("{\"Widgets\":[{\"Name\":\"never\"}]}"));

        string items = await WidgetsService.RunAsync("Widgets", handler);

        Assert.Equal("a,b,c", items);
        string[] bodies = handler.Requests.Select(r => r.BodyText).ToArray();
        Assert.Equal(2, bodies.Length);
        Assert.DoesNotContain("Marker", bodies[0], System.StringComparison.Ordinal);
        Assert.Contains("\"Marker\":\"m1\"", bodies[1], System.StringComparison.Ordinal);
        Assert.Contains("\"SubMarker\":\"s1\"", bodies[1], System.StringComparison.Ordinal);
        Assert.All(bodies, b => Assert.Contains("\"MaxItems\":2", b, System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_path_output_token_takes_the_last_shard_of_the_page()
    {
        var handler = new ScriptedHandler(
            WidgetsService.Ok("{\"Description\":{\"Shards\":[{\"ShardId\":\"s-1\"},{\"ShardId\":\"s-2\"}],\"HasMore\":true}}"),
            WidgetsService.Ok("{\"Description\":{\"Shards\":[{\"ShardId\":\"s-3\"}],\"HasMore\":false}}"));

        string items = await WidgetsService.RunAsync("Shards", handler);

        Assert.Equal("s-1,s-2,s-3", items);
        Assert.Contains("\"ExclusiveStartShardId\":\"s-2\"", handler.Requests.ElementAt(1).BodyText, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_is_not_changed_and_a_second_enumeration_starts_from_the_first_page()
    {
        var handler = new ScriptedHandler((request, _) => Task.FromResult(
            request.BodyText.Contains("\"NextToken\":\"t1\"", System.StringComparison.Ordinal)
                ? ScriptedHandler.Json(HttpStatusCode.OK, "{\"Things\":[\"y\"]}")
                : ScriptedHandler.Json(HttpStatusCode.OK, "{\"Things\":[\"x\"],\"NextToken\":\"t1\"}")));

        string outcome = await WidgetsService.RunAsync("ThingsTwice", handler);

        Assert.Equal("x,y|x,y|pages=2|token=null", outcome);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task The_same_token_twice_ends_the_enumeration_instead_of_looping()
    {
        var handler = new ScriptedHandler(WidgetsService.Ok("{\"Things\":[\"x\"],\"NextToken\":\"same\"}"));

        string outcome = await WidgetsService.RunAsync("ThingsTwice", handler);

        Assert.Equal("x,x|x,x|pages=2|token=null", outcome);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public void Item_methods_exist_only_where_the_paginator_names_a_list_result_key()
    {
        var run = WidgetsService.Generate();
        string iface = run.Sources.Single(s => s.HintName.EndsWith(".IWidgetsClient.Paginators.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();

        Assert.Contains("IAsyncEnumerable<global::Test.Widgets.Model.Widget> ListWidgetsItemsAsync(global::Test.Widgets.Model.ListWidgetsInput request", iface, System.StringComparison.Ordinal);
        Assert.Contains("IAsyncEnumerable<global::Test.Widgets.Model.Shard> ListShardsItemsAsync(global::Test.Widgets.Model.ListShardsInput request", iface, System.StringComparison.Ordinal);
        Assert.Contains("IAsyncEnumerable<string> ListThingsItemsAsync(global::Test.Widgets.Model.ListThingsInput request", iface, System.StringComparison.Ordinal);
        Assert.Equal(3, iface.Split("PagesAsync(").Length - 1);
    }
}

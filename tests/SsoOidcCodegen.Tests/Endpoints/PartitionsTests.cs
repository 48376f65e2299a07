namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using SsoOidcCodegen.Runtime.Endpoints;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>Our partitions table against the facts AWS publishes in <c>partitions.json</c> (read at run time).</summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class PartitionsTests
{
    public static IEnumerable<TheoryDataRow<string>> PublishedPartitionIds()
    {
        string? directory = EndpointTestSuite.Directory;
        if (directory is null)
        {
            yield return new TheoryDataRow<string>("(none)") { Skip = EndpointTestSuite.MissingMessage };
            yield break;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "partitions.json")));
        foreach (JsonElement partition in document.RootElement.GetProperty("partitions").EnumerateArray())
        {
            yield return new TheoryDataRow<string>(partition.GetProperty("id").GetString()!);
        }
    }

    [Fact]
    public void Table_has_the_published_partitions_in_the_published_order()
    {
        using JsonDocument document = Published();

        string[] published = document.RootElement.GetProperty("partitions").EnumerateArray().Select(partition => partition.GetProperty("id").GetString()!).ToArray();

        Assert.Equal(published, Partitions.All.Select(partition => partition.Id));
    }

    [Theory]
    [MemberData(nameof(PublishedPartitionIds))]
    public void Partition_carries_the_published_regions_suffixes_and_capabilities(string id)
    {
        using JsonDocument document = Published();
        JsonElement published = document.RootElement.GetProperty("partitions").EnumerateArray().Single(partition => partition.GetProperty("id").GetString() == id);
        JsonElement outputs = published.GetProperty("outputs");
        Partition partition = Partitions.FindById(id) ?? throw new Xunit.Sdk.XunitException($"No partition '{id}' in our table.");

        Assert.Equal(published.GetProperty("regionRegex").GetString(), partition.RegionRegex);
        Assert.Equal(published.GetProperty("regions").EnumerateObject().Select(region => region.Name).Order(StringComparer.Ordinal), partition.Regions.Order(StringComparer.Ordinal));
        Assert.Equal(outputs.GetProperty("name").GetString(), partition.Name);
        Assert.Equal(outputs.GetProperty("dnsSuffix").GetString(), partition.DnsSuffix);
        Assert.Equal(outputs.GetProperty("dualStackDnsSuffix").GetString(), partition.DualStackDnsSuffix);
        Assert.Equal(outputs.GetProperty("supportsFIPS").GetBoolean(), partition.SupportsFips);
        Assert.Equal(outputs.GetProperty("supportsDualStack").GetBoolean(), partition.SupportsDualStack);
        Assert.Equal(outputs.TryGetProperty("implicitGlobalRegion", out JsonElement global) ? global.GetString() : null, partition.ImplicitGlobalRegion);
    }

    [Theory]
    [MemberData(nameof(PublishedPartitionIds))]
    public void Partition_region_pattern_matches_exactly_what_the_published_pattern_matches(string id)
    {
        Partition partition = Partitions.FindById(id)!;
        // The published patterns are Java regular expressions: ASCII \w and \d, and matches() consumes the whole input.
        var published = new Regex(@"\A(?:" + partition.RegionRegex + @")\z", RegexOptions.ECMAScript);
        IEnumerable<string> candidates = Partitions.All.SelectMany(other => other.Regions)
            .Concat(["us-east-10", "us-gov-east-1x", "us-isob-south-9", "eusc-de-west-3", "eusc-fr-east-1", "cn-south-2", "eu-isoe-north-1",
                "us-isof-west-2", "mx-north-1", "zz-east-1", "us-east-1\n", "us-east-\u0661", "us-\u00e9ast-1", "US-EAST-1", "us_east_1", "", "us-east-"]);

        foreach (string candidate in candidates)
        {
            Assert.True(published.IsMatch(candidate) == partition.MatchesRegionPattern(candidate), $"'{candidate}': published {published.IsMatch(candidate)}, ours {partition.MatchesRegionPattern(candidate)}");
        }
    }

    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("aws-global", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("aws-us-gov-global", "aws-us-gov")]
    [InlineData("us-gov-central-9", "aws-us-gov")]
    [InlineData("us-isob-north-4", "aws-iso-b")]
    [InlineData("eusc-de-west-2", "aws-eusc")]
    [InlineData("local", "aws")]
    [InlineData("mars-east-1", "aws")]
    public void Region_resolves_to_the_partition_that_lists_it_then_by_pattern_then_to_aws(string region, string expected)
    {
        Assert.Equal(expected, Partitions.Resolve(region).Id);
    }

    [Fact]
    public void Table_follows_the_partitions_json_beside_the_next_rule_sets_where_every_partition_has_an_implicit_global_region()
    {
        string directory = ReferenceData.Require(EndpointTestSuite.NextDirectoryVariable, EndpointTestSuite.NextDefaultUnderShared);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "partitions.json")));
        JsonElement[] published = document.RootElement.GetProperty("partitions").EnumerateArray().ToArray();

        Assert.Equal(published.Select(partition => partition.GetProperty("id").GetString()), Partitions.All.Select(partition => partition.Id));
        foreach (JsonElement entry in published)
        {
            Partition partition = Partitions.FindById(entry.GetProperty("id").GetString()!)!;
            JsonElement outputs = entry.GetProperty("outputs");
            Assert.Equal(entry.GetProperty("regionRegex").GetString(), partition.RegionRegex);
            Assert.Equal(entry.GetProperty("regions").EnumerateObject().Select(region => region.Name).Order(StringComparer.Ordinal), partition.Regions.Order(StringComparer.Ordinal));
            Assert.Equal(
                (outputs.GetProperty("name").GetString(), outputs.GetProperty("dnsSuffix").GetString(), outputs.GetProperty("dualStackDnsSuffix").GetString(),
                    outputs.GetProperty("supportsFIPS").GetBoolean(), outputs.GetProperty("supportsDualStack").GetBoolean(), outputs.GetProperty("implicitGlobalRegion").GetString()),
                (partition.Name, partition.DnsSuffix, partition.DualStackDnsSuffix, partition.SupportsFips, partition.SupportsDualStack, partition.ImplicitGlobalRegion));
        }
    }

    private static JsonDocument Published() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ReferenceData.EndpointTests, "partitions.json")));
}

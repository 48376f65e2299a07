namespace SsoOidcCodegen.Runtime.Endpoints;

using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Text.RegularExpressions;

/// <summary>
/// The AWS partitions the <c>aws.partition</c> rule function knows: our own table of the facts AWS publishes
/// in the endpoints <c>partitions.json</c> (version 1.1). A region resolves to the partition that lists it,
/// else to the first partition whose region pattern it follows, else to <c>aws</c>.
/// </summary>
public static partial class Partitions
{
    // Region patterns, as published but with ASCII character classes and an end-of-text anchor: the published
    // patterns use Java semantics, where \w and \d are ASCII and matches() must consume the whole string.

    [GeneratedRegex(@"^(us|eu|ap|sa|ca|me|af|il|mx)-[A-Za-z0-9_]+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AwsRegionPattern();

    [GeneratedRegex(@"^cn-[A-Za-z0-9_]+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AwsCnRegionPattern();

    [GeneratedRegex(@"^eusc-(de)-[A-Za-z0-9_]+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AwsEuscRegionPattern();

    [GeneratedRegex(@"^us-iso-[A-Za-z0-9_]+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AwsIsoRegionPattern();

    [GeneratedRegex(@"^us-isob-[A-Za-z0-9_]+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AwsIsoBRegionPattern();

    [GeneratedRegex(@"^eu-isoe-[A-Za-z0-9_]+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AwsIsoERegionPattern();

    [GeneratedRegex(@"^us-isof-[A-Za-z0-9_]+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AwsIsoFRegionPattern();

    [GeneratedRegex(@"^us-gov-[A-Za-z0-9_]+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AwsUsGovRegionPattern();

    /// <summary>The commercial partition, <c>aws</c>: the fallback for regions no partition claims.</summary>
    public static Partition Aws { get; } = new(
        id: "aws",
        regionRegex: @"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$",
        matchesRegionPattern: region => AwsRegionPattern().IsMatch(region),
        regions:
        [
            "af-south-1",
            "ap-east-1", "ap-east-2",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
            "aws-global",
            "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "il-central-1",
            "me-central-1", "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        ],
        dnsSuffix: "amazonaws.com",
        dualStackDnsSuffix: "api.aws",
        supportsFips: true,
        supportsDualStack: true,
        implicitGlobalRegion: "us-east-1");

    /// <summary>The China partition, <c>aws-cn</c>.</summary>
    public static Partition AwsCn { get; } = new(
        id: "aws-cn",
        regionRegex: @"^cn\-\w+\-\d+$",
        matchesRegionPattern: region => AwsCnRegionPattern().IsMatch(region),
        regions: ["aws-cn-global", "cn-north-1", "cn-northwest-1"],
        dnsSuffix: "amazonaws.com.cn",
        dualStackDnsSuffix: "api.amazonwebservices.com.cn",
        supportsFips: true,
        supportsDualStack: true,
        implicitGlobalRegion: "cn-northwest-1");

    /// <summary>The European Sovereign Cloud partition, <c>aws-eusc</c>.</summary>
    public static Partition AwsEusc { get; } = new(
        id: "aws-eusc",
        regionRegex: @"^eusc\-(de)\-\w+\-\d+$",
        matchesRegionPattern: region => AwsEuscRegionPattern().IsMatch(region),
        regions: ["eusc-de-east-1"],
        dnsSuffix: "amazonaws.eu",
        dualStackDnsSuffix: "api.amazonwebservices.eu",
        supportsFips: true,
        supportsDualStack: true,
        implicitGlobalRegion: "eusc-de-east-1");

    /// <summary>The US ISO partition, <c>aws-iso</c>.</summary>
    public static Partition AwsIso { get; } = new(
        id: "aws-iso",
        regionRegex: @"^us\-iso\-\w+\-\d+$",
        matchesRegionPattern: region => AwsIsoRegionPattern().IsMatch(region),
        regions: ["aws-iso-global", "us-iso-east-1", "us-iso-west-1"],
        dnsSuffix: "c2s.ic.gov",
        dualStackDnsSuffix: "api.aws.ic.gov",
        supportsFips: true,
        supportsDualStack: true,
        implicitGlobalRegion: "us-iso-east-1");

    /// <summary>The US ISOB partition, <c>aws-iso-b</c>.</summary>
    public static Partition AwsIsoB { get; } = new(
        id: "aws-iso-b",
        regionRegex: @"^us\-isob\-\w+\-\d+$",
        matchesRegionPattern: region => AwsIsoBRegionPattern().IsMatch(region),
        regions: ["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"],
        dnsSuffix: "sc2s.sgov.gov",
        dualStackDnsSuffix: "api.aws.scloud",
        supportsFips: true,
        supportsDualStack: true,
        implicitGlobalRegion: "us-isob-east-1");

    /// <summary>The EU ISOE partition, <c>aws-iso-e</c>.</summary>
    public static Partition AwsIsoE { get; } = new(
        id: "aws-iso-e",
        regionRegex: @"^eu\-isoe\-\w+\-\d+$",
        matchesRegionPattern: region => AwsIsoERegionPattern().IsMatch(region),
        regions: ["aws-iso-e-global", "eu-isoe-west-1"],
        dnsSuffix: "cloud.adc-e.uk",
        dualStackDnsSuffix: "api.cloud-aws.adc-e.uk",
        supportsFips: true,
        supportsDualStack: true,
        implicitGlobalRegion: "eu-isoe-west-1");

    /// <summary>The US ISOF partition, <c>aws-iso-f</c>.</summary>
    public static Partition AwsIsoF { get; } = new(
        id: "aws-iso-f",
        regionRegex: @"^us\-isof\-\w+\-\d+$",
        matchesRegionPattern: region => AwsIsoFRegionPattern().IsMatch(region),
        regions: ["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"],
        dnsSuffix: "csp.hci.ic.gov",
        dualStackDnsSuffix: "api.aws.hci.ic.gov",
        supportsFips: true,
        supportsDualStack: true,
        implicitGlobalRegion: "us-isof-south-1");

    /// <summary>The AWS GovCloud (US) partition, <c>aws-us-gov</c>.</summary>
    public static Partition AwsUsGov { get; } = new(
        id: "aws-us-gov",
        regionRegex: @"^us\-gov\-\w+\-\d+$",
        matchesRegionPattern: region => AwsUsGovRegionPattern().IsMatch(region),
        regions: ["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"],
        dnsSuffix: "amazonaws.com",
        dualStackDnsSuffix: "api.aws",
        supportsFips: true,
        supportsDualStack: true,
        implicitGlobalRegion: "us-gov-west-1");

    /// <summary>Every partition, in the order region patterns are tried.</summary>
    public static IReadOnlyList<Partition> All { get; } = [Aws, AwsCn, AwsEusc, AwsIso, AwsIsoB, AwsIsoE, AwsIsoF, AwsUsGov];

    private static readonly FrozenDictionary<string, Partition> ByRegion = IndexByRegion();

    /// <summary>The partition a region belongs to: the one that lists it, else the first whose pattern it follows, else <c>aws</c>.</summary>
    /// <param name="region">A region name, for example <c>us-east-1</c>.</param>
    public static Partition Resolve(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (ByRegion.TryGetValue(region, out Partition? listed))
        {
            return listed;
        }

        foreach (Partition partition in All)
        {
            if (partition.MatchesRegionPattern(region))
            {
                return partition;
            }
        }

        return Aws;
    }

    /// <summary>The partition with the given id (for example <c>aws-cn</c>), or null.</summary>
    /// <param name="id">The partition id.</param>
    public static Partition? FindById(string id)
    {
        foreach (Partition partition in All)
        {
            if (string.Equals(partition.Id, id, StringComparison.Ordinal))
            {
                return partition;
            }
        }

        return null;
    }

    private static FrozenDictionary<string, Partition> IndexByRegion()
    {
        var index = new Dictionary<string, Partition>(StringComparer.Ordinal);
        foreach (Partition partition in All)
        {
            foreach (string region in partition.Regions)
            {
                index.Add(region, partition);
            }
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

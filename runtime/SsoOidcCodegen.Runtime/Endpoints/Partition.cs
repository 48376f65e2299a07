namespace SsoOidcCodegen.Runtime.Endpoints;

using System;
using System.Collections.Generic;

/// <summary>
/// An AWS partition (a group of regions with its own DNS suffixes), as the <c>aws.partition</c> rule function returns it.
/// The rule-set attribute names map to properties: <c>name</c> → <see cref="Name"/>, <c>dnsSuffix</c> → <see cref="DnsSuffix"/>,
/// <c>dualStackDnsSuffix</c> → <see cref="DualStackDnsSuffix"/>, <c>supportsFIPS</c> → <see cref="SupportsFips"/>,
/// <c>supportsDualStack</c> → <see cref="SupportsDualStack"/>, <c>implicitGlobalRegion</c> → <see cref="ImplicitGlobalRegion"/>.
/// </summary>
public sealed class Partition
{
    private readonly Func<string, bool> _matchesRegionPattern;

    internal Partition(
        string id,
        string regionRegex,
        Func<string, bool> matchesRegionPattern,
        string[] regions,
        string dnsSuffix,
        string dualStackDnsSuffix,
        bool supportsFips,
        bool supportsDualStack,
        string implicitGlobalRegion)
    {
        Id = id;
        RegionRegex = regionRegex;
        _matchesRegionPattern = matchesRegionPattern;
        Regions = regions;
        DnsSuffix = dnsSuffix;
        DualStackDnsSuffix = dualStackDnsSuffix;
        SupportsFips = supportsFips;
        SupportsDualStack = supportsDualStack;
        ImplicitGlobalRegion = implicitGlobalRegion;
    }

    /// <summary>The partition id, for example <c>aws</c>, <c>aws-cn</c> or <c>aws-us-gov</c>.</summary>
    public string Id { get; }

    /// <summary>The partition's name (the <c>name</c> attribute); the same as <see cref="Id"/>.</summary>
    public string Name => Id;

    /// <summary>The pattern that region names of this partition follow, as published (Java regular-expression syntax).</summary>
    public string RegionRegex { get; }

    /// <summary>The regions the partition is known to have (including pseudo-regions such as <c>aws-global</c>).</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>The default DNS suffix, for example <c>amazonaws.com</c>.</summary>
    public string DnsSuffix { get; }

    /// <summary>The DNS suffix of dual-stack (IPv4 and IPv6) endpoints, for example <c>api.aws</c>.</summary>
    public string DualStackDnsSuffix { get; }

    /// <summary>Whether the partition has FIPS endpoints.</summary>
    public bool SupportsFips { get; }

    /// <summary>Whether the partition has dual-stack endpoints.</summary>
    public bool SupportsDualStack { get; }

    /// <summary>
    /// The region that global endpoints of the partition live in, for example <c>us-east-1</c>; the current
    /// <c>partitions.json</c> schema gives it for every partition, so rule sets use it without an <c>isSet</c>.
    /// </summary>
    public string ImplicitGlobalRegion { get; }

    /// <summary>Whether the region name follows this partition's <see cref="RegionRegex"/>.</summary>
    /// <param name="region">The region name.</param>
    public bool MatchesRegionPattern(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return _matchesRegionPattern(region);
    }

    /// <summary>The partition as the record the rules engine sees (the <c>aws.partition</c> result).</summary>
    public EndpointValue ToEndpointValue()
    {
        return EndpointValue.ObjectOf(
            ("name", EndpointValue.Of(Name)),
            ("dnsSuffix", EndpointValue.Of(DnsSuffix)),
            ("dualStackDnsSuffix", EndpointValue.Of(DualStackDnsSuffix)),
            ("supportsFIPS", EndpointValue.Of(SupportsFips)),
            ("supportsDualStack", EndpointValue.Of(SupportsDualStack)),
            ("implicitGlobalRegion", EndpointValue.Of(ImplicitGlobalRegion)));
    }

    /// <summary>The partition id.</summary>
    public override string ToString() => Id;
}

namespace SsoOidcCodegen.Runtime.Endpoints;

using System.Collections.Generic;

/// <summary>
/// An Amazon Resource Name taken apart by the <c>aws.parseArn</c> rule function. Attribute names map to properties:
/// <c>partition</c>, <c>service</c>, <c>region</c>, <c>accountId</c>, <c>resourceId</c>.
/// </summary>
public sealed class ParsedArn
{
    private readonly string[] _resourceId;

    internal ParsedArn(string partition, string service, string region, string accountId, string[] resourceId)
    {
        Partition = partition;
        Service = service;
        Region = region;
        AccountId = accountId;
        _resourceId = resourceId;
    }

    /// <summary>The partition, for example <c>aws</c>.</summary>
    public string Partition { get; }

    /// <summary>The service namespace, for example <c>dynamodb</c>.</summary>
    public string Service { get; }

    /// <summary>The region; empty for resources that are not regional.</summary>
    public string Region { get; }

    /// <summary>The account id; empty for resources that belong to no account.</summary>
    public string AccountId { get; }

    /// <summary>The resource part, split on <c>:</c> and <c>/</c>.</summary>
    public IReadOnlyList<string> ResourceId => _resourceId;

    /// <summary>The ARN as the record the rules engine sees.</summary>
    public EndpointValue ToEndpointValue()
    {
        var resource = new EndpointValue[_resourceId.Length];
        for (int i = 0; i < resource.Length; i++)
        {
            resource[i] = EndpointValue.Of(_resourceId[i]);
        }

        return EndpointValue.ObjectOf(
            ("partition", EndpointValue.Of(Partition)),
            ("service", EndpointValue.Of(Service)),
            ("region", EndpointValue.Of(Region)),
            ("accountId", EndpointValue.Of(AccountId)),
            ("resourceId", EndpointValue.ArrayOf(resource)));
    }

    /// <summary>The parts as a rule-engine record in JSON.</summary>
    public override string ToString() => ToEndpointValue().ToJsonString();
}

namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using SsoOidcCodegen.Runtime.Endpoints;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>The per-client endpoint cache: one resolution per distinct parameter set, bounded, errors not kept.</summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class EndpointCacheTests
{
    [Fact]
    public void Equal_parameter_sets_resolve_once_and_distinct_ones_each_once()
    {
        var cache = new EndpointCache<Key>();
        int runs = 0;
        AwsEndpoint Resolve(Key key)
        {
            runs++;
            return new AwsEndpoint("https://" + key.Name + ".example.com");
        }

        AwsEndpoint first = cache.GetOrResolve(new Key("a", ["x"]), Resolve);
        AwsEndpoint again = cache.GetOrResolve(new Key("a", ["x"]), Resolve);
        AwsEndpoint other = cache.GetOrResolve(new Key("a", ["y"]), Resolve);

        Assert.Same(first, again);
        Assert.Equal("https://a.example.com", other.Url);
        Assert.NotSame(first, other);
        Assert.Equal(2, runs);
        Assert.Equal(2L, cache.Resolutions);
    }

    [Fact]
    public void The_cache_never_holds_more_than_its_capacity()
    {
        var cache = new EndpointCache<Key>(capacity: 4);
        for (int i = 0; i < 50; i++)
        {
            cache.GetOrResolve(new Key("k" + i, []), k => new AwsEndpoint("https://" + k.Name + ".example.com"));
            Assert.InRange(cache.Count, 1, 4);
        }

        Assert.Equal(50L, cache.Resolutions);
    }

    [Fact]
    public void A_refused_parameter_set_is_not_kept_and_is_tried_again()
    {
        var cache = new EndpointCache<Key>();
        int runs = 0;
        AwsEndpoint Refuse(Key key)
        {
            runs++;
            throw new EndpointResolutionException("Invalid Configuration: Missing Region");
        }

        Assert.Throws<EndpointResolutionException>(() => cache.GetOrResolve(new Key("a", []), Refuse));
        Assert.Throws<EndpointResolutionException>(() => cache.GetOrResolve(new Key("a", []), Refuse));
        Assert.Equal(2, runs);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Auth_schemes_are_read_from_the_endpoint_properties_in_order()
    {
        var endpoint = new AwsEndpoint("https://x.example.com", null, EndpointValue.MembersOf(("authSchemes", EndpointValue.ArrayOf(
            EndpointValue.ObjectOf(("name", EndpointValue.Of("sigv4a")), ("signingName", EndpointValue.Of("s3")), ("signingRegionSet", EndpointValue.ArrayOf(EndpointValue.Of("*")))),
            EndpointValue.ObjectOf(("name", EndpointValue.Of("sigv4")), ("signingName", EndpointValue.Of("s3")), ("signingRegion", EndpointValue.Of("us-west-2")), ("disableDoubleEncoding", EndpointValue.Of(true)))))));

        Assert.Collection(
            endpoint.AuthSchemes,
            a =>
            {
                Assert.Equal("sigv4a", a.Name);
                Assert.Equal(["*"], a.SigningRegionSet);
                Assert.Null(a.SigningRegion);
            },
            v =>
            {
                Assert.Equal("sigv4", v.Name);
                Assert.Equal("us-west-2", v.SigningRegion);
                Assert.True(v.DisableDoubleEncoding);
                Assert.False(v.DisableNormalizePath);
            });
    }

    private sealed class Key(string name, string[] names) : IEquatable<Key>
    {
        public string Name { get; } = name;

        public string[] Names { get; } = names;

        public bool Equals(Key? other) => other is not null && Name == other.Name && EndpointParameterValues.SequenceEqual(Names, other.Names);

        public override bool Equals(object? obj) => Equals(obj as Key);

        public override int GetHashCode() => HashCode.Combine(Name, EndpointParameterValues.SequenceHash(Names));
    }
}

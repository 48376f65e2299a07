namespace SsoOidcCodegen.Tests.Conformance;

using System;
using Xunit;

/// <summary>The harness's XML and CBOR body comparers see every difference that matters, and only those.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class BodyComparisonTests
{
    [Theory]
    [InlineData("<a><b>1</b></a>", "<a>\n  <b>1</b>\n</a>")]
    [InlineData("<a x=\"1\" y=\"2\"/>", "<a y=\"2\" x=\"1\"></a>")]
    [InlineData("<a xmlns=\"urn:n\"><b/></a>", "<a xmlns=\"urn:n\"><b xmlns=\"urn:n\"/></a>")]
    [InlineData("<a><s>  two  spaces </s></a>", "<a><s>  two  spaces </s></a>")]
    public void Xml_bodies_that_differ_only_in_layout_are_equal(string expected, string actual) =>
        Assert.Null(XmlValues.Difference(expected, actual));

    [Theory]
    [InlineData("<a><b>1</b></a>", "<a><b>2</b></a>")]
    [InlineData("<a><b>1</b><c>2</c></a>", "<a><c>2</c><b>1</b></a>")]
    [InlineData("<a xmlns=\"urn:n\"/>", "<a/>")]
    [InlineData("<a xmlns:p=\"urn:p\"/>", "<a/>")]
    [InlineData("<a x=\"1\"/>", "<a x=\"2\"/>")]
    [InlineData("<a><s> x </s></a>", "<a><s>x</s></a>")]
    [InlineData("<a><b/></a>", "<a/>")]
    public void Xml_bodies_that_differ_in_content_are_not_equal(string expected, string actual) =>
        Assert.NotNull(XmlValues.Difference(expected, actual));

    [Theory]
    [InlineData("v/8=", "oA==")] // {} indefinite and definite
    [InlineData("oWF4+kD0AAA=", "oWF4+0AegAAAAAAA")] // {"x": 7.625f} and {"x": 7.625}
    [InlineData("omFhAWFiAg==", "omFiAmFhAQ==")] // {"a":1,"b":2} in either order
    public void Cbor_bodies_with_the_same_data_are_equal(string expected, string actual) =>
        Assert.Null(CborValues.Difference(Convert.FromBase64String(expected), Convert.FromBase64String(actual)));

    [Theory]
    [InlineData("oWF4AQ==", "oWF4Ag==")] // {"x":1} and {"x":2}
    [InlineData("oWF4AQ==", "oWF5AQ==")] // {"x":1} and {"y":1}
    [InlineData("oWF4gQE=", "oWF4gA==")] // {"x":[1]} and {"x":[]}
    [InlineData("oWF4wQE=", "oWF4AQ==")] // {"x":1(1)} (tagged) and {"x":1}
    public void Cbor_bodies_with_different_data_are_not_equal(string expected, string actual) =>
        Assert.NotNull(CborValues.Difference(Convert.FromBase64String(expected), Convert.FromBase64String(actual)));
}

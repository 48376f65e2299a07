namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Emitting;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The protocol registry: the protocols the generator speaks, each registered once under the name a model gives it;
/// every <see cref="ProtocolKind"/> has a descriptor the parser and the emitters consult, and a model naming a
/// registered protocol generates a client that compiles and tells the runtime which protocol it speaks.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class WireProtocolsTests
{
    /// <summary>Every <see cref="ProtocolKind"/> by name (the kinds are internal to the generator).</summary>
    public static TheoryData<string> Kinds() => new(Enum.GetNames<ProtocolKind>());

    [Fact]
    public void The_registered_protocols_are_these_seven_each_under_its_model_name()
    {
        (string Name, string? JsonVersion, ProtocolKind Kind)[] expected =
        [
            ("rest-json", null, ProtocolKind.RestJson),
            ("json", "1.0", ProtocolKind.AwsJson10),
            ("json", null, ProtocolKind.AwsJson11),
            ("query", null, ProtocolKind.AwsQuery),
            ("ec2", null, ProtocolKind.Ec2Query),
            ("rest-xml", null, ProtocolKind.RestXml),
            ("smithy-rpc-v2-cbor", null, ProtocolKind.RpcV2Cbor),
        ];

        Assert.Equal(expected, WireProtocols.All.Select(p => (p.ModelName, p.JsonVersion, p.Kind)).ToArray());
    }

    [Fact]
    public void Every_protocol_kind_is_registered_exactly_once()
    {
        Assert.Equal(
            Enum.GetValues<ProtocolKind>().OrderBy(k => k),
            WireProtocols.All.Select(p => p.Kind).OrderBy(k => k));
    }

    [Theory]
    [InlineData("rest-json", null, nameof(ProtocolKind.RestJson))]
    [InlineData("json", "1.0", nameof(ProtocolKind.AwsJson10))]
    [InlineData("json", "1.1", nameof(ProtocolKind.AwsJson11))]
    [InlineData("json", null, nameof(ProtocolKind.AwsJson11))]
    [InlineData("json", "2.0", nameof(ProtocolKind.AwsJson11))]
    [InlineData("query", "1.0", nameof(ProtocolKind.AwsQuery))]
    [InlineData("ec2", null, nameof(ProtocolKind.Ec2Query))]
    [InlineData("rest-xml", null, nameof(ProtocolKind.RestXml))]
    [InlineData("smithy-rpc-v2-cbor", null, nameof(ProtocolKind.RpcV2Cbor))]
    public void A_model_name_picks_its_protocol_and_json_picks_by_version(string name, string? jsonVersion, string kindName)
    {
        ProtocolKind kind = Enum.Parse<ProtocolKind>(kindName);
        Assert.Equal(kind, WireProtocols.FromModel(name, jsonVersion)?.Kind);
    }

    [Theory]
    [InlineData("rest")]
    [InlineData("JSON")]
    [InlineData("smithy-rpc-v2-json")]
    [InlineData("")]
    public void A_name_no_protocol_is_registered_under_is_not_spoken(string name)
    {
        Assert.Null(WireProtocols.FromModel(name, "1.0"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_protocol_has_a_descriptor_whose_traits_agree(string kindName)
    {
        ProtocolKind kind = Enum.Parse<ProtocolKind>(kindName);
        WireProtocol protocol = WireProtocols.For(kind);

        Assert.Equal(kind, protocol.Kind);
        Assert.True(Enum.IsDefined(typeof(AwsProtocol), kind.ToString()), $"the runtime's AwsProtocol has no {kind}, which the generated client names");
        Assert.Equal(protocol.Request == RequestForm.Query, protocol.WriteMembersMethod is null);
        Assert.Equal(protocol.Request == RequestForm.AwsJson, protocol.ContentType is not null);
        Assert.Equal(protocol.Request is RequestForm.AwsJson or RequestForm.Cbor, protocol.TargetPrefixUse is not null);
        Assert.False(protocol.WrapsResult && protocol.Request != RequestForm.Query, "only a query protocol wraps its result");
        Assert.False(protocol.InputEventStreams && !protocol.OutputEventStreams, "an input event stream without output ones");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_model_naming_a_registered_protocol_generates_a_compiling_client_of_that_protocol(string kindName)
    {
        ProtocolKind kind = Enum.Parse<ProtocolKind>(kindName);
        WireProtocol protocol = WireProtocols.For(kind);
        JObject model = UsageModels.Synthetic(protocol.ModelName);
        JObject metadata = (JObject)model["metadata"]!;
        metadata["jsonVersion"] = protocol.JsonVersion ?? "1.1";
        if (protocol.TargetPrefixUse is not null)
        {
            metadata["targetPrefix"] = "Usage_20240101";
        }

        Assert.Equal(kind, UsageModels.Parse(model).Protocol);

        GeneratorRun run = UsageModels.Compile(protocol.ModelName, model);
        string[] named = run.Sources
            .SelectMany(s => Regex.Matches(s.SourceText.ToString(), @"global::SsoOidcCodegen\.Runtime\.AwsProtocol\.(\w+)").Select(m => m.Groups[1].Value))
            .ToArray();
        Assert.Equal([kind.ToString()], named);
    }
}

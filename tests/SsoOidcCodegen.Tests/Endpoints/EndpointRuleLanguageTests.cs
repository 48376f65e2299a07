namespace SsoOidcCodegen.Tests.Endpoints;

using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using SsoOidcCodegen.Runtime.Endpoints;
using Xunit;

/// <summary>
/// The parts of the rules language that the AWS rule sets in the reference data do not use (headers, nested
/// properties, coalesce, ite, split, uriEncode, parseURL, substring, template escapes, keyword-named variables,
/// constant conditions), compiled from a hand-written rule set and run. Expected values follow from the rules
/// engine specification, worked out by hand.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class EndpointRuleLanguageTests
{
    private const string RuleSet = """
        {
          "version": "1.1",
          "parameters": {
            "Region": { "type": "string", "builtIn": "AWS::Region", "documentation": "The region." },
            "Mode": { "type": "string", "required": true, "default": "standard", "documentation": "Which rule to exercise." },
            "Account": { "type": "string", "required": true, "documentation": "Required, no default." },
            "Tags": { "type": "stringArray", "required": true, "default": ["a", "b"], "documentation": "A list with a default." },
            "Flag": { "type": "boolean", "documentation": "An optional boolean." },
            "Bucket": { "type": "string", "documentation": "A bucket name." },
            "Url": { "type": "string", "documentation": "A URL to take apart." },
            "class": { "type": "string", "documentation": "A parameter whose camel-case local is a C# keyword." }
          },
          "rules": [
            {
              "documentation": "Headers and every kind of property value.",
              "type": "endpoint",
              "conditions": [ { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "headers" ] } ],
              "endpoint": {
                "url": "https://h.example.com",
                "headers": { "x-account": [ "{Account}", "fixed" ], "x-mode": [ { "ref": "Mode" } ] },
                "properties": {
                  "n": 42, "b": true, "s": "acct-{Account}",
                  "arr": [ "x", false, { "k": "{Mode}" } ],
                  "empty": {}, "emptyArr": []
                }
              }
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "ite" ] },
                { "fn": "ite", "argv": [ { "fn": "coalesce", "argv": [ { "ref": "Flag" }, false ] }, "on", "off" ], "assign": "State" }
              ],
              "endpoint": { "url": "https://{State}.example.com" }
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "coalesce" ] },
                { "fn": "coalesce", "argv": [ { "ref": "Bucket" }, { "ref": "Url" } ], "assign": "First" }
              ],
              "endpoint": { "url": "https://c.example.com/{First}" }
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "split" ] },
                { "fn": "split", "argv": [ "{Account}--x--y", "--", 2 ], "assign": "Parts" },
                { "fn": "getAttr", "argv": [ { "ref": "Parts" }, "[1]" ], "assign": "Second" }
              ],
              "endpoint": { "url": "https://{Second}.example.com" }
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "tags" ] },
                { "fn": "getAttr", "argv": [ { "ref": "Tags" }, "[1]" ], "assign": "object" }
              ],
              "endpoint": { "url": "https://{object}.example.com" }
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "encode" ] },
                { "fn": "uriEncode", "argv": [ "{Account}/ x" ], "assign": "Encoded" }
              ],
              "endpoint": { "url": "https://e.example.com/{Encoded}" }
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "substring" ] },
                { "fn": "substring", "argv": [ { "ref": "Account" }, 1, 3, false ], "assign": "Middle" },
                { "fn": "substring", "argv": [ { "ref": "Account" }, 0, 2, true ], "assign": "Tail" }
              ],
              "endpoint": { "url": "https://{Middle}-{Tail}.example.com" }
            },
            {
              "type": "tree",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "url" ] },
                { "fn": "isSet", "argv": [ { "ref": "Url" } ] },
                { "fn": "parseURL", "argv": [ { "ref": "Url" } ], "assign": "Parsed" }
              ],
              "rules": [
                {
                  "type": "error",
                  "conditions": [ { "fn": "booleanEquals", "argv": [ { "fn": "getAttr", "argv": [ { "ref": "Parsed" }, "isIp" ] }, true ] } ],
                  "error": "ip {Parsed#authority}"
                },
                { "type": "endpoint", "conditions": [], "endpoint": { "url": "{Parsed#scheme}://{Parsed#authority}{Parsed#normalizedPath}x" } }
              ]
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "arn" ] },
                { "fn": "aws.parseArn", "argv": [ { "ref": "Account" } ], "assign": "Arn" },
                { "fn": "getAttr", "argv": [ { "ref": "Arn" }, "resourceId[1]" ], "assign": "Resource" }
              ],
              "endpoint": { "url": "https://{Arn#service}.{Arn#region}.{Resource}.example.com" }
            },
            {
              "type": "tree",
              "conditions": [ { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "bucket" ] } ],
              "rules": [
                {
                  "type": "endpoint",
                  "conditions": [
                    { "fn": "isSet", "argv": [ { "ref": "Bucket" } ] },
                    { "fn": "aws.isVirtualHostableS3Bucket", "argv": [ { "ref": "Bucket" }, false ] },
                    { "fn": "isValidHostLabel", "argv": [ { "ref": "Bucket" }, false ] }
                  ],
                  "endpoint": { "url": "https://{Bucket}.s3.example.com" }
                },
                { "type": "error", "conditions": [], "error": "bad bucket" }
              ]
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "flag" ] },
                { "fn": "isSet", "argv": [ { "ref": "Flag" } ] },
                { "fn": "booleanEquals", "argv": [ { "ref": "Flag" }, true ] }
              ],
              "endpoint": { "url": "https://flag.example.com" }
            },
            {
              "type": "error",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "flag" ] },
                { "fn": "not", "argv": [ { "fn": "isSet", "argv": [ { "ref": "Flag" } ] } ] }
              ],
              "error": "flag unset"
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "const" ] },
                { "fn": "booleanEquals", "argv": [ true, true ], "assign": "Yes" },
                { "fn": "booleanEquals", "argv": [ { "ref": "Yes" }, true ] },
                { "fn": "isSet", "argv": [ { "ref": "Mode" } ] }
              ],
              "endpoint": { "url": "https://const.example.com" }
            },
            {
              "type": "endpoint",
              "conditions": [ { "fn": "booleanEquals", "argv": [ true, false ] } ],
              "endpoint": { "url": "https://never.example.com" }
            },
            {
              "type": "endpoint",
              "conditions": [ { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "escape" ] } ],
              "endpoint": { "url": "https://esc.example.com/{{literal}}\"q\\\u00e9\u2028" }
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "partition" ] },
                { "fn": "isSet", "argv": [ { "ref": "Region" } ] },
                { "fn": "aws.partition", "argv": [ { "ref": "Region" } ], "assign": "Partition" },
                { "fn": "getAttr", "argv": [ { "ref": "Partition" }, "implicitGlobalRegion" ], "assign": "GlobalRegion" }
              ],
              "endpoint": { "url": "https://{Partition#name}.{GlobalRegion}.example.com" }
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "global" ] },
                { "fn": "isSet", "argv": [ { "ref": "Region" } ] },
                { "fn": "aws.partition", "argv": [ { "ref": "Region" } ], "assign": "Partition" }
              ],
              "endpoint": {
                "url": "https://global.{Partition#dnsSuffix}",
                "properties": { "authSchemes": [ { "name": "sigv4", "signingRegion": "{Partition#implicitGlobalRegion}" } ] }
              }
            },
            {
              "type": "endpoint",
              "conditions": [
                { "fn": "stringEquals", "argv": [ { "ref": "Mode" }, "keyword" ] },
                { "fn": "isSet", "argv": [ { "ref": "class" } ] }
              ],
              "endpoint": { "url": "https://{class}.example.com" }
            },
            { "type": "error", "conditions": [], "error": "no rule for mode {Mode}" }
          ]
        }
        """;

    private static CompiledEndpointResolver Resolver => CompiledEndpointResolver.ForText("rule-language", RuleSet);

    [Fact]
    public void Hand_written_rule_set_using_every_language_feature_builds_without_any_diagnostic()
    {
        Assert.True(Resolver.Generation.Diagnostics.Count == 0 && Resolver.CompilerDiagnostics.IsEmpty, Resolver.DescribeProblems());
    }

    [Fact]
    public void Endpoint_headers_and_nested_properties_are_built_with_templates_filled_in()
    {
        AwsEndpoint endpoint = Resolver.Resolve("""{"Mode":"headers","Account":"123"}""");

        Assert.Equal("https://h.example.com", endpoint.Url);
        Assert.Equal(["123", "fixed"], endpoint.Headers["x-account"]);
        Assert.Equal(["headers"], endpoint.Headers["X-Mode"]);
        string properties = EndpointValue.ObjectOf(endpoint.Properties.Select(property => (property.Key, property.Value)).ToArray()).ToJsonString();
        Assert.True(
            JsonNode.DeepEquals(
                JsonNode.Parse("""{"n":42,"b":true,"s":"acct-123","arr":["x",false,{"k":"headers"}],"empty":{},"emptyArr":[]}"""),
                JsonNode.Parse(properties)),
            properties);
        Assert.Equal(["n", "b", "s", "arr", "empty", "emptyArr"], endpoint.Properties.Keys);
    }

    [Theory]
    [InlineData("""{"Mode":"ite","Account":"1"}""", "https://off.example.com")]
    [InlineData("""{"Mode":"ite","Account":"1","Flag":false}""", "https://off.example.com")]
    [InlineData("""{"Mode":"ite","Account":"1","Flag":true}""", "https://on.example.com")]
    [InlineData("""{"Mode":"coalesce","Account":"1","Url":"u"}""", "https://c.example.com/u")]
    [InlineData("""{"Mode":"coalesce","Account":"1","Bucket":"b","Url":"u"}""", "https://c.example.com/b")]
    [InlineData("""{"Mode":"split","Account":"123"}""", "https://x--y.example.com")]
    [InlineData("""{"Mode":"tags","Account":"1"}""", "https://b.example.com")]
    [InlineData("""{"Mode":"encode","Account":"a b"}""", "https://e.example.com/a%20b%2F%20x")]
    [InlineData("""{"Mode":"substring","Account":"abcdef"}""", "https://bc-ef.example.com")]
    [InlineData("""{"Mode":"url","Account":"1","Url":"http://example.com:80/foo/bar"}""", "http://example.com:80/foo/bar/x")]
    [InlineData("""{"Mode":"url","Account":"1","Url":"https://example.com"}""", "https://example.com/x")]
    [InlineData("""{"Mode":"arn","Account":"arn:aws:kinesis:us-east-1:123:stream/s1"}""", "https://kinesis.us-east-1.s1.example.com")]
    [InlineData("""{"Mode":"bucket","Account":"1","Bucket":"my-bucket"}""", "https://my-bucket.s3.example.com")]
    [InlineData("""{"Mode":"flag","Account":"1","Flag":true}""", "https://flag.example.com")]
    [InlineData("""{"Mode":"const","Account":"1"}""", "https://const.example.com")]
    [InlineData("""{"Mode":"escape","Account":"1"}""", "https://esc.example.com/{literal}\"q\\\u00e9\u2028")]
    [InlineData("""{"Mode":"partition","Account":"1","Region":"eu-west-1"}""", "https://aws.us-east-1.example.com")]
    [InlineData("""{"Mode":"partition","Account":"1","Region":"cn-north-1"}""", "https://aws-cn.cn-northwest-1.example.com")]
    [InlineData("""{"Mode":"partition","Account":"1","Region":"us-gov-central-7"}""", "https://aws-us-gov.us-gov-west-1.example.com")]
    [InlineData("""{"Mode":"partition","Account":"1","Region":"mars-north-1"}""", "https://aws.us-east-1.example.com")]
    [InlineData("""{"Mode":"keyword","Account":"1","class":"kw"}""", "https://kw.example.com")]
    public void Rule_language_feature_resolves_to_the_url_the_specification_gives(string parameters, string expectedUrl)
    {
        Assert.Equal(expectedUrl, Resolver.Resolve(parameters).Url);
    }

    [Theory]
    [InlineData("cn-north-1", "https://global.amazonaws.com.cn", "cn-northwest-1")]
    [InlineData("eu-west-3", "https://global.amazonaws.com", "us-east-1")]
    [InlineData("us-isof-east-1", "https://global.csp.hci.ic.gov", "us-isof-south-1")]
    public void Implicit_global_region_of_the_partition_is_a_string_used_without_an_isSet_guard(string region, string expectedUrl, string expectedSigningRegion)
    {
        AwsEndpoint endpoint = Resolver.Resolve($$"""{"Mode":"global","Account":"1","Region":"{{region}}"}""");

        Assert.Equal(expectedUrl, endpoint.Url);
        Assert.Equal(
            $$"""{"authSchemes":[{"name":"sigv4","signingRegion":"{{expectedSigningRegion}}"}]}""",
            EndpointValue.ObjectOf(endpoint.Properties.Select(property => (property.Key, property.Value)).ToArray()).ToJsonString());
    }

    [Theory]
    [InlineData("""{"Mode":"url","Account":"1","Url":"https://127.0.0.1:8443/p"}""", "ip 127.0.0.1:8443")]
    [InlineData("""{"Mode":"url","Account":"1","Url":"https://example.com/?a=b"}""", "no rule for mode url")]
    [InlineData("""{"Mode":"tags","Account":"1","Tags":["only"]}""", "no rule for mode tags")]
    [InlineData("""{"Mode":"bucket","Account":"1","Bucket":"My_Bucket"}""", "bad bucket")]
    [InlineData("""{"Mode":"bucket","Account":"1"}""", "bad bucket")]
    [InlineData("""{"Mode":"flag","Account":"1"}""", "flag unset")]
    [InlineData("""{"Mode":"flag","Account":"1","Flag":false}""", "no rule for mode flag")]
    [InlineData("""{"Mode":"arn","Account":"not-an-arn"}""", "no rule for mode arn")]
    [InlineData("""{"Account":"1"}""", "no rule for mode standard")]
    [InlineData("""{"Mode":"headers"}""", "The endpoint parameter 'Account' is required but not set.")]
    public void Rule_language_feature_fails_with_the_message_the_rules_give(string parameters, string expectedMessage)
    {
        EndpointResolutionException exception = Assert.Throws<EndpointResolutionException>(() => Resolver.Resolve(parameters));

        Assert.Equal(expectedMessage, exception.Message);
    }

    [Fact]
    public void Parameters_class_records_every_parameter_with_its_built_in_and_property()
    {
        string parameters = Resolver.Generation.Sources.Single(source => source.HintName.EndsWith("EndpointParameters.g.cs", System.StringComparison.Ordinal)).Text;

        Assert.Contains("new global::SsoOidcCodegen.Runtime.Endpoints.EndpointParameterInfo(name: \"Region\", propertyName: \"Region\", type: global::SsoOidcCodegen.Runtime.Endpoints.EndpointParameterType.String, builtIn: \"AWS::Region\", isRequired: false),", parameters, System.StringComparison.Ordinal);
        Assert.Contains("new global::SsoOidcCodegen.Runtime.Endpoints.EndpointParameterInfo(name: \"class\", propertyName: \"Class\", type: global::SsoOidcCodegen.Runtime.Endpoints.EndpointParameterType.String, builtIn: null, isRequired: false),", parameters, System.StringComparison.Ordinal);
        Assert.Contains("public string[]? Tags { get; set; } = new string[] { \"a\", \"b\" };", parameters, System.StringComparison.Ordinal);
        Assert.Contains("public string? Mode { get; set; } = \"standard\";", parameters, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_whose_condition_is_always_false_is_left_out_of_the_resolver()
    {
        string resolver = Resolver.Generation.Sources.Single(source => source.HintName.EndsWith("EndpointResolver.g.cs", System.StringComparison.Ordinal)).Text;

        Assert.DoesNotContain("never.example.com", resolver, System.StringComparison.Ordinal);
    }
}

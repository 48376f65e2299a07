namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Linq;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The "min" form the AWS SDK for JavaScript ships (apis/*.min.json): anonymous inline shapes, an
/// empty object meaning a string, no errors lists, no documentation, short shared shape names.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class MinFormModelTests
{
    private const string MinModel = """
        {"version":"2.0","metadata":{"apiVersion":"2019-06-10","endpointPrefix":"oidc","jsonVersion":"1.1","protocol":"rest-json","serviceAbbreviation":"SSO OIDC","serviceFullName":"AWS SSO OIDC","serviceId":"SSO OIDC","signatureVersion":"v4","signingName":"awsssooidc","uid":"sso-oidc-2019-06-10"},
         "operations":{
          "CreateToken":{"http":{"requestUri":"/token"},"input":{"type":"structure","required":["clientId","clientSecret","grantType"],"members":{"clientId":{},"clientSecret":{},"grantType":{},"deviceCode":{},"scope":{"shape":"S5"}}},"output":{"type":"structure","members":{"accessToken":{},"expiresIn":{"type":"integer"},"issued":{"type":"timestamp"},"details":{"type":"structure","members":{"context":{},"tags":{"type":"map","key":{},"value":{}}}}}},"authtype":"none"},
          "RegisterClient":{"http":{"requestUri":"/client/register"},"input":{"type":"structure","required":["clientName","clientType"],"members":{"clientName":{},"clientType":{},"scopes":{"shape":"S5"}}},"output":{"type":"structure","members":{"clientId":{},"clientIdIssuedAt":{"type":"long"}}},"authtype":"none"}},
         "shapes":{"S5":{"type":"list","member":{}}}}
        """;

    private const string Consumer = """
        using System.Collections.Generic;
        using Min.SsoOidc;
        using Min.SsoOidc.Model;

        public static class UsesMinForm
        {
            public static object Build() => new CreateTokenRequest { ClientId = "c", Scope = new List<string> { "a" } };
            public static string? Read(CreateTokenResponse r) => r.AccessToken + r.ExpiresIn + r.Issued + r.Details?.Context + r.Details?.Tags?.Count;
            public static string Names() => nameof(SsoOidcClient) + nameof(RegisterClientResponse.ClientIdIssuedAt);
        }
        """;

    [Fact]
    public void A_min_form_model_generates_named_types_for_inline_shapes_and_compiles()
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/sso-oidc-2019-06-10.min.json", MinModel, Namespace: "Min.SsoOidc") }, Consumer);

        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.Contains(run.Sources, s => s.HintName == "sso-oidc-2019-06-10.Min.SsoOidc.Model.CreateTokenRequest.g.cs");
        Assert.Contains(run.Sources, s => s.HintName == "sso-oidc-2019-06-10.Min.SsoOidc.Model.CreateTokenResponseDetails.g.cs");
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
    }
}

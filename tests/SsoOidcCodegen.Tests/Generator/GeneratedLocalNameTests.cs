namespace SsoOidcCodegen.Tests.Generator;

using System.Linq;
using Microsoft.CodeAnalysis;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Marshallers, unmarshallers and codecs declare locals named after members; a member whose name
/// is also a parameter or local of the generated method (request, builder, item, entry...) must not
/// shadow it.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class GeneratedLocalNameTests
{
    private const string Model = """
        {
          "metadata": { "protocol": "rest-json", "apiVersion": "2024-01-01", "serviceId": "Names", "endpointPrefix": "names" },
          "operations": {
            "Shadow": {
              "name": "Shadow",
              "http": { "method": "POST", "requestUri": "/shadow/{builder}" },
              "input": { "shape": "ShadowInput" },
              "output": { "shape": "ShadowOutput" },
              "errors": [ { "shape": "ShadowError" } ]
            }
          },
          "shapes": {
            "ShadowInput": {
              "type": "structure",
              "required": [ "builder" ],
              "members": {
                "builder": { "shape": "String", "location": "uri", "locationName": "builder" },
                "request": { "shape": "String", "location": "querystring", "locationName": "request" },
                "item": { "shape": "StringList", "location": "querystring", "locationName": "item" },
                "entry": { "shape": "StringMap", "location": "querystring" },
                "list": { "shape": "StringList", "location": "header", "locationName": "X-List" },
                "writer": { "shape": "String" },
                "result": { "shape": "String" }
              }
            },
            "ShadowOutput": {
              "type": "structure",
              "members": {
                "result": { "shape": "String", "location": "header", "locationName": "X-Result" },
                "response": { "shape": "StringMap", "location": "headers", "locationName": "X-Meta-" },
                "reader": { "shape": "String" },
                "part": { "shape": "StringList" }
              }
            },
            "ShadowError": {
              "type": "structure",
              "exception": true,
              "error": { "httpStatusCode": 400 },
              "members": {
                "exception": { "shape": "String", "location": "header", "locationName": "X-Exception" },
                "error": { "shape": "String" },
                "message": { "shape": "String" }
              }
            },
            "String": { "type": "string" },
            "StringList": { "type": "list", "member": { "shape": "String" } },
            "StringMap": { "type": "map", "key": { "shape": "String" }, "value": { "shape": "String" } }
          }
        }
        """;

    [Fact]
    public void Members_named_like_generated_locals_compile_without_diagnostics()
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { new ModelFile("/models/names-2024-01-01.json", Model) });

        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
    }
}

namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Parsing;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The parser's last-resort guard (any exception becomes SOC011) points at the model element it was
/// reading when it failed, and at line 1 of the file when it was reading none; never at line 0.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class LastGuardLocationTests
{
    // Line numbers are 1-based here: the "Broken" shape's name is on line 8, the operation's on line 4.
    private const string Model = """
        {
          "metadata": { "apiVersion": "2024-01-01", "protocol": "rest-json", "serviceId": "Guard", "endpointPrefix": "guard", "signatureVersion": "v4" },
          "operations": {
            "GetThing": { "name": "GetThing", "http": { "method": "GET", "requestUri": "/" }, "input": { "shape": "Fine" } }
          },
          "shapes": {
            "Fine": { "type": "structure", "members": { "Name": { "shape": "Broken" } } },
            "Broken": { "type": "string" }
          }
        }
        """;

    [Theory]
    [InlineData("shapes.Broken", 8)]
    [InlineData("shapes.Fine", 7)]
    [InlineData("operations.GetThing", 4)]
    public void An_exception_while_reading_a_shape_or_operation_is_reported_at_that_element(string element, int line)
    {
        string path = $"/guard/{Guid.NewGuid():N}/guard-2024-01-01.json";
        DiagnosticInfo failure = ParseFailing(path, element);

        Assert.Equal(path, failure.Location!.FilePath);
        Assert.Equal(line - 1, failure.Location.StartLine);
        Assert.Contains("(reading " + element + ")", failure.Arguments[1], StringComparison.Ordinal);
        Assert.Contains("injected fault", failure.Arguments[1], StringComparison.Ordinal);
        Assert.Equal("guard-2024-01-01.json", failure.Arguments[0]);
    }

    [Fact]
    public void An_exception_outside_any_element_is_reported_at_line_1_of_the_model_file()
    {
        string path = $"/guard/{Guid.NewGuid():N}/guard-2024-01-01.json";

        // A null text (a host's bug, not a model's) fails before any element is read.
        ParseResult parsed = ServiceModelParser.Parse(new ModelInput { Path = path, Text = null!, Options = ModelOptions.Default }, TestContext.Current.CancellationToken);

        DiagnosticInfo failure = Assert.Single(parsed.Diagnostics, d => d.Id == "SOC011");
        Assert.Null(parsed.Spec);
        Assert.Equal(path, failure.Location!.FilePath);
        Assert.Equal(0, failure.Location.StartLine);   // line 1, 0-based
        Assert.Equal(1, failure.Location.EndColumn);
        Assert.DoesNotContain("(reading", failure.Arguments[1], StringComparison.Ordinal);
    }

    private static DiagnosticInfo ParseFailing(string path, string element)
    {
        // The hook is static: it only fails for this test's own (unique) model path.
        Action<string, string> hook = (at, what) =>
        {
            if (at == path && what == element)
            {
                throw new InvalidOperationException("injected fault");
            }
        };
        ServiceModelParser.ElementHook += hook;
        try
        {
            ParseResult parsed = ServiceModelParser.Parse(new ModelInput { Path = path, Text = Model.Replace("\r\n", "\n", StringComparison.Ordinal), Options = ModelOptions.Default }, TestContext.Current.CancellationToken);
            Assert.Null(parsed.Spec);
            return parsed.Diagnostics.Single(d => d.Id == "SOC011");
        }
        finally
        {
            ServiceModelParser.ElementHook -= hook;
        }
    }
}

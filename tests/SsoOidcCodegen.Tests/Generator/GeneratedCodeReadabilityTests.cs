namespace SsoOidcCodegen.Tests.Generator;

using System;
using System.Linq;
using System.Net;
using SsoOidcCodegen.Generator.Emitting;
using Xunit;

/// <summary>The generated code names what it can: HTTP statuses by their <see cref="HttpStatusCode"/> member.</summary>
[Trait("Category", TestCategories.Generator)]
public sealed class GeneratedCodeReadabilityTests
{
    [Fact]
    public void Every_status_with_an_HttpStatusCode_member_is_written_by_name_and_every_other_as_a_cast()
    {
        for (int status = 100; status <= 599; status++)
        {
            string written = CSharpTypes.HttpStatusCode(status);
            const string Prefix = "global::System.Net.HttpStatusCode.";
            if (Enum.IsDefined((HttpStatusCode)status))
            {
                Assert.StartsWith(Prefix, written, StringComparison.Ordinal);
                Assert.Equal(status, (int)Enum.Parse<HttpStatusCode>(written.Substring(Prefix.Length)));
            }
            else
            {
                Assert.Equal("(global::System.Net.HttpStatusCode)" + status, written);
            }
        }
    }

    [Fact]
    public void Of_two_names_for_one_status_the_RFC_name_is_written()
    {
        Assert.Equal("global::System.Net.HttpStatusCode.Found", CSharpTypes.HttpStatusCode(302));
        Assert.Equal("global::System.Net.HttpStatusCode.TemporaryRedirect", CSharpTypes.HttpStatusCode(307));
        Assert.DoesNotContain(Enumerable.Range(100, 500).Select(CSharpTypes.HttpStatusCode), w => w.EndsWith(".Redirect", StringComparison.Ordinal));
    }
}

namespace SsoOidcCodegen.Tests.Pipeline;

using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using SsoOidcCodegen.Runtime;
using Xunit;

[Trait("Category", TestCategories.Runtime)]
public sealed class InvocationIdTests
{
    private static readonly Regex VersionFourUuid = new("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", RegexOptions.CultureInvariant);

    [Fact]
    public void Invocation_ids_are_lower_case_version_4_uuids()
    {
        for (int i = 0; i < 200; i++)
        {
            string id = InvocationId.Create();

            Assert.Matches(VersionFourUuid, id);
            Assert.Equal(4, Guid.Parse(id).Version);
        }
    }

    [Fact]
    public void Invocation_ids_do_not_repeat_across_ten_thousand_calls()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (int i = 0; i < 10_000; i++)
        {
            Assert.True(seen.Add(InvocationId.Create()), $"id {i} repeated an earlier one");
        }
    }

    [Fact]
    public void Invocation_ids_made_on_different_threads_differ()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();

        System.Threading.Tasks.Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 500; i++)
            {
                ids.Add(InvocationId.Create());
            }
        });

        Assert.Equal(ids.Count, new HashSet<string>(ids, StringComparer.Ordinal).Count);
    }
}

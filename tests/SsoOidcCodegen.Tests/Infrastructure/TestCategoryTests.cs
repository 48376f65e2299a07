namespace SsoOidcCodegen.Tests.Infrastructure;

using System;
using System.Linq;
using System.Reflection;
using Xunit;

/// <summary>
/// Every test class belongs to exactly one group of <see cref="TestCategories"/>, so the four filters
/// (<c>Category=Generator|Runtime|Integration|Package</c>) together run every test and no test twice.
/// (<c>Category=Fuzz</c> marks the long fuzz tests inside their group, in addition.)
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class TestCategoryTests
{
    [Fact]
    public void Every_test_class_has_exactly_one_category_of_the_four()
    {
        var testClasses = typeof(TestCategoryTests).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            .ToList();
        Assert.True(testClasses.Count > 50, $"only {testClasses.Count} test classes found");

        var problems = testClasses
            .Select(t => (Type: t, Categories: t.GetCustomAttributes<TraitAttribute>().Where(a => a.Name == "Category").Select(a => a.Value).Where(TestCategories.All.Contains).ToList()))
            .Where(c => c.Categories.Count != 1)
            .Select(c => $"{c.Type.FullName}: [{string.Join(", ", c.Categories)}]")
            .ToList();
        Assert.True(problems.Count == 0, "Test classes without exactly one of Category=" + string.Join("|", TestCategories.All) + ":\n" + string.Join("\n", problems));
    }
}

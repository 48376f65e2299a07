namespace SsoOidcCodegen.Tests.Endpoints;

using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Endpoints;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>The endpoint specs are cacheable values: equal when parsed from the same text, and free of compiler or JSON objects.</summary>
[Trait("Category", TestCategories.Generator)]
public sealed class EndpointRuleSetSpecTests
{
    [Fact]
    public void Specs_parsed_twice_from_the_same_text_are_equal_with_equal_hash_codes()
    {
        string json = File.ReadAllText(OwnRuleSetPath());

        EndpointRuleSetSpec first = EndpointRuleSetCompiler.Parse(json, "a.json", CancellationToken.None).Spec!;
        EndpointRuleSetSpec second = EndpointRuleSetCompiler.Parse(json, "a.json", CancellationToken.None).Spec!;

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Specs_differ_when_a_single_template_in_the_rule_set_changes()
    {
        string json = File.ReadAllText(OwnRuleSetPath());
        string changed = json.Replace("https://oidc-fips.{Region}.{Partition#dnsSuffix}", "https://oidc-fips.{Region}.{Partition#dualStackDnsSuffix}", StringComparison.Ordinal);
        Assert.NotEqual(json, changed);

        EndpointRuleSetSpec original = EndpointRuleSetCompiler.Parse(json, "a.json", CancellationToken.None).Spec!;
        EndpointRuleSetSpec edited = EndpointRuleSetCompiler.Parse(changed, "a.json", CancellationToken.None).Spec!;

        Assert.NotEqual(original, edited);
    }

    [Fact]
    public void Specs_hold_no_json_tokens_symbols_syntax_nodes_locations_or_compilations()
    {
        EndpointRuleSetSpec spec = EndpointRuleSetCompiler.Parse(File.ReadAllText(OwnRuleSetPath()), "a.json", CancellationToken.None).Spec!;
        var forbidden = new[] { typeof(JToken), typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation) };
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        int count = 0;

        Walk(spec);

        Assert.True(count > 50, $"Only {count} values were visited.");

        void Walk(object? value)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || (!value.GetType().IsValueType && !visited.Add(value)))
            {
                return;
            }

            count++;
            Type type = value.GetType();
            Assert.DoesNotContain(forbidden, bad => bad.IsAssignableFrom(type));
            Assert.True(
                type.IsValueType || (type.IsSealed && type.GetMethod("<Clone>$") is not null),
                $"{type.Name} in a spec is neither a value type nor a sealed record.");
            if (value is IEnumerable items)
            {
                foreach (object? item in items)
                {
                    Walk(item);
                }

                return;
            }

            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.GetIndexParameters().Length == 0))
            {
                Walk(property.GetValue(value));
            }
        }
    }

    [Fact]
    public void Equatable_arrays_compare_element_by_element_and_default_is_empty()
    {
        EquatableArray<string> first = EquatableArray.Create("a", "b");
        EquatableArray<string> same = new List<string> { "a", "b" }.ToEquatableArray();
        EquatableArray<string> other = EquatableArray.Create("b", "a");

        Assert.Equal(first, same);
        Assert.True(first == same);
        Assert.Equal(first.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(first, other);
        Assert.Equal(EquatableArray<string>.Empty, default);
        Assert.Equal(EquatableArray<string>.Empty, EquatableArray.Create<string>());
        Assert.Empty(default(EquatableArray<string>));
        Assert.Equal(2, first.Count);
        Assert.Equal("b", first[1]);
        Assert.Equal(["a", "b"], first);
    }

    [Fact]
    public void Equatable_array_copies_its_input_so_later_changes_do_not_leak_in()
    {
        string[] source = ["a", "b"];
        EquatableArray<string> array = EquatableArray.Create(source);

        source[0] = "changed";

        Assert.Equal("a", array[0]);
    }

    private static string OwnRuleSetPath() => Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.endpoint-rule-set.json");
}

namespace SsoOidcCodegen.Tests.Generator;

using System.Collections.Generic;
using SsoOidcCodegen.Generator.Emitting;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The comparison that decides whether a class is rendered again: two view models are equal exactly when everything a
/// template can read of them is, whatever the kind of value (strings, numbers, enums, nullables, sequences, nested
/// records and anonymous types, structs, public fields).
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class ViewEqualityTests
{
    public enum Kind
    {
        First,
        Second,
    }

    public static TheoryData<string> Changes() => new()
    {
        "name", "count", "kind", "optional", "null name", "item", "one item more", "nested", "anonymous", "struct", "field", "object",
    };

    [Fact]
    public void Views_built_apart_from_the_same_values_are_equal()
    {
        Assert.True(ViewEquality.Equal(View(), View()));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_of_any_readable_value_makes_them_unequal(string change)
    {
        Assert.False(ViewEquality.Equal(View(), View(change)), change);
        Assert.False(ViewEquality.Equal(View(change), View()), change);
    }

    [Fact]
    public void Values_of_different_types_are_unequal_even_when_they_print_alike()
    {
        Assert.False(ViewEquality.Equal(1, 1L));
        Assert.False(ViewEquality.Equal("1", 1));
        Assert.False(ViewEquality.Equal(new Item("a"), null));
    }

    private static Root View(string? change = null) => new(
        change == "name" ? "Other" : "Name",
        change == "count" ? 3 : 2,
        change == "kind" ? Kind.Second : Kind.First,
        change == "optional" ? 5 : null,
        change == "null name" ? null : "kept",
        change switch
        {
            "item" => new List<Item> { new("a"), new("c") },
            "one item more" => new List<Item> { new("a"), new("b"), new("c") },
            _ => new List<Item> { new("a"), new("b") },
        },
        new Nested(new Item(change == "nested" ? "y" : "x"), new[] { 1.5m, 2m }),
        new { Label = change == "anonymous" ? "B" : "A", Flag = true },
        new Pair(1, change == "struct" ? 3 : 2),
        change == "object" ? "text" : 4)
    {
        Field = change == "field" ? "changed" : "field",
    };

    public sealed record Item(string Value);

    public sealed record Nested(Item Item, decimal[] Amounts);

    public readonly record struct Pair(int Left, int Right);

    public sealed record Root(string Name, int Count, Kind Kind, int? Optional, string? MaybeName, List<Item> Items, Nested Nested, object Anonymous, Pair Pair, object Boxed)
    {
        // A public field, which a template reads as it reads a property.
#pragma warning disable SA1401 // Fields should be private: the comparison must see public fields too.
        public string Field = string.Empty;
#pragma warning restore SA1401
    }
}

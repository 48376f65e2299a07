namespace SsoOidcCodegen.Tests.Pipeline;

using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using SsoOidcCodegen.Runtime.Protocols;
using Xunit;

/// <summary>JsonWire.ReadMap, which generated codecs read every JSON map through.</summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class JsonMapReadingTests
{
    [Fact]
    public void A_map_of_many_entries_keeps_each_entry_and_the_last_value_of_a_repeated_name()
    {
        string json = "{" + string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"k{i}\":{i}")) + ",\"k3\":333}";

        Dictionary<string, int>? map = Read<int>(json, Dense);

        Assert.NotNull(map);
        Assert.Equal(40, map!.Count);
        Assert.Equal(333, map["k3"]);
        Assert.Equal(39, map["k39"]);
    }

    [Fact]
    public void Maps_read_on_many_threads_at_once_keep_every_name_right()
    {
        // The name cache is shared by every thread: 8 threads, each with its own 600 names (more than the cache holds,
        // so entries are replaced under the readers), each checking that every key came back as the name it sent.
        System.Threading.Tasks.Parallel.For(0, 8, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            string json = "{" + string.Join(",", Enumerable.Range(0, 600).Select(i => $"\"t{thread}n{i}\":{i}")) + "}";
            for (int round = 0; round < 50; round++)
            {
                Dictionary<string, int> map = Read<int>(json, Dense)!;
                Assert.Equal(600, map.Count);
                Assert.All(map, pair => Assert.Equal($"t{thread}n{pair.Value}", pair.Key));
            }
        });
    }

    [Fact]
    public void A_dense_map_leaves_out_null_values_and_a_sparse_map_keeps_them()
    {
        const string Json = "{\"a\":1,\"b\":null,\"c\":3}";

        Dictionary<string, int>? dense = Read<int>(Json, Dense);
        Dictionary<string, int?>? sparse = Read<int?>(Json, static (ref Utf8JsonReader reader, out int? value) =>
        {
            value = JsonWire.ReadInt32(ref reader);
            return true;
        });

        Assert.Equal(new[] { "a", "c" }, dense!.Keys.OrderBy(k => k));
        Assert.Equal(3, sparse!.Count);
        Assert.Null(sparse["b"]);
    }

    [Fact]
    public void A_null_map_is_null_and_names_read_again_are_equal_whatever_their_escaping()
    {
        Assert.Null(Read<int>("null", Dense));

        // The same names, escaped and not, long and short, over several objects: the name cache must never mix them up.
        string longName = new('x', 100);
        for (int round = 0; round < 3; round++)
        {
            Dictionary<string, int> map = Read<int>($"{{\"\\u0061b\":1,\"ab\":2,\"ba\":3,\"{longName}\":4,\"caf\u00e9\":5}}", Dense)!;
            Assert.Equal(new[] { "ab", "ba", "caf\u00e9", longName }, map.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
            Assert.Equal(2, map["ab"]);
            Assert.Equal(5, map["caf\u00e9"]);
        }

        // Many distinct names (more than the cache holds) still read back as written.
        string many = "{" + string.Join(",", Enumerable.Range(0, 600).Select(i => $"\"name{i}\":{i}")) + "}";
        Dictionary<string, int> all = Read<int>(many, Dense)!;
        Assert.All(Enumerable.Range(0, 600), i => Assert.Equal(i, all["name" + i]));
    }

    [Theory]
    [InlineData("attribute_", "_value_of")]
    [InlineData("ab", "cd")]
    [InlineData("", "")]
    public void Names_alike_but_for_their_middle_never_read_as_each_other(string prefix, string suffix)
    {
        // Names of one length that differ only in two bytes of their middle, one- to three-byte names and a non-ASCII
        // one: the names a cheaper hash (one over the first and last bytes only, tried in stop 25 and rejected) would put
        // in one slot pair, where most reads miss. Whatever the hash, each must read as itself, in any order, again and again.
        string[] names = Enumerable.Range(0, 12).Select(i => prefix + (char)('a' + i) + (char)('z' - i) + suffix)
            .Concat(new[] { "a", "b", "ab", "ba", "abc", "acb", "cab", "\u00e9" })
            .Distinct()
            .ToArray();
        for (int round = 0; round < 4; round++)
        {
            int[] order = Enumerable.Range(0, names.Length).ToArray();
            if (round % 2 == 1)
            {
                System.Array.Reverse(order);
            }

            string json = "{" + string.Join(",", order.Select(i => $"\"{names[i]}\":{i}")) + "}";
            Dictionary<string, int> map = Read<int>(json, Dense)!;
            Assert.Equal(names.Length, map.Count);
            Assert.All(Enumerable.Range(0, names.Length), i => Assert.Equal(i, map[names[i]]));
        }
    }

    private static bool Dense(ref Utf8JsonReader reader, out int value)
    {
        if (JsonWire.ReadInt32(ref reader) is { } item)
        {
            value = item;
            return true;
        }

        value = default;
        return false;
    }

    private static Dictionary<string, T>? Read<T>(string json, JsonMapValueReader<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return JsonWire.ReadMap(ref reader, read);
    }
}

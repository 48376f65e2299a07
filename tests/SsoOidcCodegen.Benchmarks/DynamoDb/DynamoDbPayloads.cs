namespace SsoOidcCodegen.Benchmarks.DynamoDb;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Ours = SsoOidcCodegen.Benchmarks.DynamoDb.Model;
using Peer = Amazon.DynamoDBv2.Model;

/// <summary>
/// The DynamoDB items, requests and canned answers of the benchmarks: an item of 20 attributes of
/// every type (S, N, B, BOOL, NULL, L, M, SS, NS), built once as one description and turned into our
/// request, the SDK's request and the JSON the service answers, so both clients send and read the same.
/// </summary>
public static class DynamoDbPayloads
{
    /// <summary>The table every request names.</summary>
    public const string Table = "orders";

    /// <summary>Items a Query answers.</summary>
    public const int QueryItems = 100;

    /// <summary>Attributes per item.</summary>
    public const int Attributes = 20;

    private static readonly byte[] Blob = Sequence(32, 7);
    private static readonly byte[] Checksum = Sequence(16, 131);

    /// <summary>GetItem's answer: the item.</summary>
    public static readonly byte[] GetItemResponse = Encoding.UTF8.GetBytes("{\"Item\":" + ItemJson(0) + "}");

    /// <summary>PutItem's answer (no ReturnValues): an empty object.</summary>
    public static readonly byte[] PutItemResponse = Encoding.UTF8.GetBytes("{}");

    /// <summary>Query's answer: <see cref="QueryItems"/> items.</summary>
    public static readonly byte[] QueryResponse = Encoding.UTF8.GetBytes(QueryJson());

    /// <summary>The item as DynamoDB's JSON, with <paramref name="index"/> in its sort key.</summary>
    public static string ItemJson(int index)
    {
        string i = index.ToString(CultureInfo.InvariantCulture);
        return "{"
            + "\"pk\":{\"S\":\"customer#12345\"},"
            + "\"sk\":{\"S\":\"order#2026-11-30#" + i + "\"},"
            + "\"amount\":{\"N\":\"1234.56\"},"
            + "\"quantity\":{\"N\":\"" + i + "\"},"
            + "\"payload\":{\"B\":\"" + Convert.ToBase64String(Blob) + "\"},"
            + "\"active\":{\"BOOL\":true},"
            + "\"deleted\":{\"BOOL\":false},"
            + "\"coupon\":{\"NULL\":true},"
            + "\"tags\":{\"SS\":[\"red\",\"green\",\"blue\"]},"
            + "\"scores\":{\"NS\":[\"1\",\"2.5\",\"-3\"]},"
            + "\"history\":{\"L\":[{\"S\":\"created\"},{\"N\":\"1\"},{\"BOOL\":true}]},"
            + "\"address\":{\"M\":{\"street\":{\"S\":\"1 Main Street\"},\"city\":{\"S\":\"Seattle\"},\"zip\":{\"N\":\"98101\"}}},"
            + "\"email\":{\"S\":\"someone@example.com\"},"
            + "\"name\":{\"S\":\"Jane Doe\"},"
            + "\"createdAt\":{\"N\":\"1764504000\"},"
            + "\"version\":{\"N\":\"42\"},"
            + "\"notes\":{\"S\":\"Leave the parcel with the neighbour at number 3 if nobody answers the door; ring twice.\"},"
            + "\"flags\":{\"L\":[{\"BOOL\":true},{\"BOOL\":false},{\"NULL\":true}]},"
            + "\"dimensions\":{\"M\":{\"w\":{\"N\":\"10\"},\"h\":{\"N\":\"20.5\"},\"d\":{\"N\":\"3\"}}},"
            + "\"checksum\":{\"B\":\"" + Convert.ToBase64String(Checksum) + "\"}"
            + "}";
    }

    /// <summary>Our item (the same attributes as <see cref="ItemJson"/>).</summary>
    public static Dictionary<string, Ours.AttributeValue> OursItem(int index) => new(StringComparer.Ordinal)
    {
        ["pk"] = new() { S = "customer#12345" },
        ["sk"] = new() { S = "order#2026-11-30#" + index.ToString(CultureInfo.InvariantCulture) },
        ["amount"] = new() { N = "1234.56" },
        ["quantity"] = new() { N = index.ToString(CultureInfo.InvariantCulture) },
        ["payload"] = new() { B = Blob },
        ["active"] = new() { BOOL = true },
        ["deleted"] = new() { BOOL = false },
        ["coupon"] = new() { NULL = true },
        ["tags"] = new() { SS = new List<string> { "red", "green", "blue" } },
        ["scores"] = new() { NS = new List<string> { "1", "2.5", "-3" } },
        ["history"] = new() { L = new List<Ours.AttributeValue> { new() { S = "created" }, new() { N = "1" }, new() { BOOL = true } } },
        ["address"] = new() { M = new Dictionary<string, Ours.AttributeValue> { ["street"] = new() { S = "1 Main Street" }, ["city"] = new() { S = "Seattle" }, ["zip"] = new() { N = "98101" } } },
        ["email"] = new() { S = "someone@example.com" },
        ["name"] = new() { S = "Jane Doe" },
        ["createdAt"] = new() { N = "1764504000" },
        ["version"] = new() { N = "42" },
        ["notes"] = new() { S = "Leave the parcel with the neighbour at number 3 if nobody answers the door; ring twice." },
        ["flags"] = new() { L = new List<Ours.AttributeValue> { new() { BOOL = true }, new() { BOOL = false }, new() { NULL = true } } },
        ["dimensions"] = new() { M = new Dictionary<string, Ours.AttributeValue> { ["w"] = new() { N = "10" }, ["h"] = new() { N = "20.5" }, ["d"] = new() { N = "3" } } },
        ["checksum"] = new() { B = Checksum },
    };

    /// <summary>The SDK's item (the same attributes as <see cref="ItemJson"/>).</summary>
    public static Dictionary<string, Peer.AttributeValue> PeerItem(int index) => new(StringComparer.Ordinal)
    {
        ["pk"] = new() { S = "customer#12345" },
        ["sk"] = new() { S = "order#2026-11-30#" + index.ToString(CultureInfo.InvariantCulture) },
        ["amount"] = new() { N = "1234.56" },
        ["quantity"] = new() { N = index.ToString(CultureInfo.InvariantCulture) },
        ["payload"] = new() { B = new MemoryStream(Blob, writable: false) },
        ["active"] = new() { BOOL = true },
        ["deleted"] = new() { BOOL = false },
        ["coupon"] = new() { NULL = true },
        ["tags"] = new() { SS = new List<string> { "red", "green", "blue" } },
        ["scores"] = new() { NS = new List<string> { "1", "2.5", "-3" } },
        ["history"] = new() { L = new List<Peer.AttributeValue> { new() { S = "created" }, new() { N = "1" }, new() { BOOL = true } } },
        ["address"] = new() { M = new Dictionary<string, Peer.AttributeValue> { ["street"] = new() { S = "1 Main Street" }, ["city"] = new() { S = "Seattle" }, ["zip"] = new() { N = "98101" } } },
        ["email"] = new() { S = "someone@example.com" },
        ["name"] = new() { S = "Jane Doe" },
        ["createdAt"] = new() { N = "1764504000" },
        ["version"] = new() { N = "42" },
        ["notes"] = new() { S = "Leave the parcel with the neighbour at number 3 if nobody answers the door; ring twice." },
        ["flags"] = new() { L = new List<Peer.AttributeValue> { new() { BOOL = true }, new() { BOOL = false }, new() { NULL = true } } },
        ["dimensions"] = new() { M = new Dictionary<string, Peer.AttributeValue> { ["w"] = new() { N = "10" }, ["h"] = new() { N = "20.5" }, ["d"] = new() { N = "3" } } },
        ["checksum"] = new() { B = new MemoryStream(Checksum, writable: false) },
    };

    /// <summary>Our GetItem request: the item's key.</summary>
    public static Ours.GetItemInput OursGetItem() => new()
    {
        TableName = Table,
        Key = new Dictionary<string, Ours.AttributeValue> { ["pk"] = new() { S = "customer#12345" }, ["sk"] = new() { S = "order#2026-11-30#0" } },
    };

    /// <summary>The SDK's GetItem request.</summary>
    public static Peer.GetItemRequest PeerGetItem() => new()
    {
        TableName = Table,
        Key = new Dictionary<string, Peer.AttributeValue> { ["pk"] = new() { S = "customer#12345" }, ["sk"] = new() { S = "order#2026-11-30#0" } },
    };

    /// <summary>Our PutItem request: the whole item.</summary>
    public static Ours.PutItemInput OursPutItem() => new() { TableName = Table, Item = OursItem(0) };

    /// <summary>The SDK's PutItem request.</summary>
    public static Peer.PutItemRequest PeerPutItem() => new() { TableName = Table, Item = PeerItem(0) };

    /// <summary>Our Query request: one partition.</summary>
    public static Ours.QueryInput OursQuery() => new()
    {
        TableName = Table,
        KeyConditionExpression = "pk = :pk",
        ExpressionAttributeValues = new Dictionary<string, Ours.AttributeValue> { [":pk"] = new() { S = "customer#12345" } },
    };

    /// <summary>The SDK's Query request.</summary>
    public static Peer.QueryRequest PeerQuery() => new()
    {
        TableName = Table,
        KeyConditionExpression = "pk = :pk",
        ExpressionAttributeValues = new Dictionary<string, Peer.AttributeValue> { [":pk"] = new() { S = "customer#12345" } },
    };

    private static string QueryJson()
    {
        var json = new StringBuilder("{\"Count\":").Append(QueryItems).Append(",\"Items\":[");
        for (int i = 0; i < QueryItems; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(ItemJson(i));
        }

        return json.Append("],\"ScannedCount\":").Append(QueryItems).Append('}').ToString();
    }

    private static byte[] Sequence(int length, int seed)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((seed + (i * 37)) & 0xFF);
        }

        return bytes;
    }
}

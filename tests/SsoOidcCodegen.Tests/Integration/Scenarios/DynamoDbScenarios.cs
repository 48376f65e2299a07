// Compiled at test time with the DynamoDB client generated from AWS_MODELS_DIR/corpus/dynamodb-2012-08-10.json
// (namespace Aws.DynamoDb); run by DynaliteRealUseTests against dynalite (a local DynamoDB) through a proxy of the
// test's own, one method per test of the same name, each with a table of its own.
namespace SsoOidcCodegen.RealUse;

using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Aws.DynamoDb;
using Aws.DynamoDb.Model;
using SsoOidcCodegen.Runtime;
using Xunit;

public static class DynamoDbScenarios
{
    public static async Task CreateTable_PutItem_and_GetItem_round_trip_through_a_clean_proxy(AwsClientOptions options, AwsClientOptions unused, string table)
    {
        using var dynamo = new DynamoDbClient(options);
        await CreateTableAndPutAsync(dynamo, table);

        GetItemOutput got = await dynamo.GetItemAsync(new GetItemInput
        {
            TableName = table,
            Key = new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue { S = "k1" } },
            ConsistentRead = true,
        });

        Assert.NotNull(got.Item);
        Assert.Equal("k1", got.Item!["id"].S);
        Assert.Equal("checksummed answers", got.Item["note"].S);
        Assert.Equal("42", got.Item["count"].N);
    }

    public static async Task A_body_with_one_byte_flipped_under_its_crc32_header_is_retried_then_rejected(AwsClientOptions clean, AwsClientOptions corrupting, string table)
    {
        using (var dynamo = new DynamoDbClient(clean))
        {
            await CreateTableAndPutAsync(dynamo, table);
        }

        using var damaged = new DynamoDbClient(corrupting);
        AwsTransportException error = await Assert.ThrowsAsync<AwsTransportException>(() => damaged.GetItemAsync(new GetItemInput
        {
            TableName = table,
            Key = new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue { S = "k1" } },
        }));

        AwsChecksumMismatchException mismatch = Assert.IsType<AwsChecksumMismatchException>(error.InnerException);
        Assert.Equal("x-amz-crc32", mismatch.Header);
        Assert.Equal(3, error.Attempts);
    }

    private static async Task CreateTableAndPutAsync(DynamoDbClient dynamo, string table)
    {
        CreateTableOutput created = await dynamo.CreateTableAsync(new CreateTableInput
        {
            TableName = table,
            AttributeDefinitions = [new AttributeDefinition { AttributeName = "id", AttributeType = "S" }],
            KeySchema = [new KeySchemaElement { AttributeName = "id", KeyType = "HASH" }],
            BillingMode = "PAY_PER_REQUEST",
        });
        Assert.Equal(table, created.TableDescription!.TableName);

        // dynalite, like DynamoDB, answers CreateTable while the table is still CREATING (even with createTableMs 0 it
        // turns ACTIVE on a later tick) and refuses items until then: wait for ACTIVE as a real caller does.
        for (int attempt = 0; ; attempt++)
        {
            DescribeTableOutput described = await dynamo.DescribeTableAsync(new DescribeTableInput { TableName = table });
            if (described.Table?.TableStatus?.Value == "ACTIVE")
            {
                break;
            }

            Assert.True(attempt < 100, $"Table {table} is still {described.Table?.TableStatus?.Value} after 100 DescribeTable calls.");
            await Task.Delay(20);
        }

        await dynamo.PutItemAsync(new PutItemInput
        {
            TableName = table,
            Item = new Dictionary<string, AttributeValue>
            {
                ["id"] = new AttributeValue { S = "k1" },
                ["note"] = new AttributeValue { S = "checksummed answers" },
                ["count"] = new AttributeValue { N = "42" },
            },
        });
    }
}

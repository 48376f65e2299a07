namespace SsoOidcCodegen.Tests.Integration;

using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Idempotency tokens as the official SDKs fill them: an unset token member gets a fresh token once per call
/// (every retry of the call sends the same one), on a copy of the request, so the caller's object is never
/// changed and reusing it gives the next call a new token; a token the caller sets is sent as is. Run with
/// the S3 client generated from <c>AWS_NEXT_MODELS_DIR</c> (RenameObject's header-bound <c>ClientToken</c>)
/// against a scripted service on a real socket.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class IdempotencyTokenTests
{
    private static readonly GeneratedServiceClient S3 = new("s3-2006-03-01.json", "Aws.S3", "S3Client", "S3Scenarios.cs");

    [Fact]
    public Task An_unset_client_token_is_filled_on_a_copy_the_same_on_every_retry_and_new_per_call() => RunAsync();

    private static async Task RunAsync([CallerMemberName] string scenario = "")
    {
        using var server = new ScriptedAwsServer();
        await S3.RunAsync([server, RealUse.Options(server.Url)], scenario);
        Assert.Equal(4, server.Requests.Count);
    }
}

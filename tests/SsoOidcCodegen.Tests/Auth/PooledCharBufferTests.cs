namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.Collections.Generic;
using SsoOidcCodegen.Runtime.Auth;
using Xunit;

/// <summary>The signer's scratch text holds the session token when the credentials have one: none of it may stay in the shared pool.</summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class PooledCharBufferTests
{
    [Fact]
    public void A_buffer_that_holds_a_secret_is_zeroed_before_each_of_its_arrays_goes_back_to_the_pool()
    {
        const string Secret = "session-token-that-must-not-stay-in-the-pool";
        var arrays = new List<char[]>();
        var buffer = new PooledCharBuffer(16, clearOnReturn: true);
        try
        {
            // Each append outgrows the array, which goes back to the pool; a dropped tail is cleared too.
            for (int i = 0; i < 6; i++)
            {
                arrays.Add(buffer.Array);
                buffer.Append(Secret);
            }

            buffer.Length = Secret.Length;
            arrays.Add(buffer.Array);
        }
        finally
        {
            buffer.Dispose();
        }

        Assert.True(arrays.Count > 2 && arrays[0] != arrays[^1], "the buffer should have grown");
        foreach (char[] array in arrays)
        {
            Assert.DoesNotContain(Secret[..8], new string(array), StringComparison.Ordinal);
        }
    }
}

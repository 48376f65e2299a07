namespace SsoOidcCodegen.Tests.Retry;

using System;
using SsoOidcCodegen.Runtime.Retry;
using Xunit;

[Trait("Category", TestCategories.Runtime)]
public sealed class RetryOptionsTests
{
    [Fact]
    public void Defaults_are_the_AWS_standard_mode_values()
    {
        var options = new RetryOptions();

        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(20), options.MaxBackoff);
        Assert.Null(options.Backoff);
        Assert.Equal(500, options.InitialRetryTokens);
        Assert.Equal(5, options.RetryCost);
        Assert.Equal(10, options.TimeoutRetryCost);
        Assert.Equal(1, options.NoRetryIncrement);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void MaxAttempts_below_one_throws_naming_the_member(int value)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new RetryOptions { MaxAttempts = value });

        Assert.Equal(nameof(RetryOptions.MaxAttempts), exception.ParamName);
    }

    [Fact]
    public void MaxAttempts_of_one_is_accepted()
    {
        Assert.Equal(1, new RetryOptions { MaxAttempts = 1 }.MaxAttempts);
    }

    [Fact]
    public void Negative_MaxBackoff_throws_naming_the_member()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => new RetryOptions { MaxBackoff = TimeSpan.FromTicks(-1) });

        Assert.Equal(nameof(RetryOptions.MaxBackoff), exception.ParamName);
    }

    [Fact]
    public void Negative_token_settings_throw_naming_the_member()
    {
        Assert.Equal(
            nameof(RetryOptions.InitialRetryTokens),
            Assert.Throws<ArgumentOutOfRangeException>(() => new RetryOptions { InitialRetryTokens = -1 }).ParamName);
        Assert.Equal(
            nameof(RetryOptions.RetryCost),
            Assert.Throws<ArgumentOutOfRangeException>(() => new RetryOptions { RetryCost = -1 }).ParamName);
        Assert.Equal(
            nameof(RetryOptions.TimeoutRetryCost),
            Assert.Throws<ArgumentOutOfRangeException>(() => new RetryOptions { TimeoutRetryCost = -1 }).ParamName);
        Assert.Equal(
            nameof(RetryOptions.NoRetryIncrement),
            Assert.Throws<ArgumentOutOfRangeException>(() => new RetryOptions { NoRetryIncrement = -1 }).ParamName);
    }
}

namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.Net;
using System.Net.Http;
using SsoOidcCodegen.Runtime.Auth;
using Xunit;
using Microsoft.Extensions.Time.Testing;

[Trait("Category", TestCategories.Runtime)]
public sealed class ClockSkewTests
{
    private static readonly DateTimeOffset Local = new(2026, 11, 24, 13, 35, 45, TimeSpan.Zero);

    [Theory]
    [InlineData(10)]
    [InlineData(-10)]
    [InlineData(4.5)]
    public void Skew_beyond_four_minutes_becomes_the_signing_time_offset(double minutes)
    {
        var skew = new ClockSkew();

        bool changed = skew.Update(Local.AddMinutes(minutes), Local);

        Assert.True(changed);
        Assert.Equal(TimeSpan.FromMinutes(minutes), skew.Offset);
        Assert.Equal(Local.AddHours(1).AddMinutes(minutes), skew.GetSigningTime(Local.AddHours(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3.9)]
    [InlineData(-4)]
    public void Skew_within_four_minutes_is_not_corrected(double minutes)
    {
        var skew = new ClockSkew();

        bool changed = skew.Update(Local.AddMinutes(minutes), Local);

        Assert.False(changed);
        Assert.Equal(TimeSpan.Zero, skew.Offset);
    }

    [Fact]
    public void A_later_small_skew_clears_an_earlier_correction()
    {
        var skew = new ClockSkew();
        skew.Update(Local.AddMinutes(30), Local);

        bool changed = skew.Update(Local.AddSeconds(5), Local);

        Assert.True(changed);
        Assert.Equal(TimeSpan.Zero, skew.Offset);
    }

    [Theory]
    [InlineData("Tue, 24 Nov 2026 13:45:45 GMT")]
    [InlineData("20261124T134545Z")]
    [InlineData("2026-11-24T13:45:45Z")]
    public void Server_date_header_formats_are_read(string header)
    {
        var skew = new ClockSkew();

        Assert.True(skew.TryUpdate(header, Local));

        Assert.Equal(TimeSpan.FromMinutes(10), skew.Offset);
    }

    [Fact]
    public void Response_date_header_is_read()
    {
        var skew = new ClockSkew();
        using var withDate = new HttpResponseMessage(HttpStatusCode.Forbidden);
        withDate.Headers.Date = Local.AddMinutes(-6);
        using var withoutDate = new HttpResponseMessage(HttpStatusCode.Forbidden);

        Assert.True(skew.TryUpdate(withDate, Local));
        Assert.False(skew.TryUpdate(withoutDate, Local));

        Assert.Equal(TimeSpan.FromMinutes(-6), skew.Offset);
    }

    [Theory]
    [InlineData("Tue, 24 Nov 2026 13:41:45 GMT")]
    [InlineData("Tuesday, 24-Nov-26 13:41:45 GMT")]
    [InlineData("Tue Nov 24 13:41:45 2026")]
    public void Every_http_date_form_of_a_response_is_read(string sent)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        Assert.True(response.Headers.TryAddWithoutValidation("Date", sent));

        Assert.Equal(Local.AddMinutes(6), ClockSkew.ServerDate(response));
    }

    /// <summary>The last date read is kept: responses with other dates, read in turn and again, each give their own time.</summary>
    [Fact]
    public void Responses_with_other_dates_read_in_turn_each_give_their_own()
    {
        string[] sent = ["Tue, 24 Nov 2026 13:41:45 GMT", "Tue, 24 Nov 2026 13:41:46 GMT", "Tue, 24 Nov 2026 13:41:45 GMT", "not a date", "Wed, 25 Nov 2026 00:00:00 GMT"];
        DateTimeOffset?[] expected = [Local.AddMinutes(6), Local.AddMinutes(6).AddSeconds(1), Local.AddMinutes(6), null, new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero)];
        for (int i = 0; i < sent.Length; i++)
        {
            using var response = new HttpResponseMessage(HttpStatusCode.OK);
            Assert.True(response.Headers.TryAddWithoutValidation("Date", sent[i]));

            Assert.Equal(expected[i], ClockSkew.ServerDate(response));
        }
    }

    [Theory]
    [InlineData("not a date")]
    [InlineData("Tue, 24 Nov 2026 25:41:45 GMT")]
    public void An_unreadable_response_date_is_no_date(string sent)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        Assert.True(response.Headers.TryAddWithoutValidation("Date", sent));
        using var none = new HttpResponseMessage(HttpStatusCode.OK);

        Assert.Null(ClockSkew.ServerDate(response));
        Assert.Null(ClockSkew.ServerDate(none));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a date")]
    public void Unreadable_server_date_leaves_the_offset_unchanged(string? header)
    {
        var skew = new ClockSkew();
        skew.Update(Local.AddMinutes(7), Local);

        Assert.False(skew.TryUpdate(header, Local));

        Assert.Equal(TimeSpan.FromMinutes(7), skew.Offset);
    }

    [Fact]
    public void Signing_time_from_a_time_provider_includes_the_offset()
    {
        var skew = new ClockSkew();
        skew.Update(Local.AddMinutes(-20), Local);

        DateTimeOffset signingTime = skew.GetSigningTime(new FakeTimeProvider(Local));

        Assert.Equal(Local.AddMinutes(-20), signingTime);
    }

    [Theory]
    [InlineData("RequestTimeTooSkewed", true)]
    [InlineData("InvalidSignatureException", true)]
    [InlineData("SignatureDoesNotMatch", true)]
    [InlineData("AuthorizationPendingException", false)]
    [InlineData(null, false)]
    public void Clock_skew_error_codes_are_recognized(string? errorCode, bool expected)
    {
        Assert.Equal(expected, ClockSkew.IsClockSkewError(errorCode));
    }

}

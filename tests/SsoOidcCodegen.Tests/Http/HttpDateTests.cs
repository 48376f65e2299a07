namespace SsoOidcCodegen.Tests.Http;

using System;
using System.Globalization;
using SsoOidcCodegen.Runtime.Protocols;
using Xunit;

/// <summary>
/// HTTP dates (IMF-fixdate) written and read by hand, without culture data (whose first use loads ICU): they agree with
/// the framework's "r" format on every date, and what the reader refuses the framework's parse decides as before.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class HttpDateTests
{
    /// <summary>10,000 seconds spread over years 1 to 9999, each day of the week: written as the framework writes them.</summary>
    [Fact]
    public void An_http_date_is_written_as_the_framework_writes_it()
    {
        var random = new Random(20261202);
        long max = DateTime.MaxValue.Ticks / TimeSpan.TicksPerSecond;
        for (int i = 0; i < 10_000; i++)
        {
            // Whole seconds and fractions (which the format drops), at any offset (which it turns to UTC).
            var time = new DateTimeOffset(random.NextInt64(0, max) * TimeSpan.TicksPerSecond + random.NextInt64(TimeSpan.TicksPerSecond), TimeSpan.Zero);
            DateTimeOffset local = time.ToOffset(TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1)));

            Assert.Equal(time.ToString("r", CultureInfo.InvariantCulture), HttpWire.FormatHttpDate(local));
        }
    }

    /// <summary>
    /// The reader gives the framework's time for every date it reads (10,000 seconds spread
    /// over years 1 to 9999, each day of the week), so taking it first changes no answer.
    /// </summary>
    [Fact]
    public void The_http_date_reader_agrees_with_the_framework_on_every_date_it_reads()
    {
        var random = new Random(20261202);
        long max = DateTime.MaxValue.Ticks / TimeSpan.TicksPerSecond;
        for (int i = 0; i < 10_000; i++)
        {
            var time = new DateTimeOffset(random.NextInt64(0, max) * TimeSpan.TicksPerSecond, TimeSpan.Zero);
            string text = time.ToString("r", System.Globalization.CultureInfo.InvariantCulture);

            Assert.True(HttpWire.TryParseHttpDate(text, out DateTimeOffset read), text);
            Assert.Equal(time, read);
            Assert.Equal(TimeSpan.Zero, read.Offset);
        }
    }

    /// <summary>What the reader refuses goes to the framework's parse; what the framework refuses, the reader refuses too.</summary>
    [Theory]
    [InlineData("Wed, 24 Nov 2026 13:41:45 GMT")] // the day name contradicts the date
    [InlineData("Tue, 31 Nov 2026 13:41:45 GMT")]
    [InlineData("Sat, 29 Feb 2025 13:41:45 GMT")]
    [InlineData("Tue, 24 Nov 2026 24:00:00 GMT")]
    [InlineData("Tue, 24 Nov 2026 13:60:45 GMT")]
    [InlineData("Tue, 24 Nov 2026 13:41:60 GMT")]
    [InlineData("Tue, 24 Nov 2026 13:41:45 UTC")]
    [InlineData("Tue, 24 Nov 2026 13:41:4x GMT")]
    [InlineData("Tue, 24 Xyz 2026 13:41:45 GMT")]
    [InlineData("Tue, 24 anF 2026 13:41:45 GMT")]
    [InlineData("Mon, 01 Jan 0000 00:00:00 GMT")]
    [InlineData("Tue, 24 Nov 2026 13:41:45 GMT ")]
    [InlineData("Tue,24 Nov 2026 13:41:45 GMT")]
    [InlineData("Tue, 24 Nov 2026 13-41-45 GMT")]
    [InlineData("Tue, -4 Nov 2026 13:41:45 GMT")]
    [InlineData("")]
    public void The_http_date_reader_refuses_what_the_framework_refuses(string text)
    {
        bool framework = DateTimeOffset.TryParseExact(text, "r", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

        Assert.False(framework);
        Assert.False(HttpWire.TryParseHttpDate(text, out _));
    }

    /// <summary>A timestamp member's HTTP date reads through the reader, and a form it leaves alone through the framework, as before.</summary>
    [Theory]
    [InlineData("Tue, 24 Nov 2026 13:41:45 GMT")]
    [InlineData(" Tue, 24 Nov 2026 13:41:45 GMT ")]
    [InlineData("Tuesday, 24-Nov-26 13:41:45 GMT")]
    [InlineData("2026-11-24T13:41:45Z")]
    public void A_timestamp_in_any_http_date_form_parses_to_the_same_time(string text) =>
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 13, 41, 45, TimeSpan.Zero), HttpWire.ParseTimestamp(text));
}

namespace SsoOidcCodegen.Tests.Retry;

using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Retry;
using Xunit;

[Trait("Category", TestCategories.Runtime)]
public sealed class RetryClassifierTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void Server_error_status_without_a_code_is_transient(int status)
    {
        Assert.Equal(RetryKind.Transient, RetryClassifier.Classify(status, null, null));
    }

    [Theory]
    [InlineData(501)]
    [InlineData(505)]
    [InlineData(200)]
    public void Other_statuses_without_a_code_are_not_retried(int status)
    {
        Assert.Equal(RetryKind.None, RetryClassifier.Classify(status, null, null));
    }

    [Fact]
    public void Status_429_without_a_code_is_throttling()
    {
        Assert.Equal(RetryKind.Throttling, RetryClassifier.Classify(429, null, null));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(413)]
    [InlineData(422)]
    public void Client_error_status_with_an_unlisted_code_is_not_retried(int status)
    {
        Assert.Equal(RetryKind.None, RetryClassifier.Classify(status, "ValidationException", null));
        Assert.Equal(RetryKind.None, RetryClassifier.Classify(status, null, null));
    }

    [Theory]
    [InlineData("Throttling")]
    [InlineData("ThrottlingException")]
    [InlineData("ThrottledException")]
    [InlineData("RequestThrottledException")]
    [InlineData("TooManyRequestsException")]
    [InlineData("ProvisionedThroughputExceededException")]
    [InlineData("TransactionInProgressException")]
    [InlineData("RequestLimitExceeded")]
    [InlineData("BandwidthLimitExceeded")]
    [InlineData("LimitExceededException")]
    [InlineData("RequestThrottled")]
    [InlineData("SlowDown")]
    [InlineData("EC2ThrottledException")]
    public void Throttling_error_code_on_a_400_is_throttling(string code)
    {
        Assert.Equal(RetryKind.Throttling, RetryClassifier.Classify(400, code, null));
    }

    [Theory]
    [InlineData("RequestTimeout")]
    [InlineData("RequestTimeoutException")]
    [InlineData("PriorRequestNotComplete")]
    [InlineData("InternalError")]
    public void Transient_error_code_on_a_400_is_transient(string code)
    {
        Assert.Equal(RetryKind.Transient, RetryClassifier.Classify(400, code, null));
    }

    [Fact]
    public void SlowDown_on_a_503_counts_as_throttling_not_transient()
    {
        Assert.Equal(RetryKind.Throttling, RetryClassifier.Classify(503, "SlowDown", null));
    }

    [Fact]
    public void Unlisted_code_on_a_500_is_still_transient()
    {
        Assert.Equal(RetryKind.Transient, RetryClassifier.Classify(500, "InternalServerException", null));
    }

    [Theory]
    [InlineData("aws.protocoltests.json#ThrottlingException")]
    [InlineData("ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/")]
    [InlineData("aws.protocoltests.json#ThrottlingException:http://internal.amazon.com/coral/")]
    public void Throttling_code_in_wire_form_is_recognised(string code)
    {
        Assert.Equal(RetryKind.Throttling, RetryClassifier.Classify(400, code, null));
    }

    [Fact]
    public void Error_codes_are_compared_case_sensitively()
    {
        Assert.Equal(RetryKind.None, RetryClassifier.Classify(400, "throttlingexception", null));
    }

    [Fact]
    public void Error_the_model_marks_retryable_is_transient_on_a_4xx()
    {
        Assert.Equal(RetryKind.Transient, RetryClassifier.Classify(400, "SlowDownPlease", null, modeledRetryable: true));
    }

    [Fact]
    public void Error_the_model_marks_throttling_is_throttling_even_when_also_retryable()
    {
        Assert.Equal(
            RetryKind.Throttling,
            RetryClassifier.Classify(400, "SlowDownPlease", null, modeledRetryable: true, modeledThrottling: true));
    }

    public static TheoryData<Exception> TimeoutOrConnectionFailures() => new()
    {
        new TimeoutException("attempt timed out"),
        new HttpRequestException("connection refused"),
        new IOException("connection reset"),
        new SocketException((int)SocketError.ConnectionRefused),
        new TaskCanceledException("HttpClient.Timeout elapsed", new TimeoutException()),
    };

    [Theory]
    [MemberData(nameof(TimeoutOrConnectionFailures))]
    public void Timeout_or_connection_failure_is_a_timeout(Exception exception)
    {
        Assert.Equal(RetryKind.Timeout, RetryClassifier.Classify(null, null, exception));
    }

    public static TheoryData<Exception> OtherExceptions() => new()
    {
        new OperationCanceledException("the caller cancelled"),
        new TaskCanceledException("the caller cancelled"),
        new InvalidOperationException("a bug"),
        new FormatException("bad JSON"),
    };

    [Theory]
    [MemberData(nameof(OtherExceptions))]
    public void Caller_cancellation_or_other_exception_is_not_retried(Exception exception)
    {
        Assert.Equal(RetryKind.None, RetryClassifier.Classify(null, null, exception));
    }
}

namespace SsoOidcCodegen.Tests.Integration;

using System;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Retry;

/// <summary>The client settings every real-use scenario starts from: a test key, a region, the scripted server.</summary>
public static class RealUse
{
    public const string AccessKeyId = "AKIDREALUSEEXAMPLE";
    public const string SecretAccessKey = "realUseSecretKey/K7MDENG+bPxRfiCYEXAMPLE";
    public const string Region = "us-west-2";

    /// <summary>
    /// Options for a generated client that talks to <paramref name="serviceUrl"/>: static test keys (and a
    /// session token when given), the standard retry mode with no backoff delay so retries are immediate.
    /// </summary>
    public static AwsClientOptions Options(Uri serviceUrl, string? sessionToken = null) => new()
    {
        Region = Region,
        ServiceUrl = serviceUrl,
        Credentials = new StaticCredentialsProvider(AccessKeyId, SecretAccessKey, sessionToken),
        Retry = new RetryOptions { Backoff = _ => TimeSpan.Zero },
    };
}

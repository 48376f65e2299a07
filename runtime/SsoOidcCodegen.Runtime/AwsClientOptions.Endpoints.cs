namespace SsoOidcCodegen.Runtime;

using System;
using System.Collections.Generic;

/// <content>
/// The endpoint rules' inputs that come from configuration: the SDK built-ins a rule set may name
/// (<c>AWS::S3::ForcePathStyle</c>, <c>AWS::STS::UseGlobalEndpoint</c>...) and the model's
/// <c>clientContextParams</c>. An option left null lets the rule set's default stand.
/// </content>
public partial class AwsClientOptions
{
    /// <summary>S3: address buckets in the path (<c>https://s3.region.amazonaws.com/bucket</c>) instead of the host (built-in <c>AWS::S3::ForcePathStyle</c>).</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>S3: use the Transfer Acceleration endpoints (built-in <c>AWS::S3::Accelerate</c>).</summary>
    public bool? UseAccelerateEndpoint { get; set; }

    /// <summary>S3: an ARN's region may differ from the client's (built-in <c>AWS::S3::UseArnRegion</c>).</summary>
    public bool? UseArnRegion { get; set; }

    /// <summary>S3: refuse Multi-Region Access Points (built-in <c>AWS::S3::DisableMultiRegionAccessPoints</c>).</summary>
    public bool? DisableMultiRegionAccessPoints { get; set; }

    /// <summary>
    /// S3 and STS: send <c>us-east-1</c> calls to the legacy global endpoint (built-ins <c>AWS::S3::UseGlobalEndpoint</c>
    /// and <c>AWS::STS::UseGlobalEndpoint</c>; the SDKs' <c>s3_us_east_1_regional_endpoint</c>/<c>sts_regional_endpoints = legacy</c>).
    /// </summary>
    public bool? UseGlobalEndpoint { get; set; }

    /// <summary>
    /// Whether account-ID-based endpoints are used (built-in <c>AWS::Auth::AccountIdEndpointMode</c>, DynamoDB): <c>preferred</c>
    /// or <c>disabled</c>. The account comes from a resource ARN in the request, else from the credentials
    /// (<see cref="Auth.AwsCredentials.AccountId"/>, the built-in <c>AWS::Auth::AccountId</c>). When null, as in the SDKs:
    /// <c>AWS_ACCOUNT_ID_ENDPOINT_MODE</c>, then the profile's <c>account_id_endpoint_mode</c> in the shared config file,
    /// then <c>preferred</c>; the client reads them once.
    /// </summary>
    public string? AccountIdEndpointMode { get; set; }

    /// <summary>
    /// The account-ID endpoint mode the rules get: this option, else <c>AWS_ACCOUNT_ID_ENDPOINT_MODE</c>, else the profile's
    /// <c>account_id_endpoint_mode</c>, else <c>preferred</c> (a client calls this once and keeps the answer).
    /// </summary>
    /// <exception cref="ArgumentException">The value found is not <c>preferred</c>, <c>required</c> or <c>disabled</c>; the message names where it came from.</exception>
    public string EffectiveAccountIdEndpointMode()
    {
        if (AccountIdEndpointMode is { } option)
        {
            return AccountIdMode(option, "AwsClientOptions.AccountIdEndpointMode");
        }

        const string variable = "AWS_ACCOUNT_ID_ENDPOINT_MODE";
        if (EnvironmentVariables(variable) is { } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return AccountIdMode(fromEnvironment, "the environment variable " + variable);
        }

        const string key = "account_id_endpoint_mode";
        Auth.SharedConfigFile config = Checksums.ChecksumSettings.LoadConfig(EnvironmentVariables);
        string profile = Auth.SharedConfigFile.ResolveProfileName(Profile, EnvironmentVariables);
        return config.TryGetValue(profile, key, out string? configured) && !string.IsNullOrWhiteSpace(configured)
            ? AccountIdMode(configured, $"'{key}' of profile '{profile}' in {config}")
            : "preferred";
    }

    private static string AccountIdMode(string value, string source) => value.Trim().ToLowerInvariant() switch
    {
        "preferred" => "preferred",
        "required" => "required",
        "disabled" => "disabled",
        _ => throw new ArgumentException($"{source} is '{value}': the account-ID endpoint mode must be 'preferred', 'required' or 'disabled'."),
    };

    /// <summary>
    /// Values of the model's <c>clientContextParams</c> that no typed option above carries, by parameter name
    /// (for example S3's <c>DisableS3ExpressSessionAuth</c>): a <see cref="bool"/>, a <see cref="string"/> or a
    /// <see cref="string"/> array. A parameter named here wins over the typed option of the same built-in.
    /// </summary>
    public IDictionary<string, object> ClientContextParameters { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>The boolean client context parameter <paramref name="name"/>, or <paramref name="fallback"/> when it is not set.</summary>
    /// <exception cref="ArgumentException">The parameter is set to something that is not a boolean.</exception>
    public bool? ClientContextBoolean(string name, bool? fallback = null) =>
        !ClientContextParameters.TryGetValue(name, out object? value) ? fallback
        : value is bool boolean ? boolean
        : throw new ArgumentException($"The client context parameter '{name}' must be a boolean.", nameof(name));

    /// <summary>The string client context parameter <paramref name="name"/>, or <paramref name="fallback"/> when it is not set.</summary>
    /// <exception cref="ArgumentException">The parameter is set to something that is not a string.</exception>
    public string? ClientContextString(string name, string? fallback = null) =>
        !ClientContextParameters.TryGetValue(name, out object? value) ? fallback
        : value as string ?? throw new ArgumentException($"The client context parameter '{name}' must be a string.", nameof(name));

    /// <summary>The string-array client context parameter <paramref name="name"/>, or <paramref name="fallback"/> when it is not set.</summary>
    /// <exception cref="ArgumentException">The parameter is set to something that is not a string array.</exception>
    public string[]? ClientContextStrings(string name, string[]? fallback = null) =>
        !ClientContextParameters.TryGetValue(name, out object? value) ? fallback
        : value as string[] ?? throw new ArgumentException($"The client context parameter '{name}' must be a string array.", nameof(name));
}

namespace SsoOidcCodegen.Runtime.Checksums;

using System;
using System.IO;
using SsoOidcCodegen.Runtime.Auth;

/// <summary>When a client computes the request checksum of an operation with the <c>httpChecksum</c> trait.</summary>
public enum RequestChecksumCalculation
{
    /// <summary>
    /// The default: for every operation whose model names a request algorithm member or requires a checksum; when the
    /// caller chose no algorithm, CRC32.
    /// </summary>
    WhenSupported,

    /// <summary>Only where the model requires a checksum, or where the caller set the request algorithm member.</summary>
    WhenRequired,
}

/// <summary>When a client checks a response against the <c>x-amz-checksum-…</c> header of the <c>httpChecksum</c> trait.</summary>
public enum ResponseChecksumValidation
{
    /// <summary>The default: for every operation whose model lists response algorithms (and asks the service for the checksum).</summary>
    WhenSupported,

    /// <summary>Only when the caller set the validation mode member (S3's <c>ChecksumMode</c>) to <c>ENABLED</c>.</summary>
    WhenRequired,
}

/// <summary>
/// The two checksum settings of a client, as the AWS SDKs read them: the client option, else the environment
/// (<c>AWS_REQUEST_CHECKSUM_CALCULATION</c>, <c>AWS_RESPONSE_CHECKSUM_VALIDATION</c>), else the profile's
/// <c>request_checksum_calculation</c> and <c>response_checksum_validation</c> in the shared config file, else
/// <c>when_supported</c>. Values are <c>when_supported</c> or <c>when_required</c>, in any case.
/// </summary>
internal static class ChecksumSettings
{
    /// <summary>The environment variable of <see cref="RequestChecksumCalculation"/>.</summary>
    public const string RequestVariable = "AWS_REQUEST_CHECKSUM_CALCULATION";

    /// <summary>The environment variable of <see cref="ResponseChecksumValidation"/>.</summary>
    public const string ResponseVariable = "AWS_RESPONSE_CHECKSUM_VALIDATION";

    /// <summary>The shared config key of <see cref="RequestChecksumCalculation"/>.</summary>
    public const string RequestKey = "request_checksum_calculation";

    /// <summary>The shared config key of <see cref="ResponseChecksumValidation"/>.</summary>
    public const string ResponseKey = "response_checksum_validation";

    /// <summary>The settings the client uses; the config file is read only when an option and its variable are both unset.</summary>
    /// <exception cref="ArgumentException">A variable or config value is neither <c>when_supported</c> nor <c>when_required</c>.</exception>
    public static (RequestChecksumCalculation Request, ResponseChecksumValidation Response) Resolve(
        RequestChecksumCalculation? request, ResponseChecksumValidation? response, string? profile, Func<string, string?> environment)
    {
        SharedConfigFile? config = null;
        bool? requestWhenRequired = request is { } r ? r == RequestChecksumCalculation.WhenRequired : Read(RequestVariable, RequestKey);
        bool? responseWhenRequired = response is { } v ? v == ResponseChecksumValidation.WhenRequired : Read(ResponseVariable, ResponseKey);
        return (
            requestWhenRequired == true ? RequestChecksumCalculation.WhenRequired : RequestChecksumCalculation.WhenSupported,
            responseWhenRequired == true ? ResponseChecksumValidation.WhenRequired : ResponseChecksumValidation.WhenSupported);

        bool? Read(string variable, string key)
        {
            string? value = environment(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return IsWhenRequired(value!, "the environment variable " + variable);
            }

            config ??= LoadConfig(environment);
            string profileName = SharedConfigFile.ResolveProfileName(profile, environment);
            return config.TryGetValue(profileName, key, out string? configured) && !string.IsNullOrWhiteSpace(configured)
                ? IsWhenRequired(configured, $"'{key}' of profile '{profileName}' in {config}")
                : null;
        }
    }

    // Looked for first, so a client without a config file throws (and catches) nothing; a file that cannot be read or
    // parsed leaves the settings at their defaults here (the credential and region lookups that need it report it).
    internal static SharedConfigFile LoadConfig(Func<string, string?> environment)
    {
        string? path = SharedConfigFile.ResolveConfigFilePath(environment);
        if (path is not null && File.Exists(path))
        {
            try
            {
                return SharedConfigFile.Load(path, SharedConfigFileKind.Config);
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
            {
            }
        }

        return SharedConfigFile.Parse(string.Empty, SharedConfigFileKind.Config);
    }

    private static bool IsWhenRequired(string value, string source) => value.Trim().ToLowerInvariant() switch
    {
        "when_supported" => false,
        "when_required" => true,
        _ => throw new ArgumentException($"{source} is '{value}': it must be 'when_supported' or 'when_required'."),
    };
}

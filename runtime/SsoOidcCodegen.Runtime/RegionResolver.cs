namespace SsoOidcCodegen.Runtime;

using System;

/// <summary>
/// Finds the AWS region: explicit, then <c>AWS_REGION</c>, then <c>AWS_DEFAULT_REGION</c>, then the
/// <c>region</c> of the profile in the shared config file.
/// </summary>
public static class RegionResolver
{
    /// <summary>The region to use, or null when none is configured.</summary>
    /// <param name="explicitRegion">The region set in code.</param>
    /// <param name="environment">Reads environment variables (tests pass their own).</param>
    /// <param name="profile">The shared config profile; <c>AWS_PROFILE</c> or <c>default</c> when null.</param>
    public static string? Resolve(string? explicitRegion, Func<string, string?>? environment = null, string? profile = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRegion))
        {
            return explicitRegion!.Trim();
        }

        environment ??= Environment.GetEnvironmentVariable;
        foreach (string variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            string? value = environment(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value!.Trim();
            }
        }

        var config = SsoOidcCodegen.Runtime.Auth.SharedConfigFile.LoadConfigFile(environment);
        string profileName = SsoOidcCodegen.Runtime.Auth.SharedConfigFile.ResolveProfileName(profile, environment);
        return config.TryGetRegion(profileName, out string? region) && !string.IsNullOrWhiteSpace(region) ? region!.Trim() : null;
    }
}

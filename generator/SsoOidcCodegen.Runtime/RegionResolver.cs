namespace SsoOidcCodegen.Runtime;

using System;

/// <summary>Finds the AWS region: explicit, then <c>AWS_REGION</c>, then <c>AWS_DEFAULT_REGION</c>.</summary>
public static class RegionResolver
{
    /// <summary>The region to use, or null when none is configured.</summary>
    public static string? Resolve(string? explicitRegion, Func<string, string?>? environment = null)
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

        return null;
    }
}

namespace SsoOidcCodegen.Runtime;

using System;
using System.Reflection;
using System.Runtime.InteropServices;

/// <summary>Builds the <c>User-Agent</c>: product and version, service, runtime and OS.</summary>
internal static class UserAgentBuilder
{
    private static readonly string Version =
        typeof(UserAgentBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string Build(AwsServiceInfo service, string? suffix)
    {
        string os = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux"
            : RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "windows"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macos" : "other";
        string ua = $"ssooidccodegen/{Version} ua/2.1 os/{os} lang/.NET#{Environment.Version} api/{service.ServiceId.Replace(' ', '_')}#{service.ApiVersion}";
        return string.IsNullOrWhiteSpace(suffix) ? ua : ua + " " + suffix!.Trim();
    }
}

namespace SsoOidcCodegen.Tests.Package;

using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Packs SsoOidcCodegen, then builds and runs a fresh console project that restores it from a local
/// folder feed into a private packages folder: proof that the package works outside the repository
/// (the analyzer's dependencies load, the AwsServiceModel item is wired, the runtime is referenced).
/// </summary>
[Trait("Category", TestCategories.Package)]
public sealed class PackageConsumerTests
{
    [Fact]
    public async Task A_fresh_console_project_restores_the_package_builds_without_warnings_and_calls_the_generated_client()
    {
        string work = Path.Combine(Path.GetTempPath(), "ssooidc-package-" + Guid.NewGuid().ToString("N"));
        string feed = Path.Combine(work, "feed");
        string packages = Path.Combine(work, "packages");
        string app = Path.Combine(work, "app");
        Directory.CreateDirectory(feed);
        Directory.CreateDirectory(app);
        string version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            string runtimeProject = Path.Combine(ReferenceData.RepoRoot, "runtime", "SsoOidcCodegen.Runtime", "SsoOidcCodegen.Runtime.csproj");
            await Run(ReferenceData.RepoRoot, "dotnet", $"pack \"{runtimeProject}\" -c Release -o \"{feed}\" -p:Version={version}");
            Assert.True(File.Exists(Path.Combine(feed, $"SsoOidcCodegen.{version}.nupkg")), "dotnet pack wrote no package.");

            Directory.CreateDirectory(Path.Combine(app, "models"));
            File.Copy(Path.Combine(ReferenceData.RepoRoot, "model", "sso-oidc-2019-06-10.json"), Path.Combine(app, "models", "sso-oidc-2019-06-10.json"));
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="SsoOidcCodegen" Version="{version}" />
                    <AwsServiceModel Include="models/sso-oidc-2019-06-10.json" Namespace="MyApp.SsoOidc" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                using System.Net;
                using System.Text;
                using MyApp.SsoOidc;
                using MyApp.SsoOidc.Model;
                using SsoOidcCodegen.Runtime;

                using var http = new HttpClient(new CannedHandler());
                using var client = new SsoOidcClient(new AwsClientOptions { ServiceUrl = new Uri("http://127.0.0.1:1"), HttpClient = http });
                var response = await client.RegisterClientAsync(new RegisterClientRequest { ClientName = "consumer", ClientType = "public" });
                Console.WriteLine($"clientId={response.ClientId} secret={response.ClientSecret?.Length} chars");

                sealed class CannedHandler : HttpMessageHandler
                {
                    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                        {
                            Content = new StringContent(request.RequestUri!.AbsolutePath == "/client/register"
                                ? "{\"clientId\":\"from-package\",\"clientSecret\":\"s3cr3t\"}" : "{}", Encoding.UTF8, "application/json"),
                        });
                }
                """);

            var environment = new (string, string)[] { ("NUGET_PACKAGES", packages), ("DOTNET_CLI_TELEMETRY_OPTOUT", "1") };
            string build = await Run(app, "dotnet", "build -c Release -warnaserror", environment);
            Assert.Contains(" 0 Warning(s)", build, StringComparison.Ordinal);
            Assert.True(Directory.Exists(Path.Combine(packages, "ssooidccodegen", version)), "The package did not come from the private packages folder.");
            string output = await Run(app, "dotnet", "run -c Release --no-build", environment);
            Assert.Contains("clientId=from-package secret=6 chars", output, StringComparison.Ordinal);

            await EditLoopThroughTheCompilerServer(app, environment);

            // An invalid item option fails the build with SOC010 at the project file that defines the item.
            string brokenFolder = Path.Combine(work, "broken");
            Directory.CreateDirectory(brokenFolder);
            File.Copy(Path.Combine(app, "nuget.config"), Path.Combine(brokenFolder, "nuget.config"));
            string broken = Path.Combine(brokenFolder, "Broken.csproj");
            File.WriteAllText(broken, $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="SsoOidcCodegen" Version="{version}" />
                    <AwsServiceModel Include="../app/models/sso-oidc-2019-06-10.json" Visibility="protected" />
                  </ItemGroup>
                </Project>
                """);
            string failed = await Run(brokenFolder, "dotnet", "build -c Release", environment, expectedExitCode: 1);
            Assert.Contains(broken + "(1,1): error SOC010: Item metadata 'Visibility'", failed, StringComparison.Ordinal);
        }
        finally
        {
            // The compiler server and the MSBuild nodes these builds started (the nested builds run with a developer's
            // node reuse) would otherwise outlive the test run by their idle timeouts.
            await ShutDownBuildServers();
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    // A developer's edit loop, through the compiler server whatever this machine's environment says (CI machines turn it
    // off): the package passes Roslyn's 'enable-generator-cache' to the compiler, and the server's cached generator state
    // never serves a stale client. After an edit of Program.cs the app still builds and runs; after an edit of the model (a
    // new member of RegisterClientResponse, which the program then prints) it builds only if the client was generated
    // again from the new model, and runs with the new member read off the wire.
    private static async Task EditLoopThroughTheCompilerServer(string app, (string Name, string Value)[] environment)
    {
        (string, string)[] server = environment.Append(("UseSharedCompilation", "true")).ToArray();
        string program = Path.Combine(app, "Program.cs");
        string model = Path.Combine(app, "models", "sso-oidc-2019-06-10.json");
        File.WriteAllText(program, File.ReadAllText(program).Replace("clientId=", "client id=", StringComparison.Ordinal));
        string build = await Run(app, "dotnet", "build -c Release -warnaserror -v:n", server);
        Assert.Contains("/features:enable-generator-cache", build, StringComparison.Ordinal);
        Assert.Contains("server processed compilation", build, StringComparison.Ordinal);
        Assert.Contains("client id=from-package secret=6 chars", await Run(app, "dotnet", "run -c Release --no-build", server), StringComparison.Ordinal);

        var json = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(model));
        ((Newtonsoft.Json.Linq.JObject)json["shapes"]!["RegisterClientResponse"]!["members"]!).Add(
            "registeredBy", new Newtonsoft.Json.Linq.JObject { ["shape"] = "ClientId" });
        File.WriteAllText(model, json.ToString());
        File.WriteAllText(program, File.ReadAllText(program)
            .Replace("{response.ClientSecret?.Length} chars", "{response.ClientSecret?.Length} chars by={response.RegisteredBy}", StringComparison.Ordinal)
            .Replace("\\\"clientSecret\\\":\\\"s3cr3t\\\"", "\\\"clientSecret\\\":\\\"s3cr3t\\\",\\\"registeredBy\\\":\\\"edit-loop\\\"", StringComparison.Ordinal));
        await Run(app, "dotnet", "build -c Release -warnaserror", server);
        Assert.Contains("client id=from-package secret=6 chars by=edit-loop", await Run(app, "dotnet", "run -c Release --no-build", server), StringComparison.Ordinal);
    }

    // Best effort: a failure to stop them is not the test's result, and must not hide it.
    private static async Task ShutDownBuildServers()
    {
        var start = new ProcessStartInfo("dotnet", "build-server shutdown") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process? process = Process.Start(start);
        if (process is not null)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                await Task.WhenAll(stdout, stderr);
            }
            catch (OperationCanceledException)
            {
                // Servers that do not stop in two minutes stop at their idle timeout.
            }
        }
    }

    // In this class, not its own: packing runs a Release build of the runtime, and two classes would run in parallel.
    [Fact]
    public async Task Sso_login_and_the_local_service_install_as_dotnet_tools_from_a_local_feed_and_run()
    {
        string work = Path.Combine(Path.GetTempPath(), "ssooidc-tools-" + Guid.NewGuid().ToString("N"));
        string feed = Path.Combine(work, "feed");
        string tools = Path.Combine(work, "tools");
        string packages = Path.Combine(work, "packages");
        Directory.CreateDirectory(feed);
        string version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var environment = new (string, string)[] { ("NUGET_PACKAGES", packages), ("DOTNET_CLI_TELEMETRY_OPTOUT", "1") };
            foreach (string project in new[] { "samples/SsoLogin/SsoLogin.csproj", "samples/SsoOidc.LocalService/SsoOidc.LocalService.csproj" })
            {
                await Run(ReferenceData.RepoRoot, "dotnet", $"pack \"{Path.Combine(ReferenceData.RepoRoot, project)}\" -c Release -o \"{feed}\" -p:Version={version}", environment);
            }

            foreach (string package in new[] { "sso-login", "SsoOidcCodegen.LocalService" })
            {
                Assert.True(File.Exists(Path.Combine(feed, $"{package}.{version}.nupkg")), $"dotnet pack wrote no {package} package.");
                await Run(work, "dotnet", $"tool install {package} --tool-path \"{tools}\" --add-source \"{feed}\" --version {version}", environment);
            }

            string login = await Run(work, Path.Combine(tools, "sso-login"), "--help", environment);
            Assert.StartsWith("Usage: sso-login [--profile NAME | --sso-session NAME]", login.TrimStart(), StringComparison.Ordinal);
            string service = await Run(work, Path.Combine(tools, "sso-local-service"), "--help", environment);
            Assert.Contains("--port", service, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static Task<string> Run(string directory, string file, string arguments, params (string Name, string Value)[] environment) =>
        Run(directory, file, arguments, environment, expectedExitCode: 0);

    private static async Task<string> Run(string directory, string file, string arguments, (string Name, string Value)[] environment, int expectedExitCode)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        // A nested build must not inherit the test host's MSBuild settings.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "MSBUILD_EXE_PATH").ToList())
        {
            start.Environment.Remove(key);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        string output = await stdout + await stderr;
        Assert.True(process.ExitCode == expectedExitCode, $"'{file} {arguments}' in {directory} exited with {process.ExitCode}:\n{output}");
        return output;
    }
}

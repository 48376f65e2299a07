namespace SsoOidcCodegen.Benchmarks.Consumer;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SsoOidcCodegen.Benchmarks.Generator;
using SsoOidcCodegen.Benchmarks.Reporting;

/// <summary>
/// The consumer's build: a console app with a service model (our generator and runtime, referenced as
/// the package would give them: the runtime as a reference, the generator and its dependencies as
/// analyzers, the package's props and targets) against the same app referencing the official SDK's
/// package for that service. Each app is restored and built once (the first build, reported too), then
/// rebuilt after a one-line edit of its own Program.cs several times, ours and the SDK's alternating so
/// that a change of the machine's load hits both; the figure is the median rebuild. A third app, ours split
/// (<c>rebuild-split</c>), holds the model in a class library of its own that the app references, as a
/// solution with a large model is laid out: an edit of the app does not compile the generated client again. A
/// fourth, ours selected (<c>rebuild-selected</c>), generates only a few operations with the <c>Operations</c> item
/// metadata, as an app that calls those does.
/// </summary>
/// <remarks>
/// The apps live in a folder under the system temp directory (outside the repository, so its
/// Directory.Build.props and central package versions do not apply) that is deleted first. Builds use
/// the defaults a developer has, MSBuild node reuse and the shared compiler server, whatever the
/// benchmark's own environment says: the variables that turn them off (<c>UseSharedCompilation</c>,
/// <c>MSBUILDDISABLENODEREUSE</c>, <c>DOTNET_CLI_USE_MSBUILD_SERVER</c>, set on CI machines) are removed
/// from every build's environment. The compiler server and the build nodes are shut down before each
/// first build (which therefore starts them, as a developer's first build of the day does) and after
/// the last build. Before the timed rebuilds, each app is rebuilt <see cref="WarmUpRebuilds"/> times
/// untimed, alternating as well: a developer's edit loop runs against a compiler server that has
/// already compiled the project, and it takes a few builds to get there. The SDK's versions come from
/// Directory.Packages.props.
/// </remarks>
public static class ConsumerBuild
{
    /// <summary>Untimed rebuilds of each app before the timed ones, for the compiler server to reach its steady state.</summary>
    public const int WarmUpRebuilds = 3;

    // Environment variables that turn off the defaults a developer's build has; removed from every build's environment.
    private static readonly string[] NonDefaultBuildVariables = { "UseSharedCompilation", "MSBUILDDISABLENODEREUSE", "DOTNET_CLI_USE_MSBUILD_SERVER" };

    // Selected: the operations the selected app generates (the Operations item metadata), a few an app calls.
    private static readonly (string Service, string ModelPrefix, string Package, string PeerClient, string Selected)[] Services =
    {
        ("dynamodb", "dynamodb-2012-08-10", "AWSSDK.DynamoDBv2", "Amazon.DynamoDBv2.AmazonDynamoDBClient", "GetItem;PutItem;Query"),
        ("ec2", "ec2-", "AWSSDK.EC2", "Amazon.EC2.AmazonEC2Client", "DescribeInstances;StartInstances;StopInstances"),
    };

    /// <summary>The services measured, for <c>--service</c>.</summary>
    public static IEnumerable<string> ServiceNames => Services.Select(service => service.Service);

    /// <summary>Builds and times every app (of one service, when <paramref name="only"/> names it); returns the figure lines (a "not measured" line where one cannot be measured).</summary>
    public static IEnumerable<string> Run(bool quick, string? only = null)
    {
        int rebuilds = quick ? 3 : 7;
        string root = Path.Combine(Path.GetTempPath(), "ssooidc-bench-consumer");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        try
        {
            foreach (string line in RunServices(root, rebuilds, only))
            {
                yield return line;
            }
        }
        finally
        {
            ShutDownBuildServers();
        }
    }

    private static IEnumerable<string> RunServices(string root, int rebuilds, string? only)
    {
        foreach ((string service, string modelPrefix, string package, string peerClient, string selected) in Services.Where(s => only is null || s.Service == only))
        {
            string name = "consumer." + service;
            string? model = FindModel(service, modelPrefix);
            string? version = PinnedVersion(package);
            if (model is null || version is null)
            {
                yield return NotMeasured(name, model is null ? $"no {service} model in AWS_MODELS_DIR/corpus or AWS_NEXT_MODELS_DIR" : $"{package} is not pinned in Directory.Packages.props");
                continue;
            }

            var ours = new App(Path.Combine(root, service + "-ours"), OursProject(model, library: false), OursProgram());
            var split = new App(Path.Combine(root, service + "-ours-split"), SplitAppProject(), OursProgram(), OursProject(model, library: true));
            var chosen = new App(Path.Combine(root, service + "-ours-selected"), OursProject(model, library: false, selected), OursProgram());
            var peer = new App(Path.Combine(root, service + "-sdk"), PeerProject(package, version), PeerProgram(peerClient));
            string? failure = ours.Create() ?? split.Create() ?? chosen.Create() ?? peer.Create();
            double? oursFirst = null;
            double? peerFirst = null;
            double? splitFirst = null;
            double? chosenFirst = null;
            // Each first build starts from no compiler server, as a developer's first build of the day does.
            if (failure is null)
            {
                ShutDownBuildServers();
                (oursFirst, failure) = ours.Build();
            }

            if (failure is null)
            {
                ShutDownBuildServers();
                (splitFirst, failure) = split.Build();
            }

            if (failure is null)
            {
                ShutDownBuildServers();
                (chosenFirst, failure) = chosen.Build();
            }

            if (failure is null)
            {
                ShutDownBuildServers();
                (peerFirst, failure) = peer.Build();
            }

            var oursTimes = new List<double>();
            var peerTimes = new List<double>();
            var splitTimes = new List<double>();
            var chosenTimes = new List<double>();
            for (int i = 1; failure is null && i <= WarmUpRebuilds + rebuilds; i++)
            {
                bool timed = i > WarmUpRebuilds;
                // Alternating order, so that a change of the machine's load hits every side.
                var sides = new List<(App, List<double>)> { (ours, oursTimes), (split, splitTimes), (chosen, chosenTimes), (peer, peerTimes) };
                if (i % 2 == 0)
                {
                    sides.Reverse();
                }

                foreach ((App app, List<double> times) in sides)
                {
                    app.Edit(i);
                    (double? time, string? error) = app.Build();
                    failure ??= error;
                    if (timed && time is { } t)
                    {
                        times.Add(t);
                    }
                }
            }

            if (failure is not null)
            {
                yield return NotMeasured(name, failure);
                continue;
            }

            yield return new Figure(name + ".first-build", oursFirst!.Value, peerFirst, "ms").ToString();
            yield return new Figure(name + ".rebuild", Median(oursTimes), Median(peerTimes), "ms").ToString();
            yield return new Figure(name + ".first-build-split", splitFirst!.Value, peerFirst, "ms").ToString();
            yield return new Figure(name + ".rebuild-split", Median(splitTimes), Median(peerTimes), "ms").ToString();
            yield return new Figure(name + ".first-build-selected", chosenFirst!.Value, peerFirst, "ms").ToString();
            yield return new Figure(name + ".rebuild-selected", Median(chosenTimes), Median(peerTimes), "ms").ToString();
        }
    }

    // Stops the compiler server and the MSBuild nodes the builds started (a failure to do so is not a result; ignored).
    private static void ShutDownBuildServers()
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("build-server");
        info.ArgumentList.Add("shutdown");
        using Process? process = Process.Start(info);
        if (process is not null)
        {
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit(60_000);
        }
    }

    /// <summary>The line for a figure that could not be measured.</summary>
    public static string NotMeasured(string name, string reason) =>
        $"bench={name} not measured: {reason.ReplaceLineEndings(" | ")}";

    private static double Median(List<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string? FindModel(string service, string prefix)
    {
        if (service == "ec2")
        {
            return GeneratorModels.Available.FirstOrDefault(model => model.Name == GeneratorModels.Ec2)?.Path;
        }

        string? directory = RepositoryPaths.ModelsDirectory;
        string path = directory is null ? string.Empty : Path.Combine(directory, "corpus", prefix + ".json");
        return File.Exists(path) ? path : null;
    }

    private static string? PinnedVersion(string package)
    {
        string props = File.ReadAllText(Path.Combine(RepositoryPaths.RepoRoot, "Directory.Packages.props"));
        Match match = Regex.Match(props, $"<PackageVersion\\s+Include=\"{Regex.Escape(package)}\"\\s+Version=\"([^\"]+)\"");
        return match.Success ? match.Groups[1].Value : null;
    }

    // What the SsoOidcCodegen package gives a consumer: the runtime to compile against, the generator and its closure as analyzers, the props and targets.
    // As a library: the same project without a program, which the split app references. With operations: the
    // Operations item metadata, the client of those operations only.
    private static string OursProject(string model, bool library, string? operations = null)
    {
        string bin = AppContext.BaseDirectory;
        string buildTransitive = Path.Combine(RepositoryPaths.RepoRoot, "runtime", "SsoOidcCodegen.Runtime", "buildTransitive");
        var packages = new StringBuilder();
        foreach (string dependency in new[] { "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Http", "System.Formats.Cbor" })
        {
            packages.Append(CultureInfo.InvariantCulture, $"    <PackageReference Include=\"{dependency}\" Version=\"{PinnedVersion(dependency)}\" />\n");
        }

        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{(library ? "Library" : "Exe")}</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <Import Project="{Path.Combine(buildTransitive, "SsoOidcCodegen.props")}" />
              <ItemGroup>
                <Reference Include="{Path.Combine(bin, "SsoOidcCodegen.Runtime.dll")}" />
            {packages}    <Analyzer Include="{Path.Combine(bin, "SsoOidcCodegen.Generator.dll")}" />
                <Analyzer Include="{Path.Combine(bin, "Scriban.Signed.dll")}" />
                <Analyzer Include="{Path.Combine(bin, "Newtonsoft.Json.dll")}" />
                <AwsServiceModel Include="{model}" Namespace="Consumer.Service" ClientName="ServiceClient"{(operations is null ? string.Empty : $" Operations=\"{operations}\"")} />
              </ItemGroup>
              <Import Project="{Path.Combine(buildTransitive, "SsoOidcCodegen.targets")}" />
            </Project>
            """;
    }

    // The split app: the client library as a project reference, and the runtime it was compiled against (the package
    // would flow to the app through the library's package reference).
    private static string SplitAppProject()
    {
        string bin = AppContext.BaseDirectory;
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Client/Client.csproj" />
                <Reference Include="{Path.Combine(bin, "SsoOidcCodegen.Runtime.dll")}" />
              </ItemGroup>
            </Project>
            """;
    }

    private static string PeerProject(string package, string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="{package}" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    private static string OursProgram() => """
        using var client = new Consumer.Service.ServiceClient(new SsoOidcCodegen.Runtime.AwsClientOptions { Region = "us-east-1" });
        System.Console.WriteLine(client.GetType().Name + " " + Edit.Number);

        static class Edit
        {
            public const int Number = 0;
        }
        """;

    private static string PeerProgram(string client) => $$"""
        using var client = new {{client}}(Amazon.RegionEndpoint.USEast1);
        System.Console.WriteLine(client.GetType().Name + " " + Edit.Number);

        static class Edit
        {
            public const int Number = 0;
        }
        """;

    /// <summary>
    /// One app: <c>App.csproj</c> and its <c>Program.cs</c>; with a <paramref name="library"/>, the app is in <c>App/</c> and
    /// references that project, written to <c>Client/Client.csproj</c> beside it.
    /// </summary>
    private sealed class App(string directory, string project, string program, string? library = null)
    {
        private string AppDirectory => library is null ? directory : Path.Combine(directory, "App");

        private string ProjectPath => Path.Combine(AppDirectory, "App.csproj");

        private string ProgramPath => Path.Combine(AppDirectory, "Program.cs");

        /// <summary>Writes the app (and its library) and restores it (not timed); null, or why it failed.</summary>
        public string? Create()
        {
            Directory.CreateDirectory(AppDirectory);
            if (library is not null)
            {
                string client = Path.Combine(directory, "Client");
                Directory.CreateDirectory(client);
                File.WriteAllText(Path.Combine(client, "Client.csproj"), library);
            }

            File.WriteAllText(ProjectPath, project);
            File.WriteAllText(ProgramPath, program);
            (_, string? failure) = Dotnet("restore", ProjectPath);
            return failure;
        }

        /// <summary>The one-line edit: the constant the program prints.</summary>
        public void Edit(int number) =>
            File.WriteAllText(ProgramPath, File.ReadAllText(ProgramPath).Replace(
                $"public const int Number = {number - 1};", $"public const int Number = {number};", StringComparison.Ordinal));

        /// <summary>Builds (without restore) and returns the wall time in milliseconds.</summary>
        public (double? Milliseconds, string? Failure) Build() => Dotnet("build", ProjectPath, "--no-restore");

        private static (double?, string?) Dotnet(params string[] arguments)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            info.ArgumentList.Add("-nologo");
            foreach (string variable in NonDefaultBuildVariables)
            {
                info.Environment.Remove(variable);
            }

            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            var output = new StringBuilder();
            long started = Stopwatch.GetTimestamp();
            using Process process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                return (null, $"dotnet {arguments[0]} did not finish within 10 minutes");
            }

            process.WaitForExit();
            double milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (process.ExitCode != 0)
            {
                string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                return (null, $"dotnet {arguments[0]} {Path.GetFileName(Path.GetDirectoryName(arguments[1]))} failed (exit code {process.ExitCode}): {string.Join(" | ", lines.Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(3))}");
            }

            return (milliseconds, null);
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Authoring;

/// <summary>
/// Where the authoring guide's commands run as a newcomer would type them, kept apart from the machine's state: its
/// own template registry (<c>DOTNET_CLI_HOME</c>), its own NuGet package folder (<c>NUGET_PACKAGES</c>), a local
/// feed of the platform's packages under a version of its own (so no cached package of another build is used), and a
/// restore that reads only that feed and the machine's package folder (offline and bounded). No build server or
/// MSBuild node outlives a command.
/// </summary>
internal sealed class GuideWorkspace : IDisposable
{
    private readonly TempDirectory root = new();
    private readonly ITestOutputHelper output;
    private readonly Dictionary<string, string> environment;

    public GuideWorkspace(ITestOutputHelper output)
    {
        this.output = output;
        Directory.CreateDirectory(Feed);
        environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_CLI_HOME"] = System.IO.Path.Combine(root.Path, "cli-home"),
            ["NUGET_PACKAGES"] = System.IO.Path.Combine(root.Path, "nuget-packages"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = "false",
        };
    }

    /// <summary>The folder commands run in (the guide's "your work folder").</summary>
    public string Path => root.Path;

    /// <summary>The local feed <c>scripts/pack.sh</c> fills.</summary>
    public string Feed => System.IO.Path.Combine(root.Path, "feed");

    /// <summary>The platform packages' version for this run.</summary>
    public string PlatformVersion { get; } = "1.0.0-guide." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary><c>scripts/pack.sh</c> into <see cref="Feed"/>, from the build the tests run on.</summary>
    public Task<string> PackAsync() =>
        RunAsync("bash", [System.IO.Path.Combine(RepoPaths.Root, "scripts", "pack.sh"), "--no-build", "-c", RepoPaths.Configuration, "--version", PlatformVersion, Feed], TimeSpan.FromMinutes(5));

    /// <summary><c>dotnet new install ./templates</c>, from the repository root.</summary>
    public Task<string> InstallTemplatesAsync() =>
        RunAsync("dotnet", ["new", "install", "./templates"], TimeSpan.FromMinutes(2), RepoPaths.Root);

    /// <summary><c>dotnet new oplat-app -n NAME -o DIR</c> with this workspace's feed and platform version.</summary>
    public Task<string> NewApplicationAsync(string name, string directory) =>
        RunAsync("dotnet", ["new", "oplat-app", "-n", name, "-o", directory, "--feed", Feed, "--platformVersion", PlatformVersion], TimeSpan.FromMinutes(2));

    /// <summary>
    /// <c>dotnet test</c> in <paramref name="directory"/>. The guide's plain <c>dotnet test</c> restores from nuget.org
    /// too; here the restore reads only the local feed and the machine's package folder (offline), then the test
    /// runs without restoring again.
    /// </summary>
    public async Task<string> TestAsync(string directory)
    {
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await RunAsync("dotnet", ["restore", "--source", Feed, "--source", machinePackages], TimeSpan.FromMinutes(6), directory);
        return await RunAsync("dotnet", ["test", "--no-restore"], TimeSpan.FromMinutes(8), directory);
    }

    /// <summary>The guide's <c>dotnet publish PROJECT -c Release -p:Version=VERSION -o DIR</c> (after <see cref="TestAsync"/> restored it).</summary>
    public Task<string> PublishAsync(string project, string version, string directory) =>
        RunAsync("dotnet", ["publish", project, "-c", "Release", $"-p:Version={version}", "-o", directory, "--no-restore"], TimeSpan.FromMinutes(6));

    /// <summary>Runs one command with this workspace's environment, bounded by <paramref name="timeout"/> (a hang guard); its output goes to the test output.</summary>
    public async Task<string> RunAsync(string program, IReadOnlyList<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var took = Stopwatch.StartNew();
        var said = await ToolCommand.RunAsync(program, args, workingDirectory ?? root.Path, environment, timeout);
        output.WriteLine($"$ {program} {string.Join(' ', args)}   ({took.Elapsed.TotalSeconds:F1} s)");
        output.WriteLine(said.Length > 4000 ? said[^4000..] : said);
        return said;
    }

    public void Dispose() => root.Dispose();
}

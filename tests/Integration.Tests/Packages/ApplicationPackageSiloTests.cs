using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Integration.Tests.Sessions;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Packages;

/// <summary>Silo processes load the application packages of <c>Applications:Packages</c> (tests/Packages, built with the solution).</summary>
[Collection(ClusterCollection.Name)]
public sealed class ApplicationPackageSiloTests
{
    [Fact]
    public async Task Every_silo_serves_a_configured_package_beside_the_bundled_applications_also_after_a_fail_over()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 2, new Dictionary<string, string>
        {
            ["Applications__Packages__0"] = RepoPaths.TestPackage("Greeting"),
        });

        var applications = await cluster.Client.GetGrain<IApplicationRegistryGrain>("default").List();
        Assert.Contains(applications, a => a.Id == "greeting" && a.Enabled);
        Assert.Contains(applications, a => a.Id == "catalog-search");
        var id = PlatformSilo.NewSessionId();
        var session = cluster.Client.GetGrain<ISessionGrain>(id);
        Assert.Equal("form", (await session.Start("greeting")).View.Step);
        var hello = await session.Interact(SessionFailoverTests.Act("greet", 1, ("name", "Ada")));
        Assert.Equal("Hello, Ada (greeting 1.0.0)", hello.View.Data.GetProperty("greeting").GetString());

        // The other silo loaded the package too: it continues the session when its silo dies.
        await SessionFailoverTests.KillHostAsync(cluster, id);
        var again = await SessionFailoverTests.RetryAsync(() => session.Interact(SessionFailoverTests.Act("again", 2)));
        Assert.Equal("form", again.View.Step);
        var second = await session.Interact(SessionFailoverTests.Act("greet", 3, ("name", "Grace")));
        Assert.Equal("Hello, Grace (greeting 1.0.0)", second.View.Data.GetProperty("greeting").GetString());
    }

    [Fact]
    public async Task A_silo_refuses_to_start_with_a_broken_package_naming_every_problem_on_one_line()
    {
        using var workDir = new TempDirectory();
        await using var silo = PlatformProcess.Start(
            RepoPaths.SiloDll,
            ["--Applications:Packages:0", RepoPaths.TestPackage("Broken"), "--Applications:Packages:1", Path.Combine(workDir.Path, "absent")],
            workDir.Path,
            TestEnvironment.ForPlatformProcess(database: null));

        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        var line = Assert.Single(silo.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Invalid configuration:", line, StringComparison.Ordinal);
        Assert.Contains("the broken package's entry point cannot start", line, StringComparison.Ordinal);
        Assert.Contains("missing-entry", line, StringComparison.Ordinal);
        Assert.Contains("nowhere", line, StringComparison.Ordinal);
        Assert.Contains("absent': ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.StandardError + silo.StandardOutput, StringComparison.Ordinal);
    }
}

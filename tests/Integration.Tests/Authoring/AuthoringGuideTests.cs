using System.Text.Json;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Integration.Tests.Sessions;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Authoring;

/// <summary>
/// docs/authoring.md followed command by command with the real dotnet CLI: pack the platform's packages, install the
/// template, create an application, run its tests, publish it as version 1.1.0 and load it into a 2-silo cluster on
/// PostgreSQL from configuration, where new sessions get it. Live deployment (oplat apps deploy) is not built yet.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AuthoringGuideTests(ITestOutputHelper output)
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "authoring.md"));

    [Fact]
    public async Task The_guides_commands_create_an_application_that_references_only_the_authoring_package_whose_tests_pass_and_that_silos_load_as_a_package()
    {
        using var workspace = new GuideWorkspace(output);

        // Before you start.
        AssertTheGuideSays("scripts/pack.sh");
        await workspace.PackAsync();
        Assert.True(File.Exists(Path.Combine(workspace.Feed, $"OrleansPlatform.Workflows.Authoring.{workspace.PlatformVersion}.nupkg")));

        // 1. The template.
        AssertTheGuideSays("dotnet new install ./templates");
        var installed = await workspace.InstallTemplatesAsync();
        Assert.Contains("oplat-app", installed, StringComparison.Ordinal);

        AssertTheGuideSays("dotnet new oplat-app -n LeaveRequest -o");
        var app = Path.Combine(workspace.Path, "leave-request");
        await workspace.NewApplicationAsync("LeaveRequest", app);
        var definition = File.ReadAllText(Path.Combine(app, "LeaveRequest", "LeaveRequestApplication.cs"));
        Assert.Contains("public const string Id = \"leave-request\";", definition, StringComparison.Ordinal);
        Assert.Contains("<Version>1.0.0</Version>", File.ReadAllText(Path.Combine(app, "LeaveRequest", "LeaveRequest.csproj")), StringComparison.Ordinal);
        Assert.Contains(workspace.Feed, File.ReadAllText(Path.Combine(app, "nuget.config")), StringComparison.Ordinal);

        // Another name gives another id (the guide's example).
        await workspace.NewApplicationAsync("ExpenseClaim", Path.Combine(workspace.Path, "expense-claim"));
        Assert.Contains("public const string Id = \"expense-claim\";", File.ReadAllText(Path.Combine(workspace.Path, "expense-claim", "ExpenseClaim", "ExpenseClaimApplication.cs")), StringComparison.Ordinal);

        // 2. Its tests: an in-process silo on SQLite.
        AssertTheGuideSays("dotnet test");
        var tested = await workspace.TestAsync(app);
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+2,", tested);

        // The application's project references the authoring package and nothing of the platform's servers.
        var libraries = Libraries(Path.Combine(app, "LeaveRequest", "obj", "project.assets.json"));
        Assert.Contains($"OrleansPlatform.Workflows.Authoring/{workspace.PlatformVersion}", libraries);
        Assert.DoesNotContain(libraries, l => l.StartsWith("OrleansPlatform.", StringComparison.Ordinal) && !l.StartsWith("OrleansPlatform.Workflows.Authoring/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.StartsWith("Npgsql/", StringComparison.Ordinal) || l.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) || l.StartsWith("Microsoft.Orleans.Server/", StringComparison.Ordinal) || l.StartsWith("Microsoft.Orleans.Runtime/", StringComparison.Ordinal));

        // 9. Deploying: the published folder in the silos' Applications:Packages; no platform file edited.
        AssertTheGuideSays("dotnet publish ../leave-request/LeaveRequest -c Release -p:Version=1.1.0 -o ../leave-request/publish");
        AssertTheGuideSays("ORLEANSPLATFORM_Applications__Packages__0=");
        var published = Path.Combine(app, "publish");
        await workspace.PublishAsync(Path.Combine(app, "LeaveRequest"), "1.1.0", published);
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 2, new Dictionary<string, string> { ["Applications__Packages__0"] = published });

        // 10. Versions: the package's 1.1.0 beside the bundled 1.0.0; new sessions get the newest.
        var session = cluster.Client.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId());
        var started = await session.Start("leave-request");
        Assert.Equal(("1.1.0", "form"), (started.Version, started.View.Step));
        var done = await session.Interact(SessionFailoverTests.Act("submit", 1, ("employee", "Ada")));
        Assert.Equal(("done", "Ada"), (done.View.Step, done.View.Data.GetProperty("employee").GetString()));
        Assert.Contains(await cluster.Client.GetGrain<IApplicationRegistryGrain>("default").List(), a => a.Id == "leave-request");

        // Not built yet (docs/authoring.md says so): `./oplat apps deploy`, `versions`, `activate` on a running cluster.
        AssertTheGuideSays("**Not built yet:** `./oplat apps deploy DIR`");
    }

    private static void AssertTheGuideSays(string command) =>
        Assert.True(Guide.Contains(command, StringComparison.Ordinal), $"docs/authoring.md no longer says `{command}`: update the guide and this test together.");

    // Every package (id/version) the project's restore resolved, direct and transitive.
    private static List<string> Libraries(string assets)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(assets));
        return document.RootElement.GetProperty("libraries").EnumerateObject().Where(l => l.Value.GetProperty("type").GetString() == "package").Select(l => l.Name).ToList();
    }
}

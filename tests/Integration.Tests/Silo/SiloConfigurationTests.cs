using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Silo;

public sealed class SiloConfigurationTests
{
    [Fact]
    public async Task A_silo_without_the_cluster_secret_refuses_to_start()
    {
        using var workDir = new TempDirectory();
        await using var silo = PlatformProcess.Start(RepoPaths.SiloDll, [], workDir.Path);

        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ClusterSecret is required", silo.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--storage", "Oracle", "Oracle")]
    [InlineData("--Messaging:ResponseTimeout", "soon", "ResponseTimeout")]
    [InlineData("--GrainCollection:CollectionAge", "-00:00:05", "CollectionAge")]
    [InlineData("--Placement:Capacity", "-3", "Placement:Capacity must be 0")]
    [InlineData("--Silo:Host", "not-an-address", "Silo:Host must be an IP address")]
    public async Task A_wrong_configuration_stops_the_silo_with_one_clear_message(string option, string value, string expected)
    {
        using var workDir = new TempDirectory();
        await using var silo = PlatformProcess.Start(RepoPaths.SiloDll, [option, value], workDir.Path, TestEnvironment.ForPlatformProcess(database: null));

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var errorLines = silo.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(errorLines);
        Assert.StartsWith("Invalid configuration:", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.StandardError + silo.StandardOutput, StringComparison.Ordinal);
    }
}

using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Caching;
using OrleansPlatform.Workflows.Hosting;

namespace OrleansPlatform.Workflows.Tests.Caching;

/// <summary>Two silos (full cluster members over real sockets, one database): a change on one evicts on every silo.</summary>
public sealed class ClusterCacheInvalidationTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Invalidating_an_object_on_one_silo_evicts_it_on_every_silo(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var settings = new Dictionary<string, string?>
        {
            ["Silo:ClusterId"] = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            ["Transport:ClusterSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
        };
        using var siloA = await StartSiloAsync(database, settings, "silo-a");
        using var siloB = await StartSiloAsync(database, settings, "silo-b");
        await WaitForActiveSilosAsync(siloA, count: 2);

        var productsA = siloA.Services.GetRequiredService<IObjectCaches>().Get("product");
        var productsB = siloB.Services.GetRequiredService<IObjectCaches>().Get("product");
        Assert.Equal("v1", await productsA.GetOrLoadAsync("7", _ => Task.FromResult<string?>("v1"), default));
        Assert.Equal("v1", await productsB.GetOrLoadAsync("7", _ => Task.FromResult<string?>("v1"), default));
        Assert.Equal("v1", await productsB.GetOrLoadAsync("7", _ => Task.FromResult<string?>("stale load: must not run"), default));

        await productsA.InvalidateAsync("7", default);

        var seenOnB = await Eventually.ReturnsAsync(
            () => productsB.GetOrLoadAsync("7", _ => Task.FromResult<string?>("v2"), default),
            value => value == "v2");
        Assert.Equal("v2", seenOnB);
        Assert.Equal("v2", await productsA.GetOrLoadAsync("7", _ => Task.FromResult<string?>("v2"), default));
        Assert.True(productsB.Statistics.Evictions >= 1);
    }

    private static async Task<IHost> StartSiloAsync(TestDatabase database, Dictionary<string, string?> settings, string name)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("Silo:SiloName", (string?)name)]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddClusterDatabase(database.Configure);
        builder.Services.AddWorkflows();
        builder.Services.AddObjectCache("product", capacity: 100);
        builder.Services.AddGrainRuntime().AddCluster();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task WaitForActiveSilosAsync(IHost silo, int count)
    {
        var database = silo.Services.GetRequiredService<IClusterDatabase>();
        await Eventually.ReturnsAsync(
            async () =>
            {
                await using var connection = await database.OpenConnectionAsync(default);
                return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM membership WHERE status = 2");
            },
            active => active >= count);
        var membership = silo.Services.GetRequiredService<Runtime.Membership.ISiloMembership>();
        await Eventually.ReturnsAsync(async () => (await membership.RefreshAsync()).ActiveSilos.Count(), active => active >= count);
    }
}

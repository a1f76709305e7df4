using System.Collections.Concurrent;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Silo.Hosting.Tests.Storage;

/// <summary>
/// A class fixture with one in-process platform silo per provider, each on a fresh database of its own, started on
/// first use and stopped after the class. Tests sharing it use distinct grain keys.
/// </summary>
public sealed class PlatformSiloFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<(TestDatabase Database, PlatformSilo Silo)>>> silos = new(StringComparer.Ordinal);

    /// <summary>The silo on <paramref name="provider"/>; its database is <see cref="DatabaseAsync"/>.</summary>
    public async Task<PlatformSilo> SiloAsync(string provider) => (await GetAsync(provider)).Silo;

    /// <summary>The database the silo of <paramref name="provider"/> runs on.</summary>
    public async Task<TestDatabase> DatabaseAsync(string provider) => (await GetAsync(provider)).Database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var started in silos.Values)
        {
            if (started.Value.IsCompletedSuccessfully)
            {
                var (database, silo) = started.Value.Result;
                await silo.DisposeAsync();
                await database.DisposeAsync();
            }
        }
    }

    private Task<(TestDatabase Database, PlatformSilo Silo)> GetAsync(string provider) =>
        silos.GetOrAdd(provider, key => new Lazy<Task<(TestDatabase, PlatformSilo)>>(() => StartAsync(key))).Value;

    private static async Task<(TestDatabase, PlatformSilo)> StartAsync(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        try
        {
            // No catalog to seed: these tests are about grain storage.
            return (database, await PlatformSilo.StartAsync(database, new Dictionary<string, string?> { ["Catalog:SeedProducts"] = "0" }));
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }
}

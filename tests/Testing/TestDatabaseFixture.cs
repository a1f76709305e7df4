using Xunit;
using System.Collections.Concurrent;

namespace OrleansPlatform.Testing;

/// <summary>
/// A class fixture (<c>IClassFixture&lt;TestDatabaseFixture&gt;</c>) holding one fresh database per provider for the
/// whole test class, created on first use and dropped after the class. Tests sharing it use distinct keys.
/// For a database of its own, a test calls <see cref="TestDatabases.CreateAsync"/> with <c>await using</c>.
/// </summary>
public sealed class TestDatabaseFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TestDatabase>>> databases = new(StringComparer.Ordinal);

    /// <summary>The class's database of <paramref name="provider"/>; a creation failure (e.g. no PostgreSQL server) fails every test that asks.</summary>
    public Task<TestDatabase> GetAsync(string provider) =>
        databases.GetOrAdd(provider, key => new Lazy<Task<TestDatabase>>(() => TestDatabases.CreateAsync(key))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in databases.Values)
        {
            if (database.Value.IsCompletedSuccessfully)
            {
                await database.Value.Result.DisposeAsync();
            }
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Testing;

/// <summary>
/// A fresh, empty database of one provider for tests, removed on dispose. Made by <see cref="TestDatabases.CreateAsync"/>.
/// Hand it to code under test with <see cref="Configure"/> (in process) or <see cref="EnvironmentVariables"/> (silo processes).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<ValueTask> drop;
    private int disposed;

    internal TestDatabase(string provider, string name, string connectionString, Func<ValueTask> drop)
    {
        Provider = provider;
        Name = name;
        ConnectionString = connectionString;
        this.drop = drop;
    }

    /// <summary>The provider name as <see cref="ClusterDatabaseOptions.Provider"/> takes it: <c>Sqlite</c> or <c>Postgres</c>.</summary>
    public string Provider { get; }

    /// <summary>The provider as an enum value.</summary>
    public DatabaseProvider Kind => Provider == TestDatabases.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>The database's name, <c>t_&lt;hex&gt;</c> (the PostgreSQL database, or the SQLite file's folder).</summary>
    public string Name { get; }

    /// <summary>The connection string of this database (trust authentication on the test server: no password).</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// The environment variables that point a silo process's configuration (section <c>Database</c>) at this database.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables => new Dictionary<string, string>
    {
        ["Database__Provider"] = Provider,
        ["Database__ConnectionString"] = ConnectionString,
    };

    /// <summary>Points options at this database: pass it to <c>AddClusterDatabase</c>.</summary>
    public void Configure(ClusterDatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Provider = Provider;
        options.ConnectionString = ConnectionString;
    }

    /// <summary>A service provider with logging and the cluster database pointed here, plus whatever <paramref name="configure"/> adds.</summary>
    public ServiceProvider BuildServices(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClusterDatabase(Configure);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Drops the database (PostgreSQL: <c>DROP DATABASE ... WITH (FORCE)</c>; SQLite: deletes the files).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            await drop();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Provider} {Name}";
}

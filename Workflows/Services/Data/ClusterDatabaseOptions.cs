namespace OrleansPlatform.Workflows.Data;

/// <summary>Where the cluster database is. Bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class ClusterDatabaseOptions
{
    /// <summary>The configuration section the options are bound from: <c>Database</c>.</summary>
    public const string SectionName = "Database";

    /// <summary>The default provider name: <c>Sqlite</c>.</summary>
    public const string DefaultProvider = "Sqlite";

    /// <summary>The default connection string: a SQLite file under <c>./data</c>.</summary>
    public const string DefaultConnectionString = "Data Source=./data/orleansplatform.db";

    /// <summary>The provider name, <c>Sqlite</c> or <c>Postgres</c> (case-insensitive). Default: <c>Sqlite</c>.</summary>
    public string Provider { get; set; } = DefaultProvider;

    /// <summary>
    /// The ADO.NET connection string of the provider. Default: <c>Data Source=./data/orleansplatform.db</c>.
    /// It may hold a password and is never logged.
    /// </summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>The provider as an enum value (after validation).</summary>
    public DatabaseProvider Kind => TryParseProvider(Provider, out var kind) ? kind
        : throw new InvalidOperationException($"Database:Provider '{Provider}' is not a known database provider; use 'Sqlite' or 'Postgres'.");

    /// <summary>Parses a provider name: <c>Sqlite</c>, or <c>Postgres</c>/<c>PostgreSQL</c>, ignoring case.</summary>
    public static bool TryParseProvider(string? name, out DatabaseProvider provider)
    {
        var trimmed = name?.Trim();
        if (string.Equals(trimmed, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            provider = DatabaseProvider.Sqlite;
            return true;
        }

        if (string.Equals(trimmed, "Postgres", StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, "PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            provider = DatabaseProvider.Postgres;
            return true;
        }

        provider = default;
        return false;
    }
}

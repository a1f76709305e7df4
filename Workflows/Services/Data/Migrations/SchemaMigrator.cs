using Dapper;
using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Workflows.Data.Migrations;

/// <summary>
/// Applies numbered migrations one transaction each. The transaction first takes a database-wide lock (<see cref="ExclusiveTransactions"/>; PostgreSQL:
/// <c>pg_advisory_xact_lock</c>; SQLite: <c>BEGIN IMMEDIATE</c>, the file's write lock), then creates
/// <c>schema_migrations</c> if needed, picks the first version not recorded there, runs it and records it. Concurrent
/// migrators therefore serialise, and each sees what the previous one committed.
/// </summary>
internal sealed partial class SchemaMigrator : ISchemaMigrator
{
    /// <summary>The advisory lock key that guards migrations on PostgreSQL ("OPMIGRAT" in ASCII).</summary>
    internal const long PostgresLockKey = 0x4F50_4D49_4752_4154;

    private readonly IClusterDatabase database;
    private readonly IReadOnlyList<MigrationScript> scripts;
    private readonly ILogger<SchemaMigrator> logger;

    public SchemaMigrator(IClusterDatabase database, IEnumerable<IMigrationSource> sources, ILogger<SchemaMigrator> logger)
    {
        this.database = database;
        scripts = Collect(sources, database.Provider);
        this.logger = logger;
    }

    /// <summary>Every source's scripts for <paramref name="provider"/>, in version order; a version shipped twice is a build error.</summary>
    internal static IReadOnlyList<MigrationScript> Collect(IEnumerable<IMigrationSource> sources, DatabaseProvider provider)
    {
        var all = sources.Distinct().SelectMany(source => source.Scripts(provider)).OrderBy(script => script.Version).ToList();
        for (var i = 1; i < all.Count; i++)
        {
            if (all[i].Version == all[i - 1].Version && all[i].Path != all[i - 1].Path)
            {
                throw new InvalidOperationException($"Migrations {all[i - 1].Path} and {all[i].Path} have the same version {all[i].Version}.");
            }
        }

        // The same file embedded by two registrations of one source counts once.
        return all.DistinctBy(script => script.Version).ToList();
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            await using var transaction = await ExclusiveTransactions.BeginAsync(connection, PostgresLockKey, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(CreateMigrationsTableSql, transaction: transaction, cancellationToken: cancellationToken));
            var done = (await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT version FROM schema_migrations", transaction: transaction, cancellationToken: cancellationToken))).ToHashSet();
            var next = scripts.FirstOrDefault(script => !done.Contains(script.Version));
            if (next is null)
            {
                await transaction.CommitAsync(cancellationToken);
                break;
            }

            try
            {
                await connection.ExecuteAsync(new CommandDefinition(next.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    RecordMigrationSql, new { next.Version, Name = next.FileName }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogMigrationFailed(logger, exception, next.Path);
                throw new SchemaMigrationException(next.Path, next.Version, exception);
            }

            LogMigrationApplied(logger, next.Path);
            applied.Add(next.FileName);
        }

        if (applied.Count == 0)
        {
            LogSchemaUpToDate(logger, scripts.Count == 0 ? 0 : scripts[^1].Version);
        }

        return applied;
    }

    private string CreateMigrationsTableSql => database.Provider == DatabaseProvider.Postgres
        ? "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    private string RecordMigrationSql => database.Provider == DatabaseProvider.Postgres
        ? "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, now())"
        : "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Applied schema migration {Path}")]
    private static partial void LogMigrationApplied(ILogger logger, string path);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Database schema is up to date at version {Version}")]
    private static partial void LogSchemaUpToDate(ILogger logger, int version);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Schema migration {Path} failed and was rolled back")]
    private static partial void LogMigrationFailed(ILogger logger, Exception exception, string path);
}

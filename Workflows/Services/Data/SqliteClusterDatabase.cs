using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Workflows.Data;

/// <summary>
/// The cluster database in a SQLite file (the embedded default). Every connection runs in WAL mode (readers do not
/// block the writer) and waits up to 10 s for a busy lock instead of failing.
/// </summary>
internal sealed partial class SqliteClusterDatabase : IClusterDatabase
{
    public SqliteClusterDatabase(string connectionString, ILogger<SqliteClusterDatabase> logger)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(dataSource) || dataSource == ":memory:";
        if (!inMemory && !dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var fullPath = Path.GetFullPath(dataSource);
            var directory = Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            // An absolute path: every component (and Orleans' own connections) opens the same file whatever its working directory.
            builder.DataSource = fullPath;
            LogUsingFile(logger, fullPath);
        }

        ConnectionString = builder.ConnectionString;
    }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string ConnectionString { get; }

    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var command = connection.CreateCommand();
            command.CommandText = SqlitePragmas.Connection;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Cluster database: SQLite file {Path}")]
    private static partial void LogUsingFile(ILogger logger, string path);
}

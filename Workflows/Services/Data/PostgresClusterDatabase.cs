using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrleansPlatform.Workflows.Data;

/// <summary>The cluster database on PostgreSQL, over one pooled <see cref="NpgsqlDataSource"/> disposed with the host.</summary>
internal sealed partial class PostgresClusterDatabase : IClusterDatabase, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource dataSource;

    public PostgresClusterDatabase(string connectionString, ILogger<PostgresClusterDatabase> logger)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName ??= "orleansplatform";
        ConnectionString = builder.ConnectionString;
        dataSource = NpgsqlDataSource.Create(builder);

        // Host, port and database only: the connection string may hold a password.
        LogUsingServer(logger, builder.Host ?? "localhost", builder.Port, builder.Database ?? builder.Username ?? "(default)");
    }

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string ConnectionString { get; }

    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Cluster database: PostgreSQL {Host}:{Port}, database {Database}")]
    private static partial void LogUsingServer(ILogger logger, string host, int port, string database);
}

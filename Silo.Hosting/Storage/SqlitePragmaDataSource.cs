using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Silo.Hosting.Storage;

/// <summary>
/// The SQLite connections Orleans' grain persistence uses in the embedded deployment, set up as the platform's own
/// (<see cref="SqlitePragmas.Connection"/>: WAL, <c>synchronous=NORMAL</c>, a busy timeout) each time one opens.
/// Without it Orleans' connections run SQLite's default <c>synchronous=FULL</c>, a disk flush on every grain write.
/// </summary>
internal sealed class SqlitePragmaDataSource(IClusterDatabase database) : DbDataSource
{
    public override string ConnectionString => database.ConnectionString;

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(database.ConnectionString);
        connection.StateChange += OnStateChange;
        return connection;
    }

    private static void OnStateChange(object sender, StateChangeEventArgs change)
    {
        if (change.CurrentState == ConnectionState.Open && sender is SqliteConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = SqlitePragmas.Connection;
            command.ExecuteNonQuery();
        }
    }
}

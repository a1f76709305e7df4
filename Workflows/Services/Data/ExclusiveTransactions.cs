using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace OrleansPlatform.Workflows.Data;

/// <summary>
/// Transactions that hold a database-wide lock from their first statement to their commit: PostgreSQL's
/// <c>pg_advisory_xact_lock(key)</c>, SQLite's <c>BEGIN IMMEDIATE</c> (the file's write lock). Start-up work that every
/// silo would otherwise repeat at once (migrations, seeding) runs in one: the first silo does it, the others wait for
/// its commit and then find it done.
/// </summary>
public static class ExclusiveTransactions
{
    /// <summary>Begins a transaction on <paramref name="connection"/> that holds the lock <paramref name="key"/> (PostgreSQL; SQLite has one write lock).</summary>
    public static async Task<DbTransaction> BeginAsync(DbConnection connection, long key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is SqliteConnection sqlite)
        {
            // deferred: false = BEGIN IMMEDIATE: takes the write lock now (waiting up to busy_timeout), not at the first write.
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@Key)", new { Key = key }, transaction, cancellationToken: cancellationToken));
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}

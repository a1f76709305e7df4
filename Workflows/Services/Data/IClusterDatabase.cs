using System.Data.Common;

namespace OrleansPlatform.Workflows.Data;

/// <summary>
/// The SQL database the cluster shares (Orleans membership and grain state, locks, the applications' data). One
/// singleton per process; connections are pooled, so open one per operation and dispose it promptly.
/// </summary>
public interface IClusterDatabase
{
    /// <summary>The SQL engine, for the few statements whose dialect differs.</summary>
    DatabaseProvider Provider { get; }

    /// <summary>The connection string (it may hold a password: never log it).</summary>
    string ConnectionString { get; }

    /// <summary>Opens a connection, configured for the cluster's use (e.g. SQLite's WAL mode and busy timeout).</summary>
    ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);
}

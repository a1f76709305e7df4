namespace OrleansPlatform.Workflows.Data;

/// <summary>The SQL engine behind the cluster database.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: one machine, one process (the embedded default).</summary>
    Sqlite,

    /// <summary>PostgreSQL: the cluster deployment.</summary>
    Postgres,
}

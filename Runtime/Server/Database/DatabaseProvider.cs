namespace OrleansPlatform.Runtime.Database;

/// <summary>The SQL engine behind the cluster database.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: one machine, one or several silo processes.</summary>
    Sqlite,

    /// <summary>PostgreSQL: the cluster deployment.</summary>
    Postgres,
}

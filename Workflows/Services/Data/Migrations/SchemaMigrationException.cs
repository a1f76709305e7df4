namespace OrleansPlatform.Workflows.Data.Migrations;

/// <summary>A schema migration failed and was rolled back; the message names the file.</summary>
[GenerateSerializer]
[Alias("op.SchemaMigrationException")]
public sealed class SchemaMigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchemaMigrationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SchemaMigrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SchemaMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failed migration file.</summary>
    public SchemaMigrationException(string migrationPath, int version, Exception innerException)
        : base($"Schema migration {migrationPath} (version {version}) failed and was rolled back: {innerException?.Message}", innerException)
    {
        MigrationPath = migrationPath;
        Version = version;
    }

    /// <summary>The failed migration's path, e.g. <c>sql/postgres/0006_catalog.sql</c>; null when not known.</summary>
    [Id(0)]
    public string? MigrationPath { get; }

    /// <summary>The failed migration's version; 0 when not known.</summary>
    [Id(1)]
    public int Version { get; }
}

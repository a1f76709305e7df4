namespace OrleansPlatform.Workflows.Data.Migrations;

/// <summary>Brings the cluster database's schema up to date with the migrations shipped in this build.</summary>
public interface ISchemaMigrator
{
    /// <summary>
    /// Applies the pending migrations in version order, each in its own transaction under a database-wide lock, and
    /// records them in <c>schema_migrations</c>. Idempotent, and safe when several processes call it at once: each
    /// migration is applied by exactly one of them.
    /// </summary>
    /// <returns>The file names this call applied, in order; empty when the schema was already up to date.</returns>
    /// <exception cref="SchemaMigrationException">A migration failed; its transaction was rolled back.</exception>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken);
}

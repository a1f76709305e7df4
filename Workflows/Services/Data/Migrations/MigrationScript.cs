namespace OrleansPlatform.Workflows.Data.Migrations;

/// <summary>One numbered migration file, e.g. <c>sql/postgres/0006_catalog.sql</c>.</summary>
/// <param name="Version">The number the file name starts with; migrations apply in ascending order.</param>
/// <param name="FileName">The file name, e.g. <c>0006_catalog.sql</c>; recorded in <c>schema_migrations.name</c>.</param>
/// <param name="Path">The path in the repository, e.g. <c>sql/postgres/0006_catalog.sql</c>, for messages.</param>
/// <param name="Sql">The script; it runs inside one transaction.</param>
public sealed record MigrationScript(int Version, string FileName, string Path, string Sql);

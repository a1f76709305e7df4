namespace OrleansPlatform.Workflows.Data.Migrations;

/// <summary>
/// Migrations a project ships for the tables it owns. Every source registered in DI is applied by
/// <see cref="ISchemaMigrator"/>; versions are unique across sources (one numbering for the whole database).
/// </summary>
public interface IMigrationSource
{
    /// <summary>The scripts for <paramref name="provider"/>.</summary>
    IEnumerable<MigrationScript> Scripts(DatabaseProvider provider);
}

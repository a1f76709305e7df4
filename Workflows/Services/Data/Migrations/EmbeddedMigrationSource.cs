using System.Globalization;
using System.Reflection;

namespace OrleansPlatform.Workflows.Data.Migrations;

/// <summary>
/// The migration scripts an assembly embeds from the repository's <c>sql/{provider}/NNNN_name.sql</c> files, as
/// resources with the logical name <c>sql/{provider}/NNNN_name.sql</c>.
/// </summary>
public sealed class EmbeddedMigrationSource(Assembly assembly) : IMigrationSource
{
    /// <summary>The folder under <c>sql/</c> that holds a provider's scripts.</summary>
    public static string FolderOf(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "sqlite",
        DatabaseProvider.Postgres => "postgres",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    public IEnumerable<MigrationScript> Scripts(DatabaseProvider provider)
    {
        var prefix = $"sql/{FolderOf(provider)}/";
        foreach (var resourceName in assembly.GetManifestResourceNames())
        {
            var path = resourceName.Replace('\\', '/');
            if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = path[prefix.Length..];
            yield return new MigrationScript(ParseVersion(fileName, path), fileName, path, ReadResource(resourceName));
        }
    }

    /// <inheritdoc />
    public override string ToString() => assembly.GetName().Name ?? "(assembly)";

    private static int ParseVersion(string fileName, string path)
    {
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0
            || fileName.Contains('/', StringComparison.Ordinal)
            || !int.TryParse(fileName.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || version <= 0)
        {
            throw new InvalidOperationException($"Migration {path} is not named NNNN_name.sql with a positive number NNNN.");
        }

        return version;
    }

    private string ReadResource(string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource {resourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

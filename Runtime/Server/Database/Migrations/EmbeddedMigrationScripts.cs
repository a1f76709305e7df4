using System.Globalization;
using System.Reflection;

namespace OrleansPlatform.Runtime.Database.Migrations;

/// <summary>
/// Loads the migration scripts embedded from the repository's <c>sql/{provider}/NNNN_name.sql</c> files
/// (logical resource names <c>sql/{provider}/NNNN_name.sql</c>, see Server.csproj).
/// </summary>
internal static class EmbeddedMigrationScripts
{
    /// <summary>The folder under <c>sql/</c> that holds a provider's scripts.</summary>
    public static string FolderOf(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "sqlite",
        DatabaseProvider.Postgres => "postgres",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>The provider's scripts in ascending version order.</summary>
    public static IReadOnlyList<MigrationScript> Load(DatabaseProvider provider)
    {
        var assembly = typeof(EmbeddedMigrationScripts).Assembly;
        var prefix = $"sql/{FolderOf(provider)}/";
        var scripts = new List<MigrationScript>();
        foreach (var resourceName in assembly.GetManifestResourceNames())
        {
            var path = resourceName.Replace('\\', '/');
            if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = path[prefix.Length..];
            scripts.Add(new MigrationScript(ParseVersion(fileName, path), fileName, path, ReadResource(assembly, resourceName)));
        }

        scripts.Sort((left, right) => left.Version.CompareTo(right.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"Migrations {scripts[i - 1].Path} and {scripts[i].Path} have the same version {scripts[i].Version}.");
            }
        }

        return scripts;
    }

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

    private static string ReadResource(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource {resourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

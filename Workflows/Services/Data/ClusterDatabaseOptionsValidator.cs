using Microsoft.Extensions.Options;

namespace OrleansPlatform.Workflows.Data;

/// <summary>Rejects an unknown provider name or a connection string its provider cannot parse, in one message.</summary>
internal sealed class ClusterDatabaseOptionsValidator : IValidateOptions<ClusterDatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterDatabaseOptions options)
    {
        var problems = new List<string>(2);
        if (!ClusterDatabaseOptions.TryParseProvider(options.Provider, out var provider))
        {
            problems.Add($"Database:Provider '{options.Provider}' is not a known database provider; use 'Sqlite' or 'Postgres'.");
        }
        else if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add("Database:ConnectionString is empty; set the connection string of the cluster database.");
        }
        else
        {
            try
            {
                // Parse only (no connection): a typo in a key is reported now, without echoing the value (it may hold a password).
                _ = provider == DatabaseProvider.Postgres
                    ? new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString).ConnectionString
                    : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).ConnectionString;
            }
            catch (ArgumentException exception)
            {
                problems.Add($"Database:ConnectionString is not a valid {provider} connection string ({exception.Message}).");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(string.Join(" ", problems));
    }
}

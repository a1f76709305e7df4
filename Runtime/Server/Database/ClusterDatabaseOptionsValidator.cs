using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Database;

/// <summary>Rejects an unknown provider name or an empty connection string, in one message.</summary>
internal sealed class ClusterDatabaseOptionsValidator : IValidateOptions<ClusterDatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterDatabaseOptions options)
    {
        var problems = new List<string>(2);
        if (!ClusterDatabaseOptions.TryParseProvider(options.Provider, out _))
        {
            problems.Add($"Database:Provider '{options.Provider}' is not a known database provider; use 'Sqlite' or 'Postgres'.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add("Database:ConnectionString is empty; set the connection string of the cluster database.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(string.Join(" ", problems));
    }
}

using Dapper;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Hosting;

namespace OrleansPlatform.Runtime.GrainDirectory;

/// <summary>The grain directory as a table of the cluster database (parameterised SQL only).</summary>
internal sealed class AdoNetGrainDirectory : IGrainDirectory
{
    private const string ActiveStatus = "2";
    private readonly IClusterDatabase _database;
    private readonly string _clusterId;
    private readonly string _register;

    public AdoNetGrainDirectory(IClusterDatabase database, IOptions<SiloOptions> silo)
    {
        _database = database;
        _clusterId = silo.Value.ClusterId;
        var now = database.Provider == DatabaseProvider.Postgres
            ? "(extract(epoch from clock_timestamp()) * 1000)::bigint"
            : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
        _register = "INSERT INTO grain_directory (cluster_id, grain_id, silo_id, activation_id, registered_at_ms) "
            + $"SELECT @Cluster, @Grain, @Silo, @Activation, {now} "
            + $"WHERE EXISTS (SELECT 1 FROM membership WHERE cluster_id = @Cluster AND silo_id = @Silo AND status = {ActiveStatus}) "
            + "ON CONFLICT (cluster_id, grain_id) DO NOTHING";
    }

    public async Task<DirectoryEntry?> RegisterAsync(GrainId grainId, string siloId, string activationId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            _register,
            new { Cluster = _clusterId, Grain = grainId.ToString(), Silo = siloId, Activation = activationId },
            cancellationToken: cancellationToken));
        var entry = await LookupAsync(connection, grainId, cancellationToken);
        return inserted == 0 && entry is null ? null : entry;
    }

    public async Task<DirectoryEntry?> LookupAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await LookupAsync(connection, grainId, cancellationToken);
    }

    public async Task UnregisterAsync(DirectoryEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM grain_directory WHERE cluster_id = @Cluster AND grain_id = @Grain AND activation_id = @Activation",
            new { Cluster = _clusterId, Grain = entry.GrainId.ToString(), Activation = entry.ActivationId },
            cancellationToken: cancellationToken));
    }

    public async Task UnregisterIfOwnerDeadAsync(DirectoryEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM grain_directory WHERE cluster_id = @Cluster AND grain_id = @Grain AND activation_id = @Activation "
            + "AND NOT EXISTS (SELECT 1 FROM membership WHERE cluster_id = @Cluster AND silo_id = @Silo AND status <> 4)",
            new { Cluster = _clusterId, Grain = entry.GrainId.ToString(), Activation = entry.ActivationId, Silo = entry.SiloId },
            cancellationToken: cancellationToken));
    }

    public async Task<int> RemoveSiloAsync(string siloId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM grain_directory WHERE cluster_id = @Cluster AND silo_id = @Silo",
            new { Cluster = _clusterId, Silo = siloId },
            cancellationToken: cancellationToken));
    }

    private async Task<DirectoryEntry?> LookupAsync(System.Data.Common.DbConnection connection, GrainId grainId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string SiloId, string ActivationId)?>(new CommandDefinition(
            "SELECT silo_id, activation_id FROM grain_directory WHERE cluster_id = @Cluster AND grain_id = @Grain",
            new { Cluster = _clusterId, Grain = grainId.ToString() },
            cancellationToken: cancellationToken));
        return row is { } found ? new DirectoryEntry(grainId, found.SiloId, found.ActivationId) : null;
    }
}

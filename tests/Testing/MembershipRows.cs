using Dapper;
using Npgsql;

namespace OrleansPlatform.Testing;

/// <summary>
/// Rows of Orleans' membership table (<c>OrleansMembershipTable</c>, PostgreSQL only) written directly, for tests of what
/// is fenced on a silo's membership: a silo that never ran, marked Active (3) or Dead (6) at will.
/// </summary>
public static class MembershipRows
{
    /// <summary>Orleans' <c>SiloStatus.Active</c>.</summary>
    public const int Active = 3;

    /// <summary>Orleans' <c>SiloStatus.Stopping</c>.</summary>
    public const int Stopping = 5;

    /// <summary>Orleans' <c>SiloStatus.Dead</c>.</summary>
    public const int Dead = 6;

    /// <summary>A silo identity no real silo has: loopback address, a random port and generation.</summary>
    public static FakeSilo NewSilo(string? clusterId = null) => new(
        clusterId ?? "c" + Guid.NewGuid().ToString("N")[..12],
        $"127.0.0.{Random.Shared.Next(2, 250)}",
        Random.Shared.Next(20000, 60000),
        Random.Shared.Next(1, int.MaxValue));

    /// <summary>Inserts <paramref name="silo"/>'s row (and its cluster's version row if missing) with <paramref name="status"/>.</summary>
    public static async Task InsertAsync(TestDatabase database, FakeSilo silo, int status)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(silo);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@ClusterId) ON CONFLICT (DeploymentId) DO NOTHING",
            new { silo.ClusterId });
        await connection.ExecuteAsync(
            "INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime) "
            + "VALUES (@ClusterId, @Address, @Port, @Generation, @SiloName, 'test-host', @Status, 0, now(), now())",
            new { silo.ClusterId, silo.Address, silo.Port, silo.Generation, SiloName = "fake-" + silo.Port, Status = status });
    }

    /// <summary>Sets the status of <paramref name="silo"/>'s row; fails unless exactly one row changed.</summary>
    public static async Task SetStatusAsync(TestDatabase database, FakeSilo silo, int status)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(silo);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var updated = await connection.ExecuteAsync(
            "UPDATE OrleansMembershipTable SET Status = @Status WHERE DeploymentId = @ClusterId AND Address = @Address AND Port = @Port AND Generation = @Generation",
            new { Status = status, silo.ClusterId, silo.Address, silo.Port, silo.Generation });
        if (updated != 1)
        {
            throw new InvalidOperationException($"No membership row of {silo} to update.");
        }
    }
}

/// <summary>A silo incarnation as Orleans' membership table keys it.</summary>
public sealed record FakeSilo(string ClusterId, string Address, int Port, int Generation)
{
    /// <summary>The silo id as Orleans' <c>SiloAddress.ToParsableString()</c> writes it: <c>address:port@generation</c>.</summary>
    public string SiloId => $"{Address}:{Port}@{Generation}";

    /// <inheritdoc />
    public override string ToString() => $"{SiloId} in {ClusterId}";
}

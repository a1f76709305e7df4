using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Grains.Silos;

/// <summary>
/// Short numbers for silo incarnations (<c>silo_incarnations</c>): this silo takes its number before it serves, and the
/// silo behind any number is looked up once and remembered (a number never changes its silo). Session records carry
/// the number instead of the 25-odd characters of an Orleans address.
/// </summary>
public sealed class SiloIncarnations(
    IClusterDatabase database,
    ILocalSiloDetails silo,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<long, string?> known = new();
    private long local;

    /// <summary>This silo's incarnation number (0 until it registered, before it serves).</summary>
    public long Local => Interlocked.Read(ref local);

    /// <summary>The silo address (<c>address:port@generation</c>) of incarnation <paramref name="incarnation"/>, or null when unknown.</summary>
    public async ValueTask<string?> SiloOfAsync(long incarnation, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(incarnation, out var siloId))
        {
            return siloId;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        siloId = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT silo_id FROM silo_incarnations WHERE incarnation = @Incarnation", new { Incarnation = incarnation }, cancellationToken: cancellationToken));
        if (siloId is not null)
        {
            known[incarnation] = siloId;
        }

        return siloId;
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(SiloIncarnations), ServiceLifecycleStage.ApplicationServices, RegisterAsync);
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var siloId = silo.SiloAddress.ToParsableString();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);

        // An upsert that changes nothing, so RETURNING gives the number whether it is new or not.
        var number = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO silo_incarnations (silo_id, registered_at) VALUES (@SiloId, @At)
            ON CONFLICT (silo_id) DO UPDATE SET silo_id = excluded.silo_id
            RETURNING incarnation
            """,
            new { SiloId = siloId, At = time.GetUtcNow() },
            cancellationToken: cancellationToken));
        known[number] = siloId;
        Interlocked.Exchange(ref local, number);
    }
}

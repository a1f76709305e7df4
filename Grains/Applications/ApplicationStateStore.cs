using Dapper;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Registry;

namespace OrleansPlatform.Grains.Applications;

/// <summary>The <c>application_states</c> table and the live-session counts that decide when a drain is over.</summary>
internal sealed class ApplicationStateStore(IClusterDatabase database)
{
    /// <summary>Every stored state (applications without a row are enabled).</summary>
    public async Task<IReadOnlyDictionary<string, (ApplicationState State, DateTimeOffset ChangedAt)>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string App, string State, string ChangedAt)>(new CommandDefinition(
            "SELECT app_id, state, CAST(changed_at AS text) FROM application_states", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.App, r => (Parse(r.State), DatabaseTimestamps.Parse(r.ChangedAt)), StringComparer.Ordinal);
    }

    /// <summary>Stores <paramref name="state"/> for <paramref name="applicationId"/>.</summary>
    public async Task WriteAsync(string applicationId, ApplicationState state, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO application_states (app_id, state, changed_at) VALUES (@App, @State, @At)
            ON CONFLICT (app_id) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at
            """,
            new { App = applicationId, State = Name(state), At = at },
            cancellationToken: cancellationToken));
    }

    /// <summary>Live session records (not expired at <paramref name="now"/>) by application, then by the silo that served them last.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>> LiveSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string App, string Silo, long Sessions)>(new CommandDefinition(
            SessionRecordQueries.LiveByApplicationAndSilo, new { NowMs = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.App, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, int>)g.ToDictionary(r => r.Silo, r => (int)r.Sessions, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>Turns draining applications without live sessions into disabled ones; returns those it changed.</summary>
    public async Task<IReadOnlyList<string>> CompleteDrainsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var states = await ReadAsync(cancellationToken);
        var draining = states.Where(s => s.Value.State == ApplicationState.Draining).Select(s => s.Key).ToList();
        if (draining.Count == 0)
        {
            return [];
        }

        var live = await LiveSessionsAsync(now, cancellationToken);
        var done = new List<string>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        foreach (var app in draining.Where(app => !live.ContainsKey(app)))
        {
            // Only if it is still draining: an operator may have enabled it meanwhile.
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE application_states SET state = 'disabled', changed_at = @At WHERE app_id = @App AND state = 'draining'",
                new { App = app, At = now }, cancellationToken: cancellationToken));
            if (changed > 0)
            {
                done.Add(app);
            }
        }

        return done;
    }

    public static string Name(ApplicationState state) => state switch
    {
        ApplicationState.Enabled => "enabled",
        ApplicationState.Draining => "draining",
        _ => "disabled",
    };

    private static ApplicationState Parse(string state) => state switch
    {
        "draining" => ApplicationState.Draining,
        "disabled" => ApplicationState.Disabled,
        _ => ApplicationState.Enabled,
    };
}

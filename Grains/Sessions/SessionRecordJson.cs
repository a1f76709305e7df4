using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// SQL over stored session records (the <c>grain_state</c> view, state name <c>session</c>), for operators' counts: the
/// JSON paths of <see cref="SessionRecord"/>'s fields in each dialect, in one place.
/// </summary>
public static class SessionRecordJson
{
    /// <summary>Live records (not expired at <c>@NowMs</c>) counted by application and last silo: columns <c>App</c>, <c>Silo</c>, <c>Sessions</c>.</summary>
    public static string LiveByApplicationAndSilo(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? """
          SELECT state->>'App' AS App, state->>'Silo' AS Silo, count(*)::integer AS Sessions
          FROM grain_state WHERE state_name = 'session' AND state IS NOT NULL AND (state->>'Expires')::bigint > @NowMs
          GROUP BY 1, 2
          """
        : """
          SELECT json_extract(state, '$.App') AS App, json_extract(state, '$.Silo') AS Silo, count(*) AS Sessions
          FROM grain_state WHERE state_name = 'session' AND state IS NOT NULL AND CAST(json_extract(state, '$.Expires') AS INTEGER) > @NowMs
          GROUP BY 1, 2
          """;

    /// <summary>
    /// Stored session records counted by status at <c>@NowMs</c>: columns <c>Status</c> (<c>live</c>, <c>expired</c> not yet
    /// cleaned up, <c>ended</c>: cleared) and <c>Sessions</c>.
    /// </summary>
    public static string CountByStatus(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? """
          SELECT CASE WHEN state IS NULL THEN 'ended' WHEN (state->>'Expires')::bigint > @NowMs THEN 'live' ELSE 'expired' END AS Status,
                 count(*)::integer AS Sessions
          FROM grain_state WHERE state_name = 'session'
          GROUP BY 1
          """
        : """
          SELECT CASE WHEN state IS NULL THEN 'ended' WHEN CAST(json_extract(state, '$.Expires') AS INTEGER) > @NowMs THEN 'live' ELSE 'expired' END AS Status,
                 count(*) AS Sessions
          FROM grain_state WHERE state_name = 'session'
          GROUP BY 1
          """;
}

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// SQL over stored session records, for operators' counts. It reads the <c>session_records</c> view, the one place
/// that knows the record's JSON layout (see <see cref="SessionRecord"/>), so these statements are the same in both dialects.
/// </summary>
public static class SessionRecordQueries
{
    /// <summary>Live records (not expired at <c>@NowMs</c>) counted by application and last silo: columns <c>App</c>, <c>Silo</c>, <c>Sessions</c>.</summary>
    public const string LiveByApplicationAndSilo =
        """
        SELECT app AS App, coalesce(silo, '') AS Silo, CAST(count(*) AS integer) AS Sessions
        FROM session_records WHERE state IS NOT NULL AND expires_ms > @NowMs
        GROUP BY app, silo
        """;

    /// <summary>
    /// Stored session records counted by status at <c>@NowMs</c>: columns <c>Status</c> (<c>live</c>, <c>expired</c> not yet
    /// cleaned up, <c>ended</c>: cleared) and <c>Sessions</c>.
    /// </summary>
    public const string CountByStatus =
        """
        SELECT CASE WHEN state IS NULL THEN 'ended' WHEN expires_ms > @NowMs THEN 'live' ELSE 'expired' END AS Status,
               CAST(count(*) AS integer) AS Sessions
        FROM session_records
        GROUP BY 1
        """;
}

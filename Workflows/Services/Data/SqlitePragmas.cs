namespace OrleansPlatform.Workflows.Data;

/// <summary>How every connection to the embedded SQLite file is set up, by the platform and by Orleans' providers alike.</summary>
public static class SqlitePragmas
{
    /// <summary>
    /// Run after each open: wait up to 10 s for a busy lock (first, so that switching to WAL also waits), WAL journaling
    /// (readers do not block the writer), and <c>synchronous=NORMAL</c> (in WAL mode: durable across a process crash; the
    /// last commits can be lost only if the machine loses power).
    /// </summary>
    public const string Connection = "PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
}

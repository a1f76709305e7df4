namespace OrleansPlatform.LoadTool;

/// <summary>The server's durability settings while it was measured, and what they amount to.</summary>
public sealed record PostgresDurability(string Fsync, string SynchronousCommit, string FullPageWrites, string ServerVersion)
{
    /// <summary>"durable" when a commit is on disk before it is acknowledged and a crash cannot tear a page.</summary>
    public string Mode =>
        Fsync == "off" ? "fast (fsync off)"
        : SynchronousCommit == "off" || FullPageWrites == "off" ? "partly durable"
        : "durable";

    public override string ToString() =>
        $"{Mode}: fsync={Fsync}, synchronous_commit={SynchronousCommit}, full_page_writes={FullPageWrites}; PostgreSQL {ServerVersion}";
}

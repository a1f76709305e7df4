namespace OrleansPlatform.Runtime.Membership;

/// <summary>A <c>membership</c> row as Dapper reads it (columns aliased to these names; JSON columns as text).</summary>
internal sealed class MembershipRow
{
    public string SiloId { get; set; } = string.Empty;

    public string Host { get; set; } = string.Empty;

    public long Port { get; set; }

    public long Generation { get; set; }

    public string SiloName { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public long Pid { get; set; }

    public long Status { get; set; }

    public long StartedAtMs { get; set; }

    public long HeartbeatAtMs { get; set; }

    public string? Suspicions { get; set; }

    public string? Load { get; set; }

    public string? ConfigDigest { get; set; }
}

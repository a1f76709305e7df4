namespace OrleansPlatform.Gateway.Admission;

/// <summary>How many requests the Gateway works on at once (section <c>Gateway</c>); the rest are refused at once with 503.</summary>
public sealed class GatewayAdmissionOptions
{
    /// <summary>The configuration section: <c>Gateway</c>.</summary>
    public const string SectionName = "Gateway";

    /// <summary>
    /// Most requests to sessions, pages and the cluster API in progress at once in this Gateway. Beyond it a request
    /// waits in line (<see cref="MaxQueuedRequests"/>). This bounds the work (and memory) the Gateway hands the silos,
    /// so admitted requests keep their latency when more arrive than the cluster can serve. Default 256.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 256;

    /// <summary>
    /// Most requests waiting for a free slot, first come first served; one more is answered 503 with Retry-After at
    /// once, without touching a silo. 0 refuses at once whenever every slot is taken. Default 256.
    /// </summary>
    public int MaxQueuedRequests { get; set; } = 256;
}

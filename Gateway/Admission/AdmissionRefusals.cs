using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Gateway.Admission;

/// <summary>
/// Counts requests refused for overload and says so at most every 10 s (a warning per refusal would flood the log
/// exactly when the machine has the least to spare). The count is also in ASP.NET Core's rate-limiting metrics
/// (<c>aspnetcore.rate_limiting.requests</c>, result <c>global_limiter</c>).
/// </summary>
internal sealed partial class AdmissionRefusals(
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<AdmissionRefusals> logger)
{
    private static readonly TimeSpan ReportPeriod = TimeSpan.FromSeconds(10);
    private readonly Lock gate = new();
    private long total;
    private long totalAtLastReport;
    private long lastReport = long.MinValue;

    /// <summary>Requests refused since the Gateway started.</summary>
    public long Total => Interlocked.Read(ref total);

    public void Refused()
    {
        long count;
        Interlocked.Increment(ref total);
        lock (gate)
        {
            var now = time.GetTimestamp();
            if (lastReport != long.MinValue && time.GetElapsedTime(lastReport, now) < ReportPeriod)
            {
                return;
            }

            var refusedSoFar = Interlocked.Read(ref total);
            (count, totalAtLastReport, lastReport) = (refusedSoFar - totalAtLastReport, refusedSoFar, now);
        }

        LogRefused(logger, count);
    }

    [LoggerMessage(EventId = 7300, Level = LogLevel.Warning, Message = "Over capacity: {Count} requests refused with 503 since the last report (Gateway:MaxConcurrentRequests and MaxQueuedRequests are full)")]
    private static partial void LogRefused(ILogger logger, long count);
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Gateway.Admission;

/// <summary>
/// The Gateway's one concurrency limit as ASP.NET Core's global limiter: limited paths share one
/// <see cref="ConcurrencyLimiter"/>, the others pass. Owned here rather than built by
/// <c>PartitionedRateLimiter.Create</c> so that its state can be read (<see cref="Snapshot"/>) and it is never
/// replaced: a partition limiter would be disposed and rebuilt after 10 s idle, losing its counters.
/// </summary>
internal sealed class AdmissionLimiter : PartitionedRateLimiter<HttpContext>
{
    private readonly ConcurrencyLimiter slots;
    private readonly GatewayAdmissionOptions limits;

    private readonly AdmissionRefusals refusals;

    public AdmissionLimiter(IOptions<GatewayAdmissionOptions> options, AdmissionRefusals refusals)
    {
        this.refusals = refusals;
        limits = options.Value;
        slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.MaxConcurrentRequests,
            QueueLimit = limits.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>The limit's state now.</summary>
    public AdmissionStatus Snapshot()
    {
        var statistics = slots.GetStatistics() ?? throw new InvalidOperationException("The concurrency limiter keeps no statistics.");
        return new AdmissionStatus(
            limits.MaxConcurrentRequests,
            limits.MaxQueuedRequests,
            limits.MaxConcurrentRequests - (int)statistics.CurrentAvailablePermits,
            (int)statistics.CurrentQueuedCount,
            statistics.TotalSuccessfulLeases,

            // Not the limiter's failed leases: ASP.NET Core tries a lease first and then waits in line, so each request
            // that queued counts as one failure there.
            refusals.Total);
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) =>
        GatewayAdmission.IsLimited(resource.Request.Path) ? slots.GetStatistics() : null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        GatewayAdmission.IsLimited(resource.Request.Path) ? slots.AttemptAcquire(permitCount) : UnlimitedLease.Instance;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        GatewayAdmission.IsLimited(resource.Request.Path)
            ? slots.AcquireAsync(permitCount, cancellationToken)
            : ValueTask.FromResult<RateLimitLease>(UnlimitedLease.Instance);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            slots.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await slots.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private sealed class UnlimitedLease : RateLimitLease
    {
        public static readonly UnlimitedLease Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

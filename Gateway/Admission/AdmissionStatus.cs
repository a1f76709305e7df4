namespace OrleansPlatform.Gateway.Admission;

/// <summary>
/// The Gateway's admission limit at one moment (<c>GET /admin/api/admission</c>): the configured slots and line, how
/// many of each are taken, and the requests admitted and refused since the Gateway started.
/// </summary>
public sealed record AdmissionStatus(int MaxConcurrentRequests, int MaxQueuedRequests, int InProgress, int Queued, long Admitted, long Refused);

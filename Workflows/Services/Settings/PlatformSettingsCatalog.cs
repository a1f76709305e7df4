using System.Globalization;

namespace OrleansPlatform.Workflows.Settings;

/// <summary>
/// The settings operators manage in the cluster database. Every other key stays in appsettings, the environment or the
/// command line. Defaults match the options classes' (a test checks it).
/// </summary>
public static class PlatformSettingsCatalog
{
    /// <summary>Every managed setting, by key.</summary>
    public static IReadOnlyDictionary<string, PlatformSetting> All { get; } = new PlatformSetting[]
    {
        new("Sessions:IdleTimeout", SettingKind.Duration, "00:20:00", "00:00:01", "7.00:00:00", Live: true, "An idle session expires after this long."),
        new("Sessions:MaxRecordBytes", SettingKind.Integer, "16384", "256", "16777216", Live: true, "The largest session record accepted, in bytes."),
        new("Sessions:WriteBehindDelay", SettingKind.Duration, "00:00:01", "00:00:00.0010000", "00:10:00", Live: true, "How long a write-behind session waits before writing its record."),
        new("Placement:WaitTimeout", SettingKind.Duration, "00:00:10", "00:00:00", "00:05:00", Live: true, "How long a new session waits for a slot when every silo is full."),
        new("Placement:MaxWaiting", SettingKind.Integer, "1000", "0", "1000000", Live: true, "Most new sessions waiting for a slot at once."),
        new("Placement:Capacity", SettingKind.Integer, "0", "0", "10000000", Live: false, "Most live sessions per silo (0: no limit)."),
        new("Placement:Weight", SettingKind.Number, "1", "0.001", "1000", Live: false, "A silo's share of the sessions relative to the others."),
        new("ClusterLocks:LeaseDuration", SettingKind.Duration, "00:00:10", "00:00:00.1000000", "1.00:00:00", Live: false, "A cluster lock not renewed for this long is free."),
        new("Gateway:CallAttemptTimeout", SettingKind.Duration, "00:00:03", "00:00:00.1000000", "00:05:00", Live: true, "One attempt of a session call before the Gateway sends it again."),
        new("Gateway:RetryBudget", SettingKind.Duration, "00:00:25", "00:00:01", "00:10:00", Live: true, "How long the Gateway keeps retrying a session call before answering 503."),
        new("Membership:ProbeTimeout", SettingKind.Duration, "00:00:01", "00:00:00.1000000", "00:01:00", Live: false, "Failure detection: the time a probe may take."),
        new("Membership:MaxProbeTimeout", SettingKind.Duration, "00:00:01", "00:00:00.1000000", "00:01:00", Live: false, "Failure detection: the cap on the adaptive probe timeout, and so the liveness window against a silent silo (unset: Membership:ProbeTimeout)."),
        new("Membership:NumMissedProbesLimit", SettingKind.Integer, "2", "1", "10", Live: false, "Failure detection: missed probes before a silo is suspected."),
        new("GatewayList:GatewayListRefreshPeriod", SettingKind.Duration, "00:00:00.5000000", "00:00:00.0500000", "00:10:00", Live: false, "Gateway (cluster mode): how often its Orleans client re-reads the live gateways."),
        new("GrainCollection:CollectionAge", SettingKind.Duration, "00:15:00", "00:01:00", "7.00:00:00", Live: false, "An idle activation is collected after this long."),
    }.ToDictionary(s => s.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Checks what single values cannot: that the settings in force together make sense (a call attempt may not outlast
    /// the whole retry budget). <paramref name="valueOf"/> gives each key's value in force (null: the default).
    /// </summary>
    public static bool CheckCombination(Func<string, string?> valueOf, out string error)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        var attempt = Duration(valueOf, "Gateway:CallAttemptTimeout");
        var budget = Duration(valueOf, "Gateway:RetryBudget");
        error = attempt > budget ? $"Gateway:CallAttemptTimeout ({attempt:c}) must not exceed Gateway:RetryBudget ({budget:c})." : string.Empty;
        return error.Length == 0;
    }

    private static TimeSpan Duration(Func<string, string?> valueOf, string key)
    {
        var setting = All[key];
        return TimeSpan.Parse(valueOf(key) is { } value && setting.TryNormalize(value, out var canonical, out _) ? canonical : setting.Default, CultureInfo.InvariantCulture);
    }

    /// <summary>The scope of a per-silo override: <c>silo:&lt;silo name&gt;</c>; the cluster-wide scope is <see cref="ClusterScope"/>.</summary>
    public static string SiloScope(string siloName) => "silo:" + siloName;

    /// <summary>The cluster-wide scope.</summary>
    public const string ClusterScope = "cluster";
}

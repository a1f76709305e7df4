using System.Text.RegularExpressions;
using OrleansPlatform.Grains.Broadcast;
using OrleansPlatform.Grains.Silos;
using OrleansPlatform.Silo.Hosting.Settings;
using OrleansPlatform.Workflows.Settings;

namespace OrleansPlatform.Gateway.Admin.Configuration;

/// <summary>
/// The managed settings for the admin console and API: what is stored (cluster-wide and per silo), the cluster's digest,
/// each silo's drift from it, and validated changes, announced to every silo at once (silos also poll every second).
/// </summary>
public sealed partial class SettingsDirectory(
    PlatformSettingsStore store,
    PlatformSettingsLayer layer,
    IGrainFactory grains,
    ILogger<SettingsDirectory> logger)
{
    private static readonly TimeSpan SiloAnswerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Every managed setting with its stored values, and the cluster's digest.</summary>
    public async Task<ConfigurationOverview> ReadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAllAsync(cancellationToken);
        var cluster = PlatformSettingsStore.ClusterValues(stored);
        var settings = PlatformSettingsCatalog.All.Values.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SettingView(
            s.Key,
            s.Kind,
            s.Default,
            s.Minimum,
            s.Maximum,
            s.Live,
            s.Description,
            cluster.GetValueOrDefault(s.Key),
            cluster.GetValueOrDefault(s.Key) ?? s.Default,
            stored.Where(v => v.Scope != PlatformSettingsCatalog.ClusterScope && string.Equals(v.Key, s.Key, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(v => SiloNameOf(v.Scope), v => v.Value, StringComparer.Ordinal))).ToList();
        return new ConfigurationOverview(Digest(cluster), settings);
    }

    /// <summary>The digest of the settings as the cluster sets them.</summary>
    public async Task<string> ClusterDigestAsync(CancellationToken cancellationToken) =>
        Digest(PlatformSettingsStore.ClusterValues(await store.ReadAllAsync(cancellationToken)));

    /// <summary>
    /// Validates and stores <paramref name="value"/> for <paramref name="key"/>, cluster-wide or for the silo named
    /// <paramref name="siloName"/>; the error names the key and says what is wrong.
    /// </summary>
    public async Task<(SettingChange? Change, string? Error)> SetAsync(string key, string? value, string? siloName, CancellationToken cancellationToken)
    {
        if (Validate(key, siloName) is { } invalid)
        {
            return (null, invalid);
        }

        var setting = PlatformSettingsCatalog.All[key];
        if (value is null)
        {
            return (null, $"{setting.Key}: give the new value as {{\"value\": \"...\"}}.");
        }

        if (!setting.TryNormalize(value, out var canonical, out var error))
        {
            return (null, error);
        }

        var scope = Scope(siloName);
        var stored = await store.ReadAllAsync(cancellationToken);
        if (!PlatformSettingsCatalog.CheckCombination(k => string.Equals(k, setting.Key, StringComparison.OrdinalIgnoreCase) ? canonical : ValueIn(stored, scope, k), out var combination))
        {
            return (null, combination);
        }

        await store.WriteAsync(scope, setting.Key, canonical, cancellationToken);
        await AnnounceAsync();
        return (new SettingChange(setting.Key, scope, canonical, setting.Live, Message(setting, siloName)), null);
    }

    /// <summary>Removes the stored value of <paramref name="key"/> (the default, or the cluster's value for a silo, applies again).</summary>
    public async Task<(SettingChange? Change, string? Error, bool NotSet)> RemoveAsync(string key, string? siloName, CancellationToken cancellationToken)
    {
        if (Validate(key, siloName) is { } invalid)
        {
            return (null, invalid, false);
        }

        var setting = PlatformSettingsCatalog.All[key];
        var scope = Scope(siloName);
        if (!await store.RemoveAsync(scope, setting.Key, cancellationToken))
        {
            return (null, $"{setting.Key} is not set in scope '{scope}'.", true);
        }

        await AnnounceAsync();
        return (new SettingChange(setting.Key, scope, null, setting.Live, Message(setting, siloName)), null, false);
    }

    /// <summary>Each active silo's settings in force against the cluster's, asking every silo (a silo that does not answer in time is left out).</summary>
    public async Task<IReadOnlyList<SiloDrift>> DriftAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAllAsync(cancellationToken);
        var cluster = PlatformSettingsStore.ClusterValues(stored);
        var clusterDigest = Digest(cluster);
        var members = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true, cancellationToken);
        var answers = await Task.WhenAll(members.Where(m => m.Status == SiloStatus.Active).Select(async member =>
        {
            var id = member.SiloAddress.ToParsableString();
            try
            {
                var settings = await grains.GetGrain<ISiloControlGrain>(id).Settings().WaitAsync(SiloAnswerTimeout, cancellationToken);
                var overrides = stored.Where(s => s.Scope == PlatformSettingsCatalog.SiloScope(member.SiloName)).Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var differences = settings.Effective
                    .Select(kv => (Setting: PlatformSettingsCatalog.All[kv.Key], Silo: kv.Value))
                    .Select(p => (p.Setting, p.Silo, Cluster: Canonical(p.Setting, cluster.GetValueOrDefault(p.Setting.Key))))
                    .Where(p => !string.Equals(p.Silo, p.Cluster, StringComparison.Ordinal))
                    .Select(p => new SettingDifference(p.Setting.Key, p.Cluster, p.Silo, overrides.Contains(p.Setting.Key) ? "silo override" : !p.Setting.Live ? "restart needed" : "local configuration"))
                    .ToList();
                return new SiloDrift(id, member.SiloName, settings.Digest, string.Equals(settings.Digest, clusterDigest, StringComparison.Ordinal), differences);
            }
            catch (Exception exception) when (exception is TimeoutException or OrleansException)
            {
                LogSiloDidNotAnswer(logger, SiloLabels.Of(member.SiloName, id), exception);
                return null;
            }
        }));
        return answers.OfType<SiloDrift>().OrderBy(d => d.SiloName, StringComparer.Ordinal).ToList();
    }

    private static string Digest(IReadOnlyDictionary<string, string> cluster) => ConfigurationDigest.Of(key => cluster.GetValueOrDefault(key));

    private static string Canonical(PlatformSetting setting, string? value) =>
        value is not null && setting.TryNormalize(value, out var canonical, out _) ? canonical : setting.Default;

    // The value a process in scope would run with: the silo's override, else the cluster's value.
    private static string? ValueIn(IReadOnlyList<StoredSetting> stored, string scope, string key) =>
        stored.FirstOrDefault(s => s.Scope == scope && string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase))?.Value
        ?? stored.FirstOrDefault(s => s.Scope == PlatformSettingsCatalog.ClusterScope && string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase))?.Value;

    private static string? Validate(string key, string? siloName)
    {
        if (!PlatformSettingsCatalog.All.ContainsKey(key))
        {
            return $"Unknown setting '{Truncate(key)}'. Managed settings: {string.Join(", ", PlatformSettingsCatalog.All.Keys.Order(StringComparer.Ordinal))}.";
        }

        return siloName is not null && !SiloName().IsMatch(siloName)
            ? $"'{Truncate(siloName)}' is not a silo name (letters, digits, '.', '_' and '-', at most 100)."
            : null;
    }

    private static string Scope(string? siloName) => siloName is null ? PlatformSettingsCatalog.ClusterScope : PlatformSettingsCatalog.SiloScope(siloName);

    private static string SiloNameOf(string scope) => scope.StartsWith("silo:", StringComparison.Ordinal) ? scope["silo:".Length..] : scope;

    private static string Message(PlatformSetting setting, string? siloName) =>
        (setting.Live, siloName) switch
        {
            (true, null) => "Applied live: every silo and Gateway uses it within a second.",
            (true, _) => $"Applied live on silo '{siloName}' within a second.",
            (false, null) => "Restart needed: stored, and in force on each silo once it restarts.",
            _ => $"Restart needed: stored, and in force on silo '{siloName}' once it restarts.",
        };

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";

    // Silos reload at once on the broadcast; the Gateway reloads its own layer here. Both also poll, so a failed
    // announcement only delays the change by up to a second.
    private async Task AnnounceAsync()
    {
        layer.Reload();
        try
        {
            await grains.GetGrain<ISettingsAdminGrain>("admin").Changed().WaitAsync(SiloAnswerTimeout);
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            LogAnnounceFailed(logger, exception);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex SiloName();

    [LoggerMessage(EventId = 7200, Level = LogLevel.Warning, Message = "Announcing a settings change to the silos failed; they pick it up within a second anyway")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Silo {Silo} did not report its settings in time")]
    private static partial void LogSiloDidNotAnswer(ILogger logger, string silo, Exception exception);
}

using System.Globalization;
using Orleans.Configuration;
using OrleansPlatform.Gateway.Sessions;
using OrleansPlatform.Grains.Placement;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Silo.Hosting.Clustering;
using OrleansPlatform.Workflows.Locks;
using OrleansPlatform.Workflows.Settings;

namespace OrleansPlatform.Gateway.Tests.Configuration;

/// <summary>
/// The catalog's defaults are what the console shows and what the digest assumes when nothing is set; they must be
/// what the options classes really default to, or every silo would look drifted (or worse, not drifted when it is).
/// </summary>
public sealed class PlatformSettingsCatalogDefaultsTests
{
    public static TheoryData<string, string> Actual()
    {
        var sessions = new SessionOptions();
        var placement = new SessionPlacementOptions();
        var client = new SessionClientOptions();
        var locks = new ClusterLockOptions();
        var membership = new ClusterMembershipOptions();
        MembershipDefaults.Apply(membership);
        MembershipDefaults.CapProbeTimeout(membership, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var collection = new GrainCollectionOptions();
        return new TheoryData<string, string>
        {
            { "Sessions:IdleTimeout", D(sessions.IdleTimeout) },
            { "Sessions:MaxRecordBytes", I(sessions.MaxRecordBytes) },
            { "Sessions:WriteBehindDelay", D(sessions.WriteBehindDelay) },
            { "Placement:WaitTimeout", D(placement.WaitTimeout) },
            { "Placement:MaxWaiting", I(placement.MaxWaiting) },
            { "Placement:Capacity", I(placement.Capacity) },
            { "Placement:Weight", placement.Weight.ToString("R", CultureInfo.InvariantCulture) },
            { "ClusterLocks:LeaseDuration", D(locks.LeaseDuration) },
            { "Gateway:CallAttemptTimeout", D(client.CallAttemptTimeout) },
            { "Gateway:RetryBudget", D(client.RetryBudget) },
            { "Membership:ProbeTimeout", D(membership.ProbeTimeout) },
            { "Membership:MaxProbeTimeout", D(membership.MaxProbeTimeout) },
            { "Membership:NumMissedProbesLimit", I(membership.NumMissedProbesLimit) },
            { "GatewayList:GatewayListRefreshPeriod", D(Silo.Hosting.PlatformHostingExtensions.DefaultGatewayListRefreshPeriod) },
            { "GrainCollection:CollectionAge", D(collection.CollectionAge) },
        };
    }

    [Theory]
    [MemberData(nameof(Actual))]
    public void Each_default_is_the_options_default(string key, string optionsDefault) =>
        Assert.Equal(optionsDefault, PlatformSettingsCatalog.All[key].Default);

    [Fact]
    public void Every_managed_setting_is_checked() =>
        Assert.Equal(PlatformSettingsCatalog.All.Keys.Order(StringComparer.Ordinal), Actual().Select(row => (string)row[0]).Order(StringComparer.Ordinal));

    private static string D(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}

using OrleansPlatform.Grains.Sessions;

namespace OrleansPlatform.Grains.Applications;

/// <summary>
/// Enables and disables applications cluster-wide (any key; a stateless worker). A change is stored first, then
/// delivered to every silo before the call returns, so the cluster refuses or accepts sessions accordingly at once; it
/// survives a restart of the whole cluster.
/// </summary>
[Alias("op.application-admin")]
public interface IApplicationAdminGrain : IGrainWithStringKey
{
    /// <summary>Every registered application with its state and live sessions.</summary>
    [Alias("overview")]
    Task<IReadOnlyList<ApplicationOverview>> Overview();

    /// <summary>Disables <paramref name="applicationId"/>: at once, or gracefully (draining until its sessions are gone).</summary>
    /// <exception cref="ApplicationNotFoundException">No such application.</exception>
    [Alias("disable")]
    Task<ApplicationOverview> Disable(string applicationId, bool graceful);

    /// <summary>Enables <paramref name="applicationId"/> again.</summary>
    /// <exception cref="ApplicationNotFoundException">No such application.</exception>
    [Alias("enable")]
    Task<ApplicationOverview> Enable(string applicationId);
}

using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Workflows.Locks;

/// <summary>Binds <see cref="ClusterLockOptions"/> from <c>ClusterLocks</c>.</summary>
internal sealed class ClusterLockOptionsBinder(IServiceProvider services)
    : ConfigurationSectionBinder<ClusterLockOptions>(services, ClusterLockOptions.SectionName);

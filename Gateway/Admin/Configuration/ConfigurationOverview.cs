namespace OrleansPlatform.Gateway.Admin.Configuration;

/// <summary>The managed settings for operators: each one with its stored values, and the digest of the cluster's.</summary>
/// <param name="ClusterDigest">The digest of the settings as the cluster sets them: defaults overlaid with the stored cluster-wide values.</param>
/// <param name="Settings">Every managed setting, by key.</param>
public sealed record ConfigurationOverview(string ClusterDigest, IReadOnlyList<SettingView> Settings);

using Orleans.Placement;

namespace OrleansPlatform.Grains.Placement;

/// <summary>Marks a grain class placed on a silo other than its caller's (see <see cref="AwayFromCallerPlacement"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class AwayFromCallerPlacementAttribute : PlacementAttribute
{
    public AwayFromCallerPlacementAttribute()
        : base(AwayFromCallerPlacement.Instance)
    {
    }
}

using Orleans.Placement;

namespace OrleansPlatform.Grains.Placement;

/// <summary>Marks a grain class keyed by a silo address and placed on that silo (see <see cref="SiloBoundPlacement"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloBoundPlacementAttribute : PlacementAttribute
{
    public SiloBoundPlacementAttribute()
        : base(SiloBoundPlacement.Instance)
    {
    }
}

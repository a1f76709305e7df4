using Orleans.Placement;

namespace OrleansPlatform.Grains.Placement;

/// <summary>Marks a grain class whose activations are admitted and placed as sessions are (see <see cref="SessionPlacement"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SessionPlacementAttribute : PlacementAttribute
{
    public SessionPlacementAttribute()
        : base(SessionPlacement.Instance)
    {
    }
}

namespace OrleansPlatform.Runtime.Membership;

/// <summary>A silo's status in the membership table (stored as its number).</summary>
public enum SiloStatus
{
    /// <summary>Unknown or absent.</summary>
    None = 0,

    /// <summary>Started, checking connectivity; hosts nothing yet.</summary>
    Joining = 1,

    /// <summary>Serving: may register activations and take calls.</summary>
    Active = 2,

    /// <summary>Leaving gracefully: drains, hands off, takes no new activations.</summary>
    ShuttingDown = 3,

    /// <summary>Declared dead (or left); never serves again under this generation.</summary>
    Dead = 4,
}

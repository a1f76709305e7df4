namespace OrleansPlatform.Grains.Isolation;

/// <summary>What a check did to the database lease.</summary>
internal enum LeaseTransition
{
    /// <summary>Nothing changed.</summary>
    None,

    /// <summary>The lease ran out: the silo is isolated now.</summary>
    Lost,

    /// <summary>A check succeeded again: the silo serves again.</summary>
    Regained,
}

namespace OrleansPlatform.Runtime.Catalog;

/// <summary>Life stages of an activation.</summary>
internal enum ActivationState
{
    /// <summary>Constructing the grain, loading state, running OnActivateAsync; requests queue.</summary>
    Activating,

    /// <summary>Serving requests.</summary>
    Valid,

    /// <summary>Finishing running turns, then OnDeactivateAsync; new requests go to the next activation.</summary>
    Deactivating,

    /// <summary>Gone from the catalog.</summary>
    Invalid,
}

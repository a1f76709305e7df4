namespace OrleansPlatform.Runtime;

/// <summary>Gets references to grains. A reference is cheap; the grain is activated on its first call.</summary>
public interface IGrainFactory
{
    /// <summary>Gets a reference to the string-keyed grain <paramref name="key"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;

    /// <summary>Gets a reference to the Guid-keyed grain <paramref name="key"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey;

    /// <summary>Gets a reference to the integer-keyed grain <paramref name="key"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(long key)
        where TGrainInterface : IGrainWithIntegerKey;

    /// <summary>Gets a reference of interface <typeparamref name="TGrainInterface"/> to the grain <paramref name="grainId"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain;
}

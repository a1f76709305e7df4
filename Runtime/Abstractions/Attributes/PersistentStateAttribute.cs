namespace OrleansPlatform.Runtime;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentState{T}"/>: the runtime injects a state bound to
/// the named state of this grain in the named storage provider, and reads it before <see cref="Grain.OnActivateAsync"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute : Attribute
{
    /// <summary>Binds the parameter to state <paramref name="stateName"/> in storage <paramref name="storageName"/>.</summary>
    public PersistentStateAttribute(string stateName, string storageName = "Default")
    {
        StateName = stateName;
        StorageName = storageName;
    }

    /// <summary>The state's name, unique within the grain.</summary>
    public string StateName { get; }

    /// <summary>The storage provider's name, as registered in the silo.</summary>
    public string StorageName { get; }
}

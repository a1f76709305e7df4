namespace OrleansPlatform.Runtime;

/// <summary>How a grain's key is typed; decides how the key string of a <see cref="GrainId"/> is parsed.</summary>
public enum GrainKeyKind
{
    /// <summary>A free-form string key.</summary>
    String = 0,

    /// <summary>A Guid key, stored in its 32-digit lowercase "N" form.</summary>
    Guid = 1,

    /// <summary>A 64-bit integer key, stored in invariant decimal form.</summary>
    Integer = 2,
}

namespace OrleansPlatform.Runtime.Messaging;

/// <summary>Reasons a silo gives for refusing a request it did not run.</summary>
internal static class RejectReasons
{
    /// <summary>The silo is not (or no longer) an active member.</summary>
    public const string NotServing = "not-serving";

    /// <summary>The grain's placement capacity on that silo is used up.</summary>
    public const string Full = "full";

    /// <summary>The request was forwarded too many times.</summary>
    public const string TooManyHops = "too-many-hops";

    /// <summary>The silo could not be reached; nothing was sent.</summary>
    public const string Unreachable = "unreachable";
}

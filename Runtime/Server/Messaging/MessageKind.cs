namespace OrleansPlatform.Runtime.Messaging;

/// <summary>What a request frame between silos (or from a client) carries.</summary>
internal enum MessageKind
{
    /// <summary>A grain call that expects a response.</summary>
    Call = 1,

    /// <summary>A one-way grain call.</summary>
    OneWay = 2,

    /// <summary>The interface to grain type map of the silo (for cluster clients).</summary>
    Manifest = 3,

    /// <summary>A broadcast channel message.</summary>
    Broadcast = 4,
}

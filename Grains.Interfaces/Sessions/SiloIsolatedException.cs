namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// The silo the call reached cannot reach the cluster database (its database lease ran out): it serves no session until
/// it can again. Nothing was applied; the caller retries (with the same seq), and the session answers from its stored
/// record on whichever silo serves it then.
/// </summary>
[GenerateSerializer]
[Alias("op.SiloIsolatedException")]
public sealed class SiloIsolatedException : Exception
{
    public SiloIsolatedException()
    {
    }

    public SiloIsolatedException(string message)
        : base(message)
    {
    }

    public SiloIsolatedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

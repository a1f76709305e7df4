using System.Text.Json;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// A session's persisted record (grain state <c>session</c>, stored as JSON): the application version, the pools in
/// canonical form (which include the position: the stack of composites and their current steps), the silo that
/// served it last, when it was last touched and when it expires, and the last applied client seq. Also an Orleans
/// serializable type: when a silo shuts down gracefully, Orleans migrates a session activation that has requests
/// waiting, with its state, to another silo instead of dropping it.
/// </summary>
[GenerateSerializer]
[Alias("op.session-record")]
public sealed class SessionRecord
{
    /// <summary>How records are written as JSON: in storage (the grain-storage serializer uses the same options) and in backups.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>The application id.</summary>
    [Id(0)]
    public string App { get; set; } = string.Empty;

    /// <summary>The application version the session started on.</summary>
    [Id(1)]
    public string Version { get; set; } = string.Empty;

    /// <summary>The current position, e.g. <c>order-entry/checkout/review</c> (also in <see cref="Pools"/>; kept for operators).</summary>
    [Id(2)]
    public string At { get; set; } = string.Empty;

    /// <summary>The pools as logical references.</summary>
    [Id(3)]
    public JsonElement Pools { get; set; }

    /// <summary>The silo that wrote the record: its Orleans address (<c>address:port@generation</c>).</summary>
    [Id(4)]
    public string Silo { get; set; } = string.Empty;

    /// <summary>Last interaction, Unix milliseconds.</summary>
    [Id(5)]
    public long Touched { get; set; }

    /// <summary>When the session expires without another interaction, Unix milliseconds.</summary>
    [Id(6)]
    public long Expires { get; set; }

    /// <summary>The last applied client seq.</summary>
    [Id(7)]
    public long Seq { get; set; }
}

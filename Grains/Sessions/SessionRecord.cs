using System.Text.Json;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// A session's persisted record (grain state <c>session</c>, stored as JSON): the application version, the pools in
/// canonical form (which include the position: the stack of composites and their current steps), the silo that
/// served it last, when it was last touched and when it expires, and the last applied client seq.
/// </summary>
public sealed class SessionRecord
{
    /// <summary>How records are written as JSON: in storage (the grain-storage serializer uses the same options) and in backups.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>The application id.</summary>
    public string App { get; set; } = string.Empty;

    /// <summary>The application version the session started on.</summary>
    public string Version { get; set; } = string.Empty;

    /// <summary>The current position, e.g. <c>order-entry/checkout/review</c> (also in <see cref="Pools"/>; kept for operators).</summary>
    public string At { get; set; } = string.Empty;

    /// <summary>The pools as logical references.</summary>
    public JsonElement Pools { get; set; }

    /// <summary>The silo that wrote the record: its Orleans address (<c>address:port@generation</c>).</summary>
    public string Silo { get; set; } = string.Empty;

    /// <summary>Last interaction, Unix milliseconds.</summary>
    public long Touched { get; set; }

    /// <summary>When the session expires without another interaction, Unix milliseconds.</summary>
    public long Expires { get; set; }

    /// <summary>The last applied client seq.</summary>
    public long Seq { get; set; }
}

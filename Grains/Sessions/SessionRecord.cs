using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// A session's persisted record (grain state <c>session</c>, stored as compact JSON: one-letter names, nothing that can
/// be derived): the application and version, the pools in canonical form (which include the position: the stack of
/// composites and their current steps), the incarnation number of the silo that wrote it, when it expires, and the last
/// applied client seq, and the owner (the signed-in user who started it, when one did). SQL reads it through the <c>session_records</c> view, which spells the fields out and maps the
/// incarnation back to the silo's address. Also an Orleans serializable type: when a silo shuts down gracefully,
/// Orleans migrates a session activation that has requests waiting, with its state, to another silo.
/// </summary>
[GenerateSerializer]
[Alias("op.session-record")]
public sealed class SessionRecord
{
    /// <summary>How records are written as JSON: in storage (the grain-storage serializer uses the same options) and in backups.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>The application id.</summary>
    [Id(0)]
    [JsonPropertyName("a")]
    public string App { get; set; } = string.Empty;

    /// <summary>The application version the session started on.</summary>
    [Id(1)]
    [JsonPropertyName("v")]
    public string Version { get; set; } = string.Empty;

    /// <summary>The pools as logical references.</summary>
    [Id(2)]
    [JsonPropertyName("p")]
    public JsonElement Pools { get; set; }

    /// <summary>The incarnation number of the silo that wrote the record (see <c>silo_incarnations</c>): a few bytes instead of its address.</summary>
    [Id(3)]
    [JsonPropertyName("i")]
    public long Incarnation { get; set; }

    /// <summary>When the session expires without another interaction, Unix milliseconds (its last interaction was the idle timeout before).</summary>
    [Id(4)]
    [JsonPropertyName("e")]
    public long Expires { get; set; }

    /// <summary>The last applied client seq.</summary>
    [Id(5)]
    [JsonPropertyName("s")]
    public long Seq { get; set; }

    /// <summary>The signed-in user who started the session and owns it; absent (null) for an anonymous session. Only the owner may use it.</summary>
    [Id(6)]
    [JsonPropertyName("o")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Owner { get; set; }
}

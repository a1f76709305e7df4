using System.Text.Json.Serialization;

namespace OrleansPlatform.Runtime.Messaging;

/// <summary>The header of a response frame.</summary>
internal sealed class ReplyHeader
{
    [JsonPropertyName("s")]
    public ReplyStatus Status { get; set; }

    [JsonPropertyName("et")]
    public string? ExceptionType { get; set; }

    [JsonPropertyName("em")]
    public string? Message { get; set; }

    /// <summary>For <see cref="ReplyStatus.Rejected"/>: why, e.g. <c>full</c> or <c>not-serving</c>.</summary>
    [JsonPropertyName("r")]
    public string? Reason { get; set; }

    /// <summary>The silo whose activation answered, so clients can send the grain's next calls there directly.</summary>
    [JsonPropertyName("at")]
    public string? Location { get; set; }

    /// <summary>Extra data of known exceptions (e.g. the cycle of a DeadlockException).</summary>
    [JsonPropertyName("x")]
    public string[]? Details { get; set; }
}

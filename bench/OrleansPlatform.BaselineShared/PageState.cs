using System.Text.Json;

namespace OrleansPlatform.Baselines;

/// <summary>A catalog-search session's state: its step, keyword, page and the keyword's match count.</summary>
public sealed record PageState(string Step, string? Keyword, int Page, long Total)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The state as the JSON text stored in the session's row.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The state a row stores.</summary>
    public static PageState FromJson(string json) => JsonSerializer.Deserialize<PageState>(json, Json) ?? throw new JsonException("A null session state.");
}

using System.Text.Json.Serialization;

namespace OrleansPlatform.Runtime.Messaging;

/// <summary>The header of a request frame. Short property names: it is on every remote call.</summary>
internal sealed class CallHeader
{
    /// <summary>The header of a grain call of <paramref name="kind"/> to <paramref name="target"/>; routing fields are set by the sender.</summary>
    public static CallHeader For(MessageKind kind, GrainId target, Invocation.GrainRequest request) => new()
    {
        Kind = kind,
        Target = target.ToString(),
        Interface = request.Method.InterfaceName,
        MethodId = request.Method.MethodId,
    };

    [JsonPropertyName("k")]
    public MessageKind Kind { get; set; }

    /// <summary>Target grain id (<c>type/key</c>).</summary>
    [JsonPropertyName("g")]
    public string? Target { get; set; }

    [JsonPropertyName("i")]
    public string? Interface { get; set; }

    [JsonPropertyName("m")]
    public uint MethodId { get; set; }

    /// <summary>The grains waiting on this call, outermost first (call-chain reentrancy).</summary>
    [JsonPropertyName("c")]
    public string[]? Chain { get; set; }

    /// <summary>How many silos forwarded this call already; bounded to stop routing loops.</summary>
    [JsonPropertyName("h")]
    public int Hops { get; set; }

    /// <summary>The sender placed the grain on this silo: activate it here unless this silo cannot.</summary>
    [JsonPropertyName("p")]
    public bool Placed { get; set; }

    /// <summary>Milliseconds the caller still waits.</summary>
    [JsonPropertyName("t")]
    public int TimeoutMs { get; set; }

    /// <summary>Broadcast topic.</summary>
    [JsonPropertyName("b")]
    public string? Topic { get; set; }
}

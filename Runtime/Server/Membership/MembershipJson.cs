using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>
/// The JSON held in the <c>load</c> and <c>suspicions</c> columns: <c>{"activations":1,"capacityUsed":0,"capacity":0,"weight":1}</c>
/// and <c>[{"by":"host:port@gen","atMs":123}]</c>. Parsing is lenient about missing members (defaults apply) and throws
/// <see cref="JsonException"/> for malformed text, which callers log and survive.
/// </summary>
internal static class MembershipJson
{
    public static string FormatLoad(SiloLoad load)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("activations", load.Activations);
            writer.WriteNumber("capacityUsed", load.CapacityUsed);
            writer.WriteNumber("capacity", load.Capacity);
            writer.WriteNumber("weight", double.IsFinite(load.Weight) ? load.Weight : 1.0);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static SiloLoad ParseLoad(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return SiloLoad.Empty;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"The load is a JSON {root.ValueKind}, not an object.");
        }

        var empty = SiloLoad.Empty;
        return new SiloLoad(
            Int32Of(root, "activations", empty.Activations),
            Int32Of(root, "capacityUsed", empty.CapacityUsed),
            Int32Of(root, "capacity", empty.Capacity),
            root.TryGetProperty("weight", out var weight) && weight.ValueKind == JsonValueKind.Number ? weight.GetDouble() : empty.Weight);
    }

    public static string FormatSuspicions(IEnumerable<Suspicion> suspicions)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var suspicion in suspicions)
            {
                writer.WriteStartObject();
                writer.WriteString("by", suspicion.By);
                writer.WriteNumber("atMs", suspicion.AtMs);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static List<Suspicion> ParseSuspicions(string? json)
    {
        var result = new List<Suspicion>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"The suspicions are a JSON {root.ValueKind}, not an array.");
        }

        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("by", out var by) || by.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("atMs", out var at) || at.ValueKind != JsonValueKind.Number || !at.TryGetInt64(out var atMs))
            {
                throw new JsonException("A suspicion is not an object {\"by\": string, \"atMs\": integer}.");
            }

            result.Add(new Suspicion(by.GetString()!, atMs));
        }

        return result;
    }

    private static int Int32Of(JsonElement root, string name, int fallback)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"The load member '{name}' is not a 32-bit integer."));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansPlatform.Workflows.References;

/// <summary>See <see cref="ILogicalReferences"/>.</summary>
internal sealed class LogicalReferences : ILogicalReferences
{
    private const string RawKind = "raw";
    private static readonly JsonSerializerOptions RawJson = new(JsonSerializerDefaults.Web);
    private readonly IReadOnlyList<IReferenceCodec> codecs;
    private readonly Dictionary<string, IReferenceCodec> byKind;

    public LogicalReferences(IEnumerable<IReferenceCodec> codecs)
    {
        this.codecs = codecs.ToList();
        byKind = new Dictionary<string, IReferenceCodec>(StringComparer.Ordinal);
        foreach (var codec in this.codecs)
        {
            if (codec.Kind == RawKind || !byKind.TryAdd(codec.Kind, codec))
            {
                throw new InvalidOperationException($"Two reference codecs use the kind '{codec.Kind}' (or it is reserved).");
            }
        }
    }

    public JsonNode? Encode(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return JsonValue.Create(text);
            case long or int or short or byte:
                return JsonValue.Create(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            case bool flag:
                return JsonValue.Create(flag);
        }

        foreach (var codec in codecs)
        {
            if (codec.CanEncode(value))
            {
                var form = new JsonArray(JsonValue.Create(codec.Kind));
                foreach (var element in codec.Encode(value))
                {
                    form.Add(element);
                }

                return form;
            }
        }

        return new JsonArray(JsonValue.Create(RawKind), JsonValue.Create(value.GetType().FullName), JsonSerializer.SerializeToNode(value, value.GetType(), RawJson));
    }

    public async Task<object?> DecodeAsync(JsonElement form, CancellationToken cancellationToken)
    {
        switch (form.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.String:
                return form.GetString();
            case JsonValueKind.Number:
                return form.TryGetInt64(out var whole) ? whole : form.GetDecimal();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Array when form.GetArrayLength() > 0 && form[0].ValueKind == JsonValueKind.String:
                var kind = form[0].GetString()!;
                if (kind == RawKind)
                {
                    return DecodeRaw(form);
                }

                return byKind.TryGetValue(kind, out var codec)
                    ? await codec.DecodeAsync(form, cancellationToken)
                    : throw new ReferenceRebuildException($"No codec is registered for the reference kind '{kind}'.");
            default:
                throw new ReferenceRebuildException($"'{form.GetRawText()}' is not a logical reference.");
        }
    }

    private static object? DecodeRaw(JsonElement form)
    {
        var typeName = form[1].GetString() ?? string.Empty;
        var type = Type.GetType(typeName, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName, throwOnError: false)).FirstOrDefault(t => t is not null)
            ?? throw new ReferenceRebuildException($"The raw value's type '{typeName}' is not loaded.");
        return form[2].Deserialize(type, RawJson);
    }
}

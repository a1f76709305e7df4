using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansPlatform.Workflows.References;

/// <summary>A database entity as <c>["e", type, key]</c>; rebuilt by the <see cref="IEntityLoader"/> of its type.</summary>
internal sealed class EntityReferenceCodec(EntityLoaders loaders) : IReferenceCodec
{
    public string Kind => "e";

    public bool CanEncode(object value) => value is IEntity;

    public IEnumerable<JsonNode?> Encode(object value)
    {
        var entity = (IEntity)value;
        return [JsonValue.Create(entity.EntityType), JsonValue.Create(entity.EntityKey)];
    }

    public async Task<object?> DecodeAsync(JsonElement form, CancellationToken cancellationToken) =>
        await loaders.LoadAsync(form[1].GetString()!, form[2].GetString()!, cancellationToken);
}

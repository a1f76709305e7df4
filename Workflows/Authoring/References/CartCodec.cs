using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansPlatform.Workflows.References;

/// <summary>A cart as <c>["c", entityType, [key, quantity], ...]</c>; rebuilt by reloading each entity.</summary>
internal sealed class CartCodec(EntityLoaders loaders) : IReferenceCodec
{
    public string Kind => "c";

    public bool CanEncode(object value) => value is Cart;

    public IEnumerable<JsonNode?> Encode(object value)
    {
        var cart = (Cart)value;
        yield return JsonValue.Create(cart.EntityType);
        foreach (var line in cart.Lines)
        {
            yield return new JsonArray(JsonValue.Create(line.Item.EntityKey), JsonValue.Create(line.Quantity));
        }
    }

    public async Task<object?> DecodeAsync(JsonElement form, CancellationToken cancellationToken)
    {
        var cart = new Cart(form[1].GetString()!);
        for (var i = 2; i < form.GetArrayLength(); i++)
        {
            var line = form[i];
            cart.Add(await loaders.LoadAsync(cart.EntityType, line[0].GetString()!, cancellationToken), line[1].GetInt64());
        }

        return cart;
    }
}

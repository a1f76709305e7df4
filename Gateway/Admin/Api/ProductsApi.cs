using System.Text.Json;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Grains.Catalog;

namespace OrleansPlatform.Gateway.Admin.Api;

/// <summary>
/// <c>GET /admin/api/products/{id}</c> and <c>PATCH /admin/api/products/{id}</c> with any of <c>name</c>,
/// <c>description</c>, <c>price</c> (cents) and <c>stock</c>: a catalog update, shown by every session's next page.
/// </summary>
internal static class ProductsApi
{
    private const int MaxName = 200;
    private const int MaxDescription = 4000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/products/{id:long}", async (long id, IGrainFactory grains) =>
            await Catalog(grains).Get(id) is { } product ? Results.Ok(product) : NotFound(id));
        api.MapPatch("/products/{id:long}", async (long id, HttpRequest request, IGrainFactory grains) =>
        {
            var (body, problem) = await RequestBodies.ReadJsonObjectAsync(request, AdminApiEndpoints.MaxBodyBytes);
            if (problem is not null)
            {
                return problem;
            }

            if (Parse(body, out var change) is { } invalid)
            {
                return invalid;
            }

            return await Catalog(grains).Update(id, change) is { } product ? Results.Ok(product) : NotFound(id);
        });
    }

    private static ICatalogAdminGrain Catalog(IGrainFactory grains) => grains.GetGrain<ICatalogAdminGrain>("admin");

    private static IResult NotFound(long id) =>
        GatewayProblems.Problem(StatusCodes.Status404NotFound, "Unknown product", $"There is no product {id}.");

    private static IResult? Parse(JsonElement body, out ProductChange change)
    {
        change = new ProductChange(null, null, null, null);
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Trim() is { Length: > 0 and <= MaxName } name:
                    change = change with { Name = name };
                    break;
                case "description" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length <= MaxDescription:
                    change = change with { Description = property.Value.GetString() };
                    break;
                case "price" when property.Value.TryGetInt64(out var price) && price >= 0:
                    change = change with { Price = price };
                    break;
                case "stock" when property.Value.TryGetInt64(out var stock) && stock >= 0:
                    change = change with { Stock = stock };
                    break;
                case "name" or "description" or "price" or "stock":
                    return Invalid(property.Name, property.Name switch
                    {
                        "name" => $"name must be text of 1 to {MaxName} characters.",
                        "description" => $"description must be text of at most {MaxDescription} characters.",
                        _ => $"{property.Name} must be a whole number of at least 0.",
                    });
                default:
                    return Invalid(property.Name, $"'{(property.Name.Length <= 40 ? property.Name : property.Name[..40])}' is not a product field (name, description, price, stock).");
            }
        }

        return change == new ProductChange(null, null, null, null) ? Invalid("body", "Give at least one of name, description, price, stock.") : null;
    }

    private static IResult Invalid(string field, string detail) =>
        GatewayProblems.Problem(StatusCodes.Status400BadRequest, "Invalid product change", detail, new Dictionary<string, object?> { ["field"] = field });
}

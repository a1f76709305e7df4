using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.References;

namespace OrleansPlatform.Workflows.Applications.OrderEntry;

/// <summary>
/// <c>order-entry</c>: browse the catalog (search, page), add quantities to a cart (application pool, logical
/// reference: product keys plus quantities), then the <c>checkout</c> composite: review, place (stock locked and
/// decremented in one transaction), confirmation, or a not-enough-stock view naming the product.
/// </summary>
public static class OrderEntryApplication
{
    /// <summary>The application id.</summary>
    public const string Id = "order-entry";

    /// <summary>Largest quantity one add accepts.</summary>
    public const long MaxQuantity = 1000;

    private static readonly Rule CartHasLines = new("the cart has lines", c => c.Application.Get<Cart>("cart")?.Lines.Count > 0);

    /// <summary>The application definition.</summary>
    public static ApplicationDefinition Create(string version = "1.0") => new(
        Id,
        "Order entry",
        version,
        [
            new InteractiveStep(
                "browse",
                [PortDefinition.Of("show")],
                "Browse products",
                context => new
                {
                    results = CatalogSteps.PageData(context.Get<QueryPage>("page"), p => new { id = p.Id, name = p.Name, price = p.Price, stock = p.Stock }),
                    cartLines = context.Application.Get<Cart>("cart")?.Lines.Count ?? 0,
                },
                [
                    new ActionDefinition("search", "submitted", [InputField.Text("keyword", label: "Keyword")]),
                    ActionDefinition.Of("next", "next", CatalogSteps.HasNextPage),
                    ActionDefinition.Of("prev", "prev", CatalogSteps.HasPreviousPage),
                    new ActionDefinition("add", "add", [InputField.HiddenNumber("productId"), InputField.Number("quantity", label: "Quantity")]),
                    ActionDefinition.Of("review", "review"),
                ]),
            CatalogSteps.RunSearch(),
            CatalogSteps.TurnPage(),
            AddToCart(),
            Checkout(),
        ],
        [
            Connection.Of("browse", "submitted", "run-search", "query"),
            Connection.Of("run-search", "found", "browse", "show"),
            Connection.Of("browse", "next", "turn-page", "forward"),
            Connection.Of("browse", "prev", "turn-page", "back"),
            Connection.Of("turn-page", "turned", "browse", "show"),
            Connection.Of("browse", "add", "add-to-cart", "add"),
            Connection.Of("add-to-cart", "added", "browse", "show"),
            Connection.Of("browse", "review", "checkout", "start"),
            Connection.Of("checkout", "done", "browse", "show"),
        ],
        "browse");

    private static SimpleStep AddToCart() => new(
        "add-to-cart",
        [PortDefinition.Of("add", ParameterDefinition.Of<long>("productId"), ParameterDefinition.Of<long>("quantity"))],
        [PortDefinition.Of("added")],
        async context =>
        {
            var quantity = context.Get<long>("quantity");
            if (quantity is < 1 or > MaxQuantity)
            {
                throw InvalidInputException.For("quantity", $"must be between 1 and {MaxQuantity} (got {quantity}).");
            }

            var productId = context.Get<long>("productId");
            var product = await context.Service<IProductCatalog>().FindAsync(productId, context.CancellationToken)
                ?? throw InvalidInputException.For("productId", $"names no product ({productId}).");
            var cart = context.Application.Get<Cart>("cart") ?? new Cart(Product.Type);
            cart.Add(product, quantity);
            context.Application.Set("cart", cart);
            return "added";
        });

    private static CompositeStep Checkout() => new(
        "checkout",
        [PortDefinition.Of("start")],
        [PortDefinition.Of("done")],
        [
            new InteractiveStep(
                "review",
                [PortDefinition.Of("show")],
                "Review your order",
                context =>
                {
                    var lines = context.Application.Get<Cart>("cart")?.Lines ?? [];
                    var products = lines.Select(l => (Product: (Product)l.Item, l.Quantity)).ToList();
                    return new
                    {
                        lines = products.Select(l => new { productId = l.Product.Id, name = l.Product.Name, quantity = l.Quantity, unitPrice = l.Product.Price, lineTotal = l.Product.Price * l.Quantity }).ToList(),
                        itemCount = products.Sum(l => l.Quantity),
                        total = products.Sum(l => l.Product.Price * l.Quantity),
                    };
                },
                [ActionDefinition.Of("place", "place", CartHasLines), ActionDefinition.Of("browse", "browse")]),
            new SimpleStep(
                "place-order",
                [PortDefinition.Of("place")],
                [PortDefinition.Of("placed", ParameterDefinition.Of<long>("orderId")), PortDefinition.Of("out-of-stock", ParameterDefinition.Of<string>("stockError"))],
                PlaceOrderAsync),
            new InteractiveStep(
                "confirmation",
                [PortDefinition.Of("show", ParameterDefinition.Of<long>("orderId"))],
                "Order placed",
                context => new { orderId = context.Get<long>("orderId") },
                [ActionDefinition.Of("new-order", "again")]),
            new InteractiveStep(
                "out-of-stock",
                [PortDefinition.Of("show", ParameterDefinition.Of<string>("stockError"))],
                "Not enough stock",
                context => new { message = context.Get<string>("stockError"), productId = context.Get<long>("stockProductId"), productName = context.Get<string>("stockProductName") },
                [ActionDefinition.Of("review", "review"), ActionDefinition.Of("browse", "browse")]),
        ],
        [
            Connection.Of("review", "browse", Endpoint.Boundary, "done"),
            Connection.Of("review", "place", "place-order", "place"),
            Connection.Of("place-order", "placed", "confirmation", "show"),
            Connection.Of("place-order", "out-of-stock", "out-of-stock", "show"),
            Connection.Of("out-of-stock", "review", "review", "show"),
            Connection.Of("out-of-stock", "browse", Endpoint.Boundary, "done"),
            Connection.Of("confirmation", "again", Endpoint.Boundary, "done"),
        ],
        "review");

    private static async Task<string> PlaceOrderAsync(StepContext context)
    {
        var cart = context.Application.Get<Cart>("cart") ?? new Cart(Product.Type);
        try
        {
            var lines = cart.Lines.Select(l => new OrderLineRequest(((Product)l.Item).Id, l.Quantity)).ToList();
            context.Set("orderId", await context.Service<IOrderService>().PlaceAsync(context.SessionId, lines, context.CancellationToken));
            context.Application.Remove("cart");
            return "placed";
        }
        catch (InsufficientStockException exception)
        {
            context.Set("stockError", exception.Message);
            context.Set("stockProductId", exception.ProductId);
            context.Set("stockProductName", exception.ProductName);
            return "out-of-stock";
        }
    }
}

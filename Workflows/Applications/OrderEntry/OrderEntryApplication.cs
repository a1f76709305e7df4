using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.References;
using OrleansPlatform.Workflows.Views;

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

    private static readonly Dictionary<string, string> BrowseFormats = new(StringComparer.Ordinal)
    {
        ["id"] = ViewFormats.Hidden,
        ["price"] = CatalogSteps.Money,
        ["cartTotal"] = CatalogSteps.Money,
    };

    private static readonly Dictionary<string, string> OrderFormats = new(StringComparer.Ordinal)
    {
        ["id"] = ViewFormats.Hidden,
        ["productId"] = ViewFormats.Hidden,
        ["unitPrice"] = CatalogSteps.Money,
        ["lineTotal"] = CatalogSteps.Money,
        ["total"] = CatalogSteps.Money,
        ["message"] = ViewFormats.Hidden,
        ["productName"] = ViewFormats.Hidden,
    };

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
                context =>
                {
                    var cart = context.Application.Get<Cart>("cart");
                    return new
                    {
                        results = CatalogSteps.PageData(context.Get<QueryPage>("page"), p => new { id = p.Id, name = p.Name, price = p.Price, stock = p.Stock }),
                        cartLines = cart?.Lines.Count ?? 0,
                        cartTotal = Lines(cart).Sum(l => l.LineTotal),
                    };
                },
                [
                    new ActionDefinition("search", "submitted", [CatalogSteps.KeywordField("Keyword")]) { Label = "Search" },
                    ActionDefinition.Of("next", "next", CatalogSteps.HasNextPage) with { Label = "Next" },
                    ActionDefinition.Of("prev", "prev", CatalogSteps.HasPreviousPage) with { Label = "Previous" },
                    new ActionDefinition("add", "add", [InputField.HiddenNumber("productId"), QuantityField(min: 1)]) { Label = "Add to cart", Rows = "items" },
                    ActionDefinition.Of("review", "review") with { Label = "Review cart", Primary = true },
                ])
            {
                Formats = BrowseFormats,
            },
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
        "browse")
    {
        Description = "Browse products, fill a cart, change or remove its lines and place an order against the stock.",

        // Orders name who placed them: a signed-in user (README, Users of applications).
        Access = ApplicationAccess.SignedIn,
    };

    // The row's quantity starts at 1 on browse (never the last quantity typed) and at the line's quantity in the cart.
    private static InputField QuantityField(long min) => InputField.Number("quantity", label: "Quantity", min: min, max: MaxQuantity) with
    {
        Default = min == 0 ? null : "1",
        KeepValue = false,
    };

    private static List<(Product Product, long Quantity, long LineTotal)> Lines(Cart? cart) =>
        (cart?.Lines ?? []).Select(l => ((Product)l.Item, l.Quantity, ((Product)l.Item).Price * l.Quantity)).ToList();

    // What the review and the confirmation show of a cart: its lines (the row id is the product id), the count and the total.
    private static Dictionary<string, object> OrderData(Cart? cart, long? orderId = null)
    {
        var lines = Lines(cart);
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        if (orderId is { } id)
        {
            data["orderId"] = id;
        }

        data["lines"] = lines.Select(l => new { id = l.Product.Id, productId = l.Product.Id, name = l.Product.Name, quantity = l.Quantity, unitPrice = l.Product.Price, lineTotal = l.LineTotal }).ToList();
        data["itemCount"] = lines.Sum(l => l.Quantity);
        data["total"] = lines.Sum(l => l.LineTotal);
        return data;
    }

    private static SimpleStep AddToCart() => new(
        "add-to-cart",
        [PortDefinition.Of("add", ParameterDefinition.Of<long>("productId"), ParameterDefinition.Of<long>("quantity"))],
        [PortDefinition.Of("added")],
        async context =>
        {
            // The quantity's bounds are the field's (checked before this step runs).
            var quantity = context.Get<long>("quantity");
            var product = await FindAsync(context);
            var cart = context.Application.Get<Cart>("cart") ?? new Cart(Product.Type);
            cart.Add(product, quantity);
            context.Application.Set("cart", cart);
            return "added";
        });

    private static SimpleStep ChangeCart() => new(
        "change-cart",
        [
            PortDefinition.Of("set", ParameterDefinition.Of<long>("productId"), ParameterDefinition.Of<long>("quantity")),
            PortDefinition.Of("remove", ParameterDefinition.Of<long>("productId")),
        ],
        [PortDefinition.Of("changed")],
        async context =>
        {
            var product = await FindAsync(context);
            var cart = context.Application.Get<Cart>("cart") ?? new Cart(Product.Type);
            if (context.EnteredPort == "remove")
            {
                cart.Remove(product.EntityKey);
            }
            else
            {
                cart.SetQuantity(product, context.Get<long>("quantity"));
            }

            context.Application.Set("cart", cart);
            return "changed";
        });

    private static async Task<Product> FindAsync(StepContext context)
    {
        var productId = context.Get<long>("productId");
        return await context.Service<IProductCatalog>().FindAsync(productId, context.CancellationToken)
            ?? throw InvalidInputException.For("productId", "Product", $"names no product ({productId}).");
    }

    private static CompositeStep Checkout() => new(
        "checkout",
        [PortDefinition.Of("start")],
        [PortDefinition.Of("done")],
        [
            new InteractiveStep(
                "review",
                [PortDefinition.Of("show")],
                "Review your order",
                context => OrderData(context.Application.Get<Cart>("cart")),
                [
                    new ActionDefinition("set-quantity", "set", [InputField.HiddenNumber("productId"), QuantityField(min: 0) with { Help = "0 removes the line." }]) { Label = "Update", Rows = "lines" },
                    new ActionDefinition("remove", "remove", [InputField.HiddenNumber("productId")]) { Label = "Remove", Rows = "lines" },
                    ActionDefinition.Of("place", "place", CartHasLines) with { Label = "Place order", Primary = true },
                    ActionDefinition.Of("browse", "browse") with { Label = "Continue shopping" },
                ])
            {
                Formats = OrderFormats,
                Notice = context => CartHasLines.Condition(context) ? null : "Your cart is empty.",
            },
            ChangeCart(),
            new SimpleStep(
                "place-order",
                [PortDefinition.Of("place")],
                [PortDefinition.Of("placed", ParameterDefinition.Of<long>("orderId")), PortDefinition.Of("out-of-stock", ParameterDefinition.Of<string>("stockError"))],
                PlaceOrderAsync),
            new InteractiveStep(
                "confirmation",
                [PortDefinition.Of("show", ParameterDefinition.Of<long>("orderId"))],
                "Order placed",
                context => OrderData(context.Get<Cart>("ordered"), context.Get<long>("orderId")),
                [ActionDefinition.Of("new-order", "again") with { Label = "Start a new order", Primary = true }])
            {
                Formats = OrderFormats,
                Notice = context =>
                {
                    var lines = Lines(context.Get<Cart>("ordered"));
                    return $"Thank you! Order {context.Get<long>("orderId")} is placed: {lines.Sum(l => l.Quantity)} item(s), {ViewFormats.FormatMoney(lines.Sum(l => l.LineTotal), Product.Currency)}.";
                },
            },
            new InteractiveStep(
                "out-of-stock",
                [PortDefinition.Of("show", ParameterDefinition.Of<string>("stockError"))],
                "Not enough stock",
                context => new { message = context.Get<string>("stockError"), productId = context.Get<long>("stockProductId"), productName = context.Get<string>("stockProductName") },
                [ActionDefinition.Of("review", "review") with { Label = "Back to the cart", Primary = true }, ActionDefinition.Of("browse", "browse") with { Label = "Continue shopping" }])
            {
                Formats = OrderFormats,
                Notice = context => context.Get<string>("stockError"),
            },
        ],
        [
            Connection.Of("review", "browse", Endpoint.Boundary, "done"),
            Connection.Of("review", "set", "change-cart", "set"),
            Connection.Of("review", "remove", "change-cart", "remove"),
            Connection.Of("change-cart", "changed", "review", "show"),
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
            context.Set("orderId", await context.Service<IOrderService>().PlaceAsync(context.SessionId, context.User, lines, context.CancellationToken));

            // The confirmation shows what was ordered: the same keys and quantities, kept in the checkout's own pool.
            context.Set("ordered", cart.Copy());
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

namespace OrleansPlatform.Benchmarks;

/// <summary>A realistic small grain state: a shopping cart of three lines, about 300 bytes of JSON.</summary>
public sealed record CartState
{
    public string CustomerId { get; init; } = "";

    public string Currency { get; init; } = "EUR";

    public List<CartLine> Lines { get; init; } = [];

    public string? CouponCode { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public static CartState Sample() => new()
    {
        CustomerId = "c-7f3a9e12",
        Currency = "EUR",
        Lines =
        [
            new("sku-100231", "Espresso beans 1 kg", 2, 18.90m),
            new("sku-200877", "Milk frother", 1, 49.00m),
            new("sku-300012", "Descaler (3-pack)", 1, 12.45m),
        ],
        CouponCode = "SPRING-10",
        UpdatedAt = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero),
    };
}

/// <summary>One line of a <see cref="CartState"/>.</summary>
public sealed record CartLine(string Sku, string Name, int Quantity, decimal UnitPrice);
